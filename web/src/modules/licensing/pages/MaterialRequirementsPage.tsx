import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { errorText, useErrorHandler } from '../../../components/errors';
import {
  KeywordInput,
  ServerTable,
  useReloadTable,
  type ServerColumn,
} from '../../../components/ServerTable';
import {
  APPLICATION_TYPE_OPTIONS,
  CatalogueSelect,
  SOURCE_TAG_OPTIONS,
  sourceTagColor,
  sourceTagLabel,
  type ApplicationType,
  type SourceTag,
} from '../components/AdminCatalogue';

type ListGet = paths['/api/licensing/material-requirements']['get'];
type ListQuery = NonNullable<ListGet['parameters']['query']>;
type Requirement = ListGet['responses']['200']['content']['application/json']['items'][number];
type CreateBody =
  paths['/api/licensing/material-requirements']['post']['requestBody']['content']['application/json'];
type UpdateBody =
  paths['/api/licensing/material-requirements/{id}']['put']['requestBody']['content']['application/json'];
type FileType = NonNullable<CreateBody['fileTypes']>[number];
type ChecklistQuery = NonNullable<
  paths['/api/licensing/material-requirements/checklist']['get']['parameters']['query']
>;

const TABLE_ID = 'licensing.material-requirements';
/** The catalogueNodeId filter value of the 默认清单 (rows for every product). */
const DEFAULT_LIST = 'default';

const FILE_TYPES: FileType[] = ['pdf', 'jpg', 'png', 'ofd', 'docx', 'xlsx', 'zip', 'txt', 'csv'];
const DEFAULT_FILE_TYPES: FileType[] = ['pdf', 'jpg', 'png', 'ofd'];

const typeLabel = (t: ApplicationType) => APPLICATION_TYPE_OPTIONS.find((o) => o.value === t)?.label ?? t;
const fileTypesText = (v: string[]) => v.map((t) => t.toUpperCase()).join('、');

