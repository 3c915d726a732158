import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';
import {
  APPROVAL_MODE_OPTIONS,
  approvalModeLabel,
  LEVEL_COLOR,
  LEVEL_LABEL,
  SOURCE_TAG_OPTIONS,
  sourceTagColor,
  useInvalidateCatalogue,
  type ApprovalMode,
  type CatalogueLevel,
  type CatalogueTreeRow,
  type SourceTag,
} from './AdminCatalogue';

type CreateBody = paths['/api/licensing/catalogue']['post']['requestBody']['content']['application/json'];
type UpdateBody = paths['/api/licensing/catalogue/{id}']['put']['requestBody']['content']['application/json'];

/** What the node form edits: a new node of a level under a parent, or an existing node. */
export type NodeEditing =
  | { mode: 'create'; level: CatalogueLevel; parent: CatalogueTreeRow | null; siblings: number }
  | { mode: 'edit'; node: CatalogueTreeRow; parent: CatalogueTreeRow | null };

interface NodeFormValues {
  code: string;
  name: string;
  industryCode?: string;
  productCode?: string;
  approvalMode?: ApprovalMode | '';
  ruleDocNo?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  transitionUntil?: Dayjs | null;
  status: 'active' | 'disabled';
  sourceTag?: SourceTag | null;
  note?: string;
  sort?: number | null;
}

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const dayStr = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const pad = (n: number) => String(n).padStart(2, '0');

/** A code proposal for a new node: C15, C01-V03, C01-V01-U02 (the administrator may change it). */
function suggestCode(level: CatalogueLevel, parent: CatalogueTreeRow | null, siblings: number): string {
  const n = pad(siblings + 1);
  if (level === 'category' || !parent) return `C${n}`;
  return `${parent.code}-${level === 'variety' ? 'V' : 'U'}${n}`;
}

