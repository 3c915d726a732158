import { AuditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useErrorHandler } from '../../../components/errors';
import {
  VERDICT_COLOR,
  VERDICT_LABEL,
  fmtTime,
  rangeText,
  useApplyDetail,
  type InspectionDetail,
  type Verdict,
} from './InspectionShared';
import { SuggestionPanel, SuggestionTag } from './InspectionSuggestion';

type ConcludeBody =
  paths['/api/licensing/inspections/{id}/conclude']['post']['requestBody']['content']['application/json'];

interface ConcludeForm {
  finalResult?: Verdict;
  overrideReason?: string;
  comment?: string;
  actualStart?: Dayjs;
  actualEnd?: Dayjs;
  enterpriseConfirmation?: 'confirmed' | 'refused';
  enterpriseSigner?: string;
  enterpriseRefusalNote?: string;
  resultNotifiedOn?: Dayjs;
}

/**
 * 核查结论: the server's suggestion; the 组长 gives the conclusion (a reason is required when it differs from
 * the suggestion: 改判留痕), records the enterprise's signature or refusal and submits it, which moves the
 * application on; afterwards everyone sees who concluded what, when, and whether it was overridden.
 */
export function InspectionConclusion(props: {
  d: InspectionDetail;
  unsaved: number;
  onGoto: (tab: string) => void;
}) {
  const { d } = props;
  if (d.conclusion) return <ConcludedView d={d} />;
  const s = d.suggestion;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {s && d.template && (
        <Card title="系统建议结论" size="small">
          <SuggestionPanel s={s} template={d.template} />
        </Card>
      )}
      {d.my.canConclude ? (
        <ConcludeFormCard {...props} />
      ) : (
        <Alert
          type="info"
          showIcon
          title={
            d.status === 'cancelled'
              ? '核查任务已取消。'
              : !d.template
                ? '尚未选定核查模板。'
                : '核查结论由审查组组长作出；组长提交后在此显示。'
          }
        />
      )}
    </Space>
  );
}

