import { EditOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { useErrorHandler } from '../../../components/errors';
import {
  InspectionDue,
  fmtTime,
  isOpen,
  rangeText,
  statusColor,
  useApplyDetail,
  type InspectionDetail,
} from './InspectionShared';

type PlanBody =
  paths['/api/licensing/inspections/{id}/plan']['put']['requestBody']['content']['application/json'];

const APPLICATION_TYPE_LABEL: Record<string, string> = {
  issue: '发证',
  renew: '延续',
  change: '变更',
  reexamine: '重新审查',
  reissue: '补领',
  cancel: '注销',
};

/** Who may open the application's workflow page (the application read permissions). */
const APPLICATION_VIEW = [
  'licensing:accept',
  'licensing:decide',
  'licensing:inspect',
  'licensing:observer',
  'licensing:stats',
  'licensing:certificate',
];

/** 概况: the application, enterprise and product, the plan (editable by officers), actual dates, the deadline. */
export function InspectionOverview({ d }: { d: InspectionDetail }) {
  const { hasPerm } = useAuth();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [editing, setEditing] = useState(false);
  const [opening, setOpening] = useState(false);
  const a = d.application;

  async function openWorkflow() {
    setOpening(true);
    try {
      const app = await call(
        api.GET('/api/licensing/applications/{id}', { params: { path: { id: d.applicationId } } }),
      );
      if (app.instanceId) void navigate(`/workflow/instances/${app.instanceId}`);
    } catch (e) {
      onError(e);
    } finally {
      setOpening(false);
    }
  }

  const items: DescriptionsProps['items'] = [
    { key: 'no', label: '申请编号', children: a?.applicationNo ?? '—' },
    { key: 'type', label: '申请类型', children: a ? (APPLICATION_TYPE_LABEL[a.type] ?? a.type) : '—' },
    { key: 'ent', label: '企业名称', children: d.enterpriseName ?? '—', span: 2 },
    { key: 'product', label: '产品', children: a?.productName ?? '—' },
    { key: 'region', label: '所在地区', children: d.regionName ?? d.regionCode },
    {
      key: 'status',
      label: '任务状态',
      children: <Tag color={statusColor(d.status)}>{d.statusLabel}</Tag>,
    },
    { key: 'org', label: '承办机构', children: d.orgName ?? '—' },
    { key: 'accepted', label: '受理日期', children: a?.acceptedDate ?? '—' },
    {
      key: 'due',
      label: '核查期限',
      children: (
        <Space orientation="vertical" size={0}>
          <InspectionDue due={a?.inspectionDueDate} open={isOpen(d.status)} />
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
            自受理之日起 30 个工作日内完成实地核查（《办法》第十八条）
          </span>
        </Space>
      ),
    },
    { key: 'plan', label: '计划核查日期', children: rangeText(d.plan.start, d.plan.end) },
    { key: 'notified', label: '通知企业日期', children: d.plan.notifiedOn ?? '—' },
    { key: 'note', label: '计划说明', children: d.plan.note ?? '—', span: 2 },
    { key: 'actual', label: '实际核查日期', children: rangeText(d.actual.start, d.actual.end) },
    {
      key: 'template',
      label: '核查模板',
      children: d.template ? (
        <Space size={4} wrap>
          <span>
            {d.template.code} 第 {d.template.version} 版
          </span>
          {d.template.isExample && <Tag color="orange">示例</Tag>}
        </Space>
      ) : (
        <Tag color="warning">未选定</Tag>
      ),
    },
    { key: 'created', label: '任务创建时间', children: fmtTime(d.createdAt) },
    { key: 'updated', label: '最近更新', children: fmtTime(d.updatedAt) },
  ];

  return (
    <Card
      title="核查概况"
      extra={
        <Space wrap>
          {hasPerm(APPLICATION_VIEW) && (
            <Button icon={<NodeIndexOutlined />} loading={opening} onClick={() => void openWorkflow()}>
              审批流程
            </Button>
          )}
          {d.my.canManage && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {d.plan.start ? '修改核查计划' : '制定核查计划'}
            </Button>
          )}
        </Space>
      }
    >
      {d.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="该核查任务已取消（申请已撤回或终止办理），不能再办理。"
        />
      )}
      <Descriptions
        bordered
        size="small"
        column={2}
        items={items}
        styles={{ label: { whiteSpace: 'nowrap' } }}
      />
      {editing && <PlanModal d={d} onClose={() => setEditing(false)} />}
    </Card>
  );
}

interface PlanForm {
  planStart?: Dayjs;
  planEnd?: Dayjs;
  notifiedOn?: Dayjs | null;
  note?: string;
}

const day = (v: string | null) => (v ? dayjs(v) : undefined);

/** 核查计划: dates and the day the enterprise was notified (《办法》第十六条: 提前 5 个工作日通知企业). */
function PlanModal({ d, onClose }: { d: InspectionDetail; onClose: () => void }) {
  const [form] = Form.useForm<PlanForm>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const applyDetail = useApplyDetail();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const body: PlanBody = {
      planStart: v.planStart!.format('YYYY-MM-DD'),
      planEnd: v.planEnd!.format('YYYY-MM-DD'),
      notifiedOn: v.notifiedOn ? v.notifiedOn.format('YYYY-MM-DD') : null,
      note: v.note?.trim() || null,
      expectedVersion: d.version,
    };
    setBusy(true);
    try {
      const next = await call(
        api.PUT('/api/licensing/inspections/{id}/plan', { params: { path: { id: d.id } }, body }),
      );
      applyDetail(next);
      void message.success('核查计划已保存');
      onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title="核查计划"
      okText="保存"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="应提前 5 个工作日将核查计划通知企业（《办法》第十六条）；实地核查须在核查期限内完成。"
        description={
          d.application?.inspectionDueDate ? `核查期限：${d.application.inspectionDueDate}` : undefined
        }
      />
      <Form<PlanForm>
        form={form}
        layout="vertical"
        initialValues={{
          planStart: day(d.plan.start),
          planEnd: day(d.plan.end),
          notifiedOn: day(d.plan.notifiedOn),
          note: d.plan.note ?? '',
        }}
      >
        <Space size={16} wrap>
          <Form.Item
            name="planStart"
            label="计划开始日期"
            rules={[{ required: true, message: '请选择计划开始日期' }]}
          >
            <DatePicker style={{ width: 200 }} size="large" />
          </Form.Item>
          <Form.Item
            name="planEnd"
            label="计划结束日期"
            dependencies={['planStart']}
            rules={[
              { required: true, message: '请选择计划结束日期' },
              ({ getFieldValue }) => ({
                validator: (_r, v: Dayjs | undefined) => {
                  const s = getFieldValue('planStart') as Dayjs | undefined;
                  return v && s && v.isBefore(s, 'day')
                    ? Promise.reject(new Error('结束日期不能早于开始日期'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: 200 }} size="large" />
          </Form.Item>
        </Space>
        <Form.Item
          name="notifiedOn"
          label="通知企业日期"
          dependencies={['planStart']}
          extra="已将核查计划通知企业的，填写通知日期"
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, v: Dayjs | null | undefined) => {
                const s = getFieldValue('planStart') as Dayjs | undefined;
                return v && s && v.isAfter(s, 'day')
                  ? Promise.reject(new Error('通知企业的日期不能晚于核查开始日期'))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker style={{ width: 200 }} size="large" />
        </Form.Item>
        <Form.Item name="note" label="计划说明">
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="核查安排、联系人等（选填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
