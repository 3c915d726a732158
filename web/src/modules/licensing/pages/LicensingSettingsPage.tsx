import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api, ApiError, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { errorText } from '../../../components/errors';
import { sourceTagColor, type SourceTag } from '../components/AdminCatalogue';

type LicensingSetting =
  paths['/api/licensing/settings']['get']['responses']['200']['content']['application/json']['items'][number];
type CertificateSetting =
  paths['/api/licensing/certificates/settings']['get']['responses']['200']['content']['application/json']['items'][number];

/** How a value is edited and shown. */
type Editor =
  | { kind: 'bool'; on: string; off: string }
  | { kind: 'int'; min: number; max: number; unit?: string }
  | { kind: 'select'; options: Array<{ value: string; label: string }> }
  | {
      kind: 'text';
      allowEmpty?: boolean;
      maxLength?: number;
      placeholder?: string;
      check?: (v: string) => string | undefined;
    };

/** One row of either list, normalised. */
interface Row {
  key: string;
  name: string;
  value: string;
  defaultValue: string | null;
  remark: string | null;
  tag: { label: string; color: string } | null;
  /** The rule still waits for the customer (待确认, 待需求方提供). */
  pending: boolean;
  updatedAt: string | null;
  editor: Editor;
}

const LICENSING_EDITORS: Record<string, Editor> = {
  'renewal.leadMonths': { kind: 'int', min: 1, max: 24, unit: '个月' },
  'renewal.openMonths': { kind: 'int', min: 0, max: 60, unit: '个月（0 表示不限）' },
  'renewal.deadlineInclusive': { kind: 'bool', on: '当天可以申请', off: '当天不能申请' },
  'supplement.pausesClock': { kind: 'bool', on: '暂停计时', off: '继续计时' },
};

/** The certificate API gives no value type: the editors follow certificate.rules SETTING_DEFS. */
const CERTIFICATE_EDITORS: Record<string, Editor> = {
  'validity.years': { kind: 'int', min: 1, max: 10, unit: '年' },
  'validity.issueOffsetDays': {
    kind: 'select',
    options: [
      { value: '1', label: '+1 天（许可日期 5 年后的第二天）' },
      { value: '0', label: '0 天（5 年后的同一天）' },
      { value: '-1', label: '-1 天（5 年减 1 天）' },
    ],
  },
  'validity.renewOffsetDays': {
    kind: 'select',
    options: [
      { value: '1', label: '+1 天（原有效期 5 年后的第二天）' },
      { value: '0', label: '0 天（原有效期 5 年后的同一天）' },
      { value: '-1', label: '-1 天（5 年减 1 天）' },
    ],
  },
  'validity.missingDay': {
    kind: 'select',
    options: [
      { value: 'month-end', label: '取当月月末日' },
      { value: 'next-day', label: '顺延到次月 1 日' },
    ],
  },
  'validity.reissue': {
    kind: 'select',
    options: [
      { value: 'keep', label: '有效期不变' },
      { value: 'restart', label: '自补领决定日重新计算' },
    ],
  },
  'validity.reexamine': {
    kind: 'select',
    options: [
      { value: 'keep', label: '有效期不变' },
      { value: 'restart', label: '自决定日重新计算' },
    ],
  },
  'number.provinceAbbr': {
    kind: 'text',
    allowEmpty: true,
    maxLength: 1,
    placeholder: '留空表示不加',
    check: (v) => (v === '' || /^[\u4e00-\u9fa5]$/.test(v) ? undefined : '须为一个汉字或留空'),
  },
  'number.bracket': {
    kind: 'select',
    options: [
      { value: 'half', label: '半角括号 (陕)' },
      { value: 'full', label: '全角括号（陕）' },
      { value: 'none', label: '不加括号' },
    ],
  },
  'number.serialScope': {
    kind: 'select',
    options: [
      { value: 'product', label: '按行业编号 + 产品编号分别顺序编号' },
      { value: 'industry', label: '按行业编号顺序编号' },
      { value: 'province', label: '全省统一顺序编号' },
    ],
  },
  'reminder.months': {
    kind: 'text',
    maxLength: 40,
    placeholder: '如 9,7,6',
    check: (v) => {
      const parts = v.split(/[,，、\s]+/).filter(Boolean);
      return parts.length >= 1 &&
        parts.length <= 6 &&
        parts.every((p) => /^\d{1,2}$/.test(p) && +p >= 1 && +p <= 24)
        ? undefined
        : '须为 1–24 之间的月数，用逗号分隔，最多 6 个';
    },
  },
};

