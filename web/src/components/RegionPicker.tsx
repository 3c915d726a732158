import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';

type RegionTreeReply =
  paths['/api/system/regions/tree']['get']['responses']['200']['content']['application/json'];
/** One node of the region tree (GB/T 2260) as the server sends it. */
export type RegionNode = RegionTreeReply['items'][number];

export const REGION_LEVEL_LABEL: Record<number, string> = { 1: '省级', 2: '地级', 3: '县级' };
export const REGION_KIND_LABEL: Record<string, string> = {
  province: '省',
  city: '地级市',
  district: '市辖区',
  county: '县',
  county_city: '县级市',
};

export const REGION_TREE_KEY = ['system', 'regions', 'tree'] as const;

/**
 * The region tree, cached for the session (regions change only with a data update). `scoped` keeps only
 * the branches of the user's regional data scope (what a business record may be filed under).
 */
export function useRegionTree(enabled = true, scoped = false) {
  return useQuery({
    queryKey: [...REGION_TREE_KEY, scoped],
    queryFn: () =>
      call(api.GET('/api/system/regions/tree', { params: { query: scoped ? { scoped: true } : {} } })),
    staleTime: 30 * 60_000,
    gcTime: 60 * 60_000,
    enabled,
  });
}

/** code → node, for showing names of selected codes. */
export function indexRegions(items: RegionNode[]): Map<string, RegionNode> {
  const m = new Map<string, RegionNode>();
  const walk = (ns: RegionNode[]) => {
    for (const n of ns) {
      m.set(n.code, n);
      walk(n.children);
    }
  };
  walk(items);
  return m;
}

interface TreeOption {
  value: string;
  title: string;
  search: string;
  selectable: boolean;
  children?: TreeOption[];
}

function toOptions(nodes: RegionNode[], levels: number[] | undefined): TreeOption[] {
  const max = levels?.length ? Math.max(...levels) : Infinity;
  const out: TreeOption[] = [];
  for (const n of nodes) {
    if (n.level > max) continue;
    const children = toOptions(n.children, levels);
    // Ancestors outside the scope stay only as the path to the user's own regions.
    const selectable = (!levels || levels.includes(n.level)) && n.inScope;
    if (!selectable && children.length === 0) continue;
    out.push({
      value: n.code,
      title: n.unverified ? `${n.name} ※` : n.name,
      search: `${n.name} ${n.code}`,
      selectable,
      ...(children.length ? { children } : {}),
    });
  }
  return out;
}

export interface RegionPickerProps {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** Several regions (each chosen on its own: choosing a city does not choose its counties). */
  multiple?: boolean;
  /** Selectable levels (1 省 / 2 地级 / 3 县级); deeper levels are left out, shallower ones only group. */
  levels?: number[];
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/**
 * 行政区划选择 (GB/T 2260): a searchable tree of the regions the server returns for the current user.
 * Value is the 6-digit code (or codes with `multiple`). ※ marks a region still to be checked.
 */
export function RegionPicker(props: RegionPickerProps) {
  const { multiple, levels } = props;
  const q = useRegionTree(true, true);
  const levelKey = levels?.join(',') ?? '';
  const treeData = useMemo(() => toOptions(q.data?.items ?? [], levels), [q.data, levelKey]);
  const rootKeys = useMemo(() => treeData.map((n) => n.value), [treeData]);
  const value = props.value === null ? undefined : props.value;

  return (
    <TreeSelect<string | string[]>
      id={props.id}
      data-testid={props['data-testid']}
      value={value}
      onChange={(v) => props.onChange?.(v === null ? undefined : v)}
      treeData={treeData}
      multiple={multiple}
      loading={q.isLoading}
      disabled={props.disabled}
      allowClear={props.allowClear ?? true}
      placeholder={props.placeholder ?? (multiple ? '请选择行政区划（可多选）' : '请选择行政区划')}
      showSearch={{
        filterTreeNode: (input, node) =>
          String((node as unknown as TreeOption).search ?? '').includes(input.trim()),
      }}
      treeDefaultExpandedKeys={rootKeys}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 260 } } }}
      style={{ minWidth: 200, ...props.style }}
      notFoundContent={q.isError ? '区划加载失败' : '无匹配的区划'}
      maxTagCount={multiple ? 'responsive' : undefined}
    />
  );
}
