import type { Transaction } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { AuthService } from '../../platform/auth/auth.service.js';
import { CalendarService } from '../../platform/calendar/calendar.service.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { registerFileOwner } from '../../platform/files/files.owners.js';
import { FileService } from '../../platform/files/files.service.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { WorkflowService } from '../../platform/workflow/workflow.service.js';
import {
  overrideProblem,
  recordProblems,
  RESULT_LABEL,
  resultProblem,
  suggestConclusion,
  VERDICT_LABEL,
  type ConclusionCounts,
  type ItemResult,
  type Suggestion,
  type Verdict,
} from './checklist.rules.js';
import { ApplicationsService, type ModuleApplication } from './applications.service.js';
import { CatalogueService } from './catalogue.service.js';
import { ChecklistTemplatesService, type TemplateSnapshot } from './checklist.templates.service.js';
import { InspectionErrors } from './inspection.errors.js';
import { APPLICATION_BUSINESS_TYPE } from './licensing.rules.js';
import {
  InspectionRepository,
  type DeclarationRow,
  type InspectionFilter,
  type MemberRow,
  type RecordRow,
  type TaskListRow,
  type TaskRow,
} from './inspection.repository.js';
import type { InspectionStatus, MemberRole } from './inspection.tables.js';
import {
  declaredConflicts,
  teamViolations,
  type Declaration,
  type TeamRole,
  type TeamViolation,
} from './team.rules.js';

/** 现场核查: organising the team, filling the checklist, concluding (licensing.md §6 #3–#7, §7, §8). */
export const INSPECT_PERMISSION = 'licensing:inspect';
/** 指派观察员 (city-bureau administrators). */
export const OBSERVER_PERMISSION = 'licensing:observer';
/** 填写核查记录 (team members who are not officers, e.g. experts): opens the 核查任务 menu. */
export type TeamCandidate = Awaited<ReturnType<InspectionRepository['teamCandidates']>>[number] & {
  conflict: boolean;
};

export const CHECKLIST_PERMISSION = 'licensing:checklist';
/** Holders see tasks in their data scope; everyone else only the tasks they are a party to. */
export const INSPECTION_VIEW_PERMISSIONS = [INSPECT_PERMISSION, OBSERVER_PERMISSION];

/** Owner type of evidence files (photos, documents) attached to item records. */
export const INSPECTION_FILE_OWNER = 'licensing.inspection';

/** The actions of the application workflow (licensing.workflow.ts) that a conclusion takes. */
export const ACTION_PASSED = 'inspectionPassed';
export const ACTION_FAILED = 'inspectionFailed';

export const INSPECTION_STATUS_LABEL: Record<InspectionStatus, string> = {
  planning: '待核查',
  in_progress: '核查中',
  concluded: '已出结论',
  cancelled: '已取消',
};

const OPEN: readonly InspectionStatus[] = ['planning', 'in_progress'];

// Evidence is readable by whoever may read the task.
registerFileOwner(INSPECTION_FILE_OWNER, (ctx, p, id) => new InspectionService(ctx).canRead(p, id));

/** What the application part passes when an application enters 核查. */
export interface OpenTaskInput {
  applicationId: string;
  regionCode: string;
  enterpriseOrgId: string;
  productUnitId: string;
}

export interface DeclarationInput extends Declaration {
  /** Whose declaration; default the caller. */
  userId?: string | undefined;
}

export interface TeamInput {
  members: Array<{ userId: string; role: TeamRole; declaration?: Declaration | undefined }>;
  expectedVersion?: number | undefined;
}

export interface PlanInput {
  planStart: string;
  planEnd: string;
  notifiedOn?: string | null | undefined;
  note?: string | null | undefined;
  expectedVersion?: number | undefined;
}

export interface ItemRecordInput {
  itemId: string;
  result: ItemResult;
  problem?: string | null | undefined;
  rectification?: string | null | undefined;
  /** Omitted: the stored evidence stays; an array (even empty) replaces it. */
  evidenceFileIds?: string[] | undefined;
  /**
   * The `recordedAt` of the record the caller edited (null: there was none). Omitted: no check. When the stored
   * record differs, the save is refused (409) instead of overwriting another member's newer record.
   */
  expectedRecordedAt?: string | null | undefined;
}

