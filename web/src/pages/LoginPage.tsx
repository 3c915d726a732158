import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import { errorText } from '../components/errors';

const REASONS: Record<string, string> = {
  SESSION_EXPIRED: '登录已超时，请重新登录，登录后将回到原页面',
  SESSION_REVOKED: '您已被强制下线或已在别处退出，请重新登录',
  UNAUTHENTICATED: '请先登录',
};

/** Login with the server's rules visible: attempts left, lockout time, forced password change. */
export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<{ text: string; type: 'error' | 'warning' } | null>(null);
  const [busy, setBusy] = useState(false);
  const reason = params.get('reason');
  const redirect = params.get('redirect');
  const target = redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';

  async function onFinish(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const r = await call(api.POST('/api/auth/login', { body: v }));
      qc.setQueryData(['me'], r.user);
      void navigate(
        r.user.mustChangePassword ? `/change-password?redirect=${encodeURIComponent(target)}` : target,
        {
          replace: true,
        },
      );
    } catch (e) {
      const locked = e instanceof ApiError && e.code === 'ACCOUNT_LOCKED';
      setError({ text: errorText(e), type: locked ? 'warning' : 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #0f3d7a 0%, #1f5fbf 100%)',
      }}
    >
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          陕西省市场监督管理局
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          产品质量安全监督管理 · 检验检测行政审批 信息平台
        </Typography.Paragraph>
        {reason && REASONS[reason] && !error && (
          <Alert type="info" showIcon message={REASONS[reason]} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type={error.type}
            showIcon
            message={error.text}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void onFinish(v)}
          requiredMark={false}
        >
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          连续输错密码 5 次将锁定账号 15 分钟；会话空闲 30 分钟自动退出。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
