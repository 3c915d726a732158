import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import { badRequest } from '../errors.js';

/** The paging / sort / export part of every list query (see PageQuery in schemas.ts). */
export interface ListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  format?: 'json' | 'xlsx';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Rows an xlsx export may hold; beyond it the user is asked to narrow the filter. */
export const EXPORT_LIMIT = 50000;

/**
 * Applies server-side sort and paging to a filtered query and counts the total in the same snapshot.
 * `sortable` maps API field names to column references; unknown fields are refused with field 'sort'.
 * With format=xlsx, returns every row (up to EXPORT_LIMIT) on one page.
 */
export async function paginate<DB, TB extends keyof DB, O>(
  db: Database,
  qb: SelectQueryBuilder<DB, TB, O>,
  q: ListQuery,
  sortable: Record<string, string>,
  defaultSort: string,
): Promise<Page<O>> {
  const sortSpec = q.sort || defaultSort;
  const orderings: Array<[string, 'asc' | 'desc']> = [];
  for (const part of sortSpec.split(',')) {
    const desc = part.startsWith('-');
    const key = desc ? part.slice(1) : part;
    const col = sortable[key];
    if (!col)
      throw badRequest(
        'SORT_FIELD_INVALID',
        `不支持按 ${key} 排序，可选：${Object.keys(sortable).join('、')}`,
        'sort',
      );
    orderings.push([col, desc ? 'desc' : 'asc']);
  }
  const exporting = q.format === 'xlsx';
  const page = exporting ? 1 : (q.page ?? 1);
  const pageSize = exporting ? EXPORT_LIMIT : (q.pageSize ?? 20);
  const countRow = await db
    .selectFrom(
      qb
        .clearSelect()
        .select(sql`1`.as('_one'))
        .as('_q') as never,
    )
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirst();
  const total = Number((countRow as { n?: string } | undefined)?.n ?? 0);
  if (exporting && total > EXPORT_LIMIT) {
    throw badRequest('EXPORT_TOO_LARGE', `导出结果 ${total} 条，超过 ${EXPORT_LIMIT} 条上限，请缩小查询条件`);
  }
  let ordered = qb;
  for (const [col, dir] of orderings) ordered = ordered.orderBy(sql.ref(col), dir);
  const items = await ordered
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: items, total, page, pageSize };
}
