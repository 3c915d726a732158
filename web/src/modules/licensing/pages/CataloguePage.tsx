import { DownloadOutlined, PlusOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Dropdown,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnType } from 'antd';
import { useMemo, useState, type Key, type ReactNode } from 'react';
import { api, call, download, qs } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { errorText, useErrorHandler } from '../../../components/errors';
import {
  approvalModeLabel,
  buildCatalogueTree,
  CHILD_LEVEL,
  LEVEL_COLOR,
  LEVEL_LABEL,
  sourceTagColor,
  useCatalogueAll,
  useInvalidateCatalogue,
  type CatalogueTreeRow,
} from '../components/AdminCatalogue';
import { CatalogueNodeDrawer, CatalogueNodeModal, type NodeEditing } from '../components/AdminCatalogueNode';

type StatusFilter = 'all' | 'active' | 'disabled';

/** Rows of applicable nodes without codes: tinted, fixed columns included. */
const MISSING_CSS = '.adm-missing-codes > td { background: #fff7e6 !important; }';

/** Keeps the rows that match (or have a matching descendant); returns a filtered copy of the tree. */
function filterTree(
  rows: readonly CatalogueTreeRow[],
  match: (r: CatalogueTreeRow) => boolean,
): CatalogueTreeRow[] {
  const out: CatalogueTreeRow[] = [];
  for (const r of rows) {
    const kids = r.children ? filterTree(r.children, match) : [];
    if (match(r) || kids.length > 0) out.push({ ...r, children: kids.length ? kids : undefined });
  }
  return out;
}

function allKeys(rows: readonly CatalogueTreeRow[]): string[] {
  return rows.flatMap((r) => (r.children?.length ? [r.id, ...allKeys(r.children)] : []));
}

