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

/** One configurable rule: the licensing and the certificate settings answer the same shape. */
type Setting =
  paths['/api/licensing/settings']['get']['responses']['200']['content']['application/json']['items'][number];
type SettingList = { items: Setting[] };
type CertificateSetting =
  paths['/api/licensing/certificates/settings']['get']['responses']['200']['content']['application/json']['items'][number];

/** A certificate setting is a setting: the compiler keeps the two shapes the same. */
const sameShape = (s: CertificateSetting): Setting => s;

/** Long texts (such as the 救济途径 notice) get a text area. */
const isLongText = (s: Setting) =>
  s.valueType === 'string' && Math.max(s.value.length, s.defaultValue.length) > 24;

function valueText(s: Setting, v: string): string {
  if (s.valueType === 'bool') return v === 'true' ? '是' : '否';
  if (s.valueType === 'enum') return s.options?.find((o) => o.value === v)?.label ?? v;
  if (s.valueType === 'int') return `${v}${s.unit ? ` ${s.unit}` : ''}`;
  return v === '' ? '（空）' : v;
}

/** What the browser can tell before saving; the server checks every value again. */
function clientCheck(s: Setting, v: string): string | undefined {
  if (s.valueType === 'int') {
    if (!/^-?\d+$/.test(v)) return '须为整数';
    if ((s.min !== null && +v < s.min) || (s.max !== null && +v > s.max))
      return `须为 ${s.min ?? '—'} 到 ${s.max ?? '—'} 之间的整数`;
  }
  if (s.valueType === 'enum' && s.options && !s.options.some((o) => o.value === v)) return '请选择一项';
  return undefined;
}

/** The editor of one setting, chosen by its value type from the API. */
function ValueEditor(props: {
  setting: Setting;
  value: string;
  onChange: (v: string) => void;
  disabled: boolean;
}) {
  const { setting: s, value, disabled } = props;
  if (s.valueType === 'bool')
    return (
      <Switch
        checked={value === 'true'}
        disabled={disabled}
        checkedChildren="是"
        unCheckedChildren="否"
        aria-label={s.name}
        onChange={(c) => props.onChange(c ? 'true' : 'false')}
      />
    );
  if (s.valueType === 'int')
    return (
      <Space>
        <InputNumber
          value={/^-?\d+$/.test(value) ? Number(value) : null}
          min={s.min ?? undefined}
          max={s.max ?? undefined}
          precision={0}
          disabled={disabled}
          aria-label={s.name}
          onChange={(v) => props.onChange(v === null ? '' : String(v))}
          style={{ width: 100 }}
        />
        {s.unit && <Typography.Text type="secondary">{s.unit}</Typography.Text>}
      </Space>
    );
  if (s.valueType === 'enum')
    return (
      <Select
        value={value}
        disabled={disabled}
        aria-label={s.name}
        onChange={props.onChange}
        options={s.options ?? []}
        style={{ width: 300 }}
      />
    );
  if (isLongText(s))
    return (
      <Input.TextArea
        value={value}
        disabled={disabled}
        maxLength={200}
        aria-label={s.name}
        autoSize={{ minRows: 2, maxRows: 6 }}
        onChange={(ev) => props.onChange(ev.target.value)}
        style={{ width: 300 }}
      />
    );
  return (
    <Input
      value={value}
      disabled={disabled}
      maxLength={200}
      aria-label={s.name}
      onChange={(ev) => props.onChange(ev.target.value)}
      style={{ width: 200 }}
    />
  );
}

/** The rule still waits for the customer (待确认, also 待需求方提供). */
const isPending = (s: Setting) => s.sourceTag === 'unconfirmed';

/** One list of settings with an editor per key and 保存 per key (with a confirm). */
function SettingsTable(props: {
  rows: Setting[];
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

  async function save(r: Setting, value: string) {
    const v = r.valueType === 'string' ? value.trim() : value;
    const problem = clientCheck(r, v);
    if (problem) {
      setErrors((e) => ({ ...e, [r.key]: problem }));
      return;
    }
    const ok = await modal.confirm({
      title: `确认修改“${r.name}”？`,
      content: (
        <>
          <p>
            由“{valueText(r, r.value)}”改为“{valueText(r, v)}”。
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
    <Table<Setting>
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
                <Space wrap={false} align="start">
                  <ValueEditor
                    setting={r}
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
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  默认：{valueText(r, r.defaultValue)}
                  {r.value !== r.defaultValue && (
                    <>
                      {' '}
                      <Tag color="blue" style={{ marginInlineStart: 4 }}>
                        已调整
                      </Tag>
                      {props.canEdit && r.valueType !== 'bool' && (
                        <a onClick={() => setDraft(r.key, r.defaultValue)}>恢复默认</a>
                      )}
                    </>
                  )}
                </Typography.Text>
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
          render: (_: unknown, r) =>
            r.sourceTag ? (
              <Tag color={sourceTagColor(r.sourceTag as SourceTag)}>{r.sourceTagLabel}</Tag>
            ) : (
              '—'
            ),
        },
        {
          key: 'updatedAt',
          title: '最近修改',
          width: 160,
          render: (_: unknown, r) =>
            r.updatedByName ? (
              <Space orientation="vertical" size={0}>
                <span>{r.updatedByName}</span>
                {r.updatedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary">系统默认</Typography.Text>
            ),
        },
      ]}
    />
  );
}

const LICENSING_KEY = ['licensing', 'settings'] as const;
const CERTIFICATE_KEY = ['licensing', 'certificate-settings'] as const;

/** Puts the item a PUT answers into the cached list. */
const replaceItem = (list: SettingList | undefined, item: Setting): SettingList | undefined =>
  list && { ...list, items: list.items.map((i) => (i.key === item.key ? item : i)) };

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
    queryFn: async (): Promise<SettingList> => {
      const r = await call(api.GET('/api/licensing/certificates/settings'));
      return { items: r.items.map(sameShape) };
    },
    enabled: canReadCertificate,
  });

  const licRows = lic.data?.items ?? [];
  const certRows = cert.data?.items ?? [];

  const title = (text: string, rows: Setting[], extra?: ReactNode) => {
    const pending = rows.filter(isPending).length;
    return (
      <Space>
        <span>{text}</span>
        {pending > 0 && <Tag color="warning">{pending} 项待确认</Tag>}
        {extra}
      </Space>
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="修改只影响此后的办理"
        description={
          <>
            这里的规则是法规未明确、需求方尚未确认（标“待确认”）或允许各地设定的事项，系统按默认值运行；“依据状态”标明每项规则的来源。
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
            const item = await call(
              api.PUT('/api/licensing/settings/{key}', { params: { path: { key } }, body: { value } }),
            );
            qc.setQueryData<SettingList>(LICENSING_KEY, (l) => replaceItem(l, item));
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
              const item = await call(
                api.PUT('/api/licensing/certificates/settings/{key}', {
                  params: { path: { key } },
                  body: { value },
                }),
              );
              qc.setQueryData<SettingList>(CERTIFICATE_KEY, (l) => replaceItem(l, sameShape(item)));
            }}
          />
        </Card>
      )}
    </Space>
  );
}
