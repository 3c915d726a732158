import type { Static } from '@sinclair/typebox';
import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { forbidden } from '../../platform/errors.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import {
  DEFAULT_VETO_FAIL_LIMIT,
  publishProblems,
  ruleProblems,
  type ItemResult,
} from './checklist.rules.js';
import { TemplateErrors } from './checklist.templates.errors.js';
import { CatalogueService } from './catalogue.service.js';
import {
  formatAllowedResults,
  parseAllowedResults,
  TEMPLATE_STATUS_LABEL,
  templateContent,
} from './checklist.templates.presenter.js';
import {
  ChecklistTemplatesRepository,
  type ChapterRow,
  type ItemRow,
  type TemplateFilter,
  type TemplateListRow,
  type TemplateRow,
} from './checklist.templates.repository.js';
import type { TemplateContent } from './checklist.templates.schemas.js';
import type { LicensingChecklistTemplateTable } from './checklist.templates.tables.js';
import type { Selectable, Updateable } from 'kysely';

/** Permission of the template administrators (the editor of the 29 templates). */
export const TEMPLATE_PERMISSION = 'licensing:template';
/** Holders may read templates to choose one for a task. */
export const TEMPLATE_READ_PERMISSIONS = [TEMPLATE_PERMISSION, 'licensing:inspect'];

/** The snapshot of a template a task keeps (the presented content). */
export type TemplateSnapshot = Static<typeof TemplateContent>;

export interface RulesInput {
  vetoFailLimit?: number | undefined;
  generalFailLimit?: number | null | undefined;
  basicPerFail?: number | null | undefined;
  vetoAllowsBasic?: boolean | undefined;
}

export interface TemplateHeaderInput {
  name?: string | undefined;
  varietyId?: string | null | undefined;
  productUnitId?: string | null | undefined;
  ruleDocNo?: string | null | undefined;
  effectiveFrom?: string | null | undefined;
  description?: string | null | undefined;
  isExample?: boolean | undefined;
  allowedResults?: ItemResult[] | undefined;
  rules?: RulesInput | undefined;
}

export interface NewItemInput {
  code: string;
  content: string;
  method?: string | null | undefined;
  veto?: boolean | undefined;
  appliesWhen?: string | null | undefined;
}

export interface CreateTemplateInput extends TemplateHeaderInput {
  code: string;
  name: string;
  chapters?: Array<{ title: string; items?: NewItemInput[] | undefined }> | undefined;
}

export interface ItemInput {
  chapterId?: string | undefined;
  code?: string | undefined;
  content?: string | undefined;
  method?: string | null | undefined;
  veto?: boolean | undefined;
  appliesWhen?: string | null | undefined;
  seq?: number | undefined;
}

/** The requested order of a draft: every chapter with its items, in order. */
export interface TemplateOrderInput {
  chapters: Array<{ id: string; items: string[] }>;
}

/** A template with its chapters and items. */
export interface TemplateFull {
  template: TemplateRow;
  chapters: ChapterRow[];
  items: ItemRow[];
}

const DEFAULT_RESULTS: ItemResult[] = ['conform', 'nonconform', 'na'];
const trimOrNull = (s: string | null | undefined) =>
  s === null || s === undefined ? null : s.trim() || null;

/**
 * The first problem of a requested order: it must name exactly the template's chapters and items, each once
 * (an item may be listed under another chapter of the template, which moves it there).
 */
