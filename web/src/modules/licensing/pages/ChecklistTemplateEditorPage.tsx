import { ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { useTabTitle } from '../../../app/layout/tabTitle';
import { errorText, useErrorHandler } from '../../../components/errors';
import { useReloadTable } from '../../../components/ServerTable';
import { useCatalogueAll, useCatalogueNames } from '../components/AdminCatalogue';
import {
  ConclusionRulePanel,
  DEFAULT_HEADER,
  HEADER_FIELD_MAP,
  headerBody,
  headerValuesOf,
  statusColor,
  templateKey,
  TEMPLATES_TABLE_ID,
  TemplateHeaderFields,
  useTemplateActions,
  type HeaderValues,
  type TemplateDetail,
} from '../components/AdminTemplate';
import { TemplateChapters } from '../components/AdminTemplateChapters';

const LIST_PATH = '/licensing/checklist-templates';
const time = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 编辑核查模板: header, conclusion rule (with a plain explanation and a preview), chapters and items. */
export function ChecklistTemplateEditorPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { hasPerm } = useAuth();
  const [deleted, setDeleted] = useState(false);
  const actions = useTemplateActions();
  const q = useQuery({
    queryKey: templateKey(id),
    queryFn: () => call(api.GET('/api/licensing/checklist-templates/{id}', { params: { path: { id } } })),
    enabled: !!id && !deleted,
  });
  useTabTitle(q.data ? `模板 · ${q.data.name}（第 ${q.data.version} 版）` : undefined);

  if (deleted)
    return (
      <Result
        status="success"
        title="草稿已删除"
        extra={<Button onClick={() => void navigate(LIST_PATH)}>返回模板列表</Button>}
      />
    );
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error || !q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title="无法打开该核查模板"
        subTitle={q.error ? errorText(q.error) : undefined}
        extra={
          <Space>
            <Button onClick={() => void q.refetch()}>重试</Button>
            <Button onClick={() => void navigate(LIST_PATH)}>返回模板列表</Button>
          </Space>
        }
      />
    );

  const d = q.data;
  const canEdit = hasPerm('licensing:template');
  const editable = canEdit && d.status === 'draft';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="checklist-template-editor">
      <Card
        title={
          <Space wrap>
            <span>{d.name}</span>
            <Tag>第 {d.version} 版</Tag>
            <Tag color={statusColor(d.status)}>{d.statusLabel}</Tag>
            {d.isExample && <Tag color="purple">示例</Tag>}
          </Space>
        }
        extra={
          <Space>
            {editable && (
              <Button type="primary" onClick={() => void actions.publish(d)}>
                发布
              </Button>
            )}
            {canEdit && d.status !== 'draft' && (
              <Button type="primary" onClick={() => void actions.newVersion(d)}>
                创建新版本
              </Button>
            )}
            {editable && (
              <Button danger onClick={() => void actions.removeDraft(d).then((ok) => ok && setDeleted(true))}>
                删除草稿
              </Button>
            )}
            <Button icon={<RollbackOutlined />} onClick={() => void navigate(LIST_PATH)}>
              模板列表
            </Button>
            <Tooltip title="刷新">
              <Button
                icon={<ReloadOutlined />}
                aria-label="刷新"
                loading={q.isFetching}
                onClick={() => void q.refetch()}
              />
            </Tooltip>
          </Space>
        }
      >
        {d.status === 'published' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="本版本已发布，只读"
            description="已发布的模板不能修改，核查任务使用其快照。如需调整章节、条款或判定规则，请点击“创建新版本”，在新草稿上修改并发布。"
          />
        )}
        {d.status === 'superseded' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="本版本已被新版本替代，只读"
            description="新的核查任务使用最新发布的版本；此前使用本版本的核查任务不受影响。"
          />
        )}
        {d.status === 'draft' && !canEdit && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="您没有修改核查模板的权限，仅可查看"
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label="模板编号">{d.code}</Descriptions.Item>
          <Descriptions.Item label="创建时间">{time(d.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="最后修改">{time(d.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label="发布">
            {d.publishedAt ? `${time(d.publishedAt)}${d.publishedBy ? ` ${d.publishedBy}` : ''}` : '未发布'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <HeaderCard template={d} editable={editable} />
      <TemplateChapters template={d} editable={editable} />
    </Space>
  );
}

/** 模板信息与判定规则 with the rule's explanation and preview beside it. */
function HeaderCard(props: { template: TemplateDetail; editable: boolean }) {
  const { template: d, editable } = props;
  const [form] = Form.useForm<HeaderValues>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const reload = useReloadTable();
  const catalogue = useCatalogueAll();
  const names = useCatalogueNames();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirtyState] = useState(false);
  const dirtyRef = useRef(false);
  const setDirty = (v: boolean) => {
    dirtyRef.current = v;
    setDirtyState(v);
  };
  const allowed = Form.useWatch('allowedResults', form) ?? d.allowedResults;
  const rules = Form.useWatch('rules', form) ?? headerValuesOf(d).rules;

  // A reloaded template (or an edit of its chapters) refreshes the form unless the user has unsaved input.
  useEffect(() => {
    if (!dirtyRef.current) form.setFieldsValue(headerValuesOf(d));
  }, [d, form]);

  function reset(to: TemplateDetail) {
    form.resetFields();
    form.setFieldsValue(headerValuesOf(to));
    setDirty(false);
  }

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    try {
      const next = await call(
        api.PUT('/api/licensing/checklist-templates/{id}', {
          params: { path: { id: d.id } },
          body: headerBody(v, catalogue.data?.items ?? []),
        }),
      );
      reset(next);
      qc.setQueryData(templateKey(d.id), next);
      void reload(TEMPLATES_TABLE_ID);
      void message.success('已保存模板信息与判定规则');
    } catch (e) {
      onError(e, form, HEADER_FIELD_MAP);
    } finally {
      setBusy(false);
    }
  }

  const binding = names(d.productUnitId ?? d.varietyId);
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card
          title="模板信息与判定规则"
          style={{ height: '100%' }}
          extra={
            editable && (
              <Space>
                {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
                <Button disabled={!dirty} onClick={() => reset(d)}>
                  撤销修改
                </Button>
                <Button type="primary" loading={busy} onClick={() => void save()}>
                  保存
                </Button>
              </Space>
            )
          }
        >
          {!editable && (
            <Typography.Paragraph type="secondary">适用产品：{binding ?? '未指定'}</Typography.Paragraph>
          )}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ ...DEFAULT_HEADER, ...headerValuesOf(d) }}
            onValuesChange={() => setDirty(true)}
            disabled={!editable}
          >
            <TemplateHeaderFields form={form} disabled={!editable} />
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title="判定规则说明与试算" style={{ height: '100%' }}>
          <ConclusionRulePanel allowedResults={allowed} rules={rules} />
        </Card>
      </Col>
    </Row>
  );
}
