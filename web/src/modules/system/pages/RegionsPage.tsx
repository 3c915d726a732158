import { Alert, Card, Input, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import type { TableColumnType } from 'antd';
import { useMemo, useState } from 'react';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import {
  REGION_KIND_LABEL,
  REGION_LEVEL_LABEL,
  useRegionTree,
  type RegionNode,
} from '../../../components/RegionPicker';
import { errorText } from '../../../components/errors';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';

type RegionQuery = NonNullable<paths['/api/system/regions']['get']['parameters']['query']>;
type RegionItem =
  paths['/api/system/regions']['get']['responses']['200']['content']['application/json']['items'][number];

/** A tree row: leaves carry no `children`, so the table draws no expand icon for them. */
type TreeRow = Omit<RegionNode, 'children'> & { children?: TreeRow[] };

function toRows(nodes: RegionNode[], keyword: string): TreeRow[] {
  const out: TreeRow[] = [];
  for (const n of nodes) {
    const hit = !keyword || n.name.includes(keyword) || n.code.includes(keyword);
    // A matching node keeps its whole subtree; otherwise it stays only as the path to a match below it.
    const children = toRows(n.children, hit ? '' : keyword);
    if (!hit && children.length === 0) continue;
    out.push({ ...n, ...(children.length ? { children } : { children: undefined }) });
  }
  return out;
}

function allCodes(rows: TreeRow[]): string[] {
  return rows.flatMap((r) => (r.children ? [r.code, ...allCodes(r.children)] : [r.code]));
}

const noteTag = (note: string | null, unverified: boolean) =>
  note ? (
    <Tooltip title={note}>
      <Tag color="orange">{unverified ? '※ 待核对' : note}</Tag>
    </Tooltip>
  ) : null;

/** 行政区划: the read-only GB/T 2260 tree of the province, and the flat list with search and export. */
export function RegionsPage() {
  const tree = useRegionTree();
  const [keyword, setKeyword] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const rows = useMemo(() => toRows(tree.data?.items ?? [], keyword.trim()), [tree.data, keyword]);
  // Searching opens every remaining branch; otherwise the province level is open.
  const expandedKeys = expanded ?? (keyword.trim() ? allCodes(rows) : rows.map((r) => r.code));

  const treeColumns: TableColumnType<TreeRow>[] = [
    { key: 'name', title: '名称', dataIndex: 'name', width: 260 },
    { key: 'code', title: '区划代码', dataIndex: 'code', width: 120 },
    {
      key: 'level',
      title: '级别',
      dataIndex: 'level',
      width: 90,
      render: (v: number) => REGION_LEVEL_LABEL[v] ?? v,
    },
    {
      key: 'kind',
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      render: (v: string) => REGION_KIND_LABEL[v] ?? v,
    },
    {
      key: 'predecessorCode',
      title: '原代码',
      dataIndex: 'predecessorCode',
      width: 100,
      render: (v: string | null) => v ?? '',
    },
    {
      key: 'note',
      title: '说明',
      dataIndex: 'note',
      render: (v: string | null, r) => noteTag(v, r.unverified),
    },
  ];

  const listColumns: ServerColumn<RegionItem>[] = [
    { key: 'code', title: '区划代码', dataIndex: 'code', sortField: 'code' },
    { key: 'name', title: '名称', dataIndex: 'name', sortField: 'name' },
    {
      key: 'level',
      title: '级别',
      dataIndex: 'level',
      sortField: 'level',
      render: (v: number) => REGION_LEVEL_LABEL[v] ?? v,
    },
    { key: 'kind', title: '类型', dataIndex: 'kind', render: (v: string) => REGION_KIND_LABEL[v] ?? v },
    { key: 'parentCode', title: '上级代码', dataIndex: 'parentCode', render: (v: string | null) => v ?? '' },
    {
      key: 'predecessorCode',
      title: '原代码',
      dataIndex: 'predecessorCode',
      render: (v: string | null) => v ?? '',
    },
    {
      key: 'note',
      title: '说明',
      dataIndex: 'note',
      render: (v: string | null, r) => noteTag(v, r.unverified),
    },
  ];

  return (
    <Card>
      {tree.data?.note && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={tree.data.note}
          data-testid="region-note"
        />
      )}
      <Tabs
        items={[
          {
            key: 'tree',
            label: '区划树',
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Input.Search
                    allowClear
                    placeholder="名称或代码"
                    style={{ width: 240 }}
                    onSearch={(v) => {
                      setKeyword(v);
                      setExpanded(null);
                    }}
                    data-testid="region-tree-search"
                  />
                </Space>
                {tree.error && (
                  <div style={{ color: '#cf1322', marginBottom: 8 }}>{errorText(tree.error)}</div>
                )}
                <Table<TreeRow>
                  data-testid="region-tree-table"
                  rowKey="code"
                  size="small"
                  loading={tree.isLoading}
                  columns={treeColumns}
                  dataSource={rows}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  expandable={{
                    expandedRowKeys: expandedKeys,
                    onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
                  }}
                />
              </>
            ),
          },
          {
            key: 'list',
            label: '区划列表',
            children: (
              <ServerTable<RegionItem>
                id="system.regions"
                rowKey="code"
                columns={listColumns}
                fetchPage={(q) =>
                  call(api.GET('/api/system/regions', { params: { query: q as RegionQuery } }))
                }
                exportUrl={(q) =>
                  `/api/system/regions${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
                }
                exportName="行政区划"
                filters={[
                  { name: 'keyword', label: '关键字', node: <KeywordInput placeholder="代码或名称" /> },
                  {
                    name: 'level',
                    label: '级别',
                    node: (
                      <Select
                        allowClear
                        style={{ width: 120 }}
                        options={[1, 2, 3].map((l) => ({ value: l, label: REGION_LEVEL_LABEL[l] }))}
                      />
                    ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