function valueText(e: Editor, v: string): string {
  if (e.kind === 'bool') return v === 'true' ? e.on : e.off;
  if (e.kind === 'select') return e.options.find((o) => o.value === v)?.label ?? v;
  if (e.kind === 'int') return `${v}${e.unit ? ` ${e.unit.replace(/（.*）/, '')}` : ''}`;
  return v === '' ? '（空）' : v;
}

function clientCheck(e: Editor, v: string): string | undefined {
  if (e.kind === 'int') {
    if (!/^-?\d+$/.test(v) || +v < e.min || +v > e.max) return `须为 ${e.min} 到 ${e.max} 之间的整数`;
  }
  if (e.kind === 'text') {
    if (!e.allowEmpty && v.trim() === '') return '不能为空';
    return e.check?.(v.trim());
  }
  return undefined;
}

/** A tag from the remark of a certificate setting, which names 待确认 / 待需求方提供 in its text. */
function remarkTag(remark: string): Row['tag'] {
  if (remark.includes('待需求方提供')) return { label: '需求方提供', color: sourceTagColor('customer') };
  if (remark.includes('待确认')) return { label: '待确认', color: sourceTagColor('unconfirmed') };
  return null;
}

function ValueEditor(props: {
  editor: Editor;
  value: string;
  onChange: (v: string) => void;
  disabled: boolean;
}) {
  const { editor: e, value, disabled } = props;
  if (e.kind === 'bool')
    return (
      <Space>
        <Switch
          checked={value === 'true'}
          disabled={disabled}
          onChange={(c) => props.onChange(c ? 'true' : 'false')}
        />
        <span>{value === 'true' ? e.on : e.off}</span>
      </Space>
    );
  if (e.kind === 'int')
    return (
      <Space>
        <InputNumber
          value={/^-?\d+$/.test(value) ? Number(value) : null}
          min={e.min}
          max={e.max}
          precision={0}
          disabled={disabled}
          onChange={(v) => props.onChange(v === null ? '' : String(v))}
          style={{ width: 100 }}
        />
        {e.unit && <Typography.Text type="secondary">{e.unit}</Typography.Text>}
      </Space>
    );
  if (e.kind === 'select')
    return (
      <Select
        value={value}
        disabled={disabled}
        onChange={props.onChange}
        options={e.options}
        style={{ width: 300 }}
      />
    );
  return (
    <Input
      value={value}
      disabled={disabled}
      maxLength={e.maxLength}
      placeholder={e.placeholder}
      onChange={(ev) => props.onChange(ev.target.value)}
      style={{ width: 200 }}
    />
  );
}

