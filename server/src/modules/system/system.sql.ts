import { sql } from 'kysely';

export { likePattern } from '../../platform/db/like.js';

/** Ids of an organisation and all its descendants (organisation tree, not region tree). */
export const orgSubtree = (orgId: string) => sql<string>`(
  with recursive sub(id, depth) as (
    select id, 0 from organization where id = ${orgId}
    union all
    select o.id, sub.depth + 1 from organization o join sub on o.parent_id = sub.id where sub.depth < 10
  )
  select id from sub
)`;
