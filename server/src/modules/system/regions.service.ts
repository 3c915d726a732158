import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { RegionsRepository, type RegionFilter, type RegionRow } from './regions.repository.js';
import { need } from './system.common.js';

export interface RegionTreeData extends RegionRow {
  children: RegionTreeData[];
}

/** 行政区划 (read-only): the region tree is not the organisation tree (regions.md §5). */
export class RegionsService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged list. */
  async list(p: Principal, f: RegionFilter, q: ListQuery): Promise<Page<RegionRow>> {
    need(p, 'region:list');
    return new RegionsRepository(this.ctx.db).list(f, q);
  }

  /** The whole tree: province → cities → county-level units. */
  async tree(p: Principal): Promise<RegionTreeData[]> {
    need(p, 'region:list');
    const rows = await new RegionsRepository(this.ctx.db).all();
    const nodes = new Map<string, RegionTreeData>(rows.map((r) => [r.code, { ...r, children: [] }]));
    const roots: RegionTreeData[] = [];
    for (const n of nodes.values()) {
      const parent = n.parent_code ? nodes.get(n.parent_code) : undefined;
      (parent ? parent.children : roots).push(n);
    }
    return roots;
  }
}
