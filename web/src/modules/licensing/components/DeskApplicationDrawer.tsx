import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Modal,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, download } from '../../../api/client';
import { errorText, useErrorHandler } from '../../../components/errors';
import { WorkflowTimeline, workflowHistoryKey } from '../../../components/WorkflowTimeline';
import { ApplicationFacts } from './ApplicationFacts';
import { ApplicationMaterials } from './ApplicationMaterials';
import { DeskActionModal, type AllowedAction, type Instance } from './DeskActionModal';
import { DeskInspectionResult } from './DeskInspectionResult';
import {
  applicationKey,
  DeemedAcceptedTag,
  DeskDue,
  instanceKey,
  StateTag,
  type AppDetail,
} from './DeskShared';

/** Order of the buttons: the decision first, then 转办, 终止办理 last. */
const ORDER = ['testingDone', 'approve', 'refuse', 'transfer', 'terminate'];
const rank = (a: AllowedAction) => {
  const i = ORDER.indexOf(a.action);
  return i < 0 ? ORDER.length : i;
};

function buttonProps(a: AllowedAction): ButtonProps {
  if (a.kind === 'terminate' || a.action === 'refuse') return { danger: true };
  if (a.action === 'approve' || a.action === 'testingDone' || a.kind === 'transition')
    return { type: 'primary' };
  return {};
}

/**
 * The application behind a row of the decision desk: form data, materials (preview), 实地核查 result, the
 * process timeline and the actions the server offers the user on its current step.
 */
export function DeskApplicationDrawer(props: {
  id: string | null;
  onClose: () => void;
  /** Called after an action changed the application (lists reload). */
  onChanged?: () => void;
}) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [acting, setActing] = useState<AllowedAction>();
  const [approvedId, setApprovedId] = useState<string>();
  const [tab, setTab] = useState('form');

  const q = useQuery({
    queryKey: applicationKey(props.id),
    queryFn: () => call(api.GET('/api/licensing/applications/{id}', { params: { path: { id: props.id! } } })),
    enabled: !!props.id,
  });
  const d = q.data;
  const instanceId = d?.instanceId ?? null;
  const inst = useQuery({
    queryKey: instanceKey(instanceId),
    queryFn: () => call(api.GET('/api/workflow/instances/{id}', { params: { path: { id: instanceId! } } })),
    enabled: !!props.id && !!instanceId,
  });

  function refresh() {
    void qc.invalidateQueries({ queryKey: applicationKey(props.id) });
    if (instanceId) {
      void qc.invalidateQueries({ queryKey: instanceKey(instanceId) });
      void qc.invalidateQueries({ queryKey: workflowHistoryKey(instanceId) });
    }
  }

  const actions = [...(inst.data?.status === 'active' ? inst.data.allowedActions : [])]
    .filter((a) => a.action !== 'withdraw')
    .sort((a, b) => rank(a) - rank(b));

  return (
    <>
      <Drawer
        open={!!props.id}
        onClose={() => {
          setTab('form');
          setActing(undefined);
          props.onClose();
        }}
        size={900}
        title={
          d ? (
            <Space>
              <span>
                {d.applicationNo ?? '（未编号）'} {d.enterpriseName}
              </span>
              <StateTag state={d.state} label={d.stateLabel} />
              <DeemedAcceptedTag on={d.deemedAcceptedOn} />
            </Space>
          ) : (
            '申请详情'
          )
        }
        extra={
          <Space>
            {instanceId && (
              <Button onClick={() => void navigate(`/workflow/instances/${instanceId}`)}>流程详情</Button>
            )}
            <Tooltip title="刷新">
              <Button
                icon={<ReloadOutlined />}
                aria-label="刷新"
                loading={q.isFetching || inst.isFetching}
                onClick={refresh}
              />
            </Tooltip>
          </Space>
        }
        footer={
          d && inst.data ? <ActionBar instance={inst.data} actions={actions} onAct={setActing} /> : undefined
        }
        destroyOnHidden
      >
        {q.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
        {q.error && <Alert type="error" showIcon title={errorText(q.error)} />}
        {d && (
          <>
            <Summary app={d} instance={inst.data} />
            <Tabs
              activeKey={tab}
              onChange={setTab}
              style={{ marginTop: 8 }}
              items={[
                { key: 'form', label: '申请信息', children: <FormData app={d} /> },
                {
                  key: 'materials',
                  label: `申请材料（${d.materials.length}）`,
                  children: <ApplicationMaterials app={d} />,
                },
                { key: 'inspection', label: '实地核查', children: <DeskInspectionResult app={d} /> },
                {
                  key: 'history',
                  label: '办理过程',
                  children: instanceId ? (
                    <WorkflowTimeline instanceId={instanceId} />
                  ) : (
                    <Typography.Text type="secondary">尚未进入办理流程</Typography.Text>
                  ),
                },
              ]}
            />
          </>
        )}
        {acting && d && inst.data && (
          <DeskActionModal
            application={d}
            instance={inst.data}
            action={acting}
            onClose={() => setActing(undefined)}
            onStale={() => {
              setActing(undefined);
              refresh();
            }}
            onDone={(a) => {
              setActing(undefined);
              refresh();
              void qc.invalidateQueries({ queryKey: ['inbox'] });
              void qc.invalidateQueries({ queryKey: ['table'] });
              props.onChanged?.();
              if (a.action === 'approve') setApprovedId(d.id);
            }}
          />
        )}
      </Drawer>
      {/* Outside the drawer: it stays open when the user closes the drawer behind it. */}
      {approvedId && <ApprovedResult id={approvedId} onClose={() => setApprovedId(undefined)} />}
    </>
  );
}

