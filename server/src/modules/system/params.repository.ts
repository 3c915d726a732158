import { sql, type Insertable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import type { SysParamTable } from './system.tables.js';
import { likePattern } from './system.sql.js';

/** sys_param reads and writes. */
export class ParamsRepository {
  constructor(private readonly db: Database) {}

  private base() {
    return this.db
      .selectFrom('sys_param as s')
      .leftJoin('app_user as u', 'u.id', 's.updated_by')
      .select([
        's.key',
        's.value',
        's.name',
        's.remark',
        's.value_type',
        's.editable',
        's.updated_at',
        'u.username as updated_by_name',
      ]);
  }

  list(keyword: string | undefined, q: ListQuery) {
    let qb = this.base();
    if (keyword) {
      const k = likePattern(keyword);
      qb = qb.where((eb) => eb.or([eb('s.key', 'ilike', k), eb('s.name', 'ilike', k)]));
    }
    return paginate(this.db, qb, q, { key: 's.key', name: 's.name', updatedAt: 's.updated_at' }, 'key');
  }

  find(key: string) {
    return this.base().where('s.key', '=', key).executeTakeFirst();
  }

  async setValue(key: string, value: string, at: Date, by: string): Promise<void> {
    await this.db
      .updateTable('sys_param')
      .set({ value, updated_at: at, updated_by: by })
      .where('key', '=', key)
      .execute();
  }

  /** Seeds a parameter; values from the environment are refreshed when they changed. */
  async upsert(row: Insertable<SysParamTable>, refreshValue: boolean): Promise<void> {
    await this.db
      .insertInto('sys_param')
      .values(row)
      .onConflict((oc) =>
        refreshValue
          ? oc
              .column('key')
              .doUpdateSet({ value: row.value, remark: row.remark, updated_at: row.updated_at })
              .where(
                sql<boolean>`sys_param.value <> excluded.value or sys_param.remark is distinct from excluded.remark`,
              )
          : oc.column('key').doNothing(),
      )
      .execute();
  }
}

export type ParamRow = NonNullable<Awaited<ReturnType<ParamsRepository['find']>>>;
