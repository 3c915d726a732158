import {
  sql,
  type Expression,
  type Insertable,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import { likePattern } from '../../platform/db/like.js';
import type { Database } from '../../platform/db/database.js';
import type { OrgType } from '../../platform/db/schema.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import type {
  InspectionStatus,
  LicensingInspectionDeclarationTable,
  LicensingInspectionMemberTable,
  LicensingInspectionRecordTable,
  LicensingInspectionTaskTable,
  LicensingObserverDrawTable,
} from './inspection.tables.js';

export interface InspectionFilter {
  status?: InspectionStatus | undefined;
  keyword?: string | undefined;
  regionCode?: string | undefined;
  applicationId?: string | undefined;
  finalResult?: 'pass' | 'fail' | undefined;
  /** Only tasks where the user is on the team or the observer. */
  mine?: boolean | undefined;
  /** Open tasks past the application's 核查期限 (true), or the others (false). */
  overdue?: boolean | undefined;
}

export type TaskRow = Selectable<LicensingInspectionTaskTable> & {
  region_name: string | null;
  org_name: string | null;
  enterprise_name: string | null;
  concluded_by_name: string | null;
};

export type MemberRow = Selectable<LicensingInspectionMemberTable> & {
  display_name: string;
  org_name: string;
  user_status: string;
};

export type DeclarationRow = Selectable<LicensingInspectionDeclarationTable> & {
  display_name: string;
  declared_by_name: string | null;
};

export type RecordRow = Selectable<LicensingInspectionRecordTable> & { recorded_by_name: string | null };

export type DrawRow = Selectable<LicensingObserverDrawTable> & {
  picked_name: string | null;
  drawn_by_name: string | null;
};

/** A person as the team and observer rules need them. */
export interface PersonRow {
  id: string;
  display_name: string;
  status: string;
  org_id: string;
  org_name: string;
  org_type: OrgType;
  org_status: string;
}

/** Organisation types whose staff may be drawn as observers (bureaus of the jurisdiction). */
export const OBSERVER_ORG_TYPES: readonly OrgType[] = ['city_bureau', 'county_bureau', 'market_station'];

/**
 * Overdue on `today`: the task is still open and the application's 核查期限 has passed
 * (《办法》第十八条: 自受理之日起 30 个工作日内完成实地核查). Needs the application joined as `a`.
 */
const overdueSql = (today: string) =>
  sql<boolean>`(t.status in ('planning', 'in_progress') and a.inspection_due_date is not null and a.inspection_due_date < ${today}::date)`;

/** The user is on the team of the task (leader, member or observer). */
const isMember = (userId: string) =>
  sql<boolean>`exists (select 1 from licensing_inspection_member m where m.task_id = t.id and m.user_id = ${userId})`;

/**
 * licensing_inspection_* and licensing_observer_draw. Visibility (DESIGN.md §6): officers holding a licensing
 * permission see tasks by region through the data scope; team members and the observer see their own tasks
 * (the 'assigned' scope, and always as a party to the task).
 */
export class InspectionRepository {
  constructor(private readonly db: Database) {}

  /** The database (or transaction) this repository works on. */
  get database(): Database {
    return this.db;
  }

  private base() {
    return this.db
      .selectFrom('licensing_inspection_task as t')
      .leftJoin('region as r', 'r.code', 't.region_code')
      .leftJoin('organization as o', 'o.id', 't.org_id')
      .leftJoin('organization as e', 'e.id', 't.enterprise_org_id')
      .leftJoin('app_user as cu', 'cu.id', 't.concluded_by')
      .selectAll('t')
      .select([
        'r.name as region_name',
        'o.name as org_name',
        'e.name as enterprise_name',
        'cu.display_name as concluded_by_name',
      ]);
  }