/** One list of settings with an editor per key and 保存 per key (with a confirm). */
function SettingsTable(props: {
  rows: Row[];
  loading: boolean;
  canEdit: boolean;
  effectNote: string;
  save: (key: string, value: string) => Promise<void>;
}) {
  const { message, modal } = App.useApp();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);

  const setDraft = (key: string, v: string | undefined) => {
    setDrafts((d) => {
      const next = { ...d };
      if (v === undefined) delete next[key];
      else next[key] = v;
      return next;
    });
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  async function save(r: Row, value: string) {
    const v = r.editor.kind === 'text' ? value.trim() : value;
    const problem = clientCheck(r.editor, v);
    if (problem) {
      setErrors((e) => ({ ...e, [r.key]: problem }));
      return;
    }
    const ok = await modal.confirm({
      title: `确认修改“${r.name}”？`,
      content: (
        <>
          <p>
            由“{valueText(r.editor, r.value)}”改为“{valueText(r.editor, v)}”。
          </p>
          <p>{props.effectNote}</p>
        </>
      ),
      okText: '确认修改',
    });
    if (!ok) return;
    setSaving(r.key);
    try {
      await props.save(r.key, v);
      setDraft(r.key, undefined);
      void message.success(`已修改“${r.name}”`);
    } catch (e) {
      setErrors((x) => ({ ...x, [r.key]: errorText(e) }));
      if (!(e instanceof ApiError) || e.status >= 500 || !e.field) void message.error(errorText(e), 6);
    } finally {
      setSaving(null);
    }
  }

  return (
    <Table<Row>
      rowKey="key"
      size="middle"
      loading={props.loading}
      pagination={false}
      dataSource={props.rows}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'name',
          title: '配置项',
          width: 240,
          render: (_: unknown, r) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{r.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.key}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'value',
          title: '取值',
          width: 380,
          render: (_: unknown, r) => {
            const draft = drafts[r.key];
            const value = draft ?? r.value;
            const changed = draft !== undefined && draft !== r.value;
            return (
              <Space orientation="vertical" size={4}>
                <Space wrap={false}>
                  <ValueEditor
                    editor={r.editor}
                    value={value}
                    disabled={!props.canEdit || saving === r.key}
                    onChange={(v) => setDraft(r.key, v)}
                  />
                  {props.canEdit && (
                    <Button
                      type="primary"
                      size="small"
                      disabled={!changed}
                      loading={saving === r.key}
                      onClick={() => void save(r, value)}
                    >
                      保存
                    </Button>
                  )}
                  {changed && (
                    <Button size="small" onClick={() => setDraft(r.key, undefined)}>
                      取消
                    </Button>
                  )}
                </Space>
                {errors[r.key] && <Typography.Text type="danger">{errors[r.key]}</Typography.Text>}
                {r.defaultValue !== null && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    默认：{valueText(r.editor, r.defaultValue)}
                    {r.value !== r.defaultValue && (
                      <>
                        {' '}
                        <Tag color="blue" style={{ marginInlineStart: 4 }}>
                          已调整
                        </Tag>
                        {props.canEdit && r.editor.kind !== 'bool' && (
                          <a onClick={() => setDraft(r.key, r.defaultValue!)}>恢复默认</a>
                        )}
                      </>
                    )}
                  </Typography.Text>
                )}
              </Space>
            );
          },
        },
        {
          key: 'remark',
          title: '说明',
          render: (_: unknown, r) => (
            <Typography.Paragraph style={{ marginBottom: 0, maxWidth: 420 }}>
              {r.remark ?? '—'}
            </Typography.Paragraph>
          ),
        },
        {
          key: 'tag',
          title: '依据状态',
          width: 110,
          render: (_: unknown, r) => (r.tag ? <Tag color={r.tag.color}>{r.tag.label}</Tag> : '—'),
        },
        ...(props.rows.some((r) => r.updatedAt)
          ? [
              {
                key: 'updatedAt',
                title: '修改时间',
                width: 150,
                render: (_: unknown, r: Row) =>
                  r.updatedAt ? dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm') : '—',
              },
            ]
          : []),
      ]}
    />
  );
}

const LICENSING_KEY = ['licensing', 'settings'] as const;
const CERTIFICATE_KEY = ['licensing', 'certificate-settings'] as const;