function ConcludeFormCard({
  d,
  unsaved,
  onGoto,
}: {
  d: InspectionDetail;
  unsaved: number;
  onGoto: (tab: string) => void;
}) {
  const [form] = Form.useForm<ConcludeForm>();
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const applyDetail = useApplyDetail();
  const [busy, setBusy] = useState(false);
  const s = d.suggestion!;
  const suggested: Verdict | null = s.verdict === 'incomplete' ? null : s.verdict;
  const finalResult = Form.useWatch('finalResult', form);
  const confirmation = Form.useWatch('enterpriseConfirmation', form);
  const overriding = !!suggested && !!finalResult && finalResult !== suggested;
  const blocked = !s.complete || d.teamProblems.length > 0;

  // The form stays mounted while the checklist is filled: follow the suggestion and the actual start date
  // until the 组长 has touched those fields.
  useEffect(() => {
    if (suggested && !form.isFieldTouched('finalResult')) form.setFieldValue('finalResult', suggested);
  }, [suggested, form]);
  useEffect(() => {
    if (d.actual.start && !form.isFieldTouched('actualStart'))
      form.setFieldValue('actualStart', dayjs(d.actual.start));
  }, [d.actual.start, form]);

  async function submit() {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const body: ConcludeBody = {
      finalResult: v.finalResult!,
      overrideReason: overriding ? v.overrideReason!.trim() : null,
      comment: v.comment?.trim() || null,
      actualStart: v.actualStart?.format('YYYY-MM-DD'),
      actualEnd: v.actualEnd?.format('YYYY-MM-DD'),
      enterpriseConfirmation: v.enterpriseConfirmation!,
      enterpriseSigner: v.enterpriseConfirmation === 'confirmed' ? v.enterpriseSigner?.trim() || null : null,
      enterpriseRefusalNote:
        v.enterpriseConfirmation === 'refused' ? v.enterpriseRefusalNote?.trim() || null : null,
      resultNotifiedOn: v.resultNotifiedOn?.format('YYYY-MM-DD'),
      expectedVersion: d.version,
    };
    modal.confirm({
      title: '提交核查结论',
      width: 520,
      content: (
        <Space orientation="vertical">
          <span>
            核查结论：
            <Tag color={VERDICT_COLOR[body.finalResult]} style={{ fontSize: 14 }}>
              {VERDICT_LABEL[body.finalResult]}
            </Tag>
            （系统建议：{suggested ? VERDICT_LABEL[suggested] : '—'}）
          </span>
          {overriding && <span>改判理由：{body.overrideReason}</span>}
          <Typography.Text type="warning">
            提交后结论不能修改，并将据此推进许可审批流程
            {body.finalResult === 'fail' ? '（核查不合格，审查终止）' : '（进入后续审查环节）'}。
          </Typography.Text>
        </Space>
      ),
      okText: '确认提交',
      okButtonProps: { danger: body.finalResult === 'fail' },
      onOk: async () => {
        setBusy(true);
        try {
          applyDetail(
            await call(
              api.POST('/api/licensing/inspections/{id}/conclude', { params: { path: { id: d.id } }, body }),
            ),
          );
          void message.success('核查结论已提交');
        } catch (e) {
          onError(e, form);
        } finally {
          setBusy(false);
        }
      },
    });
  }

  return (
    <Card
      title={
        <Space>
          <AuditOutlined />
          组长作出核查结论
        </Space>
      }
    >
      {!s.complete && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`还有 ${s.counts.pending} 个核查条款未判定，全部判定后才能作出结论。`}
          action={<Button onClick={() => onGoto('checklist')}>去填写</Button>}
        />
      )}
      {unsaved > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`核查记录还有 ${unsaved} 条未保存，结论按已保存的记录判定。`}
          action={<Button onClick={() => onGoto('checklist')}>去保存</Button>}
        />
      )}
      {d.teamProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="审查组不符合要求，须先调整审查组"
          description={d.teamProblems.map((p) => p.message).join('；')}
          action={<Button onClick={() => onGoto('team')}>查看</Button>}
        />
      )}
      <Form<ConcludeForm>
        form={form}
        layout="vertical"
        disabled={blocked}
        initialValues={{
          finalResult: suggested ?? undefined,
          actualStart: dayjs(d.actual.start ?? undefined),
          actualEnd: dayjs(),
          resultNotifiedOn: dayjs(),
        }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="finalResult"
          label={
            <Space>
              核查结论
              <Typography.Text type="secondary">系统建议：</Typography.Text>
              <SuggestionTag s={s} />
            </Space>
          }
          rules={[{ required: true, message: '请选择核查结论' }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={[
              { value: 'pass', label: '合格', style: { minWidth: 120, textAlign: 'center' } },
              { value: 'fail', label: '不合格', style: { minWidth: 120, textAlign: 'center' } },
            ]}
          />
        </Form.Item>
        {overriding && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`结论与系统建议（${VERDICT_LABEL[suggested!]}）不一致，将作为组长改判记录，须说明理由。`}
            />
            <Form.Item
              name="overrideReason"
              label="改判理由"
              rules={[
                { required: true, whitespace: true, message: '请填写改判理由' },
                { min: 4, message: '改判理由至少 4 个字' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </>
        )}
        <Form.Item name="comment" label="结论说明">
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="对核查情况的总体说明（选填）" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item
            name="actualStart"
            label="实际核查开始日期"
            rules={[{ required: true, message: '请选择' }]}
          >
            <DatePicker size="large" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="actualEnd"
            label="实际核查结束日期"
            dependencies={['actualStart']}
            rules={[
              { required: true, message: '请选择' },
              ({ getFieldValue }) => ({
                validator: (_r, v: Dayjs | undefined) => {
                  const st = getFieldValue('actualStart') as Dayjs | undefined;
                  return v && st && v.isBefore(st, 'day')
                    ? Promise.reject(new Error('结束日期不能早于开始日期'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker size="large" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="resultNotifiedOn" label="结果告知企业日期">
            <DatePicker size="large" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="enterpriseConfirmation"
          label="企业对核查结果的确认"
          rules={[{ required: true, message: '请选择企业签字确认或拒绝签字' }]}
        >
          <Radio.Group
            optionType="button"
            size="large"
            options={[
              { value: 'confirmed', label: '企业已签字确认' },
              { value: 'refused', label: '企业拒绝签字' },
            ]}
          />
        </Form.Item>
        {confirmation === 'confirmed' && (
          <Form.Item
            name="enterpriseSigner"
            label="企业签字人"
            rules={[{ required: true, whitespace: true, message: '企业签字确认时须填写企业签字人姓名' }]}
          >
            <Input
              size="large"
              maxLength={64}
              placeholder="企业法定代表人或其授权人姓名"
              style={{ maxWidth: 320 }}
            />
          </Form.Item>
        )}
        {confirmation === 'refused' && (
          <Form.Item
            name="enterpriseRefusalNote"
            label="拒签说明"
            rules={[{ required: true, whitespace: true, message: '企业拒绝签字时须填写拒签说明' }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="拒签的经过，在场见证人员等" />
          </Form.Item>
        )}
        <Button
          type="primary"
          size="large"
          loading={busy}
          onClick={() => void submit()}
          style={{ minWidth: 160 }}
        >
          提交核查结论
        </Button>
      </Form>
    </Card>
  );
}

/** The conclusion once given: result, suggestion, override and its reason, who and when, the enterprise. */
function ConcludedView({ d }: { d: InspectionDetail }) {
  const c = d.conclusion!;
  const items: DescriptionsProps['items'] = [
    {
      key: 'final',
      label: '核查结论',
      children: (
        <Tag color={VERDICT_COLOR[c.finalResult]} style={{ fontSize: 16, padding: '4px 14px' }}>
          {c.finalResultLabel}
        </Tag>
      ),
    },
    { key: 'suggested', label: '系统建议', children: VERDICT_LABEL[c.suggestedResult] },
    {
      key: 'override',
      label: '组长改判',
      span: 2,
      children: c.overridden ? (
        <Space orientation="vertical" size={0}>
          <Tag color="orange">已改判</Tag>
          <span>理由：{c.overrideReason ?? '—'}</span>
        </Space>
      ) : (
        '否（与系统建议一致）'
      ),
    },
    { key: 'by', label: '作出人', children: c.concludedBy ?? '—' },
    { key: 'at', label: '作出时间', children: fmtTime(c.concludedAt) },
    { key: 'actual', label: '实际核查日期', children: rangeText(d.actual.start, d.actual.end) },
    { key: 'notified', label: '结果告知企业日期', children: c.resultNotifiedOn ?? '—' },
    {
      key: 'ent',
      label: '企业确认',
      span: 2,
      children:
        c.enterpriseConfirmation === 'confirmed'
          ? `企业已签字确认${c.enterpriseSigner ? `（签字人：${c.enterpriseSigner}）` : ''}`
          : c.enterpriseConfirmation === 'refused'
            ? `企业拒绝签字。拒签说明：${c.enterpriseRefusalNote ?? '—'}`
            : '—',
    },
    { key: 'comment', label: '结论说明', span: 2, children: c.comment ?? '—' },
    ...(c.counts
      ? [
          {
            key: 'counts',
            label: '判定统计',
            span: 2,
            children: `共 ${c.counts.total} 项：符合 ${c.counts.conform}，基本符合 ${c.counts.basic}，不符合 ${c.counts.nonconform}，不适用 ${c.counts.na}；否决项不符合 ${c.counts.vetoFailEquivalent}，一般项不符合（含折算）${c.counts.generalFailEquivalent}`,
          },
        ]
      : []),
  ];
  return (
    <Card title="核查结论" data-testid="inspection-conclusion">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={items}
        styles={{ label: { whiteSpace: 'nowrap' } }}
      />
      {d.suggestion && d.suggestion.reasons.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title="判定依据"
          description={d.suggestion.reasons.join('；')}
        />
      )}
    </Card>
  );
}