function orderProblem(
  chapters: readonly ChapterRow[],
  items: readonly ItemRow[],
  order: TemplateOrderInput,
): { message: string; field: string } | undefined {
  const chapterById = new Map(chapters.map((c) => [c.id, c]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const seenChapters = new Set<string>();
  const seenItems = new Set<string>();
  for (const [ci, c] of order.chapters.entries()) {
    const field = `chapters.${ci}.id`;
    const chapter = chapterById.get(c.id);
    if (!chapter) return { message: '章节不属于该模板，请刷新后重试', field };
    if (seenChapters.has(c.id)) return { message: `章节“${chapter.title}”在排序中重复出现`, field };
    seenChapters.add(c.id);
    for (const [ii, itemId] of c.items.entries()) {
      const itemField = `chapters.${ci}.items.${ii}`;
      const item = itemById.get(itemId);
      if (!item) return { message: '条款不属于该模板，请刷新后重试', field: itemField };
      if (seenItems.has(itemId)) return { message: `条款 ${item.code} 在排序中重复出现`, field: itemField };
      seenItems.add(itemId);
    }
  }
  const missingChapter = chapters.find((c) => !seenChapters.has(c.id));
  if (missingChapter)
    return { message: `排序缺少章节“${missingChapter.title}”，请刷新后重试`, field: 'chapters' };
  const missingItem = items.find((i) => !seenItems.has(i.id));
  if (missingItem) return { message: `排序缺少条款 ${missingItem.code}，请刷新后重试`, field: 'chapters' };
  return undefined;
}

function need(p: Principal, codes: readonly string[]): void {
  if (!codes.some((c) => p.permissions.has(c)))
    throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${codes.join(' 或 ')}）`);
}

/**
 * 核查模板 engine (licensing.md §8, seed 行政许可 6) 根据新细则29个产品核查模板，重新制定核查表): templates with
 * chapters and items and a configurable conclusion rule. A published template is read-only; editing means a
 * new version (a draft copy), and tasks keep the snapshot they took.
 */
export class ChecklistTemplatesService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged list of templates (all versions, or the newest of each code). */
  async list(p: Principal, f: TemplateFilter, q: ListQuery): Promise<Page<TemplateListRow>> {
    need(p, TEMPLATE_READ_PERMISSIONS);
    return new ChecklistTemplatesRepository(this.ctx.db).list(f, q);
  }

  /** One template with its chapters and items. */
  async get(p: Principal, id: string): Promise<TemplateFull> {
    need(p, TEMPLATE_READ_PERMISSIONS);
    return this.full(new ChecklistTemplatesRepository(this.ctx.db), id);
  }

  private async full(repo: ChecklistTemplatesRepository, id: string): Promise<TemplateFull> {
    const template = await repo.findById(id);
    if (!template) throw TemplateErrors.notFound();
    return { template, chapters: await repo.chapters(id), items: await repo.items(id) };
  }

  /** The snapshot of a published template, for a task (in the caller's transaction). */
  async snapshot(id: string, db: Database = this.ctx.db): Promise<TemplateSnapshot | undefined> {
    const repo = new ChecklistTemplatesRepository(db);
    const t = await repo.findById(id);
    if (!t) return undefined;
    return templateContent(t, await repo.chapters(id), await repo.items(id));
  }

  /** The newest published template bound to a 产品单元 (else to its 品种, when given). */
  async publishedFor(
    productUnitId: string,
    varietyId?: string,
    db: Database = this.ctx.db,
  ): Promise<Selectable<LicensingChecklistTemplateTable> | undefined> {
    return new ChecklistTemplatesRepository(db).publishedFor(productUnitId, varietyId);
  }

  private checkRules(
    current: Selectable<LicensingChecklistTemplateTable> | undefined,
    input: TemplateHeaderInput,
  ) {
    const allowedResults =
      input.allowedResults ?? (current ? parseAllowedResults(current.allowed_results) : DEFAULT_RESULTS);
    const r = input.rules ?? {};
    const merged = {
      allowedResults,
      vetoFailLimit: r.vetoFailLimit ?? current?.veto_fail_limit ?? DEFAULT_VETO_FAIL_LIMIT,
      generalFailLimit:
        r.generalFailLimit !== undefined ? r.generalFailLimit : (current?.general_fail_limit ?? null),
      basicPerFail: r.basicPerFail !== undefined ? r.basicPerFail : (current?.basic_per_fail ?? null),
      vetoAllowsBasic: r.vetoAllowsBasic ?? current?.veto_allows_basic ?? false,
    };
    const problems = ruleProblems(merged);
    if (problems.length) throw TemplateErrors.invalid(problems[0]!.message, problems[0]!.field);
    return merged;
  }

  /** The catalogue nodes a template is bound to must exist at their level (品种, 产品单元). */
  private async checkBinding(db: Database, input: TemplateHeaderInput): Promise<void> {
    const catalogue = new CatalogueService({ ...this.ctx, db });
    const check = async (
      id: string | null | undefined,
      level: 'variety' | 'unit',
      field: string,
      label: string,
    ) => {
      if (!id) return;
      const node = await catalogue.get(id, db).catch(() => undefined);
      if (!node || node.level !== level) throw TemplateErrors.invalid(`所选${label}不在产品目录中`, field);
    };
    await check(input.varietyId, 'variety', 'varietyId', '品种');
    await check(input.productUnitId, 'unit', 'productUnitId', '产品单元');
  }

  /** Creates a draft (optionally with chapters and items in one call, for importing a 细则's table). */
  async create(p: Principal, input: CreateTemplateInput): Promise<TemplateFull> {
    need(p, [TEMPLATE_PERMISSION]);
    const id = await this.ctx.db.transaction().execute((trx) => this.createIn(trx, p.userId, input));
    return this.full(new ChecklistTemplatesRepository(this.ctx.db), id);
  }

  /** Writes a new draft in a transaction; also used by the seed (by = null). */
  async createIn(db: Database, by: string | null, input: CreateTemplateInput): Promise<string> {
    const repo = new ChecklistTemplatesRepository(db);
    const code = input.code.trim();
    if (await repo.codeExists(code)) throw TemplateErrors.codeTaken(code);
    const rules = this.checkRules(undefined, input);
    await this.checkBinding(db, input);
    const now = this.ctx.clock.now();
    const id = uuidv7();
    await repo.insert({
      id,
      code,
      version: 1,
      name: input.name.trim(),
      status: 'draft',
      variety_id: input.varietyId ?? null,
      product_unit_id: input.productUnitId ?? null,
      rule_doc_no: trimOrNull(input.ruleDocNo),
      effective_from: input.effectiveFrom ?? null,
      is_example: input.isExample ?? false,
      description: trimOrNull(input.description),
      allowed_results: formatAllowedResults(rules.allowedResults),
      veto_fail_limit: rules.vetoFailLimit,
      general_fail_limit: rules.generalFailLimit,
      basic_per_fail: rules.basicPerFail,
      veto_allows_basic: rules.vetoAllowsBasic,
      published_at: null,
      published_by: null,
      created_at: now,
      created_by: by,
      updated_at: now,
      updated_by: by,
    });
    const chapters = input.chapters ?? [];
    const codes = new Set<string>();
    const chapterRows = chapters.map((c, i) => ({
      id: uuidv7(),
      template_id: id,
      seq: i + 1,
      title: c.title.trim(),
    }));
    const itemRows = chapters.flatMap((c, ci) =>
      (c.items ?? []).map((it, ii) => {
        const itemCode = it.code.trim();
        if (codes.has(itemCode)) throw TemplateErrors.itemCodeTaken(itemCode);
        codes.add(itemCode);
        return {
          id: uuidv7(),
          template_id: id,
          chapter_id: chapterRows[ci]!.id,
          seq: ii + 1,
          code: itemCode,
          content: it.content.trim(),
          method: trimOrNull(it.method),
          veto: it.veto ?? false,
          applies_when: trimOrNull(it.appliesWhen),
        };
      }),
    );
    await repo.insertChapters(chapterRows);
    await repo.insertItems(itemRows);
    return id;
  }

  /** Runs an edit of a draft in a transaction with the template row locked; published ones are read-only. */
  private async editDraft<T>(
    p: Principal,
    id: string,
    edit: (repo: ChecklistTemplatesRepository, t: Selectable<LicensingChecklistTemplateTable>) => Promise<T>,
  ): Promise<T> {
    need(p, [TEMPLATE_PERMISSION]);
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ChecklistTemplatesRepository(trx);
      const t = await repo.lock(id);
      if (!t) throw TemplateErrors.notFound();
      if (t.status !== 'draft') throw TemplateErrors.readOnly(TEMPLATE_STATUS_LABEL[t.status]);
      const out = await edit(repo, t);
      await repo.update(id, { updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return out;
    });
  }

  /** Edits the header and the conclusion parameters of a draft. */
  async update(p: Principal, id: string, input: TemplateHeaderInput): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo, t) => {
      const rules = this.checkRules(t, input);
      await this.checkBinding(repo.database, input);
      const patch: Updateable<LicensingChecklistTemplateTable> = {
        allowed_results: formatAllowedResults(rules.allowedResults),
        veto_fail_limit: rules.vetoFailLimit,
        general_fail_limit: rules.generalFailLimit,
        basic_per_fail: rules.basicPerFail,
        veto_allows_basic: rules.vetoAllowsBasic,
      };
      if (input.name !== undefined) patch.name = input.name.trim();
      if (input.varietyId !== undefined) patch.variety_id = input.varietyId;
      if (input.productUnitId !== undefined) patch.product_unit_id = input.productUnitId;
      if (input.ruleDocNo !== undefined) patch.rule_doc_no = trimOrNull(input.ruleDocNo);
      if (input.effectiveFrom !== undefined) patch.effective_from = input.effectiveFrom;
      if (input.description !== undefined) patch.description = trimOrNull(input.description);
      if (input.isExample !== undefined) patch.is_example = input.isExample;
      await repo.update(id, patch);
    });
    return this.get(p, id);
  }

  /** Deletes a draft that was never published (an abandoned new version or a mistake). */
  async deleteDraft(p: Principal, id: string): Promise<void> {
    need(p, [TEMPLATE_PERMISSION]);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ChecklistTemplatesRepository(trx);
      const t = await repo.lock(id);
      if (!t) throw TemplateErrors.notFound();
      if (t.status !== 'draft') throw TemplateErrors.readOnly(TEMPLATE_STATUS_LABEL[t.status]);
      await repo.delete(id);
    });
  }

  /** Adds a chapter to a draft (at the end unless a position is given). */
  async addChapter(
    p: Principal,
    id: string,
    input: { title: string; seq?: number | undefined },
  ): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo) => {
      await repo.insertChapters([
        {
          id: uuidv7(),
          template_id: id,
          seq: input.seq ?? (await repo.nextChapterSeq(id)),
          title: input.title.trim(),
        },
      ]);
    });
    return this.get(p, id);
  }

  async updateChapter(
    p: Principal,
    id: string,
    chapterId: string,
    input: { title?: string | undefined; seq?: number | undefined },
  ): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo) => {
      if (!(await repo.findChapter(id, chapterId))) throw TemplateErrors.chapterNotFound();
      await repo.updateChapter(chapterId, {
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.seq !== undefined ? { seq: input.seq } : {}),
      });
    });
    return this.get(p, id);
  }

  /** Removes a chapter and its items from a draft. */
  async deleteChapter(p: Principal, id: string, chapterId: string): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo) => {
      if (!(await repo.findChapter(id, chapterId))) throw TemplateErrors.chapterNotFound();
      await repo.deleteChapter(chapterId);
    });
    return this.get(p, id);
  }

  /** Adds an item (编号, content, method, 否决项 flag) to a chapter of a draft. */
  async addItem(
    p: Principal,
    id: string,
    input: ItemInput & { chapterId: string; code: string; content: string },
  ) {
    await this.editDraft(p, id, async (repo) => {
      if (!(await repo.findChapter(id, input.chapterId))) throw TemplateErrors.chapterOfOtherTemplate();
      const code = input.code.trim();
      if (await repo.itemCodeTaken(id, code)) throw TemplateErrors.itemCodeTaken(code);
      await repo.insertItems([
        {
          id: uuidv7(),
          template_id: id,
          chapter_id: input.chapterId,
          seq: input.seq ?? (await repo.nextItemSeq(input.chapterId)),
          code,
          content: input.content.trim(),
          method: trimOrNull(input.method),
          veto: input.veto ?? false,
          applies_when: trimOrNull(input.appliesWhen),
        },
      ]);
    });
    return this.get(p, id);
  }

  async updateItem(p: Principal, id: string, itemId: string, input: ItemInput): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo) => {
      if (!(await repo.findItem(id, itemId))) throw TemplateErrors.itemNotFound();
      if (input.chapterId !== undefined && !(await repo.findChapter(id, input.chapterId)))
        throw TemplateErrors.chapterOfOtherTemplate();
      const code = input.code?.trim();
      if (code !== undefined && (await repo.itemCodeTaken(id, code, itemId)))
        throw TemplateErrors.itemCodeTaken(code);
      await repo.updateItem(itemId, {
        ...(input.chapterId !== undefined ? { chapter_id: input.chapterId } : {}),
        ...(code !== undefined ? { code } : {}),
        ...(input.content !== undefined ? { content: input.content.trim() } : {}),
        ...(input.method !== undefined ? { method: trimOrNull(input.method) } : {}),
        ...(input.veto !== undefined ? { veto: input.veto } : {}),
        ...(input.appliesWhen !== undefined ? { applies_when: trimOrNull(input.appliesWhen) } : {}),
        ...(input.seq !== undefined ? { seq: input.seq } : {}),
      });
    });
    return this.get(p, id);
  }

  async deleteItem(p: Principal, id: string, itemId: string): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo) => {
      if (!(await repo.findItem(id, itemId))) throw TemplateErrors.itemNotFound();
      await repo.deleteItem(itemId);
    });
    return this.get(p, id);
  }

  /**
   * Sets the whole order of a draft in one transaction: each chapter's position, and each item's chapter and
   * position (moving items between chapters). Item numbers (条款编号) are left as they are.
   */
  async reorder(p: Principal, id: string, input: TemplateOrderInput): Promise<TemplateFull> {
    await this.editDraft(p, id, async (repo) => {
      const problem = orderProblem(await repo.chapters(id), await repo.items(id), input);
      if (problem) throw TemplateErrors.orderInvalid(problem.message, problem.field);
      await repo.setChapterOrder(
        id,
        input.chapters.map((c, i) => ({ id: c.id, seq: i + 1 })),
      );
      await repo.setItemOrder(
        id,
        input.chapters.flatMap((c) =>
          c.items.map((itemId, i) => ({ id: itemId, chapterId: c.id, seq: i + 1 })),
        ),
      );
    });
    return this.get(p, id);
  }

  /**
   * Publishes a complete draft; the previously published version of the code is superseded (tasks that
   * took it keep their snapshot). From now on the version is read-only.
   */
  async publish(p: Principal, id: string): Promise<TemplateFull> {
    need(p, [TEMPLATE_PERMISSION]);
    await this.ctx.db.transaction().execute((trx) => this.publishIn(trx, p.userId, id));
    return this.get(p, id);
  }

  /** Publishes in a transaction; also used by the seed. */
  async publishIn(db: Database, by: string | null, id: string): Promise<void> {
    const repo = new ChecklistTemplatesRepository(db);
    const t = await repo.lock(id);
    if (!t) throw TemplateErrors.notFound();
    if (t.status !== 'draft') throw TemplateErrors.readOnly(TEMPLATE_STATUS_LABEL[t.status]);
    const chapters = await repo.chapters(id);
    const items = await repo.items(id);
    const problems = publishProblems({
      chapters,
      items: items.map((i) => ({ chapterId: i.chapter_id, code: i.code })),
      generalFailLimit: t.general_fail_limit,
    });
    if (problems.length)
      throw TemplateErrors.cannotPublish(
        problems[0]!.message,
        problems[0]!.field,
        problems.map((x) => x.message),
      );
    const now = this.ctx.clock.now();
    await repo.supersede(t.code, by, now);
    await repo.update(id, {
      status: 'published',
      published_at: now,
      published_by: by,
      updated_at: now,
      updated_by: by,
    });
  }

  /** Starts a new version (a draft copy) of a published or superseded template. */
  async newVersion(p: Principal, id: string): Promise<TemplateFull> {
    need(p, [TEMPLATE_PERMISSION]);
    const newId = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ChecklistTemplatesRepository(trx);
      const t = await repo.lock(id);
      if (!t) throw TemplateErrors.notFound();
      if (t.status === 'draft') throw TemplateErrors.newVersionFromDraft();
      const versions = await repo.versions(t.code);
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) throw TemplateErrors.draftExists(t.code, draft.version);
      const now = this.ctx.clock.now();
      const nid = uuidv7();
      await repo.insert({
        ...t,
        id: nid,
        version: (versions[0]?.version ?? t.version) + 1,
        status: 'draft',
        published_at: null,
        published_by: null,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
      const chapters = await repo.chapters(id);
      const chapterIds = new Map(chapters.map((c) => [c.id, uuidv7()]));
      await repo.insertChapters(chapters.map((c) => ({ ...c, id: chapterIds.get(c.id)!, template_id: nid })));
      const items = await repo.items(id);
      await repo.insertItems(
        items.map((i) => ({
          ...i,
          id: uuidv7(),
          template_id: nid,
          chapter_id: chapterIds.get(i.chapter_id)!,
        })),
      );
      return nid;
    });
    return this.get(p, newId);
  }
}