export interface ConcludeInput {
  finalResult: Verdict;
  overrideReason?: string | null | undefined;
  comment?: string | null | undefined;
  actualStart?: string | undefined;
  actualEnd?: string | undefined;
  enterpriseConfirmation: 'confirmed' | 'refused';
  enterpriseSigner?: string | null | undefined;
  enterpriseRefusalNote?: string | null | undefined;
  resultNotifiedOn?: string | undefined;
  expectedVersion?: number | undefined;
}

/** What the caller may do on a task. */
export interface TaskPermissions {
  role: MemberRole | null;
  canManage: boolean;
  canFill: boolean;
  canConclude: boolean;
  canAssignObserver: boolean;
}

/** Everything about a task in one read (the tablet loads this once). */
export interface TaskDetail {
  task: TaskRow;
  /** The application (number, product, 受理 date and the 30-day 核查 deadline), when it exists. */
  application: ModuleApplication | undefined;
  members: MemberRow[];
  /** The latest declaration per person. */
  declarations: DeclarationRow[];
  records: RecordRow[];
  snapshot: TemplateSnapshot | null;
  suggestion: Suggestion | null;
  /** Team rules broken now (e.g. a member declared a conflict after assignment). */
  teamProblems: TeamViolation[];
  my: TaskPermissions;
}

/** The conclusion of an application's on-site verification, for the application part and its documents. */
export interface InspectionConclusion {
  taskId: string;
  applicationId: string;
  result: Verdict;
  resultLabel: string;
  suggestedResult: Verdict;
  overridden: boolean;
  overrideReason: string | null;
  comment: string | null;
  counts: ConclusionCounts | null;
  templateCode: string | null;
  templateName: string | null;
  templateVersion: number | null;
  leaderName: string | null;
  members: Array<{ name: string; orgName: string; role: MemberRole }>;
  actualStart: string | null;
  actualEnd: string | null;
  concludedAt: Date;
  concludedByName: string | null;
  enterpriseConfirmation: 'confirmed' | 'refused' | null;
  enterpriseSigner: string | null;
  enterpriseRefusalNote: string | null;
  resultNotifiedOn: string | null;
  /** Items judged 不符合 or 基本符合, in template order (printed on the 核查结论通知书). */
  problems: Array<{ code: string; content: string; result: string; problem: string; rectification: string }>;
}

const trimOrNull = (s: string | null | undefined) =>
  s === null || s === undefined ? null : s.trim() || null;

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The latest declaration of each person, from rows oldest first. */
function latestPerPerson(rows: readonly DeclarationRow[]): DeclarationRow[] {
  const m = new Map<string, DeclarationRow>();
  for (const r of rows) m.set(r.user_id, r);
  return [...m.values()];
}

const asDeclaration = (d: DeclarationRow): Declaration => ({
  employed: d.employed,
  consulted: d.consulted,
  related: d.related,
  other: d.other,
  note: d.note,
});

/** Items of a snapshot with their 否决项 flag, in order. */
function snapshotItems(s: TemplateSnapshot) {
  return s.chapters.flatMap((c) => c.items);
}

/**
 * 现场核查 tasks: opened by the application part when an application enters 核查, organised by officers
 * ('licensing:inspect' in scope), filled by the team, concluded by the 组长, whose conclusion drives the
 * application's workflow in the same transaction.
 */
