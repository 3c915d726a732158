import { sql, type Insertable, type Updateable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from '../../platform/db/like.js';
import type { LicensingApplicationMaterialTable, LicensingApplicationTable } from './applications.tables.js';
import type { ApplicationType } from './catalogue.tables.js';

export interface ApplicationFilter {
  type?: ApplicationType | undefined;
  states?: readonly string[] | undefined;
  productUnitId?: string | undefined;
  /** A county code, or a city code (…00) meaning every county of the city. */
  regionCode?: string | undefined;
  keyword?: string | undefined;
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  overdue?: boolean | undefined;
  /** Due date of the current step on or after this day. */
  dueFrom?: string | undefined;
  /** Due date of the current step on or before this day. */
  dueTo?: string | undefined;
  /** Only applications still open (not closed). */
  open?: boolean | undefined;
}

export type StatsGroup = 'city' | 'product' | 'type' | 'state';

/** The data scope of applications: the enterprise its own, officers by the enterprise's region. */
const SCOPE = { region: 'a.region_code', org: 'a.enterprise_org_id', owner: 'a.applicant_user_id' };

const LIST_SORT = {
  createdAt: 'a.created_at',
  submittedAt: 'a.submitted_at',
  dueDate: 'a.due_date',
  applicationNo: 'a.application_no',
  state: 'a.state',
  enterpriseName: 'a.enterprise_name',
  id: 'a.id',
};

const STATS_SORT = {
  key: 'key',
  label: 'label',
  total: 'total',
  inProgress: 'in_progress',
  approved: 'approved',
  refused: 'refused',
  endedOtherwise: 'ended_otherwise',
  overdue: 'overdue',
  deemedAccepted: 'deemed_accepted',
};

/** Applications and their materials. The only Kysely user for these tables; data scope inside the query. */
export class ApplicationsRepository {
  constructor(private readonly db: Database) {}

  /** Overdue on `today`: open and past the due date of its current step. */
  private static overdueSql = (today: string) =>
    sql<boolean>`(a.closed_at is null and a.due_date is not null and a.due_date < ${today})`;

  private base(today: string) {
    return this.db
      .selectFrom('licensing_application as a')
      .innerJoin('licensing_catalogue_node as u', 'u.id', 'a.product_unit_id')
      .leftJoin('licensing_catalogue_node as up', 'up.id', 'u.parent_id')
      .leftJoin('region as r', 'r.code', 'a.region_code')
      .leftJoin('app_user as au', 'au.id', 'a.applicant_user_id')
      .leftJoin('licensing_termination_ground as tg', 'tg.code', 'a.termination_ground')
      .selectAll('a')
      .select([
        'u.name as product_name',
        'u.code as product_code',
        'up.name as product_parent_name',
        'r.name as region_name',
        'au.display_name as applicant_name',
        'tg.label as termination_ground_label',
        ApplicationsRepository.overdueSql(today).as('overdue'),
      ]);
  }

  private filtered(p: Principal, f: ApplicationFilter, today: string) {
    let qb = this.base(today).where((eb) => scopeWhere(eb, p, SCOPE));
    if (f.type) qb = qb.where('a.type', '=', f.type);
    if (f.states?.length) qb = qb.where('a.state', 'in', [...f.states]);
    if (f.productUnitId) qb = qb.where('a.product_unit_id', '=', f.productUnitId);
    if (f.regionCode) {
      const code = f.regionCode;
      qb = code.endsWith('00')
        ? qb.where('a.region_code', 'like', `${code.slice(0, 4)}%`)
        : qb.where('a.region_code', '=', code);
    }
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([
          eb('a.enterprise_name', 'ilike', k),
          eb('a.application_no', 'ilike', k),
          eb('a.credit_code', 'ilike', k),
          eb('u.name', 'ilike', k),
        ]),
      );
    }
    if (f.submittedFrom)
      qb = qb.where(
        sql<boolean>`(a.submitted_at at time zone 'Asia/Shanghai')::date >= ${f.submittedFrom}::date`,
      );
    if (f.submittedTo)
      qb = qb.where(
        sql<boolean>`(a.submitted_at at time zone 'Asia/Shanghai')::date <= ${f.submittedTo}::date`,
      );
    if (f.overdue !== undefined)
      qb = qb.where(
        f.overdue
          ? ApplicationsRepository.overdueSql(today)
          : sql<boolean>`not ${ApplicationsRepository.overdueSql(today)}`,
      );
    if (f.dueFrom) qb = qb.where(sql<boolean>`a.due_date >= ${f.dueFrom}::date`);
    if (f.dueTo) qb = qb.where(sql<boolean>`a.due_date <= ${f.dueTo}::date`);
    if (f.open) qb = qb.where('a.closed_at', 'is', null);
    return qb;
  }

  list(p: Principal, f: ApplicationFilter, q: ListQuery, today: string) {
    const sort = q.sort || '-createdAt';
    // A unique last key keeps pages stable.
    const stable = sort.split(',').some((s) => s.replace(/^-/, '') === 'id') ? sort : `${sort},id`;
    return paginate(this.db, this.filtered(p, f, today), { ...q, sort: stable }, LIST_SORT, '-createdAt');
  }

  findVisible(p: Principal, id: string, today: string) {
    return this.base(today)
      .where('a.id', '=', id)
      .where((eb) => scopeWhere(eb, p, SCOPE))
      .executeTakeFirst();
  }

  findById(id: string, today: string) {
    return this.base(today).where('a.id', '=', id).executeTakeFirst();
  }

  /** Locks the row for the rest of the transaction (two submissions or actions of one application queue up). */
  async lock(id: string): Promise<void> {
    await this.db.selectFrom('licensing_application').select('id').where('id', '=', id).forUpdate().execute();
  }

  async insert(row: Insertable<LicensingApplicationTable>): Promise<void> {
    await this.db.insertInto('licensing_application').values(row).execute();
  }

  async update(id: string, patch: Updateable<LicensingApplicationTable>): Promise<void> {
    await this.db.updateTable('licensing_application').set(patch).where('id', '=', id).execute();
  }

  /** Another submitted, unfinished application of the enterprise for the product unit. */
  async openOther(enterpriseOrgId: string, productUnitId: string, exceptId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('licensing_application')
      .select('id')
      .where('enterprise_org_id', '=', enterpriseOrgId)
      .where('product_unit_id', '=', productUnitId)
      .where('id', '<>', exceptId)
      .where('submitted_at', 'is not', null)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return r !== undefined;
  }

  // ------------------------------------------------------------------ materials

  materials(applicationId: string) {
    return this.db
      .selectFrom('licensing_application_material as m')
      .leftJoin('organization as o', 'o.id', 'm.issuer_org_id')
      .selectAll('m')
      .select(['o.name as issuer_org_name'])
      .where('m.application_id', '=', applicationId)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute();
  }

  async insertMaterials(rows: Insertable<LicensingApplicationMaterialTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('licensing_application_material')
      .values(rows)
      .onConflict((oc) => oc.columns(['application_id', 'file_id']).doNothing())
      .execute();
  }

  async deleteMaterial(applicationId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('licensing_application_material')
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ------------------------------------------------------------------ organisations (core tables, read only)

  organization(orgId: string) {
    return this.db
      .selectFrom('organization')
      .select(['id', 'name', 'type', 'region_code', 'credit_code', 'status'])
      .where('id', '=', orgId)
      .executeTakeFirst();
  }

  // ------------------------------------------------------------------ statistics

  /** Submitted applications (drafts are not counted) in scope, with the filters of the statistics. */
  private statsBase(p: Principal, f: ApplicationFilter) {
    let qb = this.db
      .selectFrom('licensing_application as a')
      .innerJoin('licensing_catalogue_node as u', 'u.id', 'a.product_unit_id')
      .where((eb) => scopeWhere(eb, p, SCOPE))
      .where('a.submitted_at', 'is not', null);
    if (f.type) qb = qb.where('a.type', '=', f.type);
    if (f.states?.length) qb = qb.where('a.state', 'in', [...f.states]);
    if (f.productUnitId) qb = qb.where('a.product_unit_id', '=', f.productUnitId);
    if (f.regionCode) {
      const code = f.regionCode;
      qb = code.endsWith('00')
        ? qb.where('a.region_code', 'like', `${code.slice(0, 4)}%`)
        : qb.where('a.region_code', '=', code);
    }
    if (f.submittedFrom)
      qb = qb.where(
        sql<boolean>`(a.submitted_at at time zone 'Asia/Shanghai')::date >= ${f.submittedFrom}::date`,
      );
    if (f.submittedTo)
      qb = qb.where(
        sql<boolean>`(a.submitted_at at time zone 'Asia/Shanghai')::date <= ${f.submittedTo}::date`,
      );
    return qb;
  }

  /** The counters of the statistics, over whatever rows the query groups (or all of them). */
  private static counters(today: string) {
    const overdue = ApplicationsRepository.overdueSql(today);
    const closed = sql<boolean>`a.closed_at is not null`;
    return [
      sql<string>`count(*)`.as('total'),
      sql<string>`coalesce(sum(case when ${closed} then 0 else 1 end), 0)`.as('in_progress'),
      sql<string>`coalesce(sum(case when a.state = 'approved' then 1 else 0 end), 0)`.as('approved'),
      sql<string>`coalesce(sum(case when a.state = 'refused' then 1 else 0 end), 0)`.as('refused'),
      sql<string>`coalesce(sum(case when ${closed} and a.state not in ('approved', 'refused') then 1 else 0 end), 0)`.as(
        'ended_otherwise',
      ),
      sql<string>`coalesce(sum(case when ${overdue} then 1 else 0 end), 0)`.as('overdue'),
      sql<string>`coalesce(sum(case when a.deemed_accepted_on is not null then 1 else 0 end), 0)`.as(
        'deemed_accepted',
      ),
    ] as const;
  }

  /** Counts by city, product unit, type or state, within the data scope; drafts are not counted. */
  stats(p: Principal, group: StatsGroup, f: ApplicationFilter, q: ListQuery, today: string) {
    const keyExpr =
      group === 'city'
        ? sql<string>`(substr(a.region_code, 1, 4) || '00')`
        : group === 'product'
          ? sql<string>`cast(a.product_unit_id as varchar)`
          : group === 'type'
            ? sql<string>`a.type`
            : sql<string>`a.state`;
    const labelExpr =
      group === 'city'
        ? sql<string>`max((select r.name from region r where r.code = substr(a.region_code, 1, 4) || '00'))`
        : group === 'product'
          ? sql<string>`max(u.name)`
          : group === 'type'
            ? sql<string>`max(a.type)`
            : sql<string>`max(a.state)`;
    const grouped = this.statsBase(p, f)
      .select([keyExpr.as('key'), labelExpr.as('label'), ...ApplicationsRepository.counters(today)])
      .groupBy(keyExpr);
    // The group key last keeps pages stable when counts tie.
    const sort = q.sort || '-total';
    const stable = sort.split(',').some((k) => k.replace(/^-/, '') === 'key') ? sort : `${sort},key`;
    return paginate(this.db, grouped, { ...q, sort: stable }, STATS_SORT, '-total');
  }

  /** The same counters over every row of the statistics' query (the 合计 of all groups, not of one page). */
  async statsTotals(p: Principal, f: ApplicationFilter, today: string) {
    return this.statsBase(p, f)
      .select([...ApplicationsRepository.counters(today)])
      .executeTakeFirstOrThrow();
  }

  // ------------------------------------------------------------------ 视为受理

  /**
   * Marks 视为受理 on the applications still waiting in 受理 whose 受理 limit ended before `today`: the day
   * is the submission date in `timeZone`. Only unmarked rows change, so a rerun marks nothing twice; rows
   * in 补正 are not in 'accepting' and are left alone. Returns the ids marked.
   */
  async markDeemedAccepted(today: string, timeZone: string, now: Date): Promise<string[]> {
    const rows = await this.db
      .updateTable('licensing_application')
      .set({
        deemed_accepted_on: sql<string>`(submitted_at at time zone ${timeZone})::date`,
        updated_at: now,
      })
      .where('state', '=', 'accepting')
      .where('deemed_accepted_on', 'is', null)
      .where('closed_at', 'is', null)
      .where('submitted_at', 'is not', null)
      .where('due_date', 'is not', null)
      .where(sql<boolean>`due_date < ${today}::date`)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<ApplicationsRepository['findById']>>>;
export type MaterialRow = Awaited<ReturnType<ApplicationsRepository['materials']>>[number];
export type StatsRow = Awaited<ReturnType<ApplicationsRepository['stats']>>['items'][number];
export type StatsTotalsRow = Awaited<ReturnType<ApplicationsRepository['statsTotals']>>;