  /** Visibility of a task: a party to it, or in the data scope for holders of the view permissions. */
  private visible(p: Principal, viewByScope: boolean) {
    return this.base().where((eb) => {
      const ors: Expression<SqlBool>[] = [isMember(p.userId)];
      if (viewByScope)
        ors.push(scopeWhere(eb, p, { region: 't.region_code', org: 't.org_id', assigned: isMember }));
      return eb.or(ors);
    });
  }

  /** Tasks the principal may manage: inside the region scope (team assignment, plan, observer draw). */
  private managed(p: Principal) {
    return this.base().where((eb) => scopeWhere(eb, p, { region: 't.region_code', org: 't.org_id' }));
  }

  /**
   * The tasks the principal may see, with the application's number, product and 核查期限 joined in (one query
   * for the page, so the list can sort and filter by them), the 组长, the team size and the caller's role.
   */
  list(p: Principal, viewByScope: boolean, f: InspectionFilter, q: ListQuery, today: string) {
    let qb = this.visible(p, viewByScope)
      // The application is owned by the application part; read here only for display, sort and filter.
      .leftJoin('licensing_application as a', 'a.id', 't.application_id')
      .leftJoin('licensing_catalogue_node as pu', 'pu.id', 't.product_unit_id')
      .select([
        'a.application_no',
        'pu.name as product_name',
        'a.inspection_due_date',
        overdueSql(today).as('overdue'),
      ])
      .select([
        (eb) =>
          eb
            .selectFrom('licensing_inspection_member as lm')
            .innerJoin('app_user as lu', 'lu.id', 'lm.user_id')
            .select('lu.display_name')
            .whereRef('lm.task_id', '=', 't.id')
            .where('lm.role', '=', 'leader')
            .limit(1)
            .as('leader_name'),
        (eb) =>
          eb
            .selectFrom('licensing_inspection_member as om')
            .innerJoin('app_user as ou', 'ou.id', 'om.user_id')
            .select('ou.display_name')
            .whereRef('om.task_id', '=', 't.id')
            .where('om.role', '=', 'observer')
            .limit(1)
            .as('observer_name'),
        (eb) =>
          eb
            .selectFrom('licensing_inspection_member as cm')
            .select(sql<string>`count(*)`.as('n'))
            .whereRef('cm.task_id', '=', 't.id')
            .where('cm.role', '<>', 'observer')
            .as('member_count'),
        (eb) =>
          eb
            .selectFrom('licensing_inspection_member as mm')
            .select('mm.role')
            .whereRef('mm.task_id', '=', 't.id')
            .where('mm.user_id', '=', p.userId)
            .limit(1)
            .as('my_role'),
      ]);
    if (f.status) qb = qb.where('t.status', '=', f.status);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([eb('e.name', 'ilike', k), eb('a.application_no', 'ilike', k), eb('pu.name', 'ilike', k)]),
      );
    }
    if (f.regionCode) qb = qb.where('t.region_code', '=', f.regionCode);
    if (f.applicationId) qb = qb.where('t.application_id', '=', f.applicationId);
    if (f.finalResult) qb = qb.where('t.final_result', '=', f.finalResult);
    if (f.mine) qb = qb.where(isMember(p.userId));
    if (f.overdue !== undefined)
      qb = qb.where(f.overdue ? overdueSql(today) : sql<boolean>`not ${overdueSql(today)}`);
    // A unique last key keeps pages stable when sorting by a column with ties (dates).
    const sort = q.sort || '-createdAt,-id';
    const stable = sort.split(',').some((s) => s.replace(/^-/, '') === 'id') ? sort : `${sort},-id`;
    return paginate(
      this.db,
      qb,
      { ...q, sort: stable },
      {
        createdAt: 't.created_at',
        planStart: 't.plan_start',
        inspectionDueDate: 'a.inspection_due_date',
        concludedAt: 't.concluded_at',
        status: 't.status',
        regionCode: 't.region_code',
        id: 't.id',
      },
      '-createdAt,-id',
    );
  }

  findVisible(p: Principal, viewByScope: boolean, id: string): Promise<TaskRow | undefined> {
    return this.visible(p, viewByScope).where('t.id', '=', id).executeTakeFirst();
  }

  findManaged(p: Principal, id: string): Promise<TaskRow | undefined> {
    return this.managed(p).where('t.id', '=', id).executeTakeFirst();
  }

  findById(id: string): Promise<TaskRow | undefined> {
    return this.base().where('t.id', '=', id).executeTakeFirst();
  }

  /** Locks the task row for the rest of the transaction. */
  async lock(id: string): Promise<Selectable<LicensingInspectionTaskTable> | undefined> {
    return this.db
      .selectFrom('licensing_inspection_task')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The open (planning / in progress) task of an application. */
  openFor(applicationId: string) {
    return this.db
      .selectFrom('licensing_inspection_task')
      .select(['id', 'status'])
      .where('application_id', '=', applicationId)
      .where('status', 'in', ['planning', 'in_progress'])
      .executeTakeFirst();
  }

  /** The latest concluded task of an application. */
  latestConcluded(applicationId: string): Promise<TaskRow | undefined> {
    return this.base()
      .where('t.application_id', '=', applicationId)
      .where('t.status', '=', 'concluded')
      .orderBy('t.concluded_at', 'desc')
      .orderBy('t.id', 'desc')
      .executeTakeFirst();
  }

  async insertTask(row: Insertable<LicensingInspectionTaskTable>): Promise<void> {
    await this.db.insertInto('licensing_inspection_task').values(row).execute();
  }

  /** Updates the task and bumps its version; false when the version moved on meanwhile. */
  async updateTask(
    id: string,
    patch: Updateable<LicensingInspectionTaskTable>,
    expectedVersion?: number,
  ): Promise<boolean> {
    let q = this.db
      .updateTable('licensing_inspection_task')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id);
    if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  members(taskId: string): Promise<MemberRow[]> {
    return this.db
      .selectFrom('licensing_inspection_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['u.display_name', 'o.name as org_name', 'u.status as user_status'])
      .where('m.task_id', '=', taskId)
      .orderBy(sql`case m.role when 'leader' then 0 when 'member' then 1 else 2 end`)
      .orderBy('m.assigned_at')
      .orderBy('m.id')
      .execute();
  }

  /** Replaces the leader and members (the observer stays). */
  async replaceTeam(taskId: string, rows: Insertable<LicensingInspectionMemberTable>[]): Promise<void> {
    await this.db
      .deleteFrom('licensing_inspection_member')
      .where('task_id', '=', taskId)
      .where('role', 'in', ['leader', 'member'])
      .execute();
    if (rows.length) await this.db.insertInto('licensing_inspection_member').values(rows).execute();
  }

  async removeObserver(taskId: string): Promise<void> {
    await this.db
      .deleteFrom('licensing_inspection_member')
      .where('task_id', '=', taskId)
      .where('role', '=', 'observer')
      .execute();
  }

  async insertMember(row: Insertable<LicensingInspectionMemberTable>): Promise<void> {
    await this.db.insertInto('licensing_inspection_member').values(row).execute();
  }

  /** Every declaration of the task, oldest first (the latest per person counts). */
  declarations(taskId: string): Promise<DeclarationRow[]> {
    return this.db
      .selectFrom('licensing_inspection_declaration as d')
      .innerJoin('app_user as u', 'u.id', 'd.user_id')
      .leftJoin('app_user as b', 'b.id', 'd.declared_by')
      .selectAll('d')
      .select(['u.display_name', 'b.display_name as declared_by_name'])
      .where('d.task_id', '=', taskId)
      .orderBy('d.declared_at')
      .orderBy('d.id')
      .execute();
  }

  async insertDeclaration(row: Insertable<LicensingInspectionDeclarationTable>): Promise<void> {
    await this.db.insertInto('licensing_inspection_declaration').values(row).execute();
  }

  records(taskId: string): Promise<RecordRow[]> {
    return this.db
      .selectFrom('licensing_inspection_record as rec')
      .leftJoin('app_user as u', 'u.id', 'rec.recorded_by')
      .selectAll('rec')
      .select('u.display_name as recorded_by_name')
      .where('rec.task_id', '=', taskId)
      .execute();
  }

  async hasRecords(taskId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('licensing_inspection_record')
      .select('item_id')
      .where('task_id', '=', taskId)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }

  /** The task's records of the given items (to check what a save would overwrite). */
  recordsOf(taskId: string, itemIds: readonly string[]): Promise<RecordRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('licensing_inspection_record as rec')
      .leftJoin('app_user as u', 'u.id', 'rec.recorded_by')
      .selectAll('rec')
      .select('u.display_name as recorded_by_name')
      .where('rec.task_id', '=', taskId)
      .where('rec.item_id', 'in', [...itemIds])
      .execute();
  }

  /**
   * Writes item records (insert or overwrite the task's record of the item). `evidence` undefined keeps the
   * stored evidence of an existing record.
   */
  async upsertRecords(rows: Insertable<LicensingInspectionRecordTable>[]): Promise<void> {
    for (const row of rows) {
      await this.db
        .insertInto('licensing_inspection_record')
        .values({ ...row, evidence: row.evidence ?? null })
        .onConflict((oc) =>
          oc.columns(['task_id', 'item_id']).doUpdateSet({
            result: row.result,
            problem: row.problem ?? null,
            rectification: row.rectification ?? null,
            ...(row.evidence !== undefined ? { evidence: row.evidence } : {}),
            recorded_by: row.recorded_by,
            recorded_at: row.recorded_at,
          }),
        )
        .execute();
    }
  }

  /** Users with their organisation (any status; the caller checks). */
  people(ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('app_user as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .select([
        'u.id',
        'u.display_name',
        'u.status',
        'u.org_id',
        'o.name as org_name',
        'o.type as org_type',
        'o.status as org_status',
      ])
      .where('u.id', 'in', [...ids])
      .execute();
  }

  /**
   * The regions of the city-level unit (设区市局, 杨凌, 韩城) whose jurisdiction holds the task's region: the
   * "辖区" an observer is drawn from.
   */
  async jurisdictionOf(regionCode: string, today: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('org_jurisdiction as j')
      .select('j.region_code')
      .distinct()
      .where('j.org_id', 'in', (eb) =>
        eb
          .selectFrom('org_jurisdiction as j2')
          .innerJoin('organization as c', 'c.id', 'j2.org_id')
          .select('j2.org_id')
          .where('c.type', '=', 'city_bureau')
          .where('j2.region_code', '=', regionCode)
          .where((w) => w.or([w('j2.valid_from', 'is', null), w('j2.valid_from', '<=', today)]))
          .where((w) => w.or([w('j2.valid_to', 'is', null), w('j2.valid_to', '>=', today)])),
      )
      .where((w) => w.or([w('j.valid_from', 'is', null), w('j.valid_from', '<=', today)]))
      .where((w) => w.or([w('j.valid_to', 'is', null), w('j.valid_to', '>=', today)]))
      .orderBy('j.region_code')
      .execute();
    return rows.map((r) => r.region_code);
  }

  /** Active staff of active bureaus in the given regions, restricted to the principal's data scope. */
  async bureauStaff(p: Principal, regions: readonly string[]): Promise<PersonRow[]> {
    if (regions.length === 0) return [];
    return this.db
      .selectFrom('app_user as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .select([
        'u.id',
        'u.display_name',
        'u.status',
        'u.org_id',
        'o.name as org_name',
        'o.type as org_type',
        'o.status as org_status',
      ])
      .where('u.status', '=', 'active')
      .where('o.status', '=', 'active')
      .where('o.type', 'in', [...OBSERVER_ORG_TYPES])
      .where('o.region_code', 'in', [...regions])
      .where((eb) => scopeWhere(eb, p, { region: 'o.region_code' }))
      .orderBy('u.id')
      .execute();
  }

  /**
   * People who may sit on a review team: active users of active non-enterprise organisations holding one of
   * `teamPermissions`, either in the principal's data scope or holding one of `memberPermissions` (experts are
   * registered province-wide). `canLead` = holds `leadPermission`.
   */
  async teamCandidates(
    p: Principal,
    opts: {
      keyword?: string | undefined;
      /** Everyone on a team holds one of these. */
      teamPermissions: readonly string[];
      /** Registered province-wide (experts): offered whatever the caller's scope. */
      memberPermissions: readonly string[];
      leadPermission: string;
      limit: number;
    },
  ): Promise<Array<PersonRow & { username: string; region_code: string; can_lead: boolean }>> {
    const holds = (codes: readonly string[]) =>
      this.db
        .selectFrom('user_role as ur')
        .innerJoin('role as r', 'r.id', 'ur.role_id')
        .innerJoin('role_permission as rp', 'rp.role_id', 'r.id')
        .select('ur.user_id')
        .where('r.status', '=', 'active')
        .where('rp.permission_code', 'in', [...codes]);
    let q = this.db
      .selectFrom('app_user as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.status',
        'u.org_id',
        'o.name as org_name',
        'o.type as org_type',
        'o.status as org_status',
        'o.region_code',
      ])
      .select((eb) => eb('u.id', 'in', holds([opts.leadPermission])).as('can_lead'))
      .where('u.status', '=', 'active')
      .where('o.status', '=', 'active')
      .where('o.type', '<>', 'enterprise')
      // Only people with a part in verification (not the 三员 or operations staff of the same units).
      .where('u.id', 'in', holds(opts.teamPermissions))
      .where((eb) =>
        eb.or([
          scopeWhere(eb, p, { region: 'o.region_code' }),
          eb('u.id', 'in', holds(opts.memberPermissions)),
        ]),
      );
    const kw = opts.keyword?.trim();
    if (kw) {
      const like = likePattern(kw);
      q = q.where((eb) =>
        eb.or([
          eb('u.display_name', 'ilike', like),
          eb('u.username', 'ilike', like),
          eb('o.name', 'ilike', like),
        ]),
      );
    }
    const rows = await q
      .orderBy('o.region_code')
      .orderBy('o.name')
      .orderBy('u.display_name')
      .limit(opts.limit)
      .execute();
    return rows.map((r) => ({ ...r, can_lead: Boolean(r.can_lead) }));
  }

  async insertDraw(row: Insertable<LicensingObserverDrawTable>): Promise<void> {
    await this.db.insertInto('licensing_observer_draw').values(row).execute();
  }

  private draws() {
    return this.db
      .selectFrom('licensing_observer_draw as d')
      .leftJoin('app_user as pu', 'pu.id', 'd.picked_user_id')
      .leftJoin('app_user as du', 'du.id', 'd.drawn_by')
      .selectAll('d')
      .select(['pu.display_name as picked_name', 'du.display_name as drawn_by_name']);
  }

  listDraws(taskId: string): Promise<DrawRow[]> {
    return this.draws().where('d.task_id', '=', taskId).orderBy('d.drawn_at').orderBy('d.id').execute();
  }

  findDraw(taskId: string, drawId: string): Promise<DrawRow | undefined> {
    return this.draws().where('d.task_id', '=', taskId).where('d.id', '=', drawId).executeTakeFirst();
  }

  /** Display names of users (for the draw's candidate list). */
  async names(ids: readonly string[]): Promise<Map<string, { name: string; orgName: string }>> {
    const rows = await this.people(ids);
    return new Map(rows.map((r) => [r.id, { name: r.display_name, orgName: r.org_name }]));
  }
}

export type TaskListRow = Awaited<ReturnType<InspectionRepository['list']>>['items'][number];
