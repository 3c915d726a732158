import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useErrorHandler } from '../../../components/errors';
import { useReloadTable } from '../../../components/ServerTable';
import { CatalogueSelect, type CatalogueNode } from './AdminCatalogue';

export type TemplateDetail =
  paths['/api/licensing/checklist-templates/{id}']['get']['responses']['200']['content']['application/json'];
export type TemplateListItem =
  paths['/api/licensing/checklist-templates']['get']['responses']['200']['content']['application/json']['items'][number];
export type TemplateStatus = TemplateDetail['status'];
export type ItemResult = TemplateDetail['allowedResults'][number];
export type TemplateRules = TemplateDetail['rules'];
export type CreateTemplateBody =
  paths['/api/licensing/checklist-templates']['post']['requestBody']['content']['application/json'];
export type UpdateTemplateBody =
  paths['/api/licensing/checklist-templates/{id}']['put']['requestBody']['content']['application/json'];

export const TEMPLATES_TABLE_ID = 'licensing.checklist-templates';
export const templateKey = (id: string) => ['licensing', 'checklist-template', id] as const;
export const editorPath = (id: string) => `/licensing/checklist-templates/${id}`;

export const TEMPLATE_STATUS_OPTIONS: Array<{ value: TemplateStatus; label: string; color: string }> = [
  { value: 'draft', label: '草稿', color: 'processing' },
  { value: 'published', label: '已发布', color: 'success' },
  { value: 'superseded', label: '已被新版本替代', color: 'default' },
];
export const statusColor = (s: TemplateStatus) =>
  TEMPLATE_STATUS_OPTIONS.find((o) => o.value === s)?.color ?? 'default';

export const RESULT_OPTIONS: Array<{ value: ItemResult; label: string }> = [
  { value: 'conform', label: '符合' },
  { value: 'basic', label: '基本符合' },
  { value: 'nonconform', label: '不符合' },
  { value: 'na', label: '不适用' },
];
export const resultLabel = (r: ItemResult) => RESULT_OPTIONS.find((o) => o.value === r)?.label ?? r;

/** The rule in one line: "否决项 ≤0 · N=3 · k=2". */
export function ruleSummary(r: TemplateRules): string {
  const parts = [
    `否决项上限 ${r.vetoFailLimit}`,
    `N = ${r.generalFailLimit ?? '未设定'}`,
    r.basicEnabled ? (r.basicPerFail ? `k = ${r.basicPerFail}` : '基本符合不折算') : '不用基本符合',
  ];
  return parts.join(' · ');
}

// ------------------------------------------------------------------------------------------ header form

/** What the header form edits (create and editor). */
export interface HeaderValues {
  code?: string;
  name: string;
  /** A 品种 or a 产品单元 of the catalogue (the template is bound to exactly one of them). */
  bindingId?: string | null;
  ruleDocNo?: string;
  effectiveFrom?: Dayjs | null;
  description?: string;
  isExample: boolean;
  allowedResults: ItemResult[];
  rules: {
    vetoFailLimit: number | null;
    generalFailLimit: number | null;
    basicPerFail: number | null;
    vetoAllowsBasic: boolean;
  };
}

/** Server fields of the header that the form shows under another name. */
export const HEADER_FIELD_MAP: Record<string, string> = {
  varietyId: 'bindingId',
  productUnitId: 'bindingId',
};

export const DEFAULT_HEADER: HeaderValues = {
  name: '',
  isExample: false,
  allowedResults: ['conform', 'nonconform', 'na'],
  rules: { vetoFailLimit: 0, generalFailLimit: null, basicPerFail: null, vetoAllowsBasic: false },
};

export function headerValuesOf(d: TemplateDetail): HeaderValues {
  return {
    code: d.code,
    name: d.name,
    bindingId: d.productUnitId ?? d.varietyId ?? null,
    ruleDocNo: d.ruleDocNo ?? '',
    effectiveFrom: d.effectiveFrom ? dayjs(d.effectiveFrom) : null,
    description: d.description ?? '',
    isExample: d.isExample,
    allowedResults: d.allowedResults,
    rules: {
      vetoFailLimit: d.rules.vetoFailLimit,
      generalFailLimit: d.rules.generalFailLimit,
      basicPerFail: d.rules.basicPerFail,
      vetoAllowsBasic: d.rules.vetoAllowsBasic,
    },
  };
}