export class InspectionService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  private viewByScope(p: Principal): boolean {
    return INSPECTION_VIEW_PERMISSIONS.some((c) => p.permissions.has(c));
  }

  /**
   * Opens the task of an application entering 核查 (called in the caller's transaction). Takes the newest
   * published template bound to the product unit, if there is one; otherwise an officer chooses one.
   * Idempotent: an application's open task is returned as it is.
   */
  async openTask(
    trx: Transaction<DB> | Database,
    principal: Principal,
    input: OpenTaskInput,
  ): Promise<{ id: string }> {
    const repo = new InspectionRepository(trx);
    const open = await repo.openFor(input.applicationId);
    if (open) return { id: open.id };
    const templates = new ChecklistTemplatesService({ ...this.ctx, db: trx });
    // A template bound to the 产品单元 wins over one bound to its 品种.
    const node = await new CatalogueService({ ...this.ctx, db: trx })
      .get(input.productUnitId, trx)
      .catch((e: unknown) => {
        if (e instanceof AppError) return undefined;
        throw e;
      });
    const tpl = await templates.publishedFor(input.productUnitId, node?.varietyId ?? undefined, trx);
    const snapshot = tpl ? await templates.snapshot(tpl.id, trx) : undefined;
    const now = this.ctx.clock.now();
    const id = uuidv7();
    await repo.insertTask({
      id,
      application_id: input.applicationId,
      region_code: input.regionCode,
      org_id: principal.orgId,
      enterprise_org_id: input.enterpriseOrgId,
      product_unit_id: input.productUnitId,
      template_id: tpl?.id ?? null,
      template_snapshot: snapshot ? JSON.stringify(snapshot) : null,
      status: 'planning',
      overridden: false,
      version: 1,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      updated_by: principal.userId,
    });
    return { id };
  }

  /**
   * Cancels the open task of an application that left 核查 another way (withdrawn, terminated), in the
   * caller's transaction. No-op when there is none.
   */
  async cancelForApplication(trx: Transaction<DB> | Database, principal: Principal, applicationId: string) {
    const repo = new InspectionRepository(trx);
    const open = await repo.openFor(applicationId);
    if (!open) return;
    await repo.updateTask(open.id, {
      status: 'cancelled',
      updated_at: this.ctx.clock.now(),
      updated_by: principal.userId,
    });
  }

  /** Tasks the principal may see, filtered, sorted and paged. */
  async list(p: Principal, f: InspectionFilter, q: ListQuery): Promise<Page<TaskListRow>> {
    return new InspectionRepository(this.ctx.db).list(p, this.viewByScope(p), f, q, this.today());
  }

  /** Whether the principal may read the task (and so its evidence files). */
  async canRead(p: Principal, id: string): Promise<boolean> {
    return (
      (await new InspectionRepository(this.ctx.db).findVisible(p, this.viewByScope(p), id)) !== undefined
    );
  }

  private async visibleTask(repo: InspectionRepository, p: Principal, id: string): Promise<TaskRow> {
    const t = await repo.findVisible(p, this.viewByScope(p), id);
    if (!t) throw InspectionErrors.notFound();
    return t;
  }

  /** A task the principal may manage with `permission`: 403 without it, 404 outside the region scope. */
  async managedTask(
    repo: InspectionRepository,
    p: Principal,
    id: string,
    permission: string,
  ): Promise<TaskRow> {
    if (!p.permissions.has(permission))
      throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${permission}）`);
    const t = await repo.findManaged(p, id);
    if (!t) throw InspectionErrors.notFound();
    return t;
  }

  private static ensureOpen(t: { status: InspectionStatus }, action: string) {
    if (!OPEN.includes(t.status)) throw InspectionErrors.state(INSPECTION_STATUS_LABEL[t.status], action);
  }

  /** The whole task: header, team, declarations, template snapshot, records, live suggestion, what I may do. */
  async detail(p: Principal, id: string): Promise<TaskDetail> {
    const repo = new InspectionRepository(this.ctx.db);
    const task = await this.visibleTask(repo, p, id);
    return this.assemble(repo, p, task);
  }

  private async assemble(repo: InspectionRepository, p: Principal, task: TaskRow): Promise<TaskDetail> {
    const members = await repo.members(task.id);
    const declarations = latestPerPerson(await repo.declarations(task.id));
    const records = await repo.records(task.id);
    const snapshot = parseJson<TemplateSnapshot | null>(task.template_snapshot, null);
    const suggestion = snapshot ? this.suggest(snapshot, records) : null;
    const team = members.filter((m) => m.role !== 'observer');
    const observer = members.find((m) => m.role === 'observer');
    const teamProblems =
      team.length === 0
        ? []
        : teamViolations({
            members: team.map((m) => ({
              userId: m.user_id,
              role: m.role as TeamRole,
              orgId: m.org_id,
              displayName: m.display_name,
            })),
            observerUserId: observer?.user_id ?? null,
            declarations: new Map(declarations.map((d) => [d.user_id, asDeclaration(d)])),
            enterpriseOrgId: task.enterprise_org_id,
          });
    const role = members.find((m) => m.user_id === p.userId)?.role ?? null;
    const application = await new ApplicationsService(this.ctx).getForModule(
      task.application_id,
      repo.database,
    );
    const open = OPEN.includes(task.status);
    const inScope = async () => (await repo.findManaged(p, task.id)) !== undefined;
    const scoped = open ? await inScope() : false;
    return {
      task,
      application,
      members,
      declarations,
      records,
      snapshot,
      suggestion,
      teamProblems,
      my: {
        role,
        canManage: open && scoped && p.permissions.has(INSPECT_PERMISSION),
        canFill: open && (role === 'leader' || role === 'member') && snapshot !== null,
        canConclude: open && role === 'leader' && snapshot !== null,
        canAssignObserver: open && scoped && p.permissions.has(OBSERVER_PERMISSION),
      },
    };
  }

  private suggest(snapshot: TemplateSnapshot, records: readonly RecordRow[]): Suggestion {
    const byItem = new Map(records.map((r) => [r.item_id, r.result]));
    return suggestConclusion(
      {
        vetoFailLimit: snapshot.rules.vetoFailLimit,
        // A published template always has N; an old snapshot without it fails safe on any 一般项 不符合.
        generalFailLimit: snapshot.rules.generalFailLimit ?? 0,
        basicPerFail: snapshot.rules.basicPerFail,
      },
      snapshotItems(snapshot).map((i) => ({ veto: i.veto, result: byItem.get(i.id) ?? null })),
    );
  }

  /** Records a 利害关系声明: one's own for a task one is party to, or anyone's by a managing officer. */
  async declare(p: Principal, id: string, input: DeclarationInput): Promise<TaskDetail> {
    const repo = new InspectionRepository(this.ctx.db);
    const userId = input.userId ?? p.userId;
    const task = await this.visibleTask(repo, p, id);
    if (userId !== p.userId && (!p.permissions.has(INSPECT_PERMISSION) || !(await repo.findManaged(p, id))))
      throw InspectionErrors.declareForOthers();
    InspectionService.ensureOpen(task, '登记利害关系声明');
    const [person] = await repo.people([userId]);
    if (!person || person.status !== 'active') throw InspectionErrors.userInvalid('userId');
    await repo.insertDeclaration(this.declarationRow(id, userId, input, p.userId));
    return this.detail(p, id);
  }

  private declarationRow(taskId: string, userId: string, d: Declaration, by: string) {
    return {
      id: uuidv7(),
      task_id: taskId,
      user_id: userId,
      employed: d.employed,
      consulted: d.consulted,
      related: d.related,
      other: d.other,
      has_conflict: declaredConflicts(d).length > 0,
      note: trimOrNull(d.note),
      declared_by: by,
      declared_at: this.ctx.clock.now(),
    };
  }

  /**
   * Forms the 审查组 (《办法》第十七条、第十八条): 2–4 members, exactly one 组长, not all from one unit, no one
   * with a declared conflict or from the enterprise, the observer not among them. Declarations given with the
   * members are recorded first. The 组长 must be able to act on the application (holds 'licensing:inspect' with
   * the task in scope), since the conclusion is theirs.
   */
  async setTeam(p: Principal, id: string, input: TeamInput): Promise<TaskDetail> {
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const task = await this.managedTask(repo, p, id, INSPECT_PERMISSION);
      InspectionService.ensureOpen(task, '调整审查组');
      const locked = await repo.lock(id);
      if (input.expectedVersion !== undefined && locked!.version !== input.expectedVersion)
        throw InspectionErrors.versionConflict();
      const people = new Map((await repo.people(input.members.map((m) => m.userId))).map((r) => [r.id, r]));
      input.members.forEach((m, i) => {
        const u = people.get(m.userId);
        if (!u || u.status !== 'active' || u.org_status !== 'active')
          throw InspectionErrors.userInvalid(`members.${i}.userId`);
      });
      for (const m of input.members)
        if (m.declaration)
          await repo.insertDeclaration(this.declarationRow(id, m.userId, m.declaration, p.userId));
      const declarations = latestPerPerson(await repo.declarations(id));
      const members = await repo.members(id);
      const observer = members.find((m) => m.role === 'observer');
      const violations = teamViolations({
        members: input.members.map((m) => {
          const u = people.get(m.userId)!;
          return { userId: m.userId, role: m.role, orgId: u.org_id, displayName: u.display_name };
        }),
        observerUserId: observer?.user_id ?? null,
        declarations: new Map(declarations.map((d) => [d.user_id, asDeclaration(d)])),
        enterpriseOrgId: task.enterprise_org_id,
      });
      if (violations.length) {
        const v = violations[0]!;
        throw InspectionErrors.team(
          v.code,
          v.message,
          v.field,
          violations.map((x) => x.message),
        );
      }
      const leader = input.members.find((m) => m.role === 'leader')!;
      const lp = await new AuthService({ ...this.ctx, db: trx }).loadPrincipal(
        leader.userId,
        'inspection-team',
      );
      if (!lp || !lp.permissions.has(INSPECT_PERMISSION) || !(await repo.findManaged(lp, id)))
        throw InspectionErrors.leaderCannotAct(people.get(leader.userId)!.display_name);
      const now = this.ctx.clock.now();
      await repo.replaceTeam(
        id,
        input.members.map((m) => ({
          id: uuidv7(),
          task_id: id,
          user_id: m.userId,
          role: m.role,
          org_id: people.get(m.userId)!.org_id,
          source: 'manual' as const,
          draw_id: null,
          assigned_by: p.userId,
          assigned_at: now,
        })),
      );
      await repo.updateTask(id, { updated_at: now, updated_by: p.userId });
    });
    return this.detail(p, id);
  }

  /**
   * Who may be put on the review team (《办法》第十七条): people of non-enterprise units in the caller's scope plus
   * registered examiners/experts anywhere; flags who may lead and who declared a conflict on this task.
   */
  async teamCandidates(p: Principal, id: string, keyword?: string): Promise<TeamCandidate[]> {
    const repo = new InspectionRepository(this.ctx.db);
    const task = await this.managedTask(repo, p, id, INSPECT_PERMISSION);
    const rows = await repo.teamCandidates(p, {
      keyword,
      teamPermissions: [INSPECT_PERMISSION, CHECKLIST_PERMISSION],
      memberPermissions: [CHECKLIST_PERMISSION],
      leadPermission: INSPECT_PERMISSION,
      limit: 200,
    });
    const conflicts = new Set(
      latestPerPerson(await repo.declarations(task.id))
        .filter((d) => d.has_conflict)
        .map((d) => d.user_id),
    );
    return rows.map((r) => ({ ...r, conflict: conflicts.has(r.id) }));
  }

  /** Plans the dates (《办法》第十六条: 核查计划提前 5 日通知企业, 工作日 per 第五十五条). */
  async setPlan(p: Principal, id: string, input: PlanInput): Promise<TaskDetail> {
    if (input.planEnd < input.planStart)
      throw InspectionErrors.planDates('核查结束日期不能早于开始日期', 'planEnd');
    if (input.notifiedOn) {
      if (input.notifiedOn > input.planStart)
        throw InspectionErrors.planDates('通知企业的日期不能晚于核查开始日期', 'notifiedOn');
      const earliest = await new CalendarService(this.ctx).addWorkingDays(input.notifiedOn, 5);
      // 《办法》第十六条: 提前 5 日将核查计划通知企业
      if (input.planStart < earliest)
        throw InspectionErrors.planDates(
          `应提前 5 个工作日将核查计划通知企业：${input.notifiedOn} 通知的，核查最早从 ${earliest} 开始`,
          'planStart',
        );
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const task = await this.managedTask(repo, p, id, INSPECT_PERMISSION);
      InspectionService.ensureOpen(task, '修改核查计划');
      const ok = await repo.updateTask(
        id,
        {
          plan_start: input.planStart,
          plan_end: input.planEnd,
          notified_on: input.notifiedOn ?? null,
          plan_note: trimOrNull(input.note),
          updated_at: this.ctx.clock.now(),
          updated_by: p.userId,
        },
        input.expectedVersion,
      );
      if (!ok) throw InspectionErrors.versionConflict();
    });
    return this.detail(p, id);
  }

  /** Chooses the template of a task (a published one) before anything is recorded; the task keeps a snapshot. */
  async setTemplate(p: Principal, id: string, templateId: string): Promise<TaskDetail> {
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const task = await this.managedTask(repo, p, id, INSPECT_PERMISSION);
      InspectionService.ensureOpen(task, '选定核查模板');
      await repo.lock(id);
      if (await repo.hasRecords(id)) throw InspectionErrors.templateLocked();
      const snapshot = await new ChecklistTemplatesService({ ...this.ctx, db: trx }).snapshot(
        templateId,
        trx,
      );
      if (!snapshot || snapshot.status !== 'published') throw InspectionErrors.templateNotPublished();
      await repo.updateTask(id, {
        template_id: templateId,
        template_snapshot: JSON.stringify(snapshot),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
    });
    return this.detail(p, id);
  }

  /**
   * Saves item records (one or a batch) by a member of the team (组长 or 组员; not the observer): result among
   * the template's results, 问题描述 and 整改要求 for 不符合 / 基本符合, evidence files uploaded by the caller
   * (omitted: the stored evidence stays). With `expectedRecordedAt` a record another member saved meanwhile is
   * not overwritten (409 naming the item). The first save starts the verification.
   */
  async saveItems(
    p: Principal,
    id: string,
    items: readonly ItemRecordInput[],
    fieldPrefix = 'items',
  ): Promise<TaskDetail> {
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const task = await this.visibleTask(repo, p, id);
      const members = await repo.members(id);
      const role = members.find((m) => m.user_id === p.userId)?.role;
      if (role !== 'leader' && role !== 'member') throw InspectionErrors.notMember();
      // Saves of one task queue up, so the check against the stored records below holds until the write.
      const locked = (await repo.lock(id))!;
      InspectionService.ensureOpen(locked, '填写核查记录');
      const snapshot = parseJson<TemplateSnapshot | null>(locked.template_snapshot, null);
      if (!snapshot) throw InspectionErrors.noTemplate();
      const byId = new Map(snapshotItems(snapshot).map((i) => [i.id, i]));
      const stored = new Map(
        (
          await repo.recordsOf(
            id,
            items.map((it) => it.itemId),
          )
        ).map((r) => [r.item_id, r]),
      );
      const seen = new Set<string>();
      const now = this.ctx.clock.now();
      const rows = items.map((it, i) => {
        const f = (name: string) => (fieldPrefix ? `${fieldPrefix}.${i}.${name}` : name);
        const item = byId.get(it.itemId);
        if (!item) throw InspectionErrors.itemUnknown(f('itemId'));
        if (seen.has(it.itemId)) throw InspectionErrors.itemDuplicate(f('itemId'));
        seen.add(it.itemId);
        const bad = resultProblem(
          { allowedResults: snapshot.allowedResults, vetoAllowsBasic: snapshot.rules.vetoAllowsBasic },
          item,
          it.result,
        );
        if (bad) throw InspectionErrors.resultInvalid(bad, f('result'));
        const missing = recordProblems(it)[0];
        if (missing?.field === 'problem') throw InspectionErrors.problemRequired(f('problem'));
        if (missing) throw InspectionErrors.rectificationRequired(missing.message, f('rectification'));
        const prev = stored.get(it.itemId);
        if (it.expectedRecordedAt !== undefined) {
          const expected = it.expectedRecordedAt === null ? null : new Date(it.expectedRecordedAt).getTime();
          const actual = prev ? prev.recorded_at.getTime() : null;
          if (expected !== actual)
            throw InspectionErrors.recordChanged(
              f('expectedRecordedAt'),
              item,
              prev
                ? {
                    by: prev.recorded_by,
                    byName: prev.recorded_by === p.userId ? '您本人' : (prev.recorded_by_name ?? '他人'),
                    at: prev.recorded_at,
                  }
                : null,
              this.ctx.config.timeZone,
            );
        }
        const evidence = it.evidenceFileIds === undefined ? undefined : [...new Set(it.evidenceFileIds)];
        return {
          task_id: id,
          item_id: it.itemId,
          result: it.result,
          problem: trimOrNull(it.problem),
          rectification: trimOrNull(it.rectification),
          evidence: evidence === undefined ? undefined : evidence.length ? JSON.stringify(evidence) : null,
          recorded_by: p.userId,
          // recordedAt is the record's version: every save moves it on, even within one clock tick.
          recorded_at:
            prev && prev.recorded_at.getTime() >= now.getTime()
              ? new Date(prev.recorded_at.getTime() + 1)
              : now,
        };
      });
      const files = rows.flatMap((r) => parseJson<string[]>(r.evidence ?? null, []));
      await new FileService({ ...this.ctx, db: trx }).attach(trx, files, INSPECTION_FILE_OWNER, id, {
        uploadedBy: p.userId,
      });
      await repo.upsertRecords(rows);
      if (locked.status === 'planning')
        await repo.updateTask(id, {
          status: 'in_progress',
          actual_start: task.actual_start ?? this.today(),
          updated_at: now,
          updated_by: p.userId,
        });
    });
    return this.detail(p, id);
  }

  /**
   * The 组长's conclusion (《办法》第十八条 组长负责制; 第十九条 书面告知; 第二十条 不合格则终止审查): every item judged,
   * the system's suggestion stored beside the final result, an override only with a reason, the enterprise's
   * confirmation or the note of its refusal; then, in the same transaction, the application's workflow takes
   * 'inspectionPassed' or 'inspectionFailed'.
   */
  async conclude(p: Principal, id: string, input: ConcludeInput): Promise<TaskDetail> {
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const task = await this.visibleTask(repo, p, id);
      const members = await repo.members(id);
      if (members.find((m) => m.user_id === p.userId)?.role !== 'leader') throw InspectionErrors.notLeader();
      InspectionService.ensureOpen(task, '作出核查结论');
      const locked = await repo.lock(id);
      if (input.expectedVersion !== undefined && locked!.version !== input.expectedVersion)
        throw InspectionErrors.versionConflict();
      const snapshot = parseJson<TemplateSnapshot | null>(task.template_snapshot, null);
      if (!snapshot) throw InspectionErrors.noTemplate();
      const detail = await this.assemble(repo, p, task);
      if (detail.teamProblems.length) {
        const v = detail.teamProblems[0]!;
        throw InspectionErrors.team(
          v.code,
          `审查组不符合要求：${v.message}`,
          v.field === 'observer' ? 'observer' : 'members',
          detail.teamProblems.map((x) => x.message),
        );
      }
      const s = detail.suggestion!;
      if (!s.complete) throw InspectionErrors.incomplete(s.counts.pending);
      const suggested = s.verdict as Verdict;
      const op = overrideProblem(suggested, input.finalResult, input.overrideReason);
      if (op) throw InspectionErrors.override(op.message, op.field);
      if (input.enterpriseConfirmation === 'refused' && !trimOrNull(input.enterpriseRefusalNote))
        throw InspectionErrors.refusalNote();
      // licensing.md §8 核查结论: 企业确认签字（或拒签说明）— a confirmation names who signed it.
      if (input.enterpriseConfirmation === 'confirmed' && !trimOrNull(input.enterpriseSigner))
        throw InspectionErrors.signerRequired();
      const today = this.today();
      const actualStart = input.actualStart ?? task.actual_start ?? today;
      const actualEnd = input.actualEnd ?? today;
      if (actualEnd < actualStart)
        throw InspectionErrors.planDates('实际结束日期不能早于开始日期', 'actualEnd');
      const overridden = input.finalResult !== suggested;
      const now = this.ctx.clock.now();
      await repo.updateTask(id, {
        status: 'concluded',
        actual_start: actualStart,
        actual_end: actualEnd,
        suggested_result: suggested,
        final_result: input.finalResult,
        overridden,
        override_reason: overridden ? trimOrNull(input.overrideReason) : null,
        rule_counts: JSON.stringify(s.counts),
        conclusion_comment: trimOrNull(input.comment),
        concluded_by: p.userId,
        concluded_at: now,
        enterprise_confirmation: input.enterpriseConfirmation,
        enterprise_signer:
          input.enterpriseConfirmation === 'confirmed' ? trimOrNull(input.enterpriseSigner) : null,
        enterprise_refusal_note:
          input.enterpriseConfirmation === 'refused' ? trimOrNull(input.enterpriseRefusalNote) : null,
        result_notified_on: input.resultNotifiedOn ?? today,
        updated_at: now,
        updated_by: p.userId,
      });
      const wf = new WorkflowService(this.ctx);
      const inst = await wf.findByBusiness(APPLICATION_BUSINESS_TYPE, task.application_id, undefined, trx);
      if (!inst || inst.status !== 'active') throw InspectionErrors.workflowMissing();
      const parts = [
        `现场核查结论：${VERDICT_LABEL[input.finalResult]}`,
        overridden
          ? `（系统建议“${VERDICT_LABEL[suggested]}”，组长改判，理由：${trimOrNull(input.overrideReason)}）`
          : '',
        s.reasons.length ? `；${s.reasons.join('；')}` : '',
        trimOrNull(input.comment) ? `；${trimOrNull(input.comment)}` : '',
      ];
      await wf.act(
        p,
        inst.id,
        input.finalResult === 'pass' ? ACTION_PASSED : ACTION_FAILED,
        { comment: parts.join('').slice(0, 2000) },
        trx,
      );
    });
    return this.detail(p, id);
  }

  /** The conclusion of the application's latest concluded verification, if any (no data scope: the caller's). */
  async conclusionOf(
    applicationId: string,
    db: Database = this.ctx.db,
  ): Promise<InspectionConclusion | undefined> {
    const repo = new InspectionRepository(db);
    const t = await repo.latestConcluded(applicationId);
    if (!t || !t.final_result || !t.suggested_result || !t.concluded_at) return undefined;
    const members = await repo.members(t.id);
    const snapshot = parseJson<TemplateSnapshot | null>(t.template_snapshot, null);
    const records = new Map((await repo.records(t.id)).map((r) => [r.item_id, r]));
    const problems = (snapshot?.chapters ?? []).flatMap((c) =>
      c.items.flatMap((i) => {
        const r = records.get(i.id);
        if (!r || (r.result !== 'nonconform' && r.result !== 'basic')) return [];
        return [
          {
            code: i.code,
            content: i.content,
            result: RESULT_LABEL[r.result],
            problem: r.problem ?? '',
            rectification: r.rectification ?? '',
          },
        ];
      }),
    );
    return {
      problems,
      taskId: t.id,
      applicationId: t.application_id,
      result: t.final_result,
      resultLabel: VERDICT_LABEL[t.final_result],
      suggestedResult: t.suggested_result,
      overridden: t.overridden,
      overrideReason: t.override_reason,
      comment: t.conclusion_comment,
      counts: parseJson<ConclusionCounts | null>(t.rule_counts, null),
      templateCode: snapshot?.code ?? null,
      templateName: snapshot?.name ?? null,
      templateVersion: snapshot?.version ?? null,
      leaderName: members.find((m) => m.role === 'leader')?.display_name ?? null,
      members: members.map((m) => ({ name: m.display_name, orgName: m.org_name, role: m.role })),
      actualStart: t.actual_start,
      actualEnd: t.actual_end,
      concludedAt: t.concluded_at,
      concludedByName: t.concluded_by_name,
      enterpriseConfirmation: t.enterprise_confirmation,
      enterpriseSigner: t.enterprise_signer,
      enterpriseRefusalNote: t.enterprise_refusal_note,
      resultNotifiedOn: t.result_notified_on,
    };
  }
}
