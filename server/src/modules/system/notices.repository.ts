import { sql, type Insertable, type Updateable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from './system.sql.js';
import type { NoticeStatus, NoticeTable } from './system.tables.js';

export interface NoticeFilter {
  keyword?: string | undefined;
  type?: string | undefined;
  status?: NoticeStatus | undefined;
}

/** A region and its ancestors (a notice for 西安市 reaches 新城区 users; one for 陕西省 everybody). */
const regionAndAncestors = (code: string) => sql<string>`(
  with recursive up(code, parent_code, depth) as (
    select code, parent_code, 0 from region where code = ${code}
    union all
    select r.code, r.parent_code, up.depth + 1 from region r join up on r.code = up.parent_code where up.depth < 5
  )
  select code from up
)`;

/** notice and notice_read. Administration reads apply the data scope on the notice's region. */
export class NoticesRepository {
  constructor(private readonly db: Database) {}

  private managed(p: Principal) {
    return this.db
      .selectFrom('notice as n')
      .leftJoin('region as r', 'r.code', 'n.region_code')
      .leftJoin('app_user as pub', 'pub.id', 'n.published_by')
      .leftJoin('app_user as cre', 'cre.id', 'n.created_by')
      .where((eb) => scopeWhere(eb, p, { region: 'n.region_code', owner: 'n.created_by' }))
      .select([
        'n.id',
        'n.title',
        'n.content',
        'n.type',
        'n.status',
        'n.region_code',
        'r.name as region_name',
        'n.published_at',
        'pub.display_name as published_by_name',
        'n.withdrawn_at',
        'cre.display_name as created_by_name',
        'n.created_at',
        'n.updated_at',
        (eb) =>
          eb
            .selectFrom('notice_read as nr')
            .select(sql<string>`count(*)`.as('n'))
            .whereRef('nr.notice_id', '=', 'n.id')
            .as('read_count'),
      ]);
  }

  list(p: Principal, f: NoticeFilter, q: ListQuery) {
    let qb = this.managed(p);
    if (f.keyword) qb = qb.where('n.title', 'ilike', likePattern(f.keyword));
    if (f.type) qb = qb.where('n.type', '=', f.type);
    if (f.status) qb = qb.where('n.status', '=', f.status);
    return paginate(
      this.db,
      qb,
      q,
      { createdAt: 'n.created_at', publishedAt: 'n.published_at', title: 'n.title', status: 'n.status' },
      '-createdAt',
    );
  }

  findManaged(p: Principal, id: string) {
    return this.managed(p).where('n.id', '=', id).executeTakeFirst();
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

  async insert(row: Insertable<NoticeTable>): Promise<void> {
    await this.db.insertInto('notice').values(row).execute();
  }

  async update(id: string, patch: Updateable<NoticeTable>): Promise<void> {
    await this.db.updateTable('notice').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('notice').where('id', '=', id).execute();
  }

  /** Published notices addressed to a user (whole province, or a region containing the user's organisation). */
  private addressedTo(userId: string, orgRegionCode: string) {
    return this.db
      .selectFrom('notice as n')
      .leftJoin('notice_read as nr', (j) =>
        j.onRef('nr.notice_id', '=', 'n.id').on('nr.user_id', '=', userId),
      )
      .where('n.status', '=', 'published')
      .where((eb) =>
        eb.or([
          eb('n.region_code', 'is', null),
          sql<boolean>`n.region_code in ${regionAndAncestors(orgRegionCode)}`,
        ]),
      );
  }

  mine(userId: string, orgRegionCode: string, unreadOnly: boolean, q: ListQuery) {
    let qb = this.addressedTo(userId, orgRegionCode).select([
      'n.id',
      'n.title',
      'n.content',
      'n.type',
      'n.region_code',
      'n.published_at',
      'nr.read_at',
    ]);
    if (unreadOnly) qb = qb.where('nr.read_at', 'is', null);
    return paginate(this.db, qb, q, { publishedAt: 'n.published_at' }, '-publishedAt');
  }

  async unreadCount(userId: string, orgRegionCode: string): Promise<number> {
    const r = await this.addressedTo(userId, orgRegionCode)
      .select(sql<string>`count(*)`.as('n'))
      .where('nr.read_at', 'is', null)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async isAddressedTo(id: string, userId: string, orgRegionCode: string): Promise<boolean> {
    const r = await this.addressedTo(userId, orgRegionCode)
      .select('n.id')
      .where('n.id', '=', id)
      .executeTakeFirst();
    return r !== undefined;
  }

  async markRead(id: string, userId: string, at: Date): Promise<void> {
    await this.db
      .insertInto('notice_read')
      .values({ notice_id: id, user_id: userId, read_at: at })
      .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
      .execute();
  }
}

export type NoticeRow = NonNullable<Awaited<ReturnType<NoticesRepository['findManaged']>>>;
export type MyNoticeRow = Awaited<ReturnType<NoticesRepository['mine']>>['items'][number];
