import { DownloadOutlined, FilterOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Dropdown, Form, Space, Table, Tooltip } from 'antd';
// The bare input, without Input's TextArea/Password/OTP statics (~27 kB gzip the workbench would load).
import Input from 'antd/es/input/Input';
import type { InputProps, TableColumnType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useMemo, useState, type Key, type ReactNode } from 'react';
import { download } from '../api/client';
import { errorText, useErrorHandler } from './errors';

/** A column; `sortField` names the server's sort key and makes the column sortable on the server. */
export type ServerColumn<T> = TableColumnType<T> & { key: string; sortField?: string };

/** One filter of the filter bar, a form field under `name`. */
export interface FilterDef {
  name: string;
  label: string;
  node: ReactNode;
}

export interface PageResult<T> {
  items: T[];
  total: number;
}

export interface ServerQuery {
  page: number;
  pageSize: number;
  sort?: string;
  [filter: string]: unknown;
}

interface Props<T> {
  /** Stable id: cache key, and the key of saved column and filter choices. */
  id: string;
  columns: ServerColumn<T>[];
  fetchPage: (q: ServerQuery) => Promise<PageResult<T>>;
  /** URL of the xlsx export for the current filters (the server exports every matching row). */
  exportUrl?: (q: Omit<ServerQuery, 'page' | 'pageSize'>) => string;
  exportName?: string;
  filters?: FilterDef[];
  toolbar?: ReactNode;
  rowKey?: string;
  defaultSort?: string;
  /** Turns form values into query parameters (e.g. a date range into from/to). */
  mapFilters?: (values: Record<string, unknown>) => Record<string, unknown>;
  expandable?: Parameters<typeof Table<T>>[0]['expandable'];
}

interface SavedFilter {
  name: string;
  values: Record<string, unknown>;
}

const load = <V,>(key: string, def: V): V => {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as V | null) ?? def;
  } catch {
    return def;
  }
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The tag of a date in a saved filter: `{ "$date": "<ISO instant>" }`. */
const DATE_TAG = '$date';
/** What JSON.stringify made of a dayjs before dates were tagged (its toJSON): revived as a date too. */
const LEGACY_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Filter values → JSON-safe values: dates (dayjs, also inside ranges and nested arrays/objects) are tagged. */
function storeValue(v: unknown): unknown {
  if (dayjs.isDayjs(v)) return v.isValid() ? { [DATE_TAG]: v.toISOString() } : null;
  if (Array.isArray(v)) return v.map(storeValue);
  if (isRecord(v) && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, storeValue(x)]));
  return v;
}

/** The reverse of storeValue: tagged dates (and legacy ISO strings) become dayjs again; a bad date is null. */
function reviveValue(v: unknown): unknown {
  if (typeof v === 'string' && LEGACY_DATE.test(v)) return reviveValue({ [DATE_TAG]: v });
  if (Array.isArray(v)) return v.map(reviveValue);
  if (!isRecord(v)) return v;
  const tagged = v[DATE_TAG];
  if (typeof tagged === 'string' && Object.keys(v).length === 1) {
    const d = dayjs(tagged);
    return d.isValid() ? d : null;
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveValue(x)]));
}

/** The saved filters of a table; malformed entries (hand-edited, older versions) are left out. */
function loadSaved(id: string): SavedFilter[] {
  const list = load<unknown>(`samr:filters:${id}`, []);
  return Array.isArray(list)
    ? list.filter((s): s is SavedFilter => isRecord(s) && typeof s.name === 'string' && isRecord(s.values))
    : [];
}

/** The column chooser's panel, styled like antd's popovers. */
const PANEL = {
  background: '#fff',
  borderRadius: 8,
  padding: '12px 16px',
  boxShadow: '0 6px 16px 0 rgba(0,0,0,.08), 0 3px 6px -4px rgba(0,0,0,.12), 0 9px 28px 8px rgba(0,0,0,.05)',
} as const;

/** Invalidates every ServerTable with this id (after a change), so it reloads its current page. */
export function useReloadTable() {
  const qc = useQueryClient();
  return (id: string) => qc.invalidateQueries({ queryKey: ['table', id] });
}

/**
 * The list every module uses: server-side paging, filter and sort, xlsx export of all matching rows,
 * a column chooser and saved filters (both remembered per user in this browser).
 */
