import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { OrgType } from '../../platform/db/schema.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { isValidCreditCode } from '../../platform/validation/identifiers.rules.js';
import { OrgsRepository, type OrgFilter, type OrgRow } from './orgs.repository.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';
import { isValidContactPhone } from './system.rules.js';

export interface OrgInput {
  name?: string | undefined;
  shortName?: string | null | undefined;
  code?: string | null | undefined;
  type?: OrgType | undefined;
  parentId?: string | null | undefined;
  regionCode?: string | undefined;
  creditCode?: string | null | undefined;
  contactPhone?: string | null | undefined;
  sort?: number | undefined;
}

export interface JurisdictionInput {
  regionCode: string;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
}

export interface JurisdictionView {
  orgId: string;
  implicit: boolean;
  items: Array<{
    region_code: string;
    region_name: string;
    level: number;
    valid_from: string | null;
    valid_to: string | null;
  }>;
}

export interface OrgTreeNodeData extends OrgRow {
  children: OrgTreeNodeData[];
}

const clean = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/** 组织机构 (监管机构树) and 管辖关系 (regions.md §5), within the caller's data scope. */
export class OrgsService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged list. */
  async list(p: Principal, f: OrgFilter, q: ListQuery): Promise<Page<OrgRow>> {
    need(p, 'org:list');
    return new OrgsRepository(this.ctx.db).list(p, f, q);
  }

  /** The visible organisations as a nested tree; one whose parent is out of scope becomes a root. */
  async tree(p: Principal, status?: 'active' | 'disabled'): Promise<OrgTreeNodeData[]> {
    need(p, 'org:list');
    const rows = await new OrgsRepository(this.ctx.db).all(p, status);
    const nodes = new Map<string, OrgTreeNodeData>(rows.map((r) => [r.id, { ...r, children: [] }]));
    const roots: OrgTreeNodeData[] = [];
    for (const n of nodes.values()) {
      const parent = n.parent_id ? nodes.get(n.parent_id) : undefined;
      (parent ? parent.children : roots).push(n);
    }
    return roots;
  }

  /** One organisation. */
  async get(p: Principal, id: string): Promise<OrgRow> {
    need(p, 'org:list');
    const row = await new OrgsRepository(this.ctx.db).findVisible(p, id);
    if (!row) throw SystemErrors.orgNotFound();
    return row;
  }

  /** Validates the writable fields shared by create and edit (credit code per GB 32100). */
  private async check(repo: OrgsRepository, p: Principal, input: OrgInput, selfId?: string): Promise<void> {
    const credit = clean(input.creditCode);
    if (credit) {
      if (!isValidCreditCode(credit.toUpperCase())) throw SystemErrors.creditCodeInvalid();
      if (await repo.creditCodeTaken(credit.toUpperCase(), selfId)) throw SystemErrors.creditCodeTaken();
    }
    const phone = clean(input.contactPhone);
    if (phone && !isValidContactPhone(phone)) throw SystemErrors.contactPhoneInvalid();
    const code = clean(input.code);
    if (code && (await repo.codeTaken(code, selfId))) throw SystemErrors.orgCodeTaken(code);
    if (input.regionCode !== undefined && !(await repo.regionInScope(p, input.regionCode)))
      throw SystemErrors.regionInvalid();
    if (input.parentId) {
      const parent = await repo.findVisible(p, input.parentId);
      if (!parent || parent.status !== 'active')
        throw SystemErrors.parentInvalid('上级机构不存在、已停用或不在您的数据范围内');
      if (selfId && (await repo.isInSubtree(selfId, input.parentId)))
        throw SystemErrors.parentInvalid('上级机构不能是本机构或其下级机构');
    }
  }

  /** Creates an organisation. */
  async create(
    p: Principal,
    input: OrgInput & { name: string; type: OrgType; regionCode: string },
  ): Promise<OrgRow> {
    need(p, 'org:write');
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new OrgsRepository(trx);
      await this.check(repo, p, input);
      const id = uuidv7();
      await repo.insert({
        id,
        parent_id: input.parentId ?? null,
        code: clean(input.code) ?? null,
        name: input.name.trim(),
        short_name: clean(input.shortName) ?? null,
        type: input.type,
        region_code: input.regionCode,
        credit_code: clean(input.creditCode)?.toUpperCase() ?? null,
        contact_phone: clean(input.contactPhone) ?? null,
        sort: input.sort ?? 0,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
      return (await repo.findVisible(p, id))!;
    });
  }

  /** Edits an organisation (no cycles in the tree). */
  async update(p: Principal, id: string, input: OrgInput): Promise<OrgRow> {
    need(p, 'org:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new OrgsRepository(trx);
      if (!(await repo.findVisible(p, id))) throw SystemErrors.orgNotFound();
      await this.check(repo, p, input, id);
      const credit = clean(input.creditCode);
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.shortName !== undefined ? { short_name: clean(input.shortName) ?? null } : {}),
        ...(input.code !== undefined ? { code: clean(input.code) ?? null } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
        ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
        ...(credit !== undefined ? { credit_code: credit?.toUpperCase() ?? null } : {}),
        ...(input.contactPhone !== undefined ? { contact_phone: clean(input.contactPhone) ?? null } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
      return (await repo.findVisible(p, id))!;
    });
  }

  /** Disables an organisation without active users or active sub-organisations, or re-enables one. */
  async setStatus(p: Principal, id: string, status: 'active' | 'disabled'): Promise<OrgRow> {
    need(p, 'org:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new OrgsRepository(trx);
      if (!(await repo.findVisible(p, id))) throw SystemErrors.orgNotFound();
      if (status === 'disabled') {
        const users = await repo.activeUserCount(id);
        if (users > 0) throw SystemErrors.orgHasActiveUsers(users);
        const children = await repo.activeChildCount(id);
        if (children > 0) throw SystemErrors.orgHasActiveChildren(children);
      }
      await repo.update(id, { status, updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return (await repo.findVisible(p, id))!;
    });
  }

  /** 管辖关系 of an organisation: its rows, or the implicit jurisdiction when it has none. */
  async jurisdiction(p: Principal, id: string): Promise<JurisdictionView> {
    need(p, 'org:list');
    const repo = new OrgsRepository(this.ctx.db);
    const org = await repo.findVisible(p, id);
    if (!org) throw SystemErrors.orgNotFound();
    return this.jurisdictionOf(repo, org);
  }

  private async jurisdictionOf(repo: OrgsRepository, org: OrgRow): Promise<JurisdictionView> {
    const rows = await repo.jurisdiction(org.id);
    if (rows.length > 0) return { orgId: org.id, implicit: false, items: rows };
    const implicit = await repo.implicitJurisdiction(org.region_code);
    return {
      orgId: org.id,
      implicit: true,
      items: implicit.map((r) => ({ ...r, valid_from: null, valid_to: null })),
    };
  }

  /** Replaces the 管辖关系 rows; takes effect for data scopes on the next request. */
  async replaceJurisdiction(p: Principal, id: string, items: JurisdictionInput[]): Promise<JurisdictionView> {
    need(p, 'org:write');
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.regionCode)) throw SystemErrors.jurisdictionDuplicate(`items.${i}.regionCode`);
      seen.add(it.regionCode);
      if (it.validFrom && it.validTo && it.validTo < it.validFrom)
        throw SystemErrors.jurisdictionDates(`items.${i}.validTo`);
    });
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new OrgsRepository(trx);
      const org = await repo.findVisible(p, id);
      if (!org) throw SystemErrors.orgNotFound();
      // Within the caller's own scope, so nobody widens their data scope through their organisation.
      const existing = await repo.regionsInScope(
        p,
        items.map((it) => it.regionCode),
      );
      const missing = items.findIndex((it) => !existing.has(it.regionCode));
      if (missing >= 0) throw SystemErrors.regionInvalid(`items.${missing}.regionCode`);
      await repo.replaceJurisdiction(
        id,
        items.map((it) => ({
          org_id: id,
          region_code: it.regionCode,
          valid_from: it.validFrom ?? null,
          valid_to: it.validTo ?? null,
        })),
      );
      await repo.update(id, { updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return this.jurisdictionOf(repo, org);
    });
  }
}