/** The header part of a create or update body from the form values. */
export function headerBody(v: HeaderValues, nodes: readonly CatalogueNode[]): UpdateTemplateBody {
  const node = v.bindingId ? nodes.find((n) => n.id === v.bindingId) : undefined;
  const basic = v.allowedResults.includes('basic');
  return {
    name: v.name.trim(),
    varietyId: node?.level === 'variety' ? node.id : null,
    productUnitId: node?.level === 'unit' ? node.id : null,
    ruleDocNo: v.ruleDocNo?.trim() || null,
    effectiveFrom: v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : null,
    description: v.description?.trim() || null,
    isExample: v.isExample,
    allowedResults: v.allowedResults,
    rules: {
      vetoFailLimit: v.rules.vetoFailLimit ?? 0,
      generalFailLimit: v.rules.generalFailLimit,
      basicPerFail: basic ? v.rules.basicPerFail : null,
      vetoAllowsBasic: basic ? v.rules.vetoAllowsBasic : false,
    },
  };
}

/** The fields of the template header and its conclusion rule (inside the caller's Form). */
export function TemplateHeaderFields(props: {
  form: FormInstance<HeaderValues>;
  withCode?: boolean;
  disabled?: boolean;
}) {
  const results = (Form.useWatch('allowedResults', props.form) as ItemResult[] | undefined) ?? [];
  const basic = results.includes('basic');
  const d = props.disabled;
  return (
    <Row gutter={16}>
      {props.withCode && (
        <Col span={8}>
          <Form.Item
            name="code"
            label="模板编号"
            rules={[
              { required: true, whitespace: true, message: '请填写模板编号' },
              {
                pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
                message: '字母或数字开头，只能包含字母、数字、点、下划线和连字符，最多 32 位',
              },
            ]}
            extra="同一模板的各个版本共用一个编号"
          >
            <Input maxLength={32} placeholder="如 XZ-13-001" />
          </Form.Item>
        </Col>
      )}
      <Col span={props.withCode ? 16 : 24}>
        <Form.Item
          name="name"
          label="模板名称"
          rules={[{ required: true, whitespace: true, message: '请填写模板名称' }]}
        >
          <Input maxLength={200} disabled={d} placeholder="如 ××产品生产许可证企业实地核查记录表" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="bindingId"
          label="适用产品"
          extra="选择品种或产品单元；产品单元上的模板优先于品种上的模板"
        >
          <CatalogueSelect disabled={d} selectable={['variety', 'unit']} placeholder="请选择品种或产品单元" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="ruleDocNo" label="实施细则文号">
          <Input maxLength={100} disabled={d} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="effectiveFrom" label="生效日期">
          <DatePicker disabled={d} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="isExample"
          label="示例模板"
          valuePropName="checked"
          extra="非正式细则，仅供演示与培训"
        >
          <Switch disabled={d} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={2000} disabled={d} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          判定规则
        </Typography.Title>
      </Col>
      <Col span={24}>
        <Form.Item
          name="allowedResults"
          label="可选判定值"
          rules={[
            {
              validator: (_, v: ItemResult[] | undefined) =>
                v?.includes('conform') && v.includes('nonconform')
                  ? Promise.resolve()
                  : Promise.reject(new Error('必须包含“符合”和“不符合”')),
            },
          ]}
          extra="勾选“基本符合”即启用基本符合判定；“不适用”的条款不参与计数"
        >
          <Checkbox.Group disabled={d} options={RESULT_OPTIONS} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item
          name={['rules', 'vetoFailLimit']}
          label="否决项不符合上限"
          rules={[{ required: true, message: '请填写' }]}
          tooltip="否决项不符合数超过此数即判不合格；默认 0，即任一否决项不符合即不合格"
        >
          <InputNumber disabled={d} min={0} max={999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item
          name={['rules', 'generalFailLimit']}
          label="一般项不符合上限 N"
          tooltip="一般项不符合数（含基本符合折算）超过 N 即判不合格；数值待需求方按细则提供，发布前必须填写"
        >
          <InputNumber
            disabled={d}
            min={0}
            max={9999}
            precision={0}
            placeholder="待定"
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item
          name={['rules', 'basicPerFail']}
          label="基本符合折算 k"
          tooltip="每 k 项基本符合折算为 1 项不符合（向下取整）；留空表示不折算"
        >
          <InputNumber
            disabled={d || !basic}
            min={1}
            max={99}
            precision={0}
            placeholder={basic ? '不折算' : '未启用'}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={['rules', 'vetoAllowsBasic']} label="否决项可判基本符合" valuePropName="checked">
          <Switch disabled={d || !basic} />
        </Form.Item>
      </Col>
    </Row>
  );
}

// ------------------------------------------------------------------------------------ rule explanation

interface Counts {
  vetoFail: number;
  vetoBasic: number;
  generalFail: number;
  generalBasic: number;
}

/** The suggested conclusion for counts (the server's suggestConclusion, for the preview only). */
export function simulate(
  r: { vetoFailLimit: number; generalFailLimit: number | null; basicPerFail: number | null },
  c: Counts,
): { pass: boolean | null; reasons: string[]; lines: string[] } {
  const k = r.basicPerFail && r.basicPerFail > 0 ? r.basicPerFail : null;
  const vetoConv = k ? Math.floor(c.vetoBasic / k) : 0;
  const genConv = k ? Math.floor(c.generalBasic / k) : 0;
  const vetoEq = c.vetoFail + vetoConv;
  const genEq = c.generalFail + genConv;
  const lines = [
    `否决项：${c.vetoFail} 项不符合${vetoConv ? ` + ${c.vetoBasic} 项基本符合折算 ${vetoConv} 项` : ''} = ${vetoEq} 项，上限 ${r.vetoFailLimit} 项`,
    `一般项：${c.generalFail} 项不符合${k ? ` + ${c.generalBasic} 项基本符合折算 ${genConv} 项` : ''} = ${genEq} 项，上限 N = ${r.generalFailLimit ?? '未设定'}`,
  ];
  const reasons: string[] = [];
  if (vetoEq > r.vetoFailLimit)
    reasons.push(
      r.vetoFailLimit === 0
        ? `否决项不符合 ${vetoEq} 项（任一否决项不符合即判不合格）`
        : `否决项不符合 ${vetoEq} 项，超过上限 ${r.vetoFailLimit} 项`,
    );
  if (r.generalFailLimit !== null && genEq > r.generalFailLimit)
    reasons.push(`一般项不符合 ${genEq} 项，超过上限 N = ${r.generalFailLimit} 项`);
  const pass = reasons.length ? false : r.generalFailLimit === null ? null : true;
  return { pass, reasons, lines };
}

/** 判定规则说明与试算: the rule in plain Chinese and a live preview of the conclusion for given counts. */
export function ConclusionRulePanel(props: { allowedResults: ItemResult[]; rules: HeaderValues['rules'] }) {
  const basic = props.allowedResults.includes('basic');
  const veto = props.rules.vetoFailLimit ?? 0;
  const N = props.rules.generalFailLimit;
  const k = basic ? props.rules.basicPerFail : null;
  const vetoBasic = basic && props.rules.vetoAllowsBasic;
  const [c, setC] = useState<Counts>({ vetoFail: 0, vetoBasic: 0, generalFail: 0, generalBasic: 0 });
  const sim = simulate(
    { vetoFailLimit: veto, generalFailLimit: N, basicPerFail: k },
    {
      ...c,
      vetoBasic: vetoBasic ? c.vetoBasic : 0,
      generalBasic: basic ? c.generalBasic : 0,
    },
  );
  const num = (key: keyof Counts, label: string) => (
    <Space size={4}>
      <span>{label}</span>
      <InputNumber
        size="small"
        min={0}
        max={999}
        precision={0}
        value={c[key]}
        onChange={(v) => setC({ ...c, [key]: v ?? 0 })}
        style={{ width: 70 }}
        aria-label={label}
      />
    </Space>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        核查组对每一条款判定{props.allowedResults.map((r) => `“${resultLabel(r)}”`).join('、')}
        之一，系统按下列规则给出建议结论，组长可说明理由后改判：
      </Typography.Paragraph>
      <ol style={{ paddingLeft: 20, margin: 0 }}>
        <li>
          <b>否决项</b>（细则中标“*”的条款）：不符合的否决项超过 <b>{veto}</b> 项即判“不合格”
          {veto === 0 ? '，也就是任何一项否决项不符合都判不合格' : ''}。
          {basic &&
            (vetoBasic
              ? '否决项可以判“基本符合”，并按下面的 k 单独折算。'
              : '否决项只能判“符合”或“不符合”。')}
        </li>
        <li>
          <b>一般项</b>：不符合的一般项（含“基本符合”折算）超过 <b>N = {N ?? '（未设定）'}</b>{' '}
          项即判“不合格”。
          {N === null && (
            <Typography.Text type="warning">N 待需求方按细则提供，未设定前模板不能发布。</Typography.Text>
          )}
        </li>
        <li>
          <b>基本符合折算</b>：
          {!basic
            ? '本模板不使用“基本符合”。'
            : k
              ? `每 k = ${k} 项“基本符合”折算为 1 项“不符合”，不足 ${k} 项的部分不计（向下取整）；否决项与一般项分别折算。`
              : '“基本符合”不折算，不计入不符合数。'}
        </li>
        <li>判为“不适用”的条款不参与任何计数。</li>
      </ol>
      <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12 }}>
        <Typography.Text strong>试算</Typography.Text>
        <Space wrap style={{ display: 'flex', margin: '8px 0' }}>
          {num('vetoFail', '否决项不符合')}
          {vetoBasic && num('vetoBasic', '否决项基本符合')}
          {num('generalFail', '一般项不符合')}
          {basic && num('generalBasic', '一般项基本符合')}
        </Space>
        <Descriptions size="small" column={1}>
          {sim.lines.map((l, i) => (
            <Descriptions.Item key={i}>{l}</Descriptions.Item>
          ))}
        </Descriptions>
        {sim.pass === false ? (
          <Alert
            type="error"
            showIcon
            title={
              <>
                建议结论：<Tag color="error">不合格</Tag>
              </>
            }
            description={sim.reasons.join('；')}
          />
        ) : sim.pass ? (
          <Alert
            type="success"
            showIcon
            title={
              <>
                建议结论：<Tag color="success">合格</Tag>（全部条款已判定时）
              </>
            }
          />
        ) : (
          <Alert type="warning" showIcon title="N 未设定，无法判断一般项是否超限" />
        )}
      </div>
    </Space>
  );
}

