import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { RegionsRepository, type RegionFilter, type RegionRow } from './regions.repository.js';
import { need } from './system.common.js';

export interface RegionTreeData extends RegionRow {
  /** Inside the user's regional data scope (city/county scopes); always true for province-wide users. */
  inScope: boolean;
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

  /**
   * The tree province → cities → county-level units. Each node says whether it lies in the user's regional
   * data scope; with `scoped`, branches holding no such node are left out (pickers for business records).
   * Users without a regional scope (province, enterprises, experts) see the whole reference table.
   */
  async tree(p: Principal, scoped = false): Promise<RegionTreeData[]> {
    need(p, 'region:list');
    const regional = !p.scopes.has('all') && (p.scopes.has('city') || p.scopes.has('county'));
    const allowed = new Set(p.regionCodes);
    const rows = await new RegionsRepository(this.ctx.db).all();
    const nodes = new Map<string, RegionTreeData>(
      rows.map((r) => [r.code, { ...r, inScope: !regional || allowed.has(r.code), children: [] }]),
    );
    const roots: RegionTreeData[] = [];
    for (const n of nodes.values()) {
      const parent = n.parent_code ? nodes.get(n.parent_code) : undefined;
      (parent ? parent.children : roots).push(n);
    }
    if (!scoped || !regional) return roots;
    const prune = (list: RegionTreeData[]): RegionTreeData[] =>
      list
        .map((n) => ({ ...n, children: prune(n.children) }))
        .filter((n) => n.inScope || n.children.length > 0);
    return prune(roots);
  }
}
