import { Button, Select, Tag } from 'antd';
import { api, call, qs } from '../../../api/client';
import { RegionPicker } from '../../../components/RegionPicker';
import {
  KeywordInput,
  ServerTable,
  type FilterDef,
  type ServerColumn,
} from '../../../components/ServerTable';
import {
  fmtTime,
  REPORTS_TABLE_ID,
  yearOptions,
  type ReportItem,
  type ReportListQuery,
} from './SelfInspectionShared';

/**
 * 已提交的自查报告: the enterprise sees its own, officers their jurisdiction (with region and enterprise);
 * filters, sort, xlsx export; a row opens the report's content.
 */
export function SelfInspectionReports(props: {
  officer: boolean;
  onOpen: (id: string) => void;
  regionName: (code: string) => string;
}) {
  const { officer, onOpen, regionName } = props;
  const columns: ServerColumn<ReportItem>[] = [
    { key: 'year', title: '报告年度', dataIndex: 'year', sortField: 'reportYear', fixed: 'left' },
    ...(officer
      ? [
          {
            key: 'enterpriseName',
            title: '企业名称',
            dataIndex: 'enterpriseName',
            sortField: 'enterpriseName',
          } as ServerColumn<ReportItem>,
        ]
      : []),
    {
      key: 'certificateNo',
      title: '证书编号',
      dataIndex: 'certificateNo',
      render: (v: string, r) => <a onClick={() => onOpen(r.id)}>{v}</a>,
    },
    { key: 'productName', title: '产品名称', dataIndex: 'productName' },
    ...(officer
      ? [
          {
            key: 'regionCode',
            title: '行政区划',
            dataIndex: 'regionCode',
            render: (v: string) => regionName(v),
          } as ServerColumn<ReportItem>,
        ]
      : []),
    {
      key: 'submittedAt',
      title: '提交时间',
      dataIndex: 'submittedAt',
      sortField: 'submittedAt',
      render: (v: string) => fmtTime(v),
    },
    {
      key: 'submittedByName',
      title: '提交人',
      dataIndex: 'submittedByName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'late',
      title: '是否逾期',
      dataIndex: 'late',
      render: (v: boolean) => (v ? <Tag color="warning">逾期提交</Tag> : <Tag color="success">按期提交</Tag>),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r.id)}>
          查看报告
        </Button>
      ),
    },
  ];

  const filters: FilterDef[] = [
    {
      name: 'keyword',
      label: '关键字',
      node: <KeywordInput placeholder={officer ? '企业名称、证书编号或产品' : '证书编号或产品'} />,
    },
    {
      name: 'year',
      label: '报告年度',
      node: <Select allowClear style={{ width: 130 }} placeholder="全部" options={yearOptions()} />,
    },
    {
      name: 'late',
      label: '是否逾期',
      node: (
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder="全部"
          options={[
            { value: 'true', label: '逾期提交' },
            { value: 'false', label: '按期提交' },
          ]}
        />
      ),
    },
    ...(officer
      ? [
          {
            name: 'regionCode',
            label: '行政区划',
            node: <RegionPicker levels={[2, 3]} placeholder="全部" style={{ width: 180 }} />,
          },
        ]
      : []),
  ];

  return (
    <ServerTable<ReportItem>
      id={REPORTS_TABLE_ID + (officer ? '.officer' : '.enterprise')}
      columns={columns}
      defaultSort="-submittedAt"
      filters={filters}
      fetchPage={(q) =>
        call(
          api.GET('/api/licensing/self-inspections', { params: { query: q as unknown as ReportListQuery } }),
        )
      }
      exportUrl={(q) =>
        `/api/licensing/self-inspections${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
      }
      exportName="年度自查报告"
    />
  );
}
