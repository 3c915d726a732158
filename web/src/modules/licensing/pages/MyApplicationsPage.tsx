import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { applyServerError, errorText, useErrorHandler } from '../../../components/errors';
import { FileUpload } from '../../../components/FileUpload';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';

type ListGet = paths['/api/licensing/applications']['get'];
type ListQuery = NonNullable<ListGet['parameters']['query']>;
type AppItem = ListGet['responses']['200']['content']['application/json']['items'][number];
type CreateBody = paths['/api/licensing/applications']['post']['requestBody']['content']['application/json'];
type UpdateBody = NonNullable<
  paths['/api/licensing/applications/{id}']['put']['requestBody']
>['content']['application/json'];
type Detail =
  paths['/api/licensing/applications/{id}']['get']['responses']['200']['content']['application/json'];
type AppType = CreateBody['type'];
type CatalogueNode =
  paths['/api/licensing/catalogue/all']['get']['responses']['200']['content']['application/json']['items'][number];
type ChecklistQuery = paths['/api/licensing/material-requirements/checklist']['get']['parameters']['query'];

const TABLE_ID = 'licensing.my-applications';

const TYPE_OPTIONS: Array<{ value: AppType; label: string }> = [
  { value: 'issue', label: '发证' },
  { value: 'renew', label: '延续' },
  { value: 'change', label: '变更' },
  { value: 'reexamine', label: '重新审查' },
  { value: 'reissue', label: '补领' },
  { value: 'cancel', label: '注销' },
];

const STATE_OPTIONS = [
  { value: 'draft', label: '草稿' },
  { value: 'accepting', label: '待受理' },
  { value: 'supplementing,supplementing_running', label: '补正中' },
  { value: 'inspecting', label: '实地核查' },
  { value: 'testing', label: '产品检验' },
  { value: 'deciding', label: '待决定' },
  { value: 'approved', label: '准予许可' },
  { value: 'refused', label: '不予许可' },
  { value: 'not_accepted', label: '不予受理' },
  { value: 'inspection_failed', label: '核查不合格' },
  { value: 'withdrawn', label: '已撤回' },
  { value: 'terminated', label: '终止办理' },
  { value: 'cancel_submitted', label: '已转注销审批' },
];

const STATE_COLOR: Record<string, string> = {
  draft: 'default',
  accepting: 'processing',
  supplementing: 'warning',
  supplementing_running: 'warning',
  inspecting: 'processing',
  testing: 'processing',
  deciding: 'processing',
  approved: 'success',
  refused: 'error',
  not_accepted: 'error',
  inspection_failed: 'error',
  withdrawn: 'default',
  terminated: 'default',
  cancel_submitted: 'purple',
};

/** States before a licensing decision, in which the enterprise may withdraw. */
const WITHDRAWABLE = new Set([
  'accepting',
  'supplementing',
  'supplementing_running',
  'inspecting',
  'testing',
  'deciding',
]);

const fmtTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

interface TreeNode {
  value: string;
  title: string;
  selectable: boolean;
  disabled?: boolean;
  children: TreeNode[];
}

