import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';
import { buildCatalogueTree, CatalogueSelect, useCatalogueAll } from '../components/AdminCatalogue';
import {
  editorPath,
  resultLabel,
  statusColor,
  TEMPLATE_STATUS_OPTIONS,
  TEMPLATES_TABLE_ID,
  useTemplateActions,
  type TemplateListItem,
} from '../components/AdminTemplate';
import { TemplateCreateModal } from '../components/AdminTemplateCreate';

type ListQuery = NonNullable<paths['/api/licensing/checklist-templates']['get']['parameters']['query']>;

/** 核查模板: the 实地核查记录表 templates and their versions; 新建 / 导入 / 发布 / 新版本 / 删除草稿. */
export function ChecklistTemplatesPage() {
  const { hasPerm } = useAuth();
  const canEdit = hasPerm('licensing:template');
  const navigate = useNavigate();
  const actions = useTemplateActions();
  const catalogue = useCatalogueAll();
  const byId = useMemo(() => buildCatalogueTree(catalogue.data?.items ?? []).byId, [catalogue.data]);
  const [creating, setCreating] = useState<'blank' | 'import' | null>(null);

  const productOf = (t: TemplateListItem) => {
    const node = byId.get(t.productUnitId ?? t.varietyId ?? '');
    if (!node) return <Typography.Text type="secondary">未指定</Typography.Text>;
    return (
      <Tooltip title={node.path.join(' / ')}>
        <span>
          {node.name} <Tag>{node.levelLabel}</Tag>
        </span>
      </Tooltip>
    );
  };

  const columns: ServerColumn<TemplateListItem>[] = [
    {
      key: 'code',
      title: '模板编号',
      dataIndex: 'code',
      sortField: 'code',
      fixed: 'left',
      render: (v: string, r) => <a onClick={() => void navigate(editorPath(r.id))}>{v}</a>,
    },
    {
      key: 'name',
      title: '模板名称',
      dataIndex: 'name',
      sortField: 'name',
      render: (v: string, r) => (
        <Space size={4}>
          <span>{v}</span>
          {r.isExample && <Tag color="purple">示例</Tag>}
        </Space>
      ),
    },
    {
      key: 'version',
      title: '版本',
      dataIndex: 'version',
      sortField: 'version',
      render: (v: number) => `第 ${v} 版`,
    },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'status',
      sortField: 'status',
      render: (_: unknown, r) => <Tag color={statusColor(r.status)}>{r.statusLabel}</Tag>,
    },
    { key: 'product', title: '适用产品', render: (_: unknown, r) => productOf(r) },
    { key: 'ruleDocNo', title: '细则文号', dataIndex: 'ruleDocNo', render: (v: string | null) => v ?? '—' },
    {
      key: 'effectiveFrom',
      title: '生效日期',
      dataIndex: 'effectiveFrom',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'counts',
      title: '章节 / 条款 / 否决项',
      render: (_: unknown, r) => `${r.chapterCount} / ${r.itemCount} / ${r.vetoCount}`,
    },
    {
      key: 'rule',
      title: '判定规则',
      render: (_: unknown, r) => (
        <Tooltip
          title={`可选判定值：${r.allowedResults.map(resultLabel).join('、')}${
            r.rules.vetoAllowsBasic ? '；否决项可判基本符合' : ''
          }`}
        >
          <Space size={4} wrap={false}>
            <Tag>否决项 &gt; {r.rules.vetoFailLimit} 不合格</Tag>
            {r.rules.generalFailLimit === null ? (
              <Tag color="warning">N 未设定</Tag>
            ) : (
              <Tag>一般项 &gt; {r.rules.generalFailLimit} 不合格</Tag>
            )}
            {r.rules.basicEnabled && (
              <Tag>{r.rules.basicPerFail ? `${r.rules.basicPerFail} 项基本符合折 1` : '基本符合不折算'}</Tag>
            )}
          </Space>
        </Tooltip>
      ),
    },
    {
      key: 'publishedAt',
      title: '发布时间',
      dataIndex: 'publishedAt',
      sortField: 'publishedAt',
      render: (v: string | null, r) =>
        v ? `${dayjs(v).format('YYYY-MM-DD HH:mm')}${r.publishedBy ? ` ${r.publishedBy}` : ''}` : '—',
    },
    {
      key: 'updatedAt',
      title: '更新时间',
      dataIndex: 'updatedAt',
      sortField: 'updatedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0} wrap={false}>
          <Button type="link" size="small" onClick={() => void navigate(editorPath(r.id))}>
            {canEdit && r.status === 'draft' ? '编辑' : '查看'}
          </Button>
          {canEdit && r.status === 'draft' && (
            <Button type="link" size="small" onClick={() => void actions.publish(r)}>
              发布
            </Button>
          )}
          {canEdit && r.status !== 'draft' && (
            <Button type="link" size="small" onClick={() => void actions.newVersion(r)}>
              新版本
            </Button>
          )}
          {canEdit && r.status === 'draft' && (
            <Button type="link" size="small" danger onClick={() => void actions.removeDraft(r)}>
              删除
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ServerTable<TemplateListItem>
        id={TEMPLATES_TABLE_ID}
        columns={columns}
        fetchPage={(q) =>
          call(api.GET('/api/licensing/checklist-templates', { params: { query: q as ListQuery } }))
        }
        exportUrl={(q) =>
          `/api/licensing/checklist-templates${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName="核查模板"
        mapFilters={(v) => {
          const { product, latestOnly, isExample, ...rest } = v as {
            product?: string;
            latestOnly?: string;
            isExample?: string;
          } & Record<string, unknown>;
          const node = product ? byId.get(product) : undefined;
          return {
            ...rest,
            varietyId: node?.level === 'variety' ? node.id : undefined,
            productUnitId: node?.level === 'unit' ? node.id : undefined,
            latestOnly: latestOnly === 'true' ? true : undefined,
            isExample: isExample === undefined ? undefined : isExample === 'true',
          };
        }}
        filters={[
          { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="模板编号或名称" /> },
          {
            name: 'status',
            label: '状态',
            node: (
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 150 }}
                options={TEMPLATE_STATUS_OPTIONS.map(({ value, label }) => ({ value, label }))}
              />
            ),
          },
          {
            name: 'product',
            label: '适用产品',
            node: (
              <CatalogueSelect selectable={['variety', 'unit']} placeholder="全部" style={{ width: 240 }} />
            ),
          },
          {
            name: 'isExample',
            label: '示例模板',
            node: (
              <Select
                allowClear
                placeholder="全部"
                style={{ width: 110 }}
                options={[
                  { value: 'false', label: '正式模板' },
                  { value: 'true', label: '示例模板' },
                ]}
              />
            ),
          },
          {
            name: 'latestOnly',
            label: '版本',
            node: (
              <Select
                allowClear
                placeholder="全部版本"
                style={{ width: 130 }}
                options={[{ value: 'true', label: '只看最新版本' }]}
              />
            ),
          },
        ]}
        toolbar={
          canEdit && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('blank')}>
                新建模板
              </Button>
              <Button icon={<ImportOutlined />} onClick={() => setCreating('import')}>
                从表格导入
              </Button>
            </>
          )
        }
      />
      {creating && (
        <TemplateCreateModal withImport={creating === 'import'} onClose={() => setCreating(null)} />
      )}
    </>
  );
}
