import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';

type OrgTreeReply = paths['/api/system/orgs/tree']['get']['responses']['200']['content']['application/json'];
/** One node of the organisation tree as the server sends it (already limited to the caller's data scope). */
export type OrgNode = OrgTreeReply['items'][number];
type OrgType = NonNullable<NonNullable<paths['/api/system/orgs']['get']['parameters']['query']>['type']>;

export const ORG_TYPE_LABEL: Record<OrgType, string> = {
  province_bureau: '省局',
  city_bureau: '市局',
  county_bureau: '县局',
  market_station: '市场监管所',
  institution: '检验检测机构',
  enterprise: '企业',
  expert_group: '评审专家',
  ops_unit: '运维单位',
};
export const ORG_TYPES = Object.keys(ORG_TYPE_LABEL) as OrgType[];

const typeRank = (t: string) => {
  const i = ORG_TYPES.indexOf(t as OrgType);
  return i < 0 ? ORG_TYPES.length : i;
};

export const ORG_TREE_KEY = ['system', 'orgs', 'tree'] as const;

/** The organisation tree within the caller's data scope (active and disabled), cached for a few minutes. */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: ORG_TREE_KEY,
    queryFn: () => call(api.GET('/api/system/orgs/tree')),
    // Roots come in the server's name order; the bureau hierarchy reads better first.
    select: (r) => ({ ...r, items: [...r.items].sort((a, b) => typeRank(a.type) - typeRank(b.type)) }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

interface TreeOption {
  value: string;
  title: string;
  search: string;
  selectable: boolean;
  disabled?: boolean;
  children?: TreeOption[];
}

function toOptions(
  nodes: OrgNode[],
  types: string[] | undefined,
  allowDisabled: boolean,
  excludeId: string | undefined,
): TreeOption[] {
  const out: TreeOption[] = [];
  for (const n of nodes) {
    if (n.id === excludeId) continue;
    const children = toOptions(n.children, types, allowDisabled, excludeId);
    const typeOk = !types?.length || types.includes(n.type);
    if (!typeOk && children.length === 0) continue;
    const off = n.status !== 'active';
    out.push({
      value: n.id,
      title: off ? `${n.name}（已停用）` : n.name,
      search: [n.name, n.shortName, n.code].filter(Boolean).join(' '),
      selectable: typeOk,
      ...(off && !allowDisabled ? { disabled: true } : {}),
      ...(children.length ? { children } : {}),
    });
  }
  return out;
}

export interface OrgPickerProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Only organisations of these types can be chosen (others only group the tree). */
  types?: OrgType[];
  /** Disabled organisations can be chosen too (filters); by default they are shown but not choosable. */
  allowDisabled?: boolean;
  /** Leaves out this organisation and its subtree (choosing a parent for it). */
  excludeId?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** 机构选择: a searchable tree of the organisations in the current user's data scope; value is the id. */
export function OrgPicker(props: OrgPickerProps) {
  const { types, allowDisabled = false, excludeId } = props;
  const q = useOrgTree();
  const typeKey = types?.join(',') ?? '';
  const treeData = useMemo(
    () => toOptions(q.data?.items ?? [], types, allowDisabled, excludeId),
    // typeKey stands for `types`, which callers often pass as a new array literal.
    [q.data, typeKey, allowDisabled, excludeId],
  );
  const rootKeys = useMemo(() => treeData.map((n) => n.value), [treeData]);

  return (
    <TreeSelect<string>
      id={props.id}
      data-testid={props['data-testid']}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={q.isLoading}
      disabled={props.disabled}
      allowClear={props.allowClear ?? true}
      placeholder={props.placeholder ?? '请选择机构'}
      showSearch={{
        filterTreeNode: (input, node) =>
          String((node as unknown as TreeOption).search ?? '')
            .toLowerCase()
            .includes(input.trim().toLowerCase()),
      }}
      treeDefaultExpandedKeys={rootKeys}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 300 } } }}
      style={{ minWidth: 220, ...props.style }}
      notFoundContent={q.isError ? '机构加载失败' : '无匹配的机构'}
    />
  );
}
