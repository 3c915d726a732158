import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Empty, Space, Spin, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client';
import { DocumentPreview } from '../../../components/DocumentPreview';
import { errorText } from '../../../components/errors';
import { fmtTime, REPORT_ITEMS } from './SelfInspectionShared';

/** 自查报告内容 (read only: a report cannot be changed once submitted). */
export function SelfInspectionReportDrawer(props: {
  id: string | null;
  onClose: () => void;
  regionName?: (code: string) => string;
}) {
  const q = useQuery({
    queryKey: ['licensing', 'self-inspections', 'report', props.id],
    queryFn: () =>
      call(api.GET('/api/licensing/self-inspections/{id}', { params: { path: { id: props.id! } } })),
    enabled: !!props.id,
    staleTime: 5 * 60_000,
  });
  const d = q.data;
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      size={760}
      title={d ? `${d.year} 年度自查报告 — ${d.certificateNo}` : '年度自查报告'}
    >
      {q.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} />}
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="report-detail">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="企业名称" span={2}>
              {d.enterpriseName}
            </Descriptions.Item>
            <Descriptions.Item label="证书编号">{d.certificateNo}</Descriptions.Item>
            <Descriptions.Item label="产品名称">{d.productName}</Descriptions.Item>
            <Descriptions.Item label="报告年度">{d.year} 年度</Descriptions.Item>
            <Descriptions.Item label="行政区划">
              {props.regionName?.(d.regionCode) ?? d.regionCode}
            </Descriptions.Item>
            <Descriptions.Item label="提交时间">
              <Space size={4}>
                {fmtTime(d.submittedAt)}
                {d.late && <Tag color="warning">逾期提交</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="提交人">{d.submittedByName ?? '—'}</Descriptions.Item>
          </Descriptions>
          <div>
            {REPORT_ITEMS.map((it) => (
              <div key={it.name} style={{ marginBottom: 14 }}>
                <Typography.Text strong>{it.label}</Typography.Text>
                <Typography.Paragraph
                  style={{
                    whiteSpace: 'pre-wrap',
                    margin: '4px 0 0',
                    padding: '8px 12px',
                    background: '#fafafa',
                    border: '1px solid #f0f0f0',
                    borderRadius: 4,
                  }}
                >
                  {d[it.name] || <Typography.Text type="secondary">（未填写）</Typography.Text>}
                </Typography.Paragraph>
              </div>
            ))}
          </div>
          <div>
            <Typography.Text strong>附件</Typography.Text>
            {d.fileIds.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无附件" />
            ) : (
              <Space orientation="vertical" size={4} style={{ display: 'flex', marginTop: 4 }}>
                {d.fileIds.map((f) => (
                  <DocumentPreview key={f} fileId={f} />
                ))}
              </Space>
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
