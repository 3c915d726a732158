import type { Principal } from '../../platform/access/principal.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import { forbidden } from '../../platform/errors.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import {
  CatalogueRepository,
  type CatalogueFilter,
  type NodeRow,
  type RequirementFilter,
  type RequirementRowFull,
  type SettingRow,
  type TerminationGroundRow,
} from './catalogue.repository.js';
import type { ApplicationType, ApprovalMode, CatalogueLevel, SourceTag } from './catalogue.tables.js';
import { LicensingErrors } from './licensing.errors.js';
import { LicensingPermissions } from './licensing.permissions.js';
import {
  childLevel,
  effectiveApprovalMode,
  inherited,
  isApplicableNode,
  licensingSettingDef,
  LEVEL_LABEL,
  nodeInForce,
  parseLicensingSettings,
  resolveChecklist,
  type ChecklistItem,
  type LicensingSettings,
} from './licensing.rules.js';

/** Fields an administrator sets on a catalogue node. */
export interface NodeInput {
  code?: string | undefined;
  name?: string | undefined;
  industryCode?: string | null | undefined;
  productCode?: string | null | undefined;
  approvalMode?: ApprovalMode | null | undefined;
  ruleDocNo?: string | null | undefined;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
  transitionUntil?: string | null | undefined;
  status?: 'active' | 'disabled' | undefined;
  sourceTag?: SourceTag | null | undefined;
  note?: string | null | undefined;
  sort?: number | undefined;
}

export interface CreateNodeInput extends NodeInput {
  level: CatalogueLevel;
  parentId?: string | null | undefined;
  code: string;
  name: string;
}

export interface RequirementInput {
  name?: string | undefined;
  description?: string | null | undefined;
  required?: boolean | undefined;
  fileTypes?: string[] | undefined;
  maxSizeMb?: number | null | undefined;
  basis?: string | null | undefined;
  sourceTag?: SourceTag | null | undefined;
  active?: boolean | undefined;
  sort?: number | undefined;
}

export interface CreateRequirementInput extends RequirementInput {
  catalogueNodeId?: string | null | undefined;
  applicationType: ApplicationType;
  code: string;
  name: string;
}

/** One entry of the checklist preview: where it comes from and its 说明. */
export interface ChecklistPreviewItem extends ChecklistItem {
  description: string | null;
  /** The catalogue node whose row gives the entry; null for the default list (every product). */
  sourceNodeId: string | null;
  sourceNodeName: string | null;
}

/** A catalogue node with what it inherits from its ancestors. */
export interface NodeView extends NodeRow {
  /** Names from the category down to this node. */
  path: string[];
  categoryId: string;
  categoryName: string;
  varietyId: string | null;
  varietyName: string | null;
  effectiveIndustryCode: string | null;
  effectiveProductCode: string | null;
  effectiveApprovalMode: ApprovalMode;
  effectiveRuleDocNo: string | null;
  /** One may apply for it (a unit, or a variety without units). */
  applicable: boolean;
  /** Active and inside its validity dates (with its ancestors) today. */
  inForce: boolean;
}

/** What other parts of the module read about a product unit (certificates, inspection). */
export interface ProductUnitInfo {
  id: string;
  code: string;
  name: string;
  level: CatalogueLevel;
  path: string[];
  categoryName: string;
  varietyName: string | null;
  industryCode: string | null;
  productCode: string | null;
  approvalMode: ApprovalMode;
  ruleDocNo: string | null;
  validFrom: string | null;
  validTo: string | null;
  applicable: boolean;
  inForce: boolean;
}