/** A code cell: own value, the inherited one in grey, or 待填 on an applicable node without one. */
function CodeCell(props: { own: string | null; eff: string | null; row: CatalogueTreeRow }) {
  if (props.own) return <Typography.Text strong>{props.own}</Typography.Text>;
  if (props.eff)
    return (
      <Tooltip title="本节点未填写，沿用上级">
        <Typography.Text type="secondary">{props.eff}（沿用）</Typography.Text>
      </Tooltip>
    );
  if (props.row.applicable) return <Tag color="warning">待填</Tag>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** 产品目录: 类别 → 品种 → 产品单元 as a tree, with the codes certificates are numbered from. */
export function CataloguePage() {
  const { hasPerm } = useAuth();
  const canEdit = hasPerm('licensing:catalogue');
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const invalidate = useInvalidateCatalogue();
  const q = useCatalogueAll();
  const [keyword, setKeyword] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [editing, setEditing] = useState<NodeEditing | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const { roots, byId } = useMemo(() => buildCatalogueTree(q.data?.items ?? []), [q.data]);
  const missing = useMemo(
    () => [...byId.values()].filter((r) => r.missingCodes && r.status === 'active'),
    [byId],
  );
  const kw = keyword.trim().toLowerCase();
  const filtering = kw !== '' || status !== 'all' || onlyMissing;
  const rows = useMemo(
    () =>
      filtering
        ? filterTree(
            roots,
            (r) =>
              (!kw ||
                r.name.toLowerCase().includes(kw) ||
                r.code.toLowerCase().includes(kw) ||
                (r.ruleDocNo ?? '').toLowerCase().includes(kw)) &&
              (status === 'all' || r.status === status) &&
              (!onlyMissing || r.missingCodes),
          )
        : roots,
    [roots, filtering, kw, status, onlyMissing],
  );
  const expandedKeys = filtering ? allKeys(rows) : (expanded ?? allKeys(roots));
  const selected = selectedId ? byId.get(selectedId) : undefined;

  function openCreate(level: CatalogueTreeRow['level'], parent: CatalogueTreeRow | null) {
    const siblings = parent ? (parent.children?.length ?? 0) : roots.length;
    setEditing({ mode: 'create', level, parent, siblings });
  }
  const parentOf = (r: CatalogueTreeRow) => (r.parentId ? (byId.get(r.parentId) ?? null) : null);

  async function setNodeStatus(r: CatalogueTreeRow, next: 'active' | 'disabled') {
    const ok =
      next === 'active' ||
      (await modal.confirm({
        title: `确认停用${r.levelLabel}“${r.name}”？`,
        content:
          '停用后，该节点及其全部下级产品不能再提交新的生产许可申请；已提交的申请和已发证书不受影响。可随时重新启用。',
        okText: '停用',
        okButtonProps: { danger: true },
      }));
    if (!ok) return;
    try {
      await call(
        api.PUT('/api/licensing/catalogue/{id}', { params: { path: { id: r.id } }, body: { status: next } }),
      );
      void message.success(`已${next === 'active' ? '启用' : '停用'}“${r.name}”`);
      void invalidate();
    } catch (e) {
      onError(e);
    }
  }

  async function remove(r: CatalogueTreeRow) {
    const ok = await modal.confirm({
      title: `确认删除${r.levelLabel}“${r.name}”？`,
      content:
        '只能删除没有下级节点、没有申请、也没有配置材料要求的节点；已被使用的节点请改为停用。删除后不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
    });
    if (!ok) return;
    try {
      await call(api.DELETE('/api/licensing/catalogue/{id}', { params: { path: { id: r.id } } }));
      void message.success(`已删除“${r.name}”`);
      if (selectedId === r.id) setSelectedId(null);
      void invalidate();
    } catch (e) {
      onError(e);
    }
  }

  async function doExport() {
    setExporting(true);
    try {
      await download(
        `/api/licensing/catalogue${qs({
          keyword: keyword.trim() || undefined,
          status: status === 'all' ? undefined : status,
          // parents before children: 类别, then 品种, then 产品单元, each by sort and code
          sort: 'level,sort,code',
          format: 'xlsx',
        })}`,
        '生产许可产品目录.xlsx',
      );
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  }

  const columns: TableColumnType<CatalogueTreeRow>[] = [
    {
      key: 'name',
      title: '名称',
      fixed: 'left',
      render: (_: unknown, r) => (
        <Space size={4} wrap={false}>
          <Tag color={LEVEL_COLOR[r.level]}>{r.levelLabel}</Tag>
          <a onClick={() => setDetailId(r.id)}>{r.name}</a>
          {r.status === 'disabled' && <Tag>已停用</Tag>}
          {r.missingCodes && (
            <Tooltip title="行业编号或产品编号未填写，无法生成证书编号">
              <Tag color="warning" icon={<WarningOutlined />}>
                缺编号
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'code', title: '目录编码', dataIndex: 'code' },
    {
      key: 'industryCode',
      title: '行业编号',
      render: (_: unknown, r) => <CodeCell own={r.industryCode} eff={r.effIndustryCode} row={r} />,
    },
    {
      key: 'productCode',
      title: '产品编号',
      render: (_: unknown, r) => <CodeCell own={r.productCode} eff={r.effProductCode} row={r} />,
    },
    {
      key: 'approvalMode',
      title: '审批模式',
      render: (_: unknown, r) =>
        r.approvalMode ? (
          <Tag color={r.approvalMode === 'verify_first' ? 'geekblue' : 'gold'}>{r.approvalModeLabel}</Tag>
        ) : (
          <Typography.Text type="secondary">
            {approvalModeLabel(r.effApprovalMode)}（{r.parentId ? '沿用' : '默认'}）
          </Typography.Text>
        ),
    },
    {
      key: 'ruleDocNo',
      title: '实施细则文号',
      render: (_: unknown, r) =>
        r.ruleDocNo ??
        (r.effRuleDocNo ? <Typography.Text type="secondary">{r.effRuleDocNo}（沿用）</Typography.Text> : '—'),
    },
    {
      key: 'valid',
      title: '有效期',
      render: (_: unknown, r) => {
        const parts: ReactNode[] = [];
        if (r.validFrom || r.validTo) parts.push(`${r.validFrom ?? '不限'} 至 ${r.validTo ?? '长期'}`);
        if (r.transitionUntil)
          parts.push(
            <Typography.Text key="t" type="secondary">
              过渡期至 {r.transitionUntil}
            </Typography.Text>,
          );
        return parts.length ? (
          <Space orientation="vertical" size={0}>
            {parts}
          </Space>
        ) : (
          '长期'
        );
      },
    },
    {
      key: 'status',
      title: '状态',
      render: (_: unknown, r) => (
        <Tag color={r.status === 'active' ? 'success' : 'default'}>
          {r.status === 'active' ? '启用' : '停用'}
        </Tag>
      ),
    },
    {
      key: 'sourceTag',
      title: '来源',
      render: (_: unknown, r) =>
        r.sourceTagLabel ? <Tag color={sourceTagColor(r.sourceTag)}>{r.sourceTagLabel}</Tag> : '—',
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => {
        const child = CHILD_LEVEL[r.level];
        return (
          <Space size={0} wrap={false} onClick={(e) => e.stopPropagation()}>
            {canEdit && (
              <Button
                type="link"
                size="small"
                onClick={() => setEditing({ mode: 'edit', node: r, parent: parentOf(r) })}
              >
                修改
              </Button>
            )}
            {canEdit && child && (
              <Button type="link" size="small" onClick={() => openCreate(child, r)}>
                新增{LEVEL_LABEL[child]}
              </Button>
            )}
            {canEdit && (
              <Dropdown
                menu={{
                  items: [
                    { key: 'detail', label: '详情', onClick: () => setDetailId(r.id) },
                    r.status === 'active'
                      ? { key: 'disable', label: '停用', onClick: () => void setNodeStatus(r, 'disabled') }
                      : { key: 'enable', label: '启用', onClick: () => void setNodeStatus(r, 'active') },
                    { key: 'delete', label: '删除', danger: true, onClick: () => void remove(r) },
                  ],
                }}
              >
                <Button type="link" size="small">
                  更多
                </Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  const childOfSelected = selected ? CHILD_LEVEL[selected.level] : undefined;

  return (
    <>
      <style>{MISSING_CSS}</style>
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="licensing-catalogue">
        {missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`行业编号、产品编号待需求方提供：${missing.length} 个可申请的产品尚未设置编号，暂不能发证`}
            description={
              <>
                证书编号为“XK + 行业编号（2 位）- 产品编号（3 位）- 企业序号（5
                位）”（《办法》第三十九条）。表中标黄、带“缺编号”标记的品种或产品单元，
                其行业编号或产品编号（含沿用上级的值）为空：对这些产品的申请作出准予许可决定时将无法生成证书编号。
                请在取得取值表后填写——可填在类别或品种上，下级未填写时自动沿用。
                <div style={{ marginTop: 8 }}>
                  <Button size="small" onClick={() => setOnlyMissing(true)} disabled={onlyMissing}>
                    只看缺编号的节点
                  </Button>
                </div>
              </>
            }
          />
        )}
        <Card>
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search
              allowClear
              placeholder="名称、目录编码或细则文号"
              style={{ width: 260 }}
              onSearch={setKeyword}
              onChange={(e) => !e.target.value && setKeyword('')}
            />
            <Select<StatusFilter>
              value={status}
              onChange={setStatus}
              style={{ width: 120 }}
              options={[
                { value: 'all', label: '全部状态' },
                { value: 'active', label: '启用' },
                { value: 'disabled', label: '停用' },
              ]}
            />
            <Space size={4}>
              <Switch checked={onlyMissing} onChange={setOnlyMissing} size="small" />
              <span>只看缺编号</span>
            </Space>
          </Space>
          <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
            <Space wrap>
              {canEdit && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate('category', null)}>
                  新增类别
                </Button>
              )}
              {canEdit && (
                <Tooltip title={selected && !childOfSelected ? '产品单元下不能再新增节点' : undefined}>
                  <Button
                    icon={<PlusOutlined />}
                    disabled={!selected || !childOfSelected}
                    onClick={() => selected && childOfSelected && openCreate(childOfSelected, selected)}
                  >
                    {selected && childOfSelected
                      ? `在“${selected.name}”下新增${LEVEL_LABEL[childOfSelected]}`
                      : selected
                        ? '新增下级'
                        : '新增下级（请先选择节点）'}
                  </Button>
                </Tooltip>
              )}
              <Button onClick={() => setExpanded(allKeys(roots))} disabled={filtering}>
                全部展开
              </Button>
              <Button onClick={() => setExpanded([])} disabled={filtering}>
                全部收起
              </Button>
            </Space>
            <Space>
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
                导出
              </Button>
              <Tooltip title="刷新">
                <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void q.refetch()} />
              </Tooltip>
            </Space>
          </Space>
          {q.error && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} />}
          <Table<CatalogueTreeRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={q.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{
              expandedRowKeys: expandedKeys,
              onExpandedRowsChange: (keys) => setExpanded([...keys]),
            }}
            rowSelection={{
              type: 'radio',
              columnWidth: 32,
              selectedRowKeys: selectedId ? [selectedId] : [],
              onChange: (keys) => setSelectedId((keys[0] as string | undefined) ?? null),
            }}
            onRow={(r) => ({ onClick: () => setSelectedId(r.id) })}
            rowClassName={(r) => (r.missingCodes ? 'adm-missing-codes' : '')}
            locale={{ emptyText: filtering ? '没有符合条件的目录节点' : '产品目录为空，请先新增类别' }}
            footer={() => (
              <Typography.Text type="secondary">
                共 {byId.size} 个节点（类别 {[...byId.values()].filter((r) => r.level === 'category').length}{' '}
                个， 品种 {[...byId.values()].filter((r) => r.level === 'variety').length} 个，产品单元{' '}
                {[...byId.values()].filter((r) => r.level === 'unit').length}{' '}
                个）。灰色值为沿用上级的编号或模式。
              </Typography.Text>
            )}
          />
        </Card>
        {editing && (
          <CatalogueNodeModal
            editing={editing}
            onClose={() => setEditing(null)}
            onSaved={(id) => {
              setEditing(null);
              setSelectedId(id);
              if (editing.mode === 'create' && editing.parent && expanded)
                setExpanded([...new Set([...expanded, editing.parent.id])]);
            }}
          />
        )}
        <CatalogueNodeDrawer id={detailId} onClose={() => setDetailId(null)} />
      </Space>
    </>
  );
}
