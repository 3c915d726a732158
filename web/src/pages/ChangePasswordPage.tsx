import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useAuth } from '../app/auth';
import { applyServerError, errorText } from '../components/errors';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Forced (first login, expired) or voluntary password change, with the server's policy shown. */
export function ChangePasswordPage() {
  const { me, loading, refresh, logout } = useAuth();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading) return null;
  if (!me) return <Navigate to="/login" replace />;
  const redirect = params.get('redirect');
  const target = redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';

  async function onFinish(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/auth/password', { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } }),
      );
      await refresh();
      void navigate(target, { replace: true });
    } catch (e) {
      if (!applyServerError(form, e)) setError(errorText(e));
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
        background: '#f0f2f5',
      }}
    >
      <Card style={{ width: 440 }} title="修改密码">
        {me.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="首次登录或密码已过期，请先修改密码后再使用系统"
          />
        )}
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
        <Typography.Paragraph type="secondary">{me.passwordPolicy}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '密码长度至少 8 位' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            确认修改
          </Button>
          <Button type="link" block onClick={() => void (me.mustChangePassword ? logout() : navigate(-1))}>
            {me.mustChangePassword ? '退出登录' : '返回'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