function ActionBar(props: {
  instance: Instance;
  actions: AllowedAction[];
  onAct: (a: AllowedAction) => void;
}) {
  const { instance, actions } = props;
  if (instance.status !== 'active')
    return <Typography.Text type="secondary">该申请已办结，不能再办理。</Typography.Text>;
  if (actions.length === 0)
    return <Typography.Text type="secondary">当前环节没有您可以执行的操作。</Typography.Text>;
  return (
    <Space wrap data-testid="desk-actions">
      {actions.map((a) =>
        a.blockedReason ? (
          <Tooltip key={a.action} title={a.blockedReason}>
            <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>
              <Button {...buttonProps(a)} disabled style={{ pointerEvents: 'none' }}>
                {a.label}
              </Button>
            </span>
          </Tooltip>
        ) : (
          <Button
            key={a.action}
            {...buttonProps(a)}
            onClick={() => props.onAct(a)}
            data-testid={`desk-action-${a.action}`}
          >
            {a.label}
          </Button>
        ),
      )}
    </Space>
  );
}

function Summary({ app: d, instance }: { app: AppDetail; instance: Instance | undefined }) {
  return (
    <Descriptions column={3} size="small">
      <Descriptions.Item label="当前环节">
        {instance ? instance.stateLabel : <StateTag state={d.state} label={d.stateLabel} />}
      </Descriptions.Item>
      <Descriptions.Item label="办理期限">
        {/* The application's due date (during 核查 the stricter 30-day limit) and its working days left. */}
        <DeskDue dueDate={d.dueDate} overdue={d.overdue} daysLeft={d.daysLeft} state={d.state} />
      </Descriptions.Item>
      <Descriptions.Item label="当前办理人">{instance?.assigneeName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="受理日期">
        <Space size={4}>
          {d.acceptedDate ?? '—'}
          {d.deemedAcceptedOn && (
            <>
              <DeemedAcceptedTag on={d.deemedAcceptedOn} />
              <Typography.Text type="secondary">{`自 ${d.deemedAcceptedOn}`}</Typography.Text>
            </>
          )}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="实地核查">
        {d.inspectionRequired == null ? '—' : d.inspectionRequired ? '需要' : '不需要'}
      </Descriptions.Item>
      <Descriptions.Item label="审批模式">{d.approvalModeLabel}</Descriptions.Item>
      {instance && instance.clocks.length > 0 && (
        <Descriptions.Item label="法定时限" span={3}>
          <Space wrap size={[12, 4]}>
            {instance.clocks.map((c) => (
              <span key={c.name}>
                {c.label}：时限 {c.limit} 个{c.kind === 'working' ? '工作日' : '自然日'}，已用 {c.used}，
                <span style={{ color: c.remaining < 0 ? '#cf1322' : undefined }}>剩余 {c.remaining}</span>
                {c.running ? (
                  <Tag color="processing" style={{ marginLeft: 4 }}>
                    计时中
                  </Tag>
                ) : (
                  <Tag style={{ marginLeft: 4 }}>已停止</Tag>
                )}
              </span>
            ))}
          </Space>
        </Descriptions.Item>
      )}
      {d.decision && (
        <Descriptions.Item label="许可决定" span={3}>
          {d.decision === 'approved' ? '准予许可' : '不予许可'}（{d.decisionDate}）
          {d.issuedCertificateNo ? `，证书编号 ${d.issuedCertificateNo}` : ''}
          {d.decisionReason ? `；${d.decisionReason}` : ''}
        </Descriptions.Item>
      )}
      {d.terminationGroundLabel && (
        <Descriptions.Item label="终止情形" span={3}>
          {d.terminationGroundLabel}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function FormData({ app: d }: { app: AppDetail }) {
  return <ApplicationFacts app={d} tail={[{ label: '申请人', children: d.applicantName ?? '—' }]} />;
}

/** After 准予许可: the certificate number issued, its PDF and the way to 证书管理. */
function ApprovedResult({ id, onClose }: { id: string; onClose: () => void }) {
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const q = useQuery({
    queryKey: applicationKey(id),
    queryFn: () => call(api.GET('/api/licensing/applications/{id}', { params: { path: { id } } })),
  });
  const d = q.data;
  const certId = d?.issuedCertificateId;
  const no = d?.issuedCertificateNo;
  return (
    <Modal open onCancel={onClose} footer={null} width={560} destroyOnHidden centered>
      {q.isLoading || (d && d.state !== 'approved' && q.isFetching) ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <Result
          status="success"
          icon={<SafetyCertificateOutlined />}
          title="已准予许可"
          subTitle={
            no ? (
              <span data-testid="desk-issued-number">
                已赋予许可证编号{' '}
                <Typography.Text strong copyable>
                  {no}
                </Typography.Text>
              </span>
            ) : (
              '证书信息加载中，请稍后在证书管理中查看'
            )
          }
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              {certId && (
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    void download(
                      `/api/licensing/certificates/${certId}/pdf`,
                      `${no ?? '生产许可证'}.pdf`,
                    ).catch((e: unknown) => onError(e))
                  }
                >
                  下载证书 PDF
                </Button>
              )}
              <Button
                onClick={() => {
                  onClose();
                  void navigate('/licensing/certificates');
                }}
              >
                打开证书管理
              </Button>
              <Button onClick={onClose}>关闭</Button>
            </Space>
          }
        />
      )}
    </Modal>
  );
}