/** 新增 / 修改目录节点. */
export function CatalogueNodeModal(props: {
  editing: NodeEditing;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { editing } = props;
  const [form] = Form.useForm<NodeFormValues>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const invalidate = useInvalidateCatalogue();
  const [busy, setBusy] = useState(false);
  const level = editing.mode === 'create' ? editing.level : editing.node.level;
  const parent = editing.parent;
  const node = editing.mode === 'edit' ? editing.node : null;

  const initial: NodeFormValues = node
    ? {
        code: node.code,
        name: node.name,
        industryCode: node.industryCode ?? '',
        productCode: node.productCode ?? '',
        approvalMode: node.approvalMode ?? '',
        ruleDocNo: node.ruleDocNo ?? '',
        validFrom: day(node.validFrom),
        validTo: day(node.validTo),
        transitionUntil: day(node.transitionUntil),
        status: node.status,
        sourceTag: node.sourceTag,
        note: node.note ?? '',
        sort: node.sort,
      }
    : {
        code: suggestCode(level, parent, editing.mode === 'create' ? editing.siblings : 0),
        name: '',
        approvalMode: '',
        status: 'active',
        sourceTag: 'customer',
        sort: ((editing.mode === 'create' ? editing.siblings : 0) + 1) * 10,
      };

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const fields = {
      name: v.name.trim(),
      industryCode: v.industryCode?.trim() || null,
      productCode: v.productCode?.trim() || null,
      approvalMode: v.approvalMode || null,
      ruleDocNo: v.ruleDocNo?.trim() || null,
      validFrom: dayStr(v.validFrom),
      validTo: dayStr(v.validTo),
      transitionUntil: dayStr(v.transitionUntil),
      status: v.status,
      sourceTag: v.sourceTag ?? null,
      note: v.note?.trim() || null,
      sort: v.sort ?? 0,
    };
    setBusy(true);
    try {
      let id: string;
      if (node) {
        const body: UpdateBody = { ...fields, code: v.code.trim() };
        id = (
          await call(api.PUT('/api/licensing/catalogue/{id}', { params: { path: { id: node.id } }, body }))
        ).id;
        void message.success(`已保存${LEVEL_LABEL[level]}“${fields.name}”`);
      } else {
        const body: CreateBody = { ...fields, level, parentId: parent?.id ?? null, code: v.code.trim() };
        id = (await call(api.POST('/api/licensing/catalogue', { body }))).id;
        void message.success(`已新增${LEVEL_LABEL[level]}“${fields.name}”`);
      }
      void invalidate();
      props.onSaved(id);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  const inheritHint = (own: string, value: string | null | undefined) =>
    parent ? (value ? `留空则沿用上级：${value}` : `留空则沿用上级（上级也未填写）`) : `留空表示${own}未填写`;

  return (
    <Modal
      open
      width={760}
      title={
        node
          ? `修改${LEVEL_LABEL[level]} — ${node.name}`
          : `新增${LEVEL_LABEL[level]}${parent ? `（上级：${parent.path.join(' / ')}）` : ''}`
      }
      okText="保存"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label="目录编码"
              rules={[
                { required: true, whitespace: true, message: '请填写目录编码' },
                {
                  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
                  message: '只能由字母、数字、点、下划线和连字符组成，最多 32 位',
                },
              ]}
              extra="系统内部编码，全目录唯一"
            >
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="name"
              label={`${LEVEL_LABEL[level]}名称`}
              rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="industryCode"
              label="行业编号"
              rules={[{ pattern: /^\d{2}$/, message: '行业编号为 2 位数字' }]}
              extra={inheritHint('', parent?.effIndustryCode)}
            >
              <Input maxLength={2} placeholder="2 位数字，如 13" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="productCode"
              label="产品编号"
              rules={[{ pattern: /^\d{3}$/, message: '产品编号为 3 位数字' }]}
              extra={inheritHint('', parent?.effProductCode)}
            >
              <Input maxLength={3} placeholder="3 位数字，如 008" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="approvalMode" label="审批模式">
              <Select
                options={[
                  {
                    value: '',
                    label: parent
                      ? `沿用上级（${approvalModeLabel(parent.effApprovalMode)}）`
                      : '未指定（默认先核后证）',
                  },
                  ...APPROVAL_MODE_OPTIONS,
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="ruleDocNo"
              label="实施细则文号"
              extra={parent?.effRuleDocNo ? `留空则沿用上级：${parent.effRuleDocNo}` : undefined}
            >
              <Input maxLength={100} placeholder="如 市场监管总局公告 2024 年第 ×× 号" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="status" label="状态">
              <Select
                options={[
                  { value: 'active', label: '启用' },
                  { value: 'disabled', label: '停用' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sourceTag" label="数据来源">
              <Select
                allowClear
                placeholder="未标注"
                options={SOURCE_TAG_OPTIONS.map(({ value, label }) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validFrom" label="生效日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="validTo"
              label="失效日期"
              dependencies={['validFrom']}
              rules={[
                ({ getFieldValue }) => ({
                  validator(_, value: Dayjs | null) {
                    const from = getFieldValue('validFrom') as Dayjs | null;
                    return value && from && value.isBefore(from, 'day')
                      ? Promise.reject(new Error('失效日期不能早于生效日期'))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="transitionUntil" label="过渡期至">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sort" label="排序号" extra="同级按此从小到大排列">
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Text type="secondary">
        行业编号、产品编号、审批模式和细则文号可只在类别或品种上填写，下级节点未填写时自动沿用上级的值。
      </Typography.Text>
    </Modal>
  );
}

const dash = (v: string | null | undefined) => v || '—';

/** 节点详情: own and effective (inherited) values as the server computes them. */
export function CatalogueNodeDrawer(props: { id: string | null; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['licensing', 'catalogue', 'node', props.id],
    queryFn: () => call(api.GET('/api/licensing/catalogue/{id}', { params: { path: { id: props.id! } } })),
    enabled: !!props.id,
  });
  const d = q.data;
  const inherited = (own: string | null, eff: string | null) =>
    own ? (
      own
    ) : eff ? (
      <span>
        {eff} <Tag>沿用上级</Tag>
      </span>
    ) : (
      <Typography.Text type="danger">未填写</Typography.Text>
    );
  const numberPreview =
    d && d.effectiveIndustryCode && d.effectiveProductCode
      ? `XK${d.effectiveIndustryCode}-${d.effectiveProductCode}-×××××`
      : null;
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      size={720}
      title={d ? d.path.join(' / ') : '目录节点详情'}
    >
      {q.isLoading && <Spin />}
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} />}
      {d && (
        <>
          {d.applicable && !numberPreview && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="尚未设置生效的行业编号或产品编号"
              description="该产品的许可申请在作出准予许可决定时无法生成证书编号，请先在本节点或其上级填写（待需求方提供取值表）。"
            />
          )}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="名称" span={2}>
              {d.name} <Tag color={LEVEL_COLOR[d.level]}>{d.levelLabel}</Tag>
              {d.applicable && <Tag color="green">可申请</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="目录编码">{d.code}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={d.status === 'active' ? 'success' : 'default'}>
                {d.status === 'active' ? '启用' : '停用'}
              </Tag>
              {d.inForce ? (
                <Tag color="blue">当前有效</Tag>
              ) : (
                <Tag color="orange">当前不在有效期内或已停用</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="所属类别">{d.categoryName}</Descriptions.Item>
            <Descriptions.Item label="所属品种">{dash(d.varietyName)}</Descriptions.Item>
            <Descriptions.Item label="行业编号">
              {inherited(d.industryCode, d.effectiveIndustryCode)}
            </Descriptions.Item>
            <Descriptions.Item label="产品编号">
              {inherited(d.productCode, d.effectiveProductCode)}
            </Descriptions.Item>
            <Descriptions.Item label="证书编号样式" span={2}>
              {numberPreview ?? <Typography.Text type="secondary">编号未齐，暂不能生成</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="审批模式">
              {d.approvalModeLabel ?? (
                <span>
                  {d.effectiveApprovalModeLabel} <Tag>{d.level === 'category' ? '默认' : '沿用上级'}</Tag>
                </span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="实施细则文号">
              {d.ruleDocNo ??
                (d.effectiveRuleDocNo ? (
                  <span>
                    {d.effectiveRuleDocNo} <Tag>沿用上级</Tag>
                  </span>
                ) : (
                  '—'
                ))}
            </Descriptions.Item>
            <Descriptions.Item label="生效日期">{dash(d.validFrom)}</Descriptions.Item>
            <Descriptions.Item label="失效日期">{dash(d.validTo)}</Descriptions.Item>
            <Descriptions.Item label="过渡期至">{dash(d.transitionUntil)}</Descriptions.Item>
            <Descriptions.Item label="数据来源">
              {d.sourceTagLabel ? <Tag color={sourceTagColor(d.sourceTag)}>{d.sourceTagLabel}</Tag> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="说明" span={2}>
              {dash(d.note)}
            </Descriptions.Item>
            <Descriptions.Item label="创建时间">
              {dayjs(d.createdAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label="更新时间">
              {dayjs(d.updatedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Drawer>
  );
}
