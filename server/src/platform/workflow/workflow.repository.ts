import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { Principal } from '../access/principal.js';
import { scopeWhere } from '../access/scope.js';
import type { Database } from '../db/database.js';
import { likePattern } from './workflow.rules.js';
import type { WfHistoryTable, WfInstanceTable } from './workflow.tables.js';

/** An instance row with the names the inbox and the detail show, and the overdue flag of `today`. */
export type InstanceRow = Selectable<WfInstanceTable> & {
  applicant_name: string | null;
  applicant_org_name: string | null;
  assignee_name: string | null;
  overdue: boolean;
};

export type HistoryRow = Selectable<WfHistoryTable> & { assignee_after_name: string | null };

/** (process, state) pairs a user holds tasks in, grouped by process. */
export type StatePairs = ReadonlyMap<string, readonly string[]>;

export interface InboxFilter {
  userId: string;
  handler: StatePairs;
  applicant: StatePairs;
  processKey?: string | undefined;
  overdue?: boolean | undefined;
  keyword?: string | undefined;
  today: string;
}

/**
 * Visibility of an instance (DESIGN.md §6): the data scope by region, handling organisation, owner and
 * assignment, the applicant's organisation for org-scoped users (an enterprise sees its own applications),
 * and always one's own application and one's own task.
 */
function visibleTo<D, T extends keyof D>(eb: ExpressionBuilder<D, T>, p: Principal): Expression<SqlBool> {
  return eb.or([
    scopeWhere(eb, p, {
      region: 'i.region_code',
      org: 'i.org_id',
      owner: 'i.applicant_user_id',
      assigned: (uid) => sql<boolean>`i.assignee_user_id = ${uid}`,
    }),
    scopeWhere(eb, p, { org: 'i.applicant_org_id' }),
    sql<boolean>`i.applicant_user_id = ${p.userId}`,
    sql<boolean>`i.assignee_user_id = ${p.userId}`,
  ]);
}

/** `(process_key, state)` in the given pairs. */
function inPairs(pairs: StatePairs): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [];
  for (const [processKey, states] of pairs) {
    if (states.length === 0) continue;
    ors.push(sql<boolean>`(i.process_key = ${processKey} and i.state in (${sql.join([...states])}))`);
  }
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`false`;
}

/** Workflow instances and their history. The only Kysely user in workflow; no business rules. */
export class WorkflowRepository {
  constructor(private readonly db: Database) {}

  private withNames(today: string) {
    return this.db
      .selectFrom('wf_instance as i')
      .leftJoin('app_user as au', 'au.id', 'i.applicant_user_id')
      .leftJoin('organization as ao', 'ao.id', 'i.applicant_org_id')
      .leftJoin('app_user as su', 'su.id', 'i.assignee_user_id')
      .selectAll('i')
      .select([
        'au.display_name as applicant_name',
        'ao.name as applicant_org_name',
        'su.display_name as assignee_name',
        sql<boolean>`(i.due_date is not null and i.due_date < ${today}::date)`.as('overdue'),
      ]);
  }

  /** The instance if the principal may see it under the data scope. */
  findVisible(p: Principal, id: string, today: string): Promise<InstanceRow | undefined> {
    return this.withNames(today)
      .where('i.id', '=', id)
      .where((eb) => visibleTo(eb, p))
      .executeTakeFirst();
  }

  /** Whether the instance is within the principal's data scope (for transfer targets). */
  async isVisible(p: Principal, id: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('wf_instance as i')
      .select('i.id')
      .where('i.id', '=', id)
      .where((eb) => visibleTo(eb, p))
      .executeTakeFirst();
    return r !== undefined;
  }

  findById(id: string, today: string): Promise<InstanceRow | undefined> {
    return this.withNames(today).where('i.id', '=', id).executeTakeFirst();
  }

  /** The latest instance of a business record (optionally of one process), with no scope applied. */
  findLatestByBusiness(
    businessType: string,
    businessId: string,
    processKey: string | undefined,
    today: string,
  ): Promise<InstanceRow | undefined> {
    let q = this.withNames(today)
      .where('i.business_type', '=', businessType)
      .where('i.business_id', '=', businessId);
    if (processKey) q = q.where('i.process_key', '=', processKey);
    return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(1).executeTakeFirst();
  }

