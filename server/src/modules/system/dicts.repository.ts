import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from './system.sql.js';
import type { DictItemTable, DictTypeTable } from './system.tables.js';

/** dict_type and dict_item. */
export class DictsRepository {
  constructor(private readonly db: Database) {}

  private types() {
    return this.db.selectFrom('dict_type as t').select([
      't.code',
      't.name',
      't.status',
      't.remark',
      't.sort',
      't.builtin',
      't.created_at',
      't.updated_at',
      (eb) =>
        eb
          .selectFrom('dict_item as i')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('i.type_code', '=', 't.code')
          .as('item_count'),
    ]);
  }

  list(f: { keyword?: string | undefined; status?: 'active' | 'disabled' | undefined }, q: ListQuery) {
    let qb = this.types();
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) => eb.or([eb('t.code', 'ilike', k), eb('t.name', 'ilike', k)]));
    }
    if (f.status) qb = qb.where('t.status', '=', f.status);
    return paginate(this.db, qb, q, { sort: 't.sort', code: 't.code', name: 't.name' }, 'sort,code');
  }

  findType(code: string) {
    return this.types().where('t.code', '=', code).executeTakeFirst();
  }

  items(code: string, activeOnly: boolean) {
    let q = this.db.selectFrom('dict_item').selectAll().where('type_code', '=', code);
    if (activeOnly) q = q.where('status', '=', 'active');
    return q.orderBy('sort').orderBy('value').execute();
  }

  findItem(code: string, id: string) {
    return this.db
      .selectFrom('dict_item')
      .selectAll()
      .where('type_code', '=', code)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async valueTaken(code: string, value: string, exceptId?: string): Promise<boolean> {
    let q = this.db
      .selectFrom('dict_item')
      .select('id')
      .where('type_code', '=', code)
      .where('value', '=', value);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insertType(row: Insertable<DictTypeTable>): Promise<void> {
    await this.db.insertInto('dict_type').values(row).execute();
  }

  async updateType(code: string, patch: Updateable<DictTypeTable>): Promise<void> {
    await this.db.updateTable('dict_type').set(patch).where('code', '=', code).execute();
  }

  async deleteType(code: string): Promise<void> {
    await this.db.deleteFrom('dict_type').where('code', '=', code).execute();
  }

  async insertItem(row: Insertable<DictItemTable>): Promise<void> {
    await this.db.insertInto('dict_item').values(row).execute();
  }

  async updateItem(id: string, patch: Updateable<DictItemTable>): Promise<void> {
    await this.db.updateTable('dict_item').set(patch).where('id', '=', id).execute();
  }

  async deleteItem(id: string): Promise<void> {
    await this.db.deleteFrom('dict_item').where('id', '=', id).execute();
  }

  /** Seeds a type and its items; existing rows are left as administrators changed them. */
  async seed(type: Insertable<DictTypeTable>, items: Insertable<DictItemTable>[]): Promise<void> {
    await this.db
      .insertInto('dict_type')
      .values(type)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    if (items.length > 0)
      await this.db
        .insertInto('dict_item')
        .values(items)
        .onConflict((oc) => oc.columns(['type_code', 'value']).doNothing())
        .execute();
  }
}

export type DictTypeRow = NonNullable<Awaited<ReturnType<DictsRepository['findType']>>>;
export type DictItemRow = NonNullable<Awaited<ReturnType<DictsRepository['findItem']>>>;
