import { AppError, badRequest, unauthorized } from '../errors.js';

export const AuthErrors = {
  loginFailed: (remaining?: number) =>
    new AppError(
      'LOGIN_FAILED',
      401,
      remaining !== undefined ? `用户名或密码错误，还可尝试 ${remaining} 次` : '用户名或密码错误',
      undefined,
      remaining !== undefined ? { remainingAttempts: remaining } : undefined,
    ),
  locked: (lockedUntil: Date, now: Date) => {
    const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60000));
    return new AppError(
      'ACCOUNT_LOCKED',
      423,
      `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      undefined,
      {
        lockedUntil: lockedUntil.toISOString(),
        minutesLeft: minutes,
      },
    );
  },
  disabled: () => new AppError('ACCOUNT_DISABLED', 403, '账号已停用，请联系系统管理员'),
  demoDisabled: () => new AppError('DEMO_ACCOUNT_DISABLED', 403, '演示账号仅在演示模式下可用'),
  sessionExpired: () => unauthorized('SESSION_EXPIRED', '登录已超时，请重新登录'),
  sessionRevoked: () => unauthorized('SESSION_REVOKED', '您已被强制下线或已在别处退出，请重新登录'),
  passwordChangeRequired: () =>
    new AppError('PASSWORD_CHANGE_REQUIRED', 403, '首次登录或密码已过期，请先修改密码'),
  wrongOldPassword: () => badRequest('OLD_PASSWORD_WRONG', '原密码不正确', 'oldPassword'),
  weakPassword: (reasons: string[]) =>
    badRequest('PASSWORD_POLICY', `新密码不符合要求：${reasons.join('；')}`, 'newPassword', { reasons }),
  samePassword: () => badRequest('PASSWORD_UNCHANGED', '新密码不能与原密码相同', 'newPassword'),
  csrf: () => new AppError('CSRF_INVALID', 403, '请求校验失败（CSRF），请刷新页面后重试'),
};