  async hasActive(processKey: string, businessType: string, businessId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('wf_instance')
      .select('id')
      .where('process_key', '=', processKey)
      .where('business_type', '=', businessType)
      .where('business_id', '=', businessId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return r !== undefined;
  }

  async insertInstance(row: Insertable<WfInstanceTable>): Promise<void> {
    await this.db.insertInto('wf_instance').values(row).execute();
  }

  async insertHistory(row: Insertable<WfHistoryTable>): Promise<void> {
    await this.db.insertInto('wf_history').values(row).execute();
  }

  /** Applies a transition only if nobody changed the instance since it was read (optimistic lock). */
  updateVersioned(
    id: string,
    version: number,
    patch: Partial<Omit<Insertable<WfInstanceTable>, 'id' | 'version'>>,
  ): Promise<Selectable<WfInstanceTable> | undefined> {
    return this.db
      .updateTable('wf_instance')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  }

  history(instanceId: string): Promise<HistoryRow[]> {
    return this.db
      .selectFrom('wf_history as h')
      .leftJoin('app_user as u', 'u.id', 'h.assignee_after')
      .selectAll('h')
      .select('u.display_name as assignee_after_name')
      .where('h.instance_id', '=', instanceId)
      .orderBy('h.seq')
      .execute();
  }

  async hasActed(instanceId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('wf_history')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('actor_user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }

  /**
   * The inbox: active instances the user may see and either is assigned to, holds a handling permission
   * for (unassigned, not their own application), or must act on as the applicant. Not yet sorted or paged.
   */
  inboxQuery(p: Principal, f: InboxFilter) {
    let q = this.withNames(f.today)
      .where('i.status', '=', 'active')
      .where((eb) => visibleTo(eb, p))
      .where((eb) =>
        eb.or([
          eb('i.assignee_user_id', '=', f.userId),
          eb.and([
            eb('i.assignee_user_id', 'is', null),
            eb.or([eb('i.applicant_user_id', 'is', null), eb('i.applicant_user_id', '!=', f.userId)]),
            inPairs(f.handler),
          ]),
          eb.and([eb('i.applicant_user_id', '=', f.userId), inPairs(f.applicant)]),
        ]),
      );
    if (f.processKey) q = q.where('i.process_key', '=', f.processKey);
    if (f.overdue === true)
      q = q.where('i.due_date', 'is not', null).where(sql<boolean>`i.due_date < ${f.today}::date`);
    if (f.overdue === false)
      q = q.where((eb) =>
        eb.or([eb('i.due_date', 'is', null), sql<boolean>`i.due_date >= ${f.today}::date`]),
      );
    if (f.keyword) q = q.where(sql<boolean>`i.title ilike ${likePattern(f.keyword)}`);
    return q;
  }

  /** Active instances whose due date is before `today`, the earliest first (for reminder jobs). */
  findOverdue(today: string, limit: number): Promise<InstanceRow[]> {
    return this.withNames(today)
      .where('i.status', '=', 'active')
      .where('i.due_date', 'is not', null)
      .where(sql<boolean>`i.due_date < ${today}::date`)
      .orderBy('i.due_date')
      .orderBy('i.id')
      .limit(limit)
      .execute();
  }

  /** Active users holding any of the permissions through an active role. */
  /**
   * Active, unlocked users holding one of the permissions through an active role, who also hold at least one
   * active role outside `excludedRoleCodes` (a user whose only roles are those is left out).
   */
  usersWithPermission(
    permissions: readonly string[],
    limit: number,
    opts: { excludedRoleCodes: readonly string[]; now: Date },
  ) {
    if (permissions.length === 0) return Promise.resolve([]);
    const excluded = [...opts.excludedRoleCodes];
    return this.db
      .selectFrom('app_user as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.display_name', 'o.name as org_name'])
      .where('u.status', '=', 'active')
      .where((eb) => eb.or([eb('u.locked_until', 'is', null), eb('u.locked_until', '<=', opts.now)]))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_role as ur')
            .innerJoin('role as r', 'r.id', 'ur.role_id')
            .innerJoin('role_permission as rp', 'rp.role_id', 'r.id')
            .select('ur.user_id')
            .whereRef('ur.user_id', '=', 'u.id')
            .where('r.status', '=', 'active')
            .where('rp.permission_code', 'in', [...permissions]),
        ),
      )
      .$if(excluded.length > 0, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('user_role as ur2')
              .innerJoin('role as r2', 'r2.id', 'ur2.role_id')
              .select('ur2.user_id')
              .whereRef('ur2.user_id', '=', 'u.id')
              .where('r2.status', '=', 'active')
              .where('r2.code', 'not in', excluded),
          ),
        ),
      )
      .orderBy('o.name')
      .orderBy('u.display_name')
      .limit(limit)
      .execute();
  }

  async userName(id: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('app_user')
      .select('display_name')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.display_name;
  }
}