/** The catalogue as a tree; only applicable units (产品单元, or 品种 without units) can be chosen. */
function buildTree(items: CatalogueNode[]): TreeNode[] {
  const byId = new Map<string, TreeNode>();
  for (const n of items)
    byId.set(n.id, {
      value: n.id,
      title: n.productCode ? `${n.name}（${n.productCode}）` : n.name,
      selectable: n.applicable && n.status === 'active',
      disabled: n.status !== 'active',
      children: [],
    });
  const roots: TreeNode[] = [];
  for (const n of items) {
    const node = byId.get(n.id)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** 我的申请: the enterprise's 生产许可 applications — list, new draft, materials, submit, withdraw. */
export function MyApplicationsPage() {
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string>();

  const columns: ServerColumn<AppItem>[] = [
    {
      key: 'applicationNo',
      title: '申请编号',
      dataIndex: 'applicationNo',
      fixed: 'left',
      render: (v: string | null, r) => <a onClick={() => setOpenId(r.id)}>{v ?? '（未提交）'}</a>,
    },
    { key: 'type', title: '申请类型', dataIndex: 'typeLabel' },
    {
      key: 'product',
      title: '产品',
      dataIndex: 'productName',
      render: (v: string, r) => (r.productParentName ? `${r.productParentName} / ${v}` : v),
    },
    {
      key: 'state',
      title: '状态',
      dataIndex: 'stateLabel',
      render: (v: string, r) => (
        <Space size={4}>
          <Tag color={STATE_COLOR[r.state] ?? 'default'}>{v}</Tag>
          {r.overdue && <Tag color="red">超期</Tag>}
        </Space>
      ),
    },
    {
      key: 'submittedAt',
      title: '提交时间',
      dataIndex: 'submittedAt',
      sortField: 'submittedAt',
      render: fmtTime,
    },
    { key: 'dueDate', title: '办理期限', dataIndex: 'dueDate', render: (v: string | null) => v ?? '' },
    {
      key: 'certificate',
      title: '证书编号',
      dataIndex: 'issuedCertificateNo',
      render: (v: string | null) => v ?? '',
    },
    { key: 'createdAt', title: '创建时间', dataIndex: 'createdAt', sortField: 'createdAt', render: fmtTime },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space>
          <a onClick={() => setOpenId(r.id)}>{r.state === 'draft' ? '填报' : '查看'}</a>
          {r.instanceId && <Link to={`/workflow/instances/${r.instanceId}`}>办理进度</Link>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ServerTable<AppItem>
        id={TABLE_ID}
        columns={columns}
        defaultSort="-createdAt"
        fetchPage={(q) =>
          call(api.GET('/api/licensing/applications', { params: { query: q as unknown as ListQuery } }))
        }
        exportUrl={(q) =>
          `/api/licensing/applications${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName="我的生产许可申请"
        filters={[
          { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="申请编号或产品" /> },
          {
            name: 'type',
            label: '申请类型',
            node: <Select allowClear style={{ width: 120 }} options={TYPE_OPTIONS} placeholder="全部" />,
          },
          {
            name: 'state',
            label: '状态',
            node: <Select allowClear style={{ width: 150 }} options={STATE_OPTIONS} placeholder="全部" />,
          },
        ]}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建申请
          </Button>
        }
      />
      <CreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
      <DetailDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </>
  );
}

function CreateModal(props: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<CreateBody>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('type', form);
  const productUnitId = Form.useWatch('productUnitId', form);

  const catalogue = useQuery({
    queryKey: ['licensing', 'catalogue', 'all'],
    queryFn: () => call(api.GET('/api/licensing/catalogue/all')),
    enabled: props.open,
    staleTime: 5 * 60_000,
  });
  const tree = useMemo(() => buildTree(catalogue.data?.items ?? []), [catalogue.data]);

  const checklist = useQuery({
    queryKey: ['licensing', 'checklist', productUnitId, type],
    queryFn: () =>
      call(
        api.GET('/api/licensing/material-requirements/checklist', {
          params: { query: { productUnitId, type } as ChecklistQuery },
        }),
      ),
    enabled: props.open && !!productUnitId && !!type,
  });

  async function save(values: CreateBody) {
    setSaving(true);
    try {
      const d = await call(api.POST('/api/licensing/applications', { body: values }));
      void message.success('已创建申请草稿，请填写申请表并上传材料');
      void reload(TABLE_ID);
      form.resetFields();
      props.onCreated(d.id);
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title="新建申请"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="创建草稿"
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ type: 'issue' }}>
        <Form.Item name="type" label="申请类型" rules={[{ required: true, message: '请选择申请类型' }]}>
          <Select options={TYPE_OPTIONS} />
        </Form.Item>
        <Form.Item
          name="productUnitId"
          label="产品单元"
          rules={[{ required: true, message: '请选择产品单元' }]}
          extra="按产品目录选择产品单元（没有产品单元的品种可直接选择品种）"
        >
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeData={tree}
            loading={catalogue.isLoading}
            placeholder="请选择产品单元"
            listHeight={360}
          />
        </Form.Item>
      </Form>
      {catalogue.error && <Alert type="error" showIcon message={errorText(catalogue.error)} />}
      {productUnitId && type && (
        <Spin spinning={checklist.isFetching}>
          <Typography.Text strong>需提交的材料</Typography.Text>
          {checklist.error ? (
            <Alert type="error" showIcon message={errorText(checklist.error)} />
          ) : (
            <List
              size="small"
              dataSource={checklist.data?.items ?? []}
              locale={{ emptyText: '无材料要求' }}
              renderItem={(m) => (
                <List.Item>
                  <Space>
                    {m.required ? <Tag color="red">必需</Tag> : <Tag>可选</Tag>}
                    {m.name}
                    {m.fileTypes.length > 0 && (
                      <Typography.Text type="secondary">
                        （{m.fileTypes.map((t) => t.toUpperCase()).join('、')}）
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Spin>
      )}
    </Modal>
  );
}

const FORM_FIELDS: Array<{ name: keyof UpdateBody; label: string; area?: boolean }> = [
  { name: 'residence', label: '住所' },
  { name: 'productionAddress', label: '生产地址' },
  { name: 'contactName', label: '联系人' },
  { name: 'contactPhone', label: '联系电话' },
  { name: 'changeDescription', label: '变更（变化）内容', area: true },
  { name: 'reason', label: '申请事由', area: true },
  { name: 'remark', label: '备注', area: true },
];

function DetailDrawer(props: { id?: string; onClose: () => void }) {
  const { id } = props;
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const [form] = Form.useForm<UpdateBody>();
  const [problem, setProblem] = useState<{ text: string; missing?: string[] }>();
  const [busy, setBusy] = useState(false);

  const detail = useQuery({
    queryKey: ['licensing', 'application', id],
    queryFn: async () => {
      const d = await call(api.GET('/api/licensing/applications/{id}', { params: { path: { id: id! } } }));
      form.setFieldsValue(Object.fromEntries(FORM_FIELDS.map((f) => [f.name, d[f.name] ?? undefined])));
      return d;
    },
    enabled: !!id,
  });
  const d = detail.data;

  const setDetail = (next: Detail) => {
    qc.setQueryData(['licensing', 'application', id], next);
    void reload(TABLE_ID);
  };

  async function saveForm(): Promise<boolean> {
    const values = form.getFieldsValue();
    const body = Object.fromEntries(
      FORM_FIELDS.map((f) => [f.name, (values[f.name] as string | undefined)?.trim() || null]),
    ) as UpdateBody;
    try {
      setDetail(
        await call(api.PUT('/api/licensing/applications/{id}', { params: { path: { id: id! } }, body })),
      );
      return true;
    } catch (e) {
      onError(e, form);
      return false;
    }
  }

  async function attach(materialCode: string, fileIds: string[]) {
    if (!fileIds.length) return;
    try {
      setDetail(
        await call(
          api.POST('/api/licensing/applications/{id}/materials', {
            params: { path: { id: id! } },
            body: { materialCode, fileIds },
          }),
        ),
      );
      setProblem(undefined);
      void message.success('材料已上传');
    } catch (e) {
      onError(e);
    }
  }

  async function removeMaterial(materialId: string) {
    try {
      setDetail(
        await call(
          api.DELETE('/api/licensing/applications/{id}/materials/{materialId}', {
            params: { path: { id: id!, materialId } },
          }),
        ),
      );
    } catch (e) {
      onError(e);
    }
  }

  async function submit() {
    setBusy(true);
    setProblem(undefined);
    try {
      if (!(await saveForm())) return;
      setDetail(
        await call(
          api.POST('/api/licensing/applications/{id}/submit', { params: { path: { id: id! } }, body: {} }),
        ),
      );
      void message.success('申请已提交');
    } catch (e) {
      // Missing fields go under the form fields; everything else (e.g. the list of missing materials) in the Alert.
      const missing =
        e instanceof ApiError && Array.isArray(e.details?.missing)
          ? (e.details.missing as Array<{ name: string }>).map((m) => m.name)
          : undefined;
      if (missing?.length) setProblem({ text: '申请材料不齐全，缺少以下材料：', missing });
      else if (!applyServerError(form, e)) setProblem({ text: errorText(e) });
      else if (e instanceof ApiError) setProblem({ text: e.message });
    } finally {
      setBusy(false);
    }
  }

  function withdraw() {
    modal.confirm({
      title: '撤回申请',
      content: '撤回后本次申请办理结束，如需继续须重新申请。确定撤回？',
      okText: '撤回',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          setDetail(
            await call(
              api.POST('/api/licensing/applications/{id}/withdraw', {
                params: { path: { id: id! } },
                body: {},
              }),
            ),
          );
          void message.success('申请已撤回');
        } catch (e) {
          onError(e);
        }
      },
    });
  }

  const editable = !!d?.editable;
  const canWithdraw = !!d && WITHDRAWABLE.has(d.state);

  return (
    <Drawer
      title={d ? `${d.typeLabel}申请 · ${d.productName}` : '申请详情'}
      open={!!id}
      onClose={() => {
        setProblem(undefined);
        form.resetFields();
        props.onClose();
      }}
      width={760}
      destroyOnHidden
      extra={
        d && (
          <Space>
            {d.instanceId && <Link to={`/workflow/instances/${d.instanceId}`}>查看办理进度</Link>}
            {canWithdraw && (
              <Button danger onClick={withdraw}>
                撤回申请
              </Button>
            )}
            {editable && (
              <>
                <Button
                  onClick={() => void saveForm().then((ok) => ok && void message.success('已保存'))}
                  disabled={busy}
                >
                  保存
                </Button>
                <Button type="primary" loading={busy} onClick={() => void submit()}>
                  {d.state === 'draft' ? '提交申请' : '提交补正'}
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      {detail.error && <Alert type="error" showIcon message={errorText(detail.error)} />}
      {detail.isLoading && <Spin />}
      {d && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="申请编号">{d.applicationNo ?? '（提交后生成）'}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATE_COLOR[d.state] ?? 'default'}>{d.stateLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="企业">{d.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{d.creditCode ?? ''}</Descriptions.Item>
            <Descriptions.Item label="产品" span={2}>
              {d.productPath.join(' / ')}
            </Descriptions.Item>
            <Descriptions.Item label="审批模式">{d.approvalModeLabel}</Descriptions.Item>
            <Descriptions.Item label="办理期限">{d.dueDate ?? ''}</Descriptions.Item>
            {d.issuedCertificateNo && (
              <Descriptions.Item label="证书编号" span={2}>
                {d.issuedCertificateNo}
              </Descriptions.Item>
            )}
            {d.decisionReason && (
              <Descriptions.Item label="决定理由" span={2}>
                {d.decisionReason}
              </Descriptions.Item>
            )}
            {d.terminationGroundLabel && (
              <Descriptions.Item label="终止情形" span={2}>
                {d.terminationGroundLabel}
              </Descriptions.Item>
            )}
          </Descriptions>

          <Typography.Title level={5}>申请表</Typography.Title>
          <Form form={form} layout="vertical" disabled={!editable}>
            {FORM_FIELDS.map((f) => (
              <Form.Item key={f.name} name={f.name} label={f.label} style={{ marginBottom: 12 }}>
                {f.area ? <Input.TextArea rows={2} maxLength={2000} /> : <Input maxLength={300} />}
              </Form.Item>
            ))}
          </Form>

          <Typography.Title level={5}>申请材料</Typography.Title>
          {d.rectificationRequiredSince && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={`曾被吊销许可（${d.rectificationRequiredSince}），须提交整改证明材料`}
            />
          )}
          <List
            bordered
            size="small"
            dataSource={d.checklist}
            locale={{ emptyText: '无材料要求' }}
            renderItem={(c) => {
              const attached = d.materials.filter((m) => m.materialCode === c.code);
              return (
                <List.Item style={{ display: 'block' }} data-testid={`material-${c.code}`}>
                  <Space wrap>
                    {c.required ? <Tag color="red">必需</Tag> : <Tag>可选</Tag>}
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {c.satisfied ? (
                      <Tag color="success">已齐全</Tag>
                    ) : (
                      c.required && <Tag color="warning">未上传</Tag>
                    )}
                    {c.fileTypes.length > 0 && (
                      <Typography.Text type="secondary">
                        格式：{c.fileTypes.map((t) => t.toUpperCase()).join('、')}
                      </Typography.Text>
                    )}
                    {c.maxSizeMb != null && (
                      <Typography.Text type="secondary">单个文件不超过 {c.maxSizeMb} MB</Typography.Text>
                    )}
                  </Space>
                  {c.basis && (
                    <div>
                      <Typography.Text type="secondary">依据：{c.basis}</Typography.Text>
                    </div>
                  )}
                  {attached.map((m) => (
                    <div key={m.id} style={{ marginTop: 4 }}>
                      <Space>
                        <Typography.Text>{m.fileName ?? '附件'}</Typography.Text>
                        {m.issuerOrgName && (
                          <Typography.Text type="secondary">出具单位：{m.issuerOrgName}</Typography.Text>
                        )}
                        {editable && (
                          <Popconfirm title="移除该材料？" onConfirm={() => void removeMaterial(m.id)}>
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label="移除"
                            />
                          </Popconfirm>
                        )}
                      </Space>
                    </div>
                  ))}
                  {editable && (
                    <div style={{ marginTop: 6 }}>
                      <MaterialUpload
                        accept={c.fileTypes.length ? c.fileTypes.map((t) => `.${t}`).join(',') : undefined}
                        onUploaded={(ids) => attach(c.code, ids)}
                      />
                    </div>
                  )}
                </List.Item>
              );
            }}
          />
          {problem && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12, whiteSpace: 'pre-line' }}
              message="无法提交"
              description={
                <>
                  <div>{problem.text}</div>
                  {problem.missing && (
                    <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {problem.missing.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ol>
                  )}
                </>
              }
              data-testid="submit-problem"
            />
          )}
        </>
      )}
    </Drawer>
  );
}

/** A FileUpload whose uploads are handed over (attached to the application) as soon as they finish. */
function MaterialUpload(props: { accept?: string; onUploaded: (ids: string[]) => Promise<void> }) {
  const [ids, setIds] = useState<string[]>([]);
  const [key, setKey] = useState(0);
  return (
    <FileUpload
      key={key}
      value={ids}
      accept={props.accept}
      maxCount={20}
      buttonText="上传材料"
      onChange={(next) => {
        const added = next.filter((x) => !ids.includes(x));
        setIds(next);
        if (added.length)
          void props.onUploaded(added).finally(() => {
            setIds([]);
            setKey((k) => k + 1);
          });
      }}
    />
  );
}