export function ServerTable<T extends object>(props: Props<T>) {
  const { id, columns, fetchPage, filters = [], rowKey = 'id' } = props;
  const [form] = Form.useForm<Record<string, unknown>>();
  const [applied, setApplied] = useState<Record<string, unknown>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<string | undefined>(props.defaultSort);
  const [hidden, setHidden] = useState<string[]>(() => load(`samr:cols:${id}`, []));
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSaved(id));
  const [exporting, setExporting] = useState(false);
  const onError = useErrorHandler();

  const mapped = props.mapFilters ? props.mapFilters(applied) : applied;
  const query: ServerQuery = { ...clean(mapped), page, pageSize, ...(sort ? { sort } : {}) };
  const q = useQuery({
    queryKey: ['table', id, query],
    queryFn: () => fetchPage(query),
    placeholderData: keepPreviousData,
  });

  const shown = useMemo(
    () =>
      columns
        .filter((c) => !hidden.includes(c.key))
        .map((c) => ({
          ...c,
          sorter: c.sortField ? true : undefined,
          sortOrder:
            c.sortField && sort?.replace(/^-/, '') === c.sortField
              ? sort.startsWith('-')
                ? 'descend'
                : 'ascend'
              : null,
        })) as TableColumnType<T>[],
    [columns, hidden, sort],
  );

  function apply(values: Record<string, unknown>) {
    setApplied(values);
    setPage(1);
  }
  function onTableChange(p: TablePaginationConfig, _f: unknown, s: SorterResult<T> | SorterResult<T>[]) {
    const one = Array.isArray(s) ? s[0] : s;
    const col = columns.find((c) => c.key === one?.columnKey);
    const next =
      one?.order && col?.sortField
        ? `${one.order === 'descend' ? '-' : ''}${col.sortField}`
        : props.defaultSort;
    if (next !== sort) {
      setSort(next);
      setPage(1);
    } else {
      setPage(p.current ?? 1);
    }
    setPageSize(p.pageSize ?? 20);
  }
  function saveFilter() {
    const name = window.prompt('常用筛选名称');
    if (!name) return;
    const values = storeValue(form.getFieldsValue()) as Record<string, unknown>;
    const next = [...saved.filter((s) => s.name !== name), { name, values }];
    setSaved(next);
    localStorage.setItem(`samr:filters:${id}`, JSON.stringify(next));
  }
  /** Puts a saved filter into the filter bar and queries with it (fields this table no longer has are dropped). */
  function applySaved(s: SavedFilter) {
    const names = new Set(filters.map((f) => f.name));
    const values = Object.fromEntries(
      Object.entries(reviveValue(s.values) as Record<string, unknown>).filter(([k]) => names.has(k)),
    );
    try {
      props.mapFilters?.(values);
    } catch {
      onError(new Error(`常用筛选“${s.name}”已不适用于当前列表，请重新设置后保存`));
      return;
    }
    form.resetFields();
    form.setFieldsValue(values);
    apply(values);
  }
  async function doExport() {
    if (!props.exportUrl) return;
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = query;
      await download(props.exportUrl(rest), `${props.exportName ?? '导出'}.xlsx`);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  }

  const chooser = (
    <div className="samr-col-chooser" style={PANEL}>
      <div style={{ fontWeight: 600, marginBottom: 8 }}>显示列</div>
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        value={columns.map((c) => c.key).filter((k) => !hidden.includes(k))}
        options={columns.map((c) => ({ value: c.key, label: typeof c.title === 'string' ? c.title : c.key }))}
        onChange={(vals) => {
          const h = columns.map((c) => c.key).filter((k) => !(vals as Key[]).includes(k));
          setHidden(h);
          localStorage.setItem(`samr:cols:${id}`, JSON.stringify(h));
        }}
      />
    </div>
  );

  return (
    <div data-testid={`table-${id}`}>
      {filters.length > 0 && (
        <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
          {filters.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label}>
              {f.node}
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: '__save', label: '保存当前筛选…', onClick: saveFilter },
                  ...saved.map((s) => ({
                    key: `saved:${s.name}`,
                    label: s.name,
                    onClick: () => applySaved(s),
                  })),
                  ...(saved.length
                    ? [
                        {
                          key: '__clear',
                          label: '清除常用筛选',
                          danger: true,
                          onClick: () => {
                            setSaved([]);
                            localStorage.removeItem(`samr:filters:${id}`);
                          },
                        },
                      ]
                    : []),
                ],
              }}
            >
              <Button icon={<FilterOutlined />}>常用筛选</Button>
            </Dropdown>
          </Space>
        </Form>
      )}
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space>{props.toolbar}</Space>
        <Space>
          {props.exportUrl && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
              导出
            </Button>
          )}
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label="刷新" />
          </Tooltip>
          {/* A Dropdown with a panel of its own rather than a Popover: the shell already loads Dropdown. */}
          <Dropdown trigger={['click']} placement="bottomRight" popupRender={() => chooser}>
            <Button icon={<SettingOutlined />} aria-label="显示列" />
          </Dropdown>
        </Space>
      </Space>
      {q.error && <div style={{ color: '#cf1322', marginBottom: 8 }}>{errorText(q.error)}</div>}
      <Table<T>
        rowKey={rowKey}
        size="middle"
        columns={shown}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        expandable={props.expandable}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
        }}
      />
    </div>
  );
}

function clean(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null || x === '') continue;
    out[k] = x;
  }
  return out;
}

/** A keyword filter input. */
export const KeywordInput = ({ placeholder, ...rest }: InputProps) => (
  <Input allowClear placeholder={placeholder ?? '关键字'} style={{ width: 200 }} {...rest} />
);