function need(p: Principal, code: string): void {
  if (!p.permissions.has(code)) throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${code}）`);
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/**
 * 产品目录 (类别 → 品种 → 产品单元) and the configurable rules of the application (material checklist,
 * settings, 终止情形) — data an administrator holding 'licensing:catalogue' maintains (licensing.md §2).
 */
export class CatalogueService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  private repo(db: Database = this.ctx.db) {
    return new CatalogueRepository(db);
  }

  /** A node with its inherited values, from its chain (node first). */
  private view(chain: NodeRow[]): NodeView {
    const node = chain[0]!;
    const top = chain[chain.length - 1]!;
    const variety = chain.find((n) => n.level === 'variety') ?? null;
    return {
      ...node,
      path: [...chain].reverse().map((n) => n.name),
      categoryId: top.id,
      categoryName: top.name,
      varietyId: variety?.id ?? null,
      varietyName: variety?.name ?? null,
      effectiveIndustryCode: inherited(chain.map((n) => n.industry_code)) ?? null,
      effectiveProductCode: inherited(chain.map((n) => n.product_code)) ?? null,
      effectiveApprovalMode: effectiveApprovalMode(chain.map((n) => n.approval_mode)),
      effectiveRuleDocNo: inherited(chain.map((n) => n.rule_doc_no)) ?? null,
      applicable: isApplicableNode(node.level, Number(node.active_children ?? 0)),
      inForce: nodeInForce(chain, this.today()),
    };
  }

  /** Paged list of nodes (every logged-in user may read the catalogue). */
  list(f: CatalogueFilter, q: ListQuery): Promise<Page<NodeRow>> {
    return this.repo().list(f, q);
  }

  /** The whole catalogue, parents before children. */
  all(): Promise<NodeRow[]> {
    return this.repo().all();
  }

  /** One node with its inherited values. */
  async get(id: string, db?: Database): Promise<NodeView> {
    const chain = await this.repo(db).chain(id);
    if (chain.length === 0) throw LicensingErrors.nodeNotFound();
    return this.view(chain);
  }

  /**
   * A product unit as the other parts of the module see it (certificate numbers need the 行业编号 and
   * 产品编号; inspection the approval mode); undefined when it does not exist.
   */
  async productUnit(id: string, db?: Database): Promise<ProductUnitInfo | undefined> {
    const chain = await this.repo(db).chain(id);
    if (chain.length === 0) return undefined;
    const v = this.view(chain);
    return {
      id: v.id,
      code: v.code,
      name: v.name,
      level: v.level,
      path: v.path,
      categoryName: v.categoryName,
      varietyName: v.varietyName,
      industryCode: v.effectiveIndustryCode,
      productCode: v.effectiveProductCode,
      approvalMode: v.effectiveApprovalMode,
      ruleDocNo: v.effectiveRuleDocNo,
      validFrom: v.valid_from,
      validTo: v.valid_to,
      applicable: v.applicable,
      inForce: v.inForce,
    };
  }

  /** The node an application may be made for, or a 400 on productUnitId saying why not. */
  async applicableUnit(id: string, db?: Database): Promise<NodeView> {
    const chain = await this.repo(db).chain(id);
    if (chain.length === 0) throw LicensingErrors.notApplicable('所选产品不在生产许可产品目录中');
    const v = this.view(chain);
    if (!v.applicable)
      throw LicensingErrors.notApplicable(
        `“${v.name}”是${LEVEL_LABEL[v.level]}，请选择其下的${v.level === 'category' ? '品种或产品单元' : '产品单元'}`,
      );
    if (!v.inForce) throw LicensingErrors.notApplicable(`“${v.path.join(' / ')}”已停用或不在有效期内`);
    return v;
  }

  private checkDates(validFrom: string | null | undefined, validTo: string | null | undefined): void {
    if (validFrom && validTo && validTo < validFrom) throw LicensingErrors.nodeDatesInvalid();
  }

  /** Adds a node under a parent of the level above (a category has none). */
  async create(p: Principal, input: CreateNodeInput): Promise<NodeView> {
    need(p, LicensingPermissions.catalogue);
    const code = input.code.trim();
    if (!CODE_RE.test(code)) throw LicensingErrors.nodeCodeInvalid();
    this.checkDates(input.validFrom, input.validTo);
    const id = uuidv7();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (input.level === 'category') {
        if (input.parentId) throw LicensingErrors.nodeParentInvalid('类别是目录的第一级，不能有上级节点');
      } else {
        if (!input.parentId)
          throw LicensingErrors.nodeParentInvalid(`请选择${LEVEL_LABEL[input.level]}所属的上级节点`);
        const parent = await repo.find(input.parentId);
        if (!parent) throw LicensingErrors.nodeParentInvalid('上级节点不存在');
        if (childLevel(parent.level) !== input.level)
          throw LicensingErrors.nodeParentInvalid(
            `${LEVEL_LABEL[input.level]}不能放在${LEVEL_LABEL[parent.level]}“${parent.name}”之下`,
          );
      }
      if (await repo.findByCode(code)) throw LicensingErrors.nodeCodeTaken(code);
      const now = this.ctx.clock.now();
      await repo.insertNode({
        id,
        code,
        level: input.level,
        parent_id: input.level === 'category' ? null : (input.parentId ?? null),
        name: input.name.trim(),
        industry_code: input.industryCode ?? null,
        product_code: input.productCode ?? null,
        approval_mode: input.approvalMode ?? null,
        rule_doc_no: input.ruleDocNo?.trim() || null,
        valid_from: input.validFrom ?? null,
        valid_to: input.validTo ?? null,
        transition_until: input.transitionUntil ?? null,
        ...(input.status ? { status: input.status } : {}),
        source_tag: input.sourceTag ?? 'customer',
        note: input.note?.trim() || null,
        sort: input.sort ?? 0,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
    });
    return this.get(id);
  }

  /** Changes a node's fields (its level and place in the tree stay). */
  async update(p: Principal, id: string, input: NodeInput): Promise<NodeView> {
    need(p, LicensingPermissions.catalogue);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const node = await repo.find(id);
      if (!node) throw LicensingErrors.nodeNotFound();
      const validFrom = input.validFrom !== undefined ? input.validFrom : node.valid_from;
      const validTo = input.validTo !== undefined ? input.validTo : node.valid_to;
      this.checkDates(validFrom, validTo);
      let code: string | undefined;
      if (input.code !== undefined && input.code.trim() !== node.code) {
        code = input.code.trim();
        if (!CODE_RE.test(code)) throw LicensingErrors.nodeCodeInvalid();
        if (await repo.findByCode(code)) throw LicensingErrors.nodeCodeTaken(code);
      }
      await repo.updateNode(id, {
        ...(code !== undefined ? { code } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.industryCode !== undefined ? { industry_code: input.industryCode } : {}),
        ...(input.productCode !== undefined ? { product_code: input.productCode } : {}),
        ...(input.approvalMode !== undefined ? { approval_mode: input.approvalMode } : {}),
        ...(input.ruleDocNo !== undefined ? { rule_doc_no: input.ruleDocNo?.trim() || null } : {}),
        ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
        ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
        ...(input.transitionUntil !== undefined ? { transition_until: input.transitionUntil } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.sourceTag !== undefined ? { source_tag: input.sourceTag } : {}),
        ...(input.note !== undefined ? { note: input.note?.trim() || null } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
    });
    return this.get(id);
  }

  /** Deletes a node nothing refers to (otherwise it is disabled instead). */
  async delete(p: Principal, id: string): Promise<void> {
    need(p, LicensingPermissions.catalogue);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.find(id))) throw LicensingErrors.nodeNotFound();
      const usage = await repo.usage(id);
      if (usage.children + usage.applications + usage.requirements > 0)
        throw LicensingErrors.nodeInUse(usage);
      await repo.deleteNode(id);
    });
  }

  // ------------------------------------------------------------------ material requirements

  listRequirements(f: RequirementFilter, q: ListQuery): Promise<Page<RequirementRowFull>> {
    return this.repo().listRequirements(f, q);
  }

  /**
   * The material checklist of a product unit and application type: the default list overridden by the
   * rows of its category, variety and unit (licensing.rules resolveChecklist).
   */
  async checklist(productUnitId: string, type: ApplicationType, db?: Database): Promise<ChecklistItem[]> {
    const repo = this.repo(db);
    const chain = await repo.chain(productUnitId);
    if (chain.length === 0) throw LicensingErrors.nodeNotFound();
    const ids = chain.map((n) => n.id);
    const rows = await repo.requirementsFor(type, ids);
    return resolveChecklist(rows, ids, type);
  }

  /**
   * The checklist as the administrators preview it: each entry with its 说明 and the node it comes from
   * (the most specific row of its code along the chain, as resolveChecklist picks it).
   */
  async checklistPreview(productUnitId: string, type: ApplicationType): Promise<ChecklistPreviewItem[]> {
    const repo = this.repo();
    const chain = await repo.chain(productUnitId);
    if (chain.length === 0) throw LicensingErrors.nodeNotFound();
    const ids = chain.map((n) => n.id);
    const rows = await repo.requirementsFor(type, ids);
    const rank = (nodeId: string | null) => (nodeId === null ? ids.length : ids.indexOf(nodeId));
    return resolveChecklist(rows, ids, type).map((item) => {
      const source = rows
        .filter((r) => r.code === item.code && rank(r.catalogue_node_id) >= 0)
        .sort((a, b) => rank(a.catalogue_node_id) - rank(b.catalogue_node_id))[0];
      const node = chain.find((n) => n.id === source?.catalogue_node_id);
      return {
        ...item,
        description: source?.description ?? null,
        sourceNodeId: node?.id ?? null,
        sourceNodeName: node?.name ?? null,
      };
    });
  }

  async createRequirement(p: Principal, input: CreateRequirementInput): Promise<RequirementRowFull> {
    need(p, LicensingPermissions.catalogue);
    const id = uuidv7();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (input.catalogueNodeId && !(await repo.find(input.catalogueNodeId)))
        throw LicensingErrors.nodeParentInvalid('材料要求所属的目录节点不存在');
      const existing = await repo.requirementsFor(
        input.applicationType,
        input.catalogueNodeId ? [input.catalogueNodeId] : [],
      );
      if (
        existing.some((r) => r.code === input.code && r.catalogue_node_id === (input.catalogueNodeId ?? null))
      )
        throw LicensingErrors.requirementTaken(input.code);
      const now = this.ctx.clock.now();
      await repo.insertRequirement({
        id,
        catalogue_node_id: input.catalogueNodeId ?? null,
        application_type: input.applicationType,
        code: input.code,
        name: input.name.trim(),
        description: input.description?.trim() || null,
        ...(input.required !== undefined ? { required: input.required } : {}),
        ...(input.fileTypes ? { file_types: input.fileTypes.join(',') } : {}),
        max_size_mb: input.maxSizeMb ?? null,
        basis: input.basis?.trim() || null,
        source_tag: input.sourceTag ?? 'customer',
        ...(input.active !== undefined ? { active: input.active } : {}),
        sort: input.sort ?? 0,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
    });
    return (await this.repo().findRequirement(id))!;
  }

  async updateRequirement(p: Principal, id: string, input: RequirementInput): Promise<RequirementRowFull> {
    need(p, LicensingPermissions.catalogue);
    const repo = this.repo();
    if (!(await repo.findRequirement(id))) throw LicensingErrors.requirementNotFound();
    await repo.updateRequirement(id, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      ...(input.required !== undefined ? { required: input.required } : {}),
      ...(input.fileTypes !== undefined ? { file_types: input.fileTypes.join(',') } : {}),
      ...(input.maxSizeMb !== undefined ? { max_size_mb: input.maxSizeMb } : {}),
      ...(input.basis !== undefined ? { basis: input.basis?.trim() || null } : {}),
      ...(input.sourceTag !== undefined ? { source_tag: input.sourceTag } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      updated_at: this.ctx.clock.now(),
      updated_by: p.userId,
    });
    return (await repo.findRequirement(id))!;
  }

  async deleteRequirement(p: Principal, id: string): Promise<void> {
    need(p, LicensingPermissions.catalogue);
    const repo = this.repo();
    if (!(await repo.findRequirement(id))) throw LicensingErrors.requirementNotFound();
    await repo.deleteRequirement(id);
  }

  // ------------------------------------------------------------------ settings, grounds

  /** Every setting with its current value (a stored key the code no longer defines is left out). */
  async settingRows(): Promise<SettingRow[]> {
    return (await this.repo().settings()).filter((r) => licensingSettingDef(r.key) !== undefined);
  }

  /** The settings in force (defaults for anything missing or malformed). */
  async settings(db?: Database): Promise<LicensingSettings> {
    const rows = await this.repo(db).settings();
    return parseLicensingSettings(Object.fromEntries(rows.map((r) => [r.key, r.value])));
  }

  /** Changes a setting; it applies to later actions only. */
  async updateSetting(p: Principal, key: string, value: string): Promise<SettingRow> {
    need(p, LicensingPermissions.catalogue);
    const def = licensingSettingDef(key);
    const repo = this.repo();
    const row = await repo.findSetting(key);
    if (!def || !row) throw LicensingErrors.settingNotFound();
    const v = value.trim();
    const problem = def.check(v);
    if (problem) throw LicensingErrors.settingInvalid(def.name, problem);
    await repo.setSetting(key, v, this.ctx.clock.now(), p.userId);
    return (await repo.findSetting(key))!;
  }

  /** 《办法》第三十二条: the grounds of 终止办理. */
  terminationGrounds(activeOnly = true, db?: Database): Promise<TerminationGroundRow[]> {
    return this.repo(db).terminationGrounds(activeOnly);
  }
}
