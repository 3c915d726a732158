import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from './system.sql.js';

export interface RegionFilter {
  keyword?: string | undefined;
  level?: number | undefined;
  parentCode?: string | undefined;
}

/** The region tree (GB/T 2260), read-only. */
export class RegionsRepository {
  constructor(private readonly db: Database) {}

  private base() {
    return this.db
      .selectFrom('region')
      .select([
        'code',
        'name',
        'level',
        'parent_code',
        'kind',
        'valid_from',
        'valid_to',
        'predecessor_code',
        'note',
        'sort',
      ]);
  }

  list(f: RegionFilter, q: ListQuery) {
    let qb = this.base();
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) => eb.or([eb('code', 'like', k), eb('name', 'like', k)]));
    }
    if (f.level !== undefined) qb = qb.where('level', '=', f.level);
    if (f.parentCode) qb = qb.where('parent_code', '=', f.parentCode);
    return paginate(
      this.db,
      qb,
      q,
      { sort: 'sort', code: 'code', name: 'name', level: 'level' },
      'sort,code',
    );
  }

  all() {
    return this.base().orderBy('sort').orderBy('code').execute();
  }
}

export type RegionRow = Awaited<ReturnType<RegionsRepository['all']>>[number];
