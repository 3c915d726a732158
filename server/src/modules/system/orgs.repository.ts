import { sql, type Insertable, type Updateable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import type { OrganizationTable, OrgJurisdictionTable, OrgType } from '../../platform/db/schema.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern, orgSubtree } from './system.sql.js';

export interface OrgFilter {
  keyword?: string | undefined;
  type?: OrgType | undefined;
  status?: 'active' | 'disabled' | undefined;
  parentId?: string | undefined;
  regionCode?: string | undefined;
}

/** Organisations (监管机构树) and their 管辖关系; reads apply the caller's data scope. */
export class OrgsRepository {
  constructor(private readonly db: Database) {}

  private visible(p: Principal) {
    return this.db
      .selectFrom('organization as o')
      .innerJoin('region as r', 'r.code', 'o.region_code')
      .leftJoin('organization as parent', 'parent.id', 'o.parent_id')
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code', org: 'o.id' }))
      .select([
        'o.id',
        'o.parent_id',
        'parent.name as parent_name',
        'o.code',
        'o.name',
        'o.short_name',
        'o.type',
        'o.region_code',
        'r.name as region_name',
        'o.credit_code',
        'o.contact_phone',
        'o.status',
        'o.sort',
        'o.created_at',
        'o.updated_at',
      ]);
  }

  list(p: Principal, f: OrgFilter, q: ListQuery) {
    let qb = this.visible(p);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([
          eb('o.name', 'ilike', k),
          eb('o.short_name', 'ilike', k),
          eb('o.code', 'ilike', k),
          eb('o.credit_code', 'ilike', k),
        ]),
      );
    }
    if (f.type) qb = qb.where('o.type', '=', f.type);
    if (f.status) qb = qb.where('o.status', '=', f.status);
    if (f.parentId) qb = qb.where('o.parent_id', '=', f.parentId);
    if (f.regionCode) qb = qb.where('o.region_code', '=', f.regionCode);
    return paginate(
      this.db,
      qb,
      q,
      {
        sort: 'o.sort',
        name: 'o.name',
        code: 'o.code',
        type: 'o.type',
        regionCode: 'o.region_code',
        createdAt: 'o.created_at',
      },
      'sort,name',
    );
  }

  /** Every visible organisation (for the tree). */
  all(p: Principal, status?: 'active' | 'disabled') {
    let qb = this.visible(p);
    if (status) qb = qb.where('o.status', '=', status);
    return qb.orderBy('o.sort').orderBy('o.name').execute();
  }

  findVisible(p: Principal, id: string) {
    return this.visible(p).where('o.id', '=', id).executeTakeFirst();
  }

  async codeTaken(code: string, exceptId?: string): Promise<boolean> {
    let q = this.db.selectFrom('organization').select('id').where('code', '=', code);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async creditCodeTaken(creditCode: string, exceptId?: string): Promise<boolean> {
    let q = this.db.selectFrom('organization').select('id').where('credit_code', '=', creditCode);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** A region code inside the principal's data scope. */
  async regionInScope(p: Principal, code: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('region as r')
      .select('r.code')
      .where('r.code', '=', code)
      .where((eb) => scopeWhere(eb, p, { region: 'r.code' }))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The given region codes that exist and lie inside the principal's data scope. */
  async regionsInScope(p: Principal, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('region as r')
      .select('r.code')
      .where('r.code', 'in', codes)
      .where((eb) => scopeWhere(eb, p, { region: 'r.code' }))
      .execute();
    return new Set(rows.map((r) => r.code));
  }

  /** True when candidate is orgId itself or one of its descendants (a cycle if made the parent). */
  async isInSubtree(orgId: string, candidate: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('organization')
      .select('id')
      .where('id', '=', candidate)
      .where(sql<boolean>`id in ${orgSubtree(orgId)}`)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insert(row: Insertable<OrganizationTable>): Promise<void> {
    await this.db.insertInto('organization').values(row).execute();
  }

  async update(id: string, patch: Updateable<OrganizationTable>): Promise<void> {
    await this.db.updateTable('organization').set(patch).where('id', '=', id).execute();
  }

  async activeUserCount(orgId: string): Promise<number> {
    const r = await this.db
      .selectFrom('app_user')
      .select(sql<string>`count(*)`.as('n'))
      .where('org_id', '=', orgId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async activeChildCount(orgId: string): Promise<number> {
    const r = await this.db
      .selectFrom('organization')
      .select(sql<string>`count(*)`.as('n'))
      .where('parent_id', '=', orgId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  jurisdiction(orgId: string) {
    return this.db
      .selectFrom('org_jurisdiction as j')
      .innerJoin('region as r', 'r.code', 'j.region_code')
      .select(['j.region_code', 'r.name as region_name', 'r.level', 'j.valid_from', 'j.valid_to'])
      .where('j.org_id', '=', orgId)
      .orderBy('j.region_code')
      .execute();
  }

  async replaceJurisdiction(orgId: string, rows: Insertable<OrgJurisdictionTable>[]): Promise<void> {
    await this.db.deleteFrom('org_jurisdiction').where('org_id', '=', orgId).execute();
    if (rows.length > 0) await this.db.insertInto('org_jurisdiction').values(rows).execute();
  }

  /** The organisation's own region and its descendants (the implicit jurisdiction). */
  implicitJurisdiction(regionCode: string) {
    return this.db
      .selectFrom('region as r')
      .select(['r.code as region_code', 'r.name as region_name', 'r.level'])
      .where((eb) =>
        eb.or([
          eb('r.code', '=', regionCode),
          eb('r.parent_code', '=', regionCode),
          eb(
            'r.parent_code',
            'in',
            eb.selectFrom('region').select('code').where('parent_code', '=', regionCode),
          ),
        ]),
      )
      .orderBy('r.code')
      .execute();
  }
}

export type OrgRow = NonNullable<Awaited<ReturnType<OrgsRepository['findVisible']>>>;
export type JurisdictionRow = Awaited<ReturnType<OrgsRepository['jurisdiction']>>[number];
