import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';

/** One node of 产品目录 as /api/licensing/catalogue/all gives it (its own values, nothing inherited). */
export type CatalogueNode =
  paths['/api/licensing/catalogue/all']['get']['responses']['200']['content']['application/json']['items'][number];
export type CatalogueLevel = CatalogueNode['level'];
export type ApprovalMode = NonNullable<CatalogueNode['approvalMode']>;
export type SourceTag = NonNullable<CatalogueNode['sourceTag']>;
export type ApplicationType =
  paths['/api/licensing/material-requirements']['post']['requestBody']['content']['application/json']['applicationType'];

export const LEVEL_LABEL: Record<CatalogueLevel, string> = {
  category: '类别',
  variety: '品种',
  unit: '产品单元',
};
export const LEVEL_COLOR: Record<CatalogueLevel, string> = {
  category: 'blue',
  variety: 'cyan',
  unit: 'green',
};
/** The level a child of a node has (类别 → 品种 → 产品单元). */
export const CHILD_LEVEL: Record<CatalogueLevel, CatalogueLevel | undefined> = {
  category: 'variety',
  variety: 'unit',
  unit: undefined,
};

export const APPROVAL_MODE_OPTIONS: Array<{ value: ApprovalMode; label: string }> = [
  { value: 'verify_first', label: '先核后证' },
  { value: 'commitment', label: '告知承诺' },
];
export const approvalModeLabel = (m: ApprovalMode | null | undefined) =>
  APPROVAL_MODE_OPTIONS.find((o) => o.value === m)?.label ?? '';
/** The mode when no node of the chain names one (server licensing.rules DEFAULT_APPROVAL_MODE). */
export const DEFAULT_APPROVAL_MODE: ApprovalMode = 'verify_first';

export const SOURCE_TAG_OPTIONS: Array<{ value: SourceTag; label: string; color: string }> = [
  { value: 'verified', label: '已核实', color: 'success' },
  { value: 'excerpt', label: '摘录', color: 'processing' },
  { value: 'unconfirmed', label: '待确认', color: 'warning' },
  { value: 'customer', label: '需求方提供', color: 'purple' },
];
export const sourceTagColor = (t: SourceTag | null | undefined) =>
  SOURCE_TAG_OPTIONS.find((o) => o.value === t)?.color ?? 'default';
export const sourceTagLabel = (t: SourceTag | null | undefined) =>
  SOURCE_TAG_OPTIONS.find((o) => o.value === t)?.label ?? '';

export const APPLICATION_TYPE_OPTIONS: Array<{ value: ApplicationType; label: string }> = [
  { value: 'issue', label: '发证' },
  { value: 'renew', label: '延续' },
  { value: 'change', label: '变更' },
  { value: 'reexamine', label: '重新审查' },
  { value: 'reissue', label: '补领' },
  { value: 'cancel', label: '注销' },
];

export const CATALOGUE_ALL_KEY = ['licensing', 'catalogue', 'all'] as const;

/** The whole catalogue (tens to a few hundred rows), shared by every page that shows or picks nodes. */
export function useCatalogueAll(enabled = true) {
  return useQuery({
    queryKey: CATALOGUE_ALL_KEY,
    queryFn: () => call(api.GET('/api/licensing/catalogue/all')),
    staleTime: 60_000,
    enabled,
  });
}

/** Refreshes every cached view of the catalogue after a change (the tree, node details, pickers). */
export function useInvalidateCatalogue() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['licensing', 'catalogue'] });
}

/** A node with what it inherits, computed in the browser from the loaded tree (same rule as the server). */
export interface CatalogueTreeRow extends CatalogueNode {
  children?: CatalogueTreeRow[];
  /** Names from the category down to this node. */
  path: string[];
  effIndustryCode: string | null;
  effProductCode: string | null;
  effApprovalMode: ApprovalMode;
  effRuleDocNo: string | null;
  /** An applicable node (产品单元, or 品种 without units) whose effective 行业编号 or 产品编号 is empty. */
  missingCodes: boolean;
}

/**
 * Builds the tree with inherited values. The server lists parents before children (by depth, sort, code),
 * but the tree does not rely on it: every node is placed first, then linked to its parent.
 */
