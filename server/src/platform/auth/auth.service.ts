import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { businessDate } from '../clock.js';
import { uuidv7 } from '../ids.js';
import type { Principal } from '../access/principal.js';
import type { DataScopeKind } from '../db/schema.js';
import { appendAudit } from '../audit/audit.service.js';
import { AuthErrors } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordViolations } from './password.rules.js';

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
  requestId?: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  principal: Principal;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Verifying against a fixed hash when the user does not exist keeps timing uniform.
let dummyHash: Promise<string> | undefined;

/** Login, sessions, password change and the Principal behind each request. */
export class AuthService {
  private readonly repo: AuthRepository;
  constructor(private readonly ctx: AppContext) {
    this.repo = new AuthRepository(ctx.db);
  }

  private async logLogin(
    username: string,
    result: string,
    meta: ClientMeta,
    message: string,
    userId?: string,
    orgId?: string,
  ) {
    await this.repo.insertLoginLog({
      id: uuidv7(),
      username,
      user_id: userId ?? null,
      org_id: orgId ?? null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      result,
      message,
      created_at: this.ctx.clock.now(),
    });
    await appendAudit(this.ctx, {
      userId: userId ?? null,
      username,
      orgId: orgId ?? null,
      action: '登录',
      method: 'POST',
      path: '/api/auth/login',
      ip: meta.ip,
      result: result === 'success' ? 'success' : 'failure',
      requestId: meta.requestId ?? null,
      detail: { result, message },
    });
  }