/** 许可规则配置: the rules licensing.md marks 待确认, as settings (application rules and certificate rules). */
export function LicensingSettingsPage() {
  const { hasPerm } = useAuth();
  const canEdit = hasPerm('licensing:catalogue');
  const canReadCertificate = hasPerm(['licensing:catalogue', 'licensing:certificate']);
  const qc = useQueryClient();

  const lic = useQuery({
    queryKey: LICENSING_KEY,
    queryFn: () => call(api.GET('/api/licensing/settings')),
  });
  const cert = useQuery({
    queryKey: CERTIFICATE_KEY,
    queryFn: () => call(api.GET('/api/licensing/certificates/settings')),
    enabled: canReadCertificate,
  });

  const licRows: Row[] = (lic.data?.items ?? []).map((s: LicensingSetting) => ({
    key: s.key,
    name: s.name,
    value: s.value,
    defaultValue: null,
    remark: s.remark,
    tag: s.sourceTagLabel
      ? { label: s.sourceTagLabel, color: sourceTagColor(s.sourceTag as SourceTag | null) }
      : null,
    pending: s.sourceTag === 'unconfirmed' || s.sourceTag === 'customer',
    updatedAt: s.updatedAt,
    editor:
      LICENSING_EDITORS[s.key] ??
      (s.valueType === 'bool'
        ? { kind: 'bool', on: '是', off: '否' }
        : s.valueType === 'int'
          ? { kind: 'int', min: 0, max: 9999 }
          : { kind: 'text' }),
  }));
  const certRows: Row[] = (cert.data?.items ?? []).map((s: CertificateSetting) => ({
    key: s.key,
    name: s.name,
    value: s.value,
    defaultValue: s.defaultValue,
    remark: s.remark,
    tag: remarkTag(s.remark),
    pending: remarkTag(s.remark) !== null,
    updatedAt: null,
    editor: CERTIFICATE_EDITORS[s.key] ?? { kind: 'text', allowEmpty: true },
  }));

  const pending = (rows: Row[]) => rows.filter((r) => r.pending).length;
  const title = (text: string, rows: Row[], extra?: ReactNode) => (
    <Space>
      <span>{text}</span>
      {pending(rows) > 0 && <Tag color="warning">{pending(rows)} 项待确认</Tag>}
      {extra}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="修改只影响此后的办理"
        description={
          <>
            这里的规则是法规未明确、需求方尚未确认（标“待确认”“需求方提供”）或允许各地设定的事项，系统按默认值运行。
            修改后只对此后的办理生效：已受理的申请按原规则计时，已发证书的编号和有效期不重新计算。每项单独保存，保存前会再次确认。
            {!canEdit && '您没有修改权限（需要“产品目录与规则配置”权限），仅可查看。'}
          </>
        }
      />
      <Card
        title={title('许可办理规则', licRows)}
        extra={
          <Tooltip title="刷新">
            <Button
              icon={<ReloadOutlined />}
              aria-label="刷新许可办理规则"
              onClick={() => void lic.refetch()}
            />
          </Tooltip>
        }
      >
        {lic.error && (
          <Alert type="error" showIcon title={errorText(lic.error)} style={{ marginBottom: 12 }} />
        )}
        <SettingsTable
          rows={licRows}
          loading={lic.isFetching}
          canEdit={canEdit}
          effectNote="修改只影响此后提交或办理的申请，已在办理中的申请不受影响。"
          save={async (key, value) => {
            await call(
              api.PUT('/api/licensing/settings/{key}', { params: { path: { key } }, body: { value } }),
            );
            await qc.invalidateQueries({ queryKey: LICENSING_KEY });
          }}
        />
      </Card>
      {canReadCertificate && (
        <Card
          title={title('证书规则（编号样式、有效期、申报提醒）', certRows)}
          extra={
            <Tooltip title="刷新">
              <Button
                icon={<ReloadOutlined />}
                aria-label="刷新证书规则"
                onClick={() => void cert.refetch()}
              />
            </Tooltip>
          }
        >
          {cert.error && (
            <Alert type="error" showIcon title={errorText(cert.error)} style={{ marginBottom: 12 }} />
          )}
          <SettingsTable
            rows={certRows}
            loading={cert.isFetching}
            canEdit={canEdit}
            effectNote="修改只影响此后作出的准予许可决定，已发证书的编号和有效期不重新计算。"
            save={async (key, value) => {
              const next = await call(
                api.PUT('/api/licensing/certificates/settings/{key}', {
                  params: { path: { key } },
                  body: { value },
                }),
              );
              qc.setQueryData(CERTIFICATE_KEY, next);
            }}
          />
        </Card>
      )}
    </Space>
  );
}