export function buildCatalogueTree(items: readonly CatalogueNode[]): {
  roots: CatalogueTreeRow[];
  byId: Map<string, CatalogueTreeRow>;
} {
  const byId = new Map<string, CatalogueTreeRow>();
  for (const n of items)
    byId.set(n.id, {
      ...n,
      path: [],
      effIndustryCode: null,
      effProductCode: null,
      effApprovalMode: DEFAULT_APPROVAL_MODE,
      effRuleDocNo: null,
      missingCodes: false,
    });
  const roots: CatalogueTreeRow[] = [];
  for (const n of items) {
    const row = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  const order = (a: CatalogueTreeRow, b: CatalogueTreeRow) => a.sort - b.sort || a.code.localeCompare(b.code);
  const walk = (rows: CatalogueTreeRow[], up: CatalogueTreeRow | undefined) => {
    rows.sort(order);
    for (const r of rows) {
      r.path = [...(up?.path ?? []), r.name];
      r.effIndustryCode = r.industryCode ?? up?.effIndustryCode ?? null;
      r.effProductCode = r.productCode ?? up?.effProductCode ?? null;
      r.effApprovalMode = r.approvalMode ?? up?.effApprovalMode ?? DEFAULT_APPROVAL_MODE;
      r.effRuleDocNo = r.ruleDocNo ?? up?.effRuleDocNo ?? null;
      r.missingCodes = r.applicable && (!r.effIndustryCode || !r.effProductCode);
      if (r.children) walk(r.children, r);
    }
  };
  walk(roots, undefined);
  return { roots, byId };
}

interface PickerOption {
  value: string;
  title: string;
  search: string;
  selectable: boolean;
  disabled?: boolean;
  children?: PickerOption[];
}

export interface CatalogueSelectProps {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  /** Which nodes can be chosen: any level, the given levels, or applicable nodes only. */
  selectable?: 'any' | 'applicable' | CatalogueLevel[];
  /** Also offer stopped nodes (greyed). */
  includeDisabled?: boolean;
  /** An extra first option (e.g. 默认清单) with its value. */
  extra?: { value: string; title: string };
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
}

/** 目录节点选择: a searchable tree of 类别 → 品种 → 产品单元. */
export function CatalogueSelect(props: CatalogueSelectProps) {
  const { selectable = 'any', includeDisabled = true, extra } = props;
  const q = useCatalogueAll();
  const key = Array.isArray(selectable) ? selectable.join(',') : selectable;
  const treeData = useMemo(() => {
    const { roots } = buildCatalogueTree(q.data?.items ?? []);
    const can = (n: CatalogueTreeRow) =>
      selectable === 'any'
        ? true
        : selectable === 'applicable'
          ? n.applicable && n.status === 'active'
          : selectable.includes(n.level);
    const map = (rows: CatalogueTreeRow[]): PickerOption[] =>
      rows
        .filter((n) => includeDisabled || n.status === 'active')
        .map((n) => ({
          value: n.id,
          title: `${n.name}${n.status === 'disabled' ? '（已停用）' : ''}`,
          search: `${n.name} ${n.code}`,
          selectable: can(n),
          disabled: !can(n) && !n.children?.length,
          children: n.children ? map(n.children) : undefined,
        }));
    const opts = map(roots);
    return extra
      ? [{ value: extra.value, title: extra.title, search: extra.title, selectable: true }, ...opts]
      : opts;
    // `key` stands for `selectable`, which callers often pass as a new array literal.
  }, [q.data, key, includeDisabled, extra?.value, extra?.title]);

  return (
    <TreeSelect<string>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={q.isLoading}
      disabled={props.disabled}
      allowClear={props.allowClear ?? true}
      placeholder={props.placeholder ?? '请选择产品目录节点'}
      showSearch={{
        filterTreeNode: (input, node) =>
          String((node as unknown as PickerOption).search ?? '')
            .toLowerCase()
            .includes(input.trim().toLowerCase()),
      }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 320 } } }}
      style={{ minWidth: 220, ...props.style }}
      notFoundContent={q.isError ? '产品目录加载失败' : '无匹配的目录节点'}
    />
  );
}

/** Names of catalogue nodes by id ("类别 / 品种 / 产品单元"), for lists that only carry ids. */
export function useCatalogueNames(): (id: string | null | undefined) => string | undefined {
  const q = useCatalogueAll();
  const byId = useMemo(() => buildCatalogueTree(q.data?.items ?? []).byId, [q.data]);
  return (id) => (id ? byId.get(id)?.path.join(' / ') : undefined);
}