  /** Lockout after N failures for M minutes; demo accounts work only in demo mode. */
  async login(username: string, password: string, meta: ClientMeta): Promise<LoginResult> {
    const { config, clock } = this.ctx;
    const now = clock.now();
    const user = await this.repo.findUserByUsername(username);
    if (!user) {
      dummyHash ??= hashPassword('dummy-password-Aa1!', this.ctx.config.argon2MemoryKib);
      await verifyPassword(await dummyHash, password);
      await this.logLogin(username, 'unknown_user', meta, '用户不存在');
      throw AuthErrors.loginFailed();
    }
    if (user.locked_until && user.locked_until > now) {
      await this.logLogin(username, 'locked', meta, '账号锁定中', user.id, user.org_id);
      throw AuthErrors.locked(user.locked_until, now);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const attempts = user.failed_attempts + 1;
      if (attempts >= config.loginMaxFailures) {
        const until = new Date(now.getTime() + config.loginLockMinutes * 60000);
        await this.repo.recordFailure(user.id, 0, until);
        await this.logLogin(
          username,
          'locked',
          meta,
          `连续 ${attempts} 次密码错误，锁定`,
          user.id,
          user.org_id,
        );
        throw AuthErrors.locked(until, now);
      }
      await this.repo.recordFailure(user.id, attempts, null);
      await this.logLogin(
        username,
        'bad_password',
        meta,
        `密码错误（第 ${attempts} 次）`,
        user.id,
        user.org_id,
      );
      throw AuthErrors.loginFailed(config.loginMaxFailures - attempts);
    }
    if (user.status !== 'active') {
      await this.logLogin(username, 'disabled', meta, '账号已停用', user.id, user.org_id);
      throw AuthErrors.disabled();
    }
    if (user.is_demo && !config.demo) {
      await this.logLogin(username, 'demo_disabled', meta, '非演示模式下使用演示账号', user.id, user.org_id);
      throw AuthErrors.demoDisabled();
    }
    await this.repo.recordSuccess(user.id, now, meta.ip);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const sessionId = sha256(token);
    await this.repo.insertSession({
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + config.sessionAbsoluteHours * 3600000),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await this.logLogin(username, 'success', meta, '登录成功', user.id, user.org_id);
    const principal = await this.loadPrincipal(user.id, sessionId);
    if (!principal) throw AuthErrors.loginFailed();
    return { token, csrfToken, principal };
  }

  /** Resolves a session token into a Principal; refuses expired, idle or revoked sessions. */
  async authenticate(token: string): Promise<{ principal: Principal; csrfToken: string }> {
    const now = this.ctx.clock.now();
    const session = await this.repo.findSession(sha256(token));
    if (!session) throw AuthErrors.sessionExpired();
    if (session.revoked_at) {
      throw session.revoked_reason === 'logout' ? AuthErrors.sessionExpired() : AuthErrors.sessionRevoked();
    }
    const idleMs = this.ctx.config.sessionIdleMinutes * 60000;
    if (session.expires_at <= now || session.last_seen_at.getTime() + idleMs <= now.getTime()) {
      await this.repo.revokeSession(session.id, now, 'timeout');
      throw AuthErrors.sessionExpired();
    }
    // One write a minute at most keeps the idle clock without a write per request.
    if (now.getTime() - session.last_seen_at.getTime() > 60000) await this.repo.touchSession(session.id, now);
    const principal = await this.loadPrincipal(session.user_id, session.id);
    if (!principal) throw AuthErrors.sessionExpired();
    return { principal, csrfToken: session.csrf_token };
  }

  async logout(sessionId: string): Promise<void> {
    await this.repo.revokeSession(sessionId, this.ctx.clock.now(), 'logout');
  }

  /** Changes the user's own password under the policy; other sessions of the user end. */
  async changePassword(p: Principal, oldPassword: string, newPassword: string): Promise<void> {
    const user = await this.repo.findUserById(p.userId);
    if (!user) throw AuthErrors.sessionExpired();
    if (!(await verifyPassword(user.password_hash, oldPassword))) throw AuthErrors.wrongOldPassword();
    if (oldPassword === newPassword) throw AuthErrors.samePassword();
    const reasons = passwordViolations(newPassword, user.username);
    if (reasons.length) throw AuthErrors.weakPassword(reasons);
    const now = this.ctx.clock.now();
    await this.repo.setPassword(
      user.id,
      await hashPassword(newPassword, this.ctx.config.argon2MemoryKib),
      now,
      false,
    );
    await this.repo.revokeUserSessions(user.id, now, 'password_changed', p.sessionId);
  }

  /** Builds the Principal: permissions from active roles, data scope from roles and the organisation tree. */
  async loadPrincipal(userId: string, sessionId: string): Promise<Principal | undefined> {
    const id = await this.repo.loadIdentity(userId);
    if (!id || id.user.status !== 'active') return undefined;
    const scopes = new Set<DataScopeKind>(id.roles.map((r) => r.scope));
    const today = businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
    let regionCodes: string[] = [];
    if (id.user.org_type === 'province_bureau' && (scopes.has('city') || scopes.has('county')))
      scopes.add('all');
    if (!scopes.has('all')) {
      const set = new Set<string>();
      if (scopes.has('county'))
        for (const c of await this.repo.jurisdictionRegions(id.user.org_id, today)) set.add(c);
      if (scopes.has('city')) {
        const city = await this.repo.cityAncestor(id.user.org_id);
        if (city?.type === 'province_bureau') scopes.add('all');
        else if (city) for (const c of await this.repo.jurisdictionRegions(city.id, today)) set.add(c);
      }
      regionCodes = [...set].sort();
    }
    const maxAgeDays = this.ctx.config.passwordMaxAgeDays;
    const expired =
      maxAgeDays > 0 &&
      !id.user.is_demo &&
      id.user.password_changed_at !== null &&
      this.ctx.clock.now().getTime() - id.user.password_changed_at.getTime() > maxAgeDays * 86400000;
    return {
      userId: id.user.id,
      username: id.user.username,
      displayName: id.user.display_name,
      orgId: id.user.org_id,
      orgName: id.user.org_name,
      orgType: id.user.org_type,
      orgRegionCode: id.user.org_region_code,
      roles: id.roles.map((r) => r.code),
      permissions: new Set(id.permissions),
      scopes,
      regionCodes,
      sessionId,
      mustChangePassword: id.user.must_change_password || expired,
    };
  }
}
