import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { useTabTitle } from '../../../app/layout/tabTitle';
import { errorText } from '../../../components/errors';
import { InspectionChecklist } from '../components/InspectionChecklist';
import { InspectionConclusion } from '../components/InspectionConclusion';
import { InspectionObserver } from '../components/InspectionObserver';
import { InspectionOverview } from '../components/InspectionOverview';
import {
  InspectionDue,
  ROLE_COLOR,
  ROLE_LABEL,
  VERDICT_COLOR,
  isOpen,
  statusColor,
  useInspection,
  type InspectionDetail,
} from '../components/InspectionShared';
import { InspectionTeam } from '../components/InspectionTeam';
import { InspectionTemplate } from '../components/InspectionTemplate';

type TabKey = 'overview' | 'team' | 'observer' | 'template' | 'checklist' | 'conclusion';

/** The tab a task opens on: the checklist for the team while it is being filled, else the overview. */
function firstTab(d: InspectionDetail): TabKey {
  if (d.conclusion) return 'conclusion';
  if (d.my.canFill) return 'checklist';
  return 'overview';
}

/**
 * 核查任务办理 (/licensing/inspections/:id): one task in sections — 概况, 审查组, 观察员, 核查模板, 核查记录 (the
 * tablet checklist), 核查结论. What each person may do comes from the task's `my` (the server's answer).
 */
export function InspectionTaskPage() {
  const { id = '' } = useParams();
  const { hasPerm } = useAuth();
  const q = useInspection(id);
  const [tab, setTab] = useState<TabKey>();
  const [unsaved, setUnsaved] = useState(0);
  const d = q.data;
  useTabTitle(d?.enterpriseName ? `核查 · ${d.enterpriseName}` : undefined);

  useEffect(() => {
    if (d && !tab) setTab(firstTab(d));
  }, [d, tab]);

  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error || !d)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title="无法打开该核查任务"
        subTitle={q.error ? errorText(q.error) : undefined}
        extra={<Button onClick={() => void q.refetch()}>重试</Button>}
      />
    );

  const s = d.suggestion;
  const leader = d.team.find((m) => m.role === 'leader');
  const showObserver = hasPerm('licensing:observer');

  const items = [
    { key: 'overview', label: '概况', children: <InspectionOverview d={d} /> },
    {
      key: 'team',
      label: (
        <span>
          审查组
          {d.teamProblems.length > 0 && <Dot color="#ff4d4f" text={String(d.teamProblems.length)} />}
        </span>
      ),
      children: <InspectionTeam d={d} />,
    },
    ...(showObserver ? [{ key: 'observer', label: '观察员', children: <InspectionObserver d={d} /> }] : []),
    {
      key: 'template',
      label: (
        <span>
          核查模板
          {!d.template && <Dot color="#faad14" text="!" />}
        </span>
      ),
      children: <InspectionTemplate d={d} />,
    },
    {
      key: 'checklist',
      label: (
        <span>
          核查记录{s ? `（${s.counts.judged}/${s.counts.total}）` : ''}
          {unsaved > 0 && <Dot color="#fa8c16" text={String(unsaved)} />}
        </span>
      ),
      children: <InspectionChecklist d={d} onDirtyChange={setUnsaved} />,
    },
    {
      key: 'conclusion',
      label: '核查结论',
      children: <InspectionConclusion d={d} unsaved={unsaved} onGoto={(k) => setTab(k as TabKey)} />,
    },
  ];

  return (
    <div data-testid="inspection-task">
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <div style={{ flex: 1, minWidth: 280 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {d.enterpriseName ?? '—'}
              <Typography.Text type="secondary" style={{ fontSize: 15, fontWeight: 'normal' }}>
                {' '}
                · {d.application?.productName ?? ''}
              </Typography.Text>
            </Typography.Title>
            <Space wrap size={[12, 4]} style={{ marginTop: 6 }}>
              <Tag color={statusColor(d.status)}>{d.statusLabel}</Tag>
              {d.my.role && <Tag color={ROLE_COLOR[d.my.role]}>我是{ROLE_LABEL[d.my.role]}</Tag>}
              {d.conclusion && (
                <Tag color={VERDICT_COLOR[d.conclusion.finalResult]}>
                  核查{d.conclusion.finalResultLabel}
                  {d.conclusion.overridden ? '（改判）' : ''}
                </Tag>
              )}
              <span>申请编号：{d.application?.applicationNo ?? '—'}</span>
              <span>组长：{leader?.name ?? '未组建审查组'}</span>
              <span>
                核查期限：
                <InspectionDue due={d.application?.inspectionDueDate} open={isOpen(d.status)} />
              </span>
            </Space>
          </div>
          <Tooltip title="刷新">
            <Button
              icon={<ReloadOutlined />}
              loading={q.isFetching}
              onClick={() => void q.refetch()}
              aria-label="刷新"
              size="large"
            />
          </Tooltip>
        </div>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={items}
        size="large"
        tabBarStyle={{ background: '#fff', padding: '0 12px', marginBottom: 12 }}
      />
    </div>
  );
}

/** A small count bubble beside a tab title. */
function Dot({ color, text }: { color: string; text: string }) {
  return (
    <span
      style={{
        display: 'inline-block',
        minWidth: 18,
        height: 18,
        padding: '0 5px',
        marginLeft: 6,
        borderRadius: 9,
        background: color,
        color: '#fff',
        fontSize: 12,
        lineHeight: '18px',
        textAlign: 'center',
        verticalAlign: 'middle',
      }}
    >
      {text}
    </span>
  );
}