/** 申请材料清单: the default checklist and the rows a category, variety or unit adds or overrides. */
export function MaterialRequirementsPage() {
  const { hasPerm } = useAuth();
  const canEdit = hasPerm('licensing:catalogue');
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const [editing, setEditing] = useState<Requirement | 'new' | null>(null);
  const [previewing, setPreviewing] = useState(false);

  async function toggleActive(r: Requirement) {
    try {
      await call(
        api.PUT('/api/licensing/material-requirements/{id}', {
          params: { path: { id: r.id } },
          body: { active: !r.active },
        }),
      );
      void message.success(`已${r.active ? '停用' : '启用'}“${r.name}”`);
      void reload(TABLE_ID);
    } catch (e) {
      onError(e);
    }
  }

  async function remove(r: Requirement) {
    const ok = await modal.confirm({
      title: `确认删除材料要求“${r.name}”？`,
      content: r.catalogueNodeId
        ? `删除后，“${r.nodeName}”的${r.applicationTypeLabel}申请将按上级或默认清单中同编码的材料要求执行（如有）。`
        : `删除后，所有产品的${r.applicationTypeLabel}申请都不再要求该材料（目录节点上同编码的配置仍然有效）。`,
      okText: '删除',
      okButtonProps: { danger: true },
    });
    if (!ok) return;
    try {
      await call(api.DELETE('/api/licensing/material-requirements/{id}', { params: { path: { id: r.id } } }));
      void message.success(`已删除“${r.name}”`);
      void reload(TABLE_ID);
    } catch (e) {
      onError(e);
    }
  }

  const columns: ServerColumn<Requirement>[] = [
    {
      key: 'nodeName',
      title: '适用范围',
      render: (_: unknown, r) =>
        r.catalogueNodeId ? r.nodeName : <Tag color="blue">默认清单（全部产品）</Tag>,
    },
    {
      key: 'applicationType',
      title: '申请类型',
      dataIndex: 'applicationTypeLabel',
      sortField: 'applicationType',
    },
    { key: 'code', title: '材料编码', dataIndex: 'code', sortField: 'code' },
    { key: 'name', title: '材料名称', dataIndex: 'name' },
    {
      key: 'description',
      title: '说明',
      dataIndex: 'description',
      width: 240,
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            {v}
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'required',
      title: '必交',
      dataIndex: 'required',
      render: (v: boolean) => (v ? <Tag color="red">必交</Tag> : <Tag>选交</Tag>),
    },
    { key: 'fileTypes', title: '允许的文件类型', dataIndex: 'fileTypes', render: fileTypesText },
    {
      key: 'maxSizeMb',
      title: '单个文件上限',
      dataIndex: 'maxSizeMb',
      render: (v: number | null) => (v ? `${v} MB` : '—'),
    },
    { key: 'basis', title: '依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
    {
      key: 'sourceTag',
      title: '来源',
      dataIndex: 'sourceTag',
      render: (v: SourceTag | null) => (v ? <Tag color={sourceTagColor(v)}>{sourceTagLabel(v)}</Tag> : '—'),
    },
    {
      key: 'active',
      title: '状态',
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
    },
    { key: 'sort', title: '排序号', dataIndex: 'sort', sortField: 'sort' },
    {
      key: 'updatedAt',
      title: '更新时间',
      dataIndex: 'updatedAt',
      sortField: 'updatedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: '操作',
            fixed: 'right' as const,
            render: (_: unknown, r: Requirement) => (
              <Space size={0} wrap={false}>
                <Button type="link" size="small" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Button type="link" size="small" onClick={() => void toggleActive(r)}>
                  {r.active ? '停用' : '启用'}
                </Button>
                <Button type="link" size="small" danger onClick={() => void remove(r)}>
                  删除
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="材料清单的组成规则"
        description={
          <>
            每类申请先使用“默认清单”（适用于全部产品）；类别、品种、产品单元上配置的材料要求按材料编码逐级覆盖上级同编码的要求，
            编码不同的则追加。停用的行表示从该节点起不再要求同编码的材料。默认清单依据《办法》整理，正式内容以《实施通则》和各产品实施细则为准（待需求方提供）。
            可用“预览清单”查看某个产品、某类申请最终要求企业提交的材料。
          </>
        }
      />
      <ServerTable<Requirement>
        id={TABLE_ID}
        columns={columns}
        defaultSort="sort"
        fetchPage={(q) =>
          call(api.GET('/api/licensing/material-requirements', { params: { query: q as ListQuery } }))
        }
        exportUrl={(q) =>
          `/api/licensing/material-requirements${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName="申请材料要求"
        filters={[
          {
            name: 'keyword',
            label: '关键字',
            node: <KeywordInput placeholder="材料编码、名称或说明" maxLength={100} />,
          },
          {
            name: 'catalogueNodeId',
            label: '适用范围',
            node: (
              <CatalogueSelect
                placeholder="全部"
                style={{ width: 260 }}
                extra={{ value: DEFAULT_LIST, title: '默认清单（全部产品）' }}
              />
            ),
          },
          {
            name: 'applicationType',
            label: '申请类型',
            node: (
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 120 }}
                options={APPLICATION_TYPE_OPTIONS}
              />
            ),
          },
        ]}
        toolbar={
          <>
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增材料要求
              </Button>
            )}
            <Button icon={<EyeOutlined />} onClick={() => setPreviewing(true)}>
              预览清单
            </Button>
          </>
        }
      />
      {editing && (
        <RequirementModal
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload(TABLE_ID);
          }}
        />
      )}
      <ChecklistPreview open={previewing} onClose={() => setPreviewing(false)} />
    </Space>
  );
}

interface RequirementForm {
  catalogueNodeId?: string;
  applicationType: ApplicationType;
  code: string;
  name: string;
  description?: string;
  required: boolean;
  fileTypes: FileType[];
  maxSizeMb?: number | null;
  basis?: string;
  sourceTag?: SourceTag | null;
  active: boolean;
  sort?: number | null;
}

function RequirementModal(props: { editing: Requirement | 'new'; onClose: () => void; onSaved: () => void }) {
  const r = props.editing === 'new' ? null : props.editing;
  const [form] = Form.useForm<RequirementForm>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);

  const initial: RequirementForm = r
    ? {
        catalogueNodeId: r.catalogueNodeId ?? undefined,
        applicationType: r.applicationType,
        code: r.code,
        name: r.name,
        description: r.description ?? '',
        required: r.required,
        fileTypes: r.fileTypes as FileType[],
        maxSizeMb: r.maxSizeMb,
        basis: r.basis ?? '',
        sourceTag: r.sourceTag,
        active: r.active,
        sort: r.sort,
      }
    : {
        applicationType: 'issue',
        code: '',
        name: '',
        required: true,
        fileTypes: DEFAULT_FILE_TYPES,
        sourceTag: 'customer',
        active: true,
        sort: 100,
      };

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const fields = {
      name: v.name.trim(),
      description: v.description?.trim() || null,
      required: v.required,
      fileTypes: v.fileTypes,
      maxSizeMb: v.maxSizeMb ?? null,
      basis: v.basis?.trim() || null,
      sourceTag: v.sourceTag ?? null,
      active: v.active,
      sort: v.sort ?? 0,
    };
    setBusy(true);
    try {
      if (r) {
        const body: UpdateBody = fields;
        await call(
          api.PUT('/api/licensing/material-requirements/{id}', { params: { path: { id: r.id } }, body }),
        );
      } else {
        const body: CreateBody = {
          ...fields,
          catalogueNodeId: v.catalogueNodeId ?? null,
          applicationType: v.applicationType,
          code: v.code.trim(),
        };
        await call(api.POST('/api/licensing/material-requirements', { body }));
      }
      void message.success(`已保存材料要求“${fields.name}”`);
      props.onSaved();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={720}
      title={r ? `修改材料要求 — ${r.name}` : '新增材料要求'}
      okText="保存"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item
              name="catalogueNodeId"
              label="适用范围"
              extra={
                r
                  ? '适用范围、申请类型和材料编码保存后不能修改；如需调整请新增一条并删除本条'
                  : '不选表示默认清单（适用于全部产品）；选择类别、品种或产品单元则只对其及下级生效'
              }
            >
              <CatalogueSelect disabled={!!r} placeholder="默认清单（全部产品）" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="applicationType"
              label="申请类型"
              rules={[{ required: true, message: '请选择申请类型' }]}
            >
              <Select disabled={!!r} options={APPLICATION_TYPE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="code"
              label="材料编码"
              rules={[
                { required: true, message: '请填写材料编码' },
                {
                  pattern: /^[a-z][a-z0-9_]{0,63}$/,
                  message: '小写字母开头，只能包含小写字母、数字和下划线（最多 64 位）',
                },
              ]}
              extra="与上级同编码即覆盖上级的要求，如 business_licence"
            >
              <Input disabled={!!r} maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="name"
              label="材料名称"
              rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="description"
              label="说明"
              extra="材料的内容、格式或出具单位等要求，企业上传时可见（最多 500 字）"
              rules={[{ max: 500, message: '说明不能超过 500 字' }]}
            >
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="fileTypes"
              label="允许的文件类型"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种文件类型' }]}
            >
              <Select
                mode="multiple"
                options={FILE_TYPES.map((t) => ({ value: t, label: t.toUpperCase() }))}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="required" label="必交" valuePropName="checked">
              <Switch checkedChildren="必交" unCheckedChildren="选交" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="maxSizeMb"
              label="单个文件上限（MB）"
              extra="留空表示只受系统上传上限限制；企业上传超过上限的文件时会被拒绝并提示"
            >
              <InputNumber
                min={1}
                max={200}
                precision={0}
                style={{ width: '100%' }}
                placeholder="不单独限制"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="basis" label="依据" extra="如《办法》第十条第（一）项">
              <Input maxLength={200} />
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
          <Col span={6}>
            <Form.Item name="sort" label="排序号">
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 预览清单: the effective checklist of one product and application type (what the enterprise must submit). */
function ChecklistPreview(props: { open: boolean; onClose: () => void }) {
  const [unitId, setUnitId] = useState<string>();
  const [type, setType] = useState<ApplicationType>('issue');
  const q = useQuery({
    queryKey: ['licensing', 'checklist', unitId, type],
    queryFn: () =>
      call(
        api.GET('/api/licensing/material-requirements/checklist', {
          params: { query: { productUnitId: unitId, type } as ChecklistQuery },
        }),
      ),
    enabled: props.open && !!unitId,
  });
  const items = q.data?.items ?? [];
  return (
    <Modal open={props.open} onCancel={props.onClose} footer={null} width={860} title="预览申请材料清单">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>产品：</span>
        <CatalogueSelect
          value={unitId}
          onChange={setUnitId}
          selectable="applicable"
          includeDisabled={false}
          placeholder="请选择产品单元（或无产品单元的品种）"
          style={{ width: 340 }}
        />
        <span>申请类型：</span>
        <Select<ApplicationType>
          value={type}
          onChange={setType}
          style={{ width: 120 }}
          options={APPLICATION_TYPE_OPTIONS}
        />
      </Space>
      {!unitId ? (
        <Typography.Paragraph type="secondary">
          请选择产品和申请类型，查看企业提交该申请时需要上传的材料（默认清单叠加目录节点配置后的结果；“来自”列标明每项来自默认清单还是哪个目录节点的配置）。
        </Typography.Paragraph>
      ) : q.error ? (
        <Alert type="error" showIcon title={errorText(q.error)} />
      ) : (
        <>
          <Table
            size="small"
            rowKey="code"
            loading={q.isFetching}
            pagination={false}
            dataSource={items}
            locale={{ emptyText: '该产品的此类申请没有配置材料要求' }}
            columns={[
              { key: 'no', title: '序号', width: 60, render: (_: unknown, __: unknown, i: number) => i + 1 },
              {
                key: 'name',
                title: '材料名称',
                dataIndex: 'name',
                render: (v: string, i) => (
                  <Space orientation="vertical" size={0}>
                    <span>{v}</span>
                    {i.description && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {i.description}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              { key: 'code', title: '材料编码', dataIndex: 'code' },
              {
                key: 'source',
                title: '来自',
                dataIndex: 'sourceNodeName',
                render: (v: string | null) => (v ? v : <Tag color="blue">默认清单</Tag>),
              },
              {
                key: 'required',
                title: '必交',
                dataIndex: 'required',
                render: (v: boolean) => (v ? <Tag color="red">必交</Tag> : <Tag>选交</Tag>),
              },
              { key: 'fileTypes', title: '文件类型', dataIndex: 'fileTypes', render: fileTypesText },
              { key: 'basis', title: '依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
              {
                key: 'sourceTag',
                title: '来源',
                dataIndex: 'sourceTag',
                render: (v: SourceTag | null) =>
                  v ? <Tag color={sourceTagColor(v)}>{sourceTagLabel(v)}</Tag> : '—',
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {typeLabel(type)}申请共 {items.length} 项材料，其中必交 {items.filter((i) => i.required).length}{' '}
            项。
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