// ------------------------------------------------------------------------------------------ actions

/** 发布 / 新版本 / 删除草稿, shared by the list and the editor (confirm, call, refresh). */
export function useTemplateActions() {
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const qc = useQueryClient();
  const navigate = useNavigate();

  const after = (d?: TemplateDetail) => {
    void reload(TEMPLATES_TABLE_ID);
    if (d) qc.setQueryData(templateKey(d.id), d);
  };

  async function publish(t: { id: string; code: string; name: string; version: number }): Promise<boolean> {
    const ok = await modal.confirm({
      title: `确认发布“${t.name}”第 ${t.version} 版？`,
      content: (
        <>
          <p>发布后本版本只读，不能再修改；以后调整须基于它创建新版本。</p>
          <p>
            模板编号 {t.code}{' '}
            原已发布的版本（如有）将被本版本替代；已经开始的核查任务继续使用当时的模板快照，不受影响。
          </p>
        </>
      ),
      okText: '发布',
    });
    if (!ok) return false;
    try {
      const d = await call(
        api.POST('/api/licensing/checklist-templates/{id}/publish', { params: { path: { id: t.id } } }),
      );
      void message.success(`已发布“${d.name}”第 ${d.version} 版`);
      after(d);
      return true;
    } catch (e) {
      const problems = e instanceof ApiError ? (e.details?.problems as string[] | undefined) : undefined;
      if (problems?.length)
        modal.error({
          title: '模板还不能发布',
          content: (
            <ul style={{ paddingLeft: 20, margin: 0 }}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ),
        });
      else onError(e);
      return false;
    }
  }

  async function newVersion(t: { id: string; name: string; version: number }) {
    const ok = await modal.confirm({
      title: `基于第 ${t.version} 版创建新版本？`,
      content:
        '将复制本版本的模板信息、判定规则、章节与条款，生成一份可修改的草稿；草稿发布前，现行版本继续有效。',
      okText: '创建新版本',
    });
    if (!ok) return;
    try {
      const d = await call(
        api.POST('/api/licensing/checklist-templates/{id}/versions', { params: { path: { id: t.id } } }),
      );
      void message.success(`已创建“${d.name}”第 ${d.version} 版草稿`);
      after(d);
      void navigate(editorPath(d.id));
    } catch (e) {
      onError(e);
    }
  }

  async function removeDraft(t: { id: string; name: string; version: number }): Promise<boolean> {
    const ok = await modal.confirm({
      title: `确认删除草稿“${t.name}”第 ${t.version} 版？`,
      content: '草稿及其章节、条款将一并删除，不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
    });
    if (!ok) return false;
    try {
      await call(api.DELETE('/api/licensing/checklist-templates/{id}', { params: { path: { id: t.id } } }));
      void message.success('已删除草稿');
      after();
      qc.removeQueries({ queryKey: templateKey(t.id) });
      return true;
    } catch (e) {
      onError(e);
      return false;
    }
  }

  return { publish, newVersion, removeDraft };
}
