import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';

type DetailGet = paths['/api/licensing/inspections/{id}']['get'];
/** The whole 核查任务 as GET /api/licensing/inspections/{id} returns it (and every change returns it again). */
export type InspectionDetail = DetailGet['responses']['200']['content']['application/json'];
export type InspectionMember = InspectionDetail['team'][number];
export type InspectionDeclaration = InspectionDetail['declarations'][number];
export type TemplateSnapshot = NonNullable<InspectionDetail['template']>;
export type ChecklistChapter = TemplateSnapshot['chapters'][number];
export type ChecklistItem = ChecklistChapter['items'][number];
export type ItemResult = TemplateSnapshot['allowedResults'][number];
export type ItemRecord = InspectionDetail['records'][number];
export type Suggestion = NonNullable<InspectionDetail['suggestion']>;
export type ConclusionCounts = Suggestion['counts'];
export type Verdict = 'pass' | 'fail';
export type TaskStatus = InspectionDetail['status'];

/** The ServerTable id of the 核查任务 list (reloaded after a change on a task). */
export const INSPECTIONS_TABLE_ID = 'licensing.inspections';

export const inspectionKey = (id: string) => ['licensing', 'inspection', id] as const;

/** The task, cached under one key (the task page and every change to it). */
export function useInspection(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: inspectionKey(id ?? ''),
    queryFn: () => call(api.GET('/api/licensing/inspections/{id}', { params: { path: { id: id! } } })),
    enabled: !!id && enabled,
    staleTime: 30_000,
  });
}

/** Puts a task returned by a change into the cache (the page re-renders from it) and reloads the list. */
export function useApplyDetail() {
  const qc = useQueryClient();
  return useCallback(
    (d: InspectionDetail) => {
      qc.setQueryData(inspectionKey(d.id), d);
      void qc.invalidateQueries({ queryKey: ['table', INSPECTIONS_TABLE_ID] });
    },
    [qc],
  );
}

/** Re-reads a task after a change whose reply is not the task (observer actions). */
export function useRefreshInspection() {
  const qc = useQueryClient();
  return useCallback(
    async (id: string) => {
      await qc.invalidateQueries({ queryKey: inspectionKey(id) });
      void qc.invalidateQueries({ queryKey: ['table', INSPECTIONS_TABLE_ID] });
    },
    [qc],
  );
}

export const STATUS_OPTIONS: Array<{ value: TaskStatus; label: string; color: string }> = [
  { value: 'planning', label: '待核查', color: 'default' },
  { value: 'in_progress', label: '核查中', color: 'processing' },
  { value: 'concluded', label: '已出结论', color: 'success' },
  { value: 'cancelled', label: '已取消', color: 'default' },
];
export const statusColor = (s: TaskStatus) => STATUS_OPTIONS.find((o) => o.value === s)?.color ?? 'default';

export const VERDICT_LABEL: Record<Verdict, string> = { pass: '合格', fail: '不合格' };
export const VERDICT_COLOR: Record<Verdict | 'incomplete', string> = {
  pass: 'success',
  fail: 'error',
  incomplete: 'default',
};

export const RESULT_LABEL: Record<ItemResult, string> = {
  conform: '符合',
  basic: '基本符合',
  nonconform: '不符合',
  na: '不适用',
};
export const RESULT_COLOR: Record<ItemResult, string> = {
  conform: 'success',
  basic: 'warning',
  nonconform: 'error',
  na: 'default',
};
/** Results that need 问题描述 and 整改要求. */
export const needsProblem = (r: ItemResult | undefined | null) => r === 'nonconform' || r === 'basic';

export const ROLE_LABEL: Record<'leader' | 'member' | 'observer', string> = {
  leader: '组长',
  member: '组员',
  observer: '观察员',
};
export const ROLE_COLOR: Record<'leader' | 'member' | 'observer', string> = {
  leader: 'gold',
  member: 'blue',
  observer: 'purple',
};

export const isOpen = (s: TaskStatus) => s === 'planning' || s === 'in_progress';

export const fmtTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
export const todayText = () => dayjs().format('YYYY-MM-DD');

/**
 * 核查期限 (《办法》第十八条: 自受理之日起 30 个工作日内完成实地核查): the date, red with 已超期 once passed while the
 * task is still open, orange in the last week. `overdue`, when the server gives it (the list), decides 已超期.
 */
export function InspectionDue({
  due,
  open,
  overdue,
}: {
  due: string | null | undefined;
  open: boolean;
  overdue?: boolean;
}) {
  if (!due) return <>—</>;
  if (!open) return <span>{due}</span>;
  const days = dayjs(due).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (overdue ?? days < 0)
    return (
      <Space size={4}>
        <span style={{ color: '#cf1322', fontWeight: 600 }}>{due}</span>
        <Tag color="error">{days < 0 ? `已超期 ${-days} 天` : '已超期'}</Tag>
      </Space>
    );
  return (
    <Space size={4}>
      <span style={days <= 7 ? { color: '#d46b08' } : undefined}>{due}</span>
      {days <= 7 && <Tag color="warning">{days === 0 ? '今日到期' : `${days} 天后到期`}</Tag>}
    </Space>
  );
}

/** The 2-line date range of a plan (or —). */
export const rangeText = (a: string | null | undefined, b: string | null | undefined) =>
  a || b ? `${a ?? '—'} 至 ${b ?? '—'}` : '—';

/** A value that follows `value` once it has stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The four questions of a 利害关系声明 (the same wording as the server's). */
export const DECLARATION_QUESTIONS: Array<{
  key: 'employed' | 'consulted' | 'related' | 'other';
  label: string;
}> = [
  { key: 'employed', label: '在被核查企业任职或近年内任职' },
  { key: 'consulted', label: '为被核查企业提供过咨询、培训' },
  { key: 'related', label: '与被核查企业有亲属关系或经济往来' },
  { key: 'other', label: '其他可能影响公正的情形' },
];
