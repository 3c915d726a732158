import { sql } from 'kysely';

/**
 * Region codes of a region and its descendants along the region tree (so 610000 covers every city and county,
 * 610100 its districts): `where(sql\`x.region_code in ${regionSubtree(code)}\`)`. PostgreSQL 12 recursive CTE.
 */
export const regionSubtree = (code: string) => sql<string>`(
  with recursive sub(code, depth) as (
    select code, 0 from region where code = ${code}
    union all
    select r.code, sub.depth + 1 from region r join sub on r.parent_code = sub.code where sub.depth < 5
  )
  select code from sub
)`;
