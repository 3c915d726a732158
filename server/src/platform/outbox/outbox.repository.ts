import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { OutboxAttemptTable, OutboxEventTable, OutboxStatus } from './outbox.tables.js';

export type OutboxEventRow = Selectable<OutboxEventTable>;
export type OutboxAttemptRow = Selectable<OutboxAttemptTable>;

export interface OutboxListFilter {
  status?: OutboxStatus | undefined;
  destination?: string | undefined;
  aggregateType?: string | undefined;
  aggregateId?: string | undefined;
}

export interface OutboxResult {
  status: 'pending' | 'delivered' | 'dead';
  nextAttemptAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** The outbox tables. The only Kysely user in outbox; `db` may be a caller's transaction. */
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /** Next seq of an aggregate. The counter row stays locked until the caller's transaction ends. */
  async nextSeq(aggregateType: string, aggregateId: string): Promise<number> {
    const r = await this.db
      .insertInto('outbox_sequence')
      .values({ aggregate_type: aggregateType, aggregate_id: aggregateId, last_seq: 1 })
      .onConflict((oc) =>
        oc
          .columns(['aggregate_type', 'aggregate_id'])
          .doUpdateSet({ last_seq: sql<string>`outbox_sequence.last_seq + 1` }),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(r.last_seq);
  }

  findByKey(key: string) {
    return this.db
      .selectFrom('outbox_event')
      .select(['id', 'seq'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** Inserts an event; with its idempotency key already present, inserts nothing and returns undefined. */
  async insertEvent(row: Insertable<OutboxEventTable>): Promise<string | undefined> {
    const r = await this.db
      .insertInto('outbox_event')
      .values(row)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r?.id;
  }

  /**
   * Claims due head events in one short transaction (FOR UPDATE SKIP LOCKED): for each aggregate and
   * destination only the lowest-seq event not yet delivered, and only if it is pending and due. An
   * earlier dead event therefore blocks the rest of its aggregate. Claimed events get a lease and
   * attempts + 1. Events whose lease ran out (their node died mid-delivery) are due again; the lost
   * attempt is logged, and with no attempts left the event goes dead instead.
   */
  async claimHeads(
    destinations: string[],
    now: Date,
    limit: number,
    leaseMs: number,
    maxAttempts: number,
    newId: () => string,
  ): Promise<{ claimed: OutboxEventRow[]; expiredDead: number }> {
    if (destinations.length === 0 || limit < 1) return { claimed: [], expiredDead: 0 };
    return this.db.transaction().execute(async (trx) => {
      const heads = await trx
        .selectFrom('outbox_event as e')
        .select(['e.id', 'e.attempts', 'e.locked_until'])
        .where('e.status', '=', 'pending')
        .where('e.destination', 'in', destinations)
        .where((eb) => eb.or([eb('e.next_attempt_at', 'is', null), eb('e.next_attempt_at', '<=', now)]))
        .where((eb) => eb.or([eb('e.locked_until', 'is', null), eb('e.locked_until', '<=', now)]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('outbox_event as p')
                .select(sql`1`.as('one'))
                .whereRef('p.aggregate_type', '=', 'e.aggregate_type')
                .whereRef('p.aggregate_id', '=', 'e.aggregate_id')
                .whereRef('p.destination', '=', 'e.destination')
                .whereRef('p.seq', '<', 'e.seq')
                .where('p.status', '<>', 'delivered'),
            ),
          ),
        )
        .orderBy('e.id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (heads.length === 0) return { claimed: [], expiredDead: 0 };
      const lost = heads.filter((h) => h.locked_until !== null);
      if (lost.length) {
        await trx
          .insertInto('outbox_attempt')
          .values(
            lost.map((h) => ({
              id: newId(),
              event_id: h.id,
              attempt_no: h.attempts,
              // The lost attempt started when it was claimed: lease end minus the lease.
              at: new Date(h.locked_until!.getTime() - leaseMs),
              duration_ms: 0,
              ok: false,
              http_status: null,
              error: '投递中断（节点故障或租约过期），结果未知，将重新投递',
            })),
          )
          .execute();
      }
      const exhausted = lost.filter((h) => h.attempts >= maxAttempts).map((h) => h.id);
      if (exhausted.length) {
        await trx
          .updateTable('outbox_event')
          .set({
            status: 'dead',
            locked_until: null,
            last_error: '投递中断（节点故障或租约过期），已达最大尝试次数',
          })
          .where('id', 'in', exhausted)
          .execute();
      }
      const ids = heads.map((h) => h.id).filter((id) => !exhausted.includes(id));
      if (ids.length === 0) return { claimed: [], expiredDead: exhausted.length };
      const claimed = await trx
        .updateTable('outbox_event')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + leaseMs) }))
        .where('id', 'in', ids)
        .returningAll()
        .execute();
      claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
      return { claimed, expiredDead: exhausted.length };
    });
  }

  /**
   * Records one attempt and its outcome in one transaction. The event update is fenced by the attempt
   * number (a node that lost its lease changes nothing); the attempt row is written either way.
   */
  async recordAttempt(attempt: Insertable<OutboxAttemptTable>, result: OutboxResult): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.insertInto('outbox_attempt').values(attempt).execute();
      const r = await trx
        .updateTable('outbox_event')
        .set({
          status: result.status,
          next_attempt_at: result.nextAttemptAt,
          last_error: result.lastError,
          delivered_at: result.deliveredAt,
          locked_until: null,
        })
        .where('id', '=', attempt.event_id)
        .where('status', '=', 'pending')
        .where('attempts', '=', attempt.attempt_no)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    });
  }

  findById(id: string) {
    return this.db.selectFrom('outbox_event').selectAll().where('id', '=', id).executeTakeFirst();
  }

  attemptsOf(eventId: string) {
    return (
      this.db
        .selectFrom('outbox_attempt')
        .selectAll()
        .where('event_id', '=', eventId)
        // By time, not attempt_no: a replay starts counting again from 1.
        .orderBy('at')
        .orderBy('id')
        .execute()
    );
  }

  /** Dead → pending with attempts reset, due at once; undefined when the event is not dead. */
  replay(id: string) {
    return this.db
      .updateTable('outbox_event')
      .set({ status: 'pending', attempts: 0, next_attempt_at: null, locked_until: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .returningAll()
      .executeTakeFirst();
  }

  /** Filtered list query for paging (platform/http/paging.ts). */
  listQuery(f: OutboxListFilter) {
    let q = this.db.selectFrom('outbox_event').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    if (f.destination) q = q.where('destination', '=', f.destination);
    if (f.aggregateType) q = q.where('aggregate_type', '=', f.aggregateType);
    if (f.aggregateId) q = q.where('aggregate_id', '=', f.aggregateId);
    return q;
  }

  /**
   * Undelivered events by status and destination, with the age in seconds of the oldest one (measured
   * by the database clock, like created_at).
   */
  async countBacklog(): Promise<
    Array<{ status: 'pending' | 'dead'; destination: string; n: number; oldestAgeSeconds: number }>
  > {
    const rows = await this.db
      .selectFrom('outbox_event')
      .select([
        'status',
        'destination',
        sql<string>`count(*)`.as('n'),
        sql<string>`extract(epoch from (now() - min(created_at)))`.as('age'),
      ])
      .where('status', 'in', ['pending', 'dead'])
      .groupBy(['status', 'destination'])
      .execute();
    return rows.map((r) => ({
      status: r.status as 'pending' | 'dead',
      destination: r.destination,
      n: Number(r.n),
      oldestAgeSeconds: Math.max(0, Number(r.age)),
    }));
  }
}
