import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, call, qs } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { KeywordInput, ServerTable, type ServerColumn } from '../../../components/ServerTable';
import {
  DOC_KIND_OPTIONS,
  DocsDocumentDrawer,
  DocsDownloadButton,
  type DocItem,
} from '../components/DocsDocumentDrawer';

type ListQuery = NonNullable<paths['/api/licensing/documents']['get']['parameters']['query']>;

const PATH = '/licensing/my-documents';
const TABLE_ID = 'licensing.my-documents';

/**
 * The `?applicationId=` other pages link with. The tab stays mounted while other tabs are shown, so only the
 * location of this page counts (a later visit with a new id replaces the filter; one without keeps it).
 */
function useApplicationParam(): [string | undefined, () => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const [applicationId, setApplicationId] = useState<string>();
  useEffect(() => {
    if (location.pathname !== PATH) return;
    const id = new URLSearchParams(location.search).get('applicationId');
    if (id) setApplicationId(id);
  }, [location.pathname, location.search]);
  const clear = () => {
    setApplicationId(undefined);
    if (location.pathname === PATH && location.search) void navigate(PATH, { replace: true });
  };
  return [applicationId, clear];
}

/** 许可文书: the documents issued on the enterprise's applications — view as issued, PDF, export. */
export function MyDocumentsPage() {
  const [openId, setOpenId] = useState<string | null>(null);
  const [applicationId, clearApplication] = useApplicationParam();
  const app = useQuery({
    queryKey: ['licensing', 'application', applicationId],
    queryFn: () =>
      call(api.GET('/api/licensing/applications/{id}', { params: { path: { id: applicationId! } } })),
    enabled: !!applicationId,
    staleTime: 60_000,
  });

  const columns: ServerColumn<DocItem>[] = [
    {
      key: 'docNo',
      title: '文号',
      dataIndex: 'docNo',
      sortField: 'docNo',
      fixed: 'left',
      render: (v: string, r) => <a onClick={() => setOpenId(r.id)}>{v}</a>,
    },
    { key: 'title', title: '文书名称', dataIndex: 'title' },
    {
      key: 'applicationNo',
      title: '申请编号',
      dataIndex: 'applicationNo',
      render: (v: string | null) => v ?? '—',
    },
    { key: 'issuedOn', title: '出具日期', dataIndex: 'issuedOn', sortField: 'issuedAt' },
    { key: 'basis', title: '依据', dataIndex: 'basis' },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
            查看
          </Button>
          <DocsDownloadButton doc={r} link />
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="许可机关在受理、补正告知、不予受理、实地核查、作出决定和终止办理时出具的书面文书"
        description="文书内容在出具时即已固定，此后不会改变；可在线查看或下载 PDF 打印、存档。对不予受理、不予许可、终止办理等决定不服的，可按文书载明的救济途径申请行政复议或提起行政诉讼。"
      />
      {applicationId && (
        <Space size={8} data-testid="application-filter">
          <Typography.Text type="secondary">当前仅显示：</Typography.Text>
          <Tag closable color="blue" onClose={clearApplication}>
            申请 {app.data?.applicationNo ?? (app.isLoading ? '…' : applicationId.slice(-8))}
            {app.data?.productName ? `（${app.data.productName}）` : ''} 的文书
          </Tag>
          <Button type="link" size="small" onClick={clearApplication}>
            显示全部文书
          </Button>
        </Space>
      )}
      <ServerTable<DocItem>
        key={applicationId ?? 'all'}
        id={TABLE_ID}
        columns={columns}
        defaultSort="-issuedAt"
        fetchPage={(q) =>
          call(api.GET('/api/licensing/documents', { params: { query: q as unknown as ListQuery } }))
        }
        exportUrl={(q) =>
          `/api/licensing/documents${qs({ ...(q as Record<string, string>), format: 'xlsx' })}`
        }
        exportName="许可文书"
        mapFilters={(v) => {
          const { issued, ...rest } = v as { issued?: [Dayjs, Dayjs] | null } & Record<string, unknown>;
          return {
            ...rest,
            applicationId,
            issuedFrom: issued?.[0]?.format('YYYY-MM-DD'),
            issuedTo: issued?.[1]?.format('YYYY-MM-DD'),
          };
        }}
        filters={[
          {
            name: 'keyword',
            label: '关键字',
            node: <KeywordInput placeholder="文号、申请编号或文书名称" style={{ width: 220 }} />,
          },
          {
            name: 'kind',
            label: '文书种类',
            node: <Select allowClear style={{ width: 170 }} placeholder="全部" options={DOC_KIND_OPTIONS} />,
          },
          { name: 'issued', label: '出具日期', node: <DatePicker.RangePicker /> },
        ]}
      />
      <DocsDocumentDrawer id={openId} onClose={() => setOpenId(null)} />
    </Space>
  );
}
