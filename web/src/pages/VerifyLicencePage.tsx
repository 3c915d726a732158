import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Result, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import type { paths } from '../api/schema';

type Verify =
  paths['/api/public/licences/verify/{token}']['get']['responses']['200']['content']['application/json'];
type State = Verify['state'];

const STATE_COLOR: Record<State, string> = {
  valid: 'success',
  expired: 'default',
  replaced: 'processing',
  revoked: 'error',
  withdrawn: 'warning',
  rescinded: 'error',
  cancelled: 'default',
};

function failText(e: unknown): { title: string; sub: string } {
  if (e instanceof ApiError) {
    if (e.status === 404 || e.code === 'VALIDATION')
      return { title: '未查询到该证书', sub: '核验码无效或证书不存在，请核对二维码是否完整、清晰。' };
    if (e.status === 429) return { title: '查询过于频繁', sub: '请稍等片刻后再试。' };
    if (e.code === 'NETWORK') return { title: '网络连接失败', sub: '请检查网络后重试。' };
    return { title: '核验失败', sub: e.message };
  }
  return { title: '核验失败', sub: e instanceof Error ? e.message : String(e) };
}

/** 生产许可证核验（公开页面，证书二维码打开，无需登录）. */
export function VerifyLicencePage() {
  const { token = '' } = useParams();
  const q = useQuery({
    queryKey: ['public', 'licence', 'verify', token],
    queryFn: () => call(api.GET('/api/public/licences/verify/{token}', { params: { path: { token } } })),
    enabled: !!token,
    retry: false,
  });

  let body;
  if (q.isLoading)
    body = (
      <Spin tip="正在核验…" size="large">
        <div style={{ height: 160 }} />
      </Spin>
    );
  else if (q.error) {
    const f = failText(q.error);
    body = (
      <Result
        status={
          q.error instanceof ApiError && (q.error.status === 404 || q.error.code === 'VALIDATION')
            ? 'warning'
            : 'error'
        }
        title={f.title}
        subTitle={f.sub}
      />
    );
  } else if (q.data) {
    const d = q.data;
    body = (
      <>
        <Result
          status={d.state === 'valid' ? 'success' : 'warning'}
          title={d.state === 'valid' ? '证书有效' : `证书${d.stateLabel}`}
          subTitle={`证书编号 ${d.number}`}
          style={{ paddingBottom: 8 }}
        />
        {d.superseded && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="该证书已换发新证（编号不变），请以新证为准。"
          />
        )}
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label="证书编号">{d.number}</Descriptions.Item>
          <Descriptions.Item label="证书状态">
            <Tag color={STATE_COLOR[d.state]}>{d.stateLabel}</Tag>
            {d.stateDate && <Typography.Text type="secondary">{d.stateDate}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="企业名称">{d.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="产品名称">{d.productName}</Descriptions.Item>
          <Descriptions.Item label="发证日期">{d.issueDate}</Descriptions.Item>
          <Descriptions.Item label="有效期">
            {d.validFrom} 至 {d.validTo}
          </Descriptions.Item>
          <Descriptions.Item label="查询时间">
            {dayjs(d.checkedAt).format('YYYY-MM-DD HH:mm:ss')}
          </Descriptions.Item>
        </Descriptions>
      </>
    );
  } else body = <Result status="warning" title="缺少核验码" />;

  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', padding: '32px 12px' }}>
      <Card style={{ maxWidth: 640, margin: '0 auto' }} title="工业产品生产许可证核验">
        {body}
      </Card>
    </div>
  );
}
