import { useQuery } from '@tanstack/react-query';
import { Space, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type CSSProperties } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';

/** Shared pieces of the 审批决定, 超期监控 and 许可统计 pages (types, labels, pickers, due-date display). */

type ListGet = paths['/api/licensing/applications']['get'];
export type AppListQuery = NonNullable<ListGet['parameters']['query']>;
export type AppItem = ListGet['responses']['200']['content']['application/json']['items'][number];
export type AppType = AppItem['type'];
export type AppDetail =
  paths['/api/licensing/applications/{id}']['get']['responses']['200']['content']['application/json'];
type CatalogueNode =
  paths['/api/licensing/catalogue/all']['get']['responses']['200']['content']['application/json']['items'][number];

export const applicationKey = (id: string | null | undefined) => ['licensing', 'application', id] as const;
/** The same key as the generic workflow page, so both show the same version of an instance. */
export const instanceKey = (id: string | null | undefined) => ['workflow', 'instance', id] as const;

export const TYPE_OPTIONS: Array<{ value: AppType; label: string }> = [
  { value: 'issue', label: '发证' },
  { value: 'renew', label: '延续' },
  { value: 'change', label: '变更' },
  { value: 'reexamine', label: '重新审查' },
  { value: 'reissue', label: '补领' },
  { value: 'cancel', label: '注销' },
];

/** Application states whose step runs a legal clock (they have a due date and can be overdue). */
export const TIMED_STATES = ['accepting', 'supplementing_running', 'inspecting', 'deciding'] as const;
/** Open states of an application after submission (paused ones included). */
export const OPEN_STATES = [
  'accepting',
  'supplementing',
  'supplementing_running',
  'inspecting',
  'testing',
  'deciding',
] as const;

/** Labels of the application states (as licensing.rules.ts names them). */
export const STATE_LABEL: Record<string, string> = {
  accepting: '待受理',
  supplementing: '补正中',
  supplementing_running: '补正中（继续计时）',
  inspecting: '实地核查',
  testing: '产品检验',
  deciding: '待决定',
  approved: '准予许可',
  refused: '不予许可',
  not_accepted: '不予受理',
  inspection_failed: '核查不合格（审查终止）',
  withdrawn: '已撤回',
  terminated: '终止办理',
  cancel_submitted: '已转注销审批',
};

const STATE_COLOR: Record<string, string> = {
  accepting: 'blue',
  supplementing: 'gold',
  supplementing_running: 'gold',
  inspecting: 'cyan',
  testing: 'purple',
  deciding: 'geekblue',
  approved: 'success',
  refused: 'error',
  not_accepted: 'default',
  inspection_failed: 'error',
  withdrawn: 'default',
  terminated: 'default',
  cancel_submitted: 'default',
};

export function StateTag({ state, label }: { state: string; label?: string }) {
  return <Tag color={STATE_COLOR[state] ?? 'default'}>{label ?? STATE_LABEL[state] ?? state}</Tag>;
}

/**
 * 「视为受理」: the 受理 limit passed with no 受理 and no 补正告知, so the application counts as accepted from the
 * day the materials arrived (《办法》第十二条). Set by the server's daily job; the officer still records the 受理.
 */
export function DeemedAcceptedTag({ on }: { on: string | null | undefined }) {
  if (!on) return null;
  return (
    <Tooltip
      title={`受理期限届满未受理也未告知补正，依《办法》第十二条自收到申请材料之日（${on}）起视为受理；仍需办理受理并确定是否实地核查`}
    >
      <Tag color="orange" data-testid="deemed-accepted">
        视为受理
      </Tag>
    </Tooltip>
  );
}

export const fmtTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
export const productText = (r: Pick<AppItem, 'productName' | 'productParentName'>) =>
  r.productParentName && r.productParentName !== r.productName
    ? `${r.productParentName} / ${r.productName}`
    : r.productName;

/**
 * The due date of the current step: red and marked when overdue; `daysLeft` (working days, negative when
 * overdue, counted by the server with the holiday calendar) when known. Paused steps (补正, 产品检验) have no
 * due date.
 */
export function DeskDue(props: {
  dueDate: string | null;
  overdue: boolean;
  state?: string;
  daysLeft?: number | null;
}) {
  const { dueDate, overdue, daysLeft } = props;
  if (!dueDate)
    return props.state === 'testing' || props.state === 'supplementing' ? (
      <Typography.Text type="secondary">暂停计时</Typography.Text>
    ) : (
      <>—</>
    );
  return (
    <Space size={4} wrap={false}>
      <span style={overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{dueDate}</span>
      {overdue ? (
        <Tag color="error">已超期{daysLeft != null && daysLeft < 0 ? ` ${-daysLeft} 个工作日` : ''}</Tag>
      ) : daysLeft != null ? (
        <Tag color={daysLeft <= 2 ? 'warning' : 'default'}>
          {daysLeft === 0 ? '今日到期' : `剩 ${daysLeft} 个工作日`}
        </Tag>
      ) : null}
    </Space>
  );
}

interface ProductOption {
  value: string;
  title: string;
  search: string;
  selectable: boolean;
  children?: ProductOption[];
}

function toTree(items: CatalogueNode[]): ProductOption[] {
  const byId = new Map<string, ProductOption>();
  for (const n of items)
    byId.set(n.id, {
      value: n.id,
      title: n.status === 'active' ? n.name : `${n.name}（已停用）`,
      search: `${n.name} ${n.code}`,
      selectable: n.applicable,
    });
  const roots: ProductOption[] = [];
  for (const n of items) {
    const node = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The full catalogue (cached), for picking a product unit. */
export function useCatalogue() {
  return useQuery({
    queryKey: ['licensing', 'catalogue', 'all'],
    queryFn: () => call(api.GET('/api/licensing/catalogue/all')),
    staleTime: 5 * 60_000,
  });
}

/** 产品单元 filter: a searchable tree of the catalogue; only units (or varieties without units) are selectable. */
export function DeskProductPicker(props: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  style?: CSSProperties;
}) {
  const q = useCatalogue();
  const tree = useMemo(() => toTree(q.data?.items ?? []), [q.data]);
  return (
    <TreeSelect<string>
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={tree}
      loading={q.isLoading}
      allowClear
      placeholder="全部产品"
      showSearch={{
        filterTreeNode: (input, node) =>
          String((node as unknown as ProductOption).search ?? '').includes(input.trim()),
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
      style={{ width: 200, ...props.style }}
      notFoundContent={q.isError ? '产品目录加载失败' : '无匹配的产品'}
    />
  );
}
