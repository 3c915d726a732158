import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { RegionRow } from './regions.repository.js';
import type { RegionItem, RegionTreeNode } from './regions.schemas.js';
import type { RegionTreeData } from './regions.service.js';

/** Data source note shown with the tree (regions.md §1). */
export const REGION_SOURCE_NOTE =
  '区划数据摘自约 2016–2017 年的公开代码表；标 ※ 的县级单位是之后调整过的条目，尚未核对，' +
  '上线前须用民政部最新《中华人民共和国县级以上行政区划代码》核对全表。';

const unverified = (r: { note: string | null }) => r.note?.startsWith('※') ?? false;

/** region row → API. */
export function presentRegion(r: RegionRow): Static<typeof RegionItem> {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    kind: r.kind,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    predecessorCode: r.predecessor_code,
    note: r.note,
    unverified: unverified(r),
  };
}

/** Nested tree node → API. */
export function presentRegionTree(n: RegionTreeData): Static<typeof RegionTreeNode> {
  return {
    code: n.code,
    name: n.name,
    level: n.level,
    kind: n.kind,
    predecessorCode: n.predecessor_code,
    note: n.note,
    unverified: unverified(n),
    inScope: n.inScope,
    children: n.children.map(presentRegionTree),
  };
}

const LEVEL_LABEL: Record<number, string> = { 1: '省', 2: '地级市', 3: '县级' };

export const REGION_XLSX: XlsxColumn<Static<typeof RegionItem>>[] = [
  { header: '区划代码', value: (r) => r.code, width: 12 },
  { header: '名称', value: (r) => (r.unverified ? `${r.name} ※` : r.name), width: 16 },
  { header: '级别', value: (r) => LEVEL_LABEL[r.level] ?? String(r.level) },
  { header: '上级代码', value: (r) => r.parentCode, width: 12 },
  { header: '原代码', value: (r) => r.predecessorCode, width: 12 },
  { header: '说明', value: (r) => r.note, width: 40 },
];
