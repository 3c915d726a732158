import { randomInt } from 'node:crypto';
import type { Principal } from '../../platform/access/principal.js';
import { hashPassword } from '../../platform/auth/password.js';
import { passwordViolations } from '../../platform/auth/password.rules.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { appendAudit } from '../../platform/audit/audit.service.js';
import { ParamsService } from './params.service.js';
import { ADMIN_SETS, foreignAdminSets, scopeWidening, separationViolation } from './separation.rules.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';
import { generateOneTimePassword, isValidUserPhone } from './system.rules.js';
import { UsersRepository, type UserFilter, type UserRoleRow, type UserRow } from './users.repository.js';

export type UserWithRoles = UserRow & { roles: UserRoleRow[] };

export interface CreateUserInput {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  password?: string | undefined;
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  orgId?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

const DEFAULT_GENERATED_LENGTH = 12;

/** Empty strings clear an optional contact field. */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/** User administration (RuoYi 用户管理) under 三员分立 and the caller's data scope. */
export class UsersService {
  private readonly params: ParamsService;
  constructor(private readonly ctx: AppContext) {
    this.params = new ParamsService(ctx);
  }

  private repo(db: Database = this.ctx.db) {
    return new UsersRepository(db);
  }

  private async withRoles(repo: UsersRepository, rows: UserRow[]): Promise<UserWithRoles[]> {
    const roles = await repo.rolesOf(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, roles: roles.filter((x) => x.user_id === r.id) }));
  }

  private async detailIn(repo: UsersRepository, p: Principal, id: string): Promise<UserWithRoles> {
    const row = await repo.findVisible(p, id);
    if (!row) throw SystemErrors.userNotFound();
    return (await this.withRoles(repo, [row]))[0]!;
  }

  /** 三员分立: refuses an action on an account holding another administrator set than the actor's. */
  private async guardAdminTarget(repo: UsersRepository, p: Principal, id: string): Promise<void> {
    const roleIds = (await repo.rolesOf([id])).map((r) => r.id);
    const foreign = foreignAdminSets(p.permissions, await repo.permissionsOfRoles(roleIds));
    if (foreign.length) throw SystemErrors.adminAccountProtected(foreign.map((s) => ADMIN_SETS[s].name));
  }

  private async generatedPassword(username: string): Promise<string> {
    const length = await this.params.intValue('user.generatedPasswordLength', DEFAULT_GENERATED_LENGTH);
    for (;;) {
      const pw = generateOneTimePassword(length, randomInt);
      if (passwordViolations(pw, username).length === 0) return pw;
    }
  }

  /** Paged list within the data scope (keyword, organisation subtree, status, role). */
  async list(p: Principal, f: UserFilter, q: ListQuery): Promise<Page<UserWithRoles>> {
    need(p, 'user:list');
    const repo = this.repo();
    const page = await repo.list(p, f, q);
    return { ...page, items: await this.withRoles(repo, page.items) };
  }

  /** One user within the data scope. */
  async get(p: Principal, id: string): Promise<UserWithRoles> {
    need(p, 'user:list');
    return this.detailIn(this.repo(), p, id);
  }

  /** Creates a user who must change the password at first login; returns a generated password once. */
  async create(
    p: Principal,
    input: CreateUserInput,
  ): Promise<{ user: UserWithRoles; initialPassword: string | null }> {
    need(p, 'user:write');
    const phone = blankToNull(input.phone) ?? null;
    if (phone && !isValidUserPhone(phone)) throw SystemErrors.phoneInvalid();
    let initialPassword: string | null = null;
    let password = input.password;
    if (password !== undefined) {
      const reasons = passwordViolations(password, input.username);
      if (reasons.length) throw SystemErrors.passwordPolicy(reasons);
    } else {
      password = initialPassword = await this.generatedPassword(input.username);
    }
    const hash = await hashPassword(password, this.ctx.config.argon2MemoryKib);
    const now = this.ctx.clock.now();
    const id = uuidv7();
    const user = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (await repo.usernameExists(input.username)) throw SystemErrors.usernameTaken(input.username);
      if (!(await repo.findUsableOrg(p, input.orgId))) throw SystemErrors.orgUnavailable();
      await repo.insert({
        id,
        username: input.username,
        display_name: input.displayName.trim(),
        org_id: input.orgId,
        phone,
        email: blankToNull(input.email) ?? null,
        password_hash: hash,
        must_change_password: true,
        password_changed_at: now,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
      return this.detailIn(repo, p, id);
    });
    return { user, initialPassword };
  }

  /** Edits name, organisation (within scope) and contact details. */
  async update(p: Principal, id: string, input: UpdateUserInput): Promise<UserWithRoles> {
    need(p, 'user:write');
    const phone = blankToNull(input.phone);
    if (phone && !isValidUserPhone(phone)) throw SystemErrors.phoneInvalid();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.findVisible(p, id);
      if (!current) throw SystemErrors.userNotFound();
      if (id !== p.userId) await this.guardAdminTarget(repo, p, id);
      if (input.orgId && input.orgId !== current.org_id && !(await repo.findUsableOrg(p, input.orgId)))
        throw SystemErrors.orgUnavailable();
      await repo.update(id, {
        ...(input.displayName !== undefined ? { display_name: input.displayName.trim() } : {}),
        ...(input.orgId !== undefined ? { org_id: input.orgId } : {}),
        ...(phone !== undefined ? { phone } : {}),
        ...(input.email !== undefined ? { email: blankToNull(input.email) ?? null } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
      return this.detailIn(repo, p, id);
    });
  }

  /** Disables (and ends every session of) or re-enables a user; nobody disables their own account. */
  async setStatus(p: Principal, id: string, status: 'active' | 'disabled'): Promise<UserWithRoles> {
    need(p, 'user:write');
    if (status === 'disabled' && id === p.userId) throw SystemErrors.selfDisable();
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.findVisible(p, id))) throw SystemErrors.userNotFound();
      await this.guardAdminTarget(repo, p, id);
      await repo.update(id, { status, updated_at: now, updated_by: p.userId });
      if (status === 'disabled') await repo.revokeSessions(id, now, 'disabled');
      return this.detailIn(repo, p, id);
    });
  }

  /** Sets a new one-time password the user must change at next login; their sessions end. */
  async resetPassword(p: Principal, id: string): Promise<{ password: string }> {
    need(p, 'user:write');
    const target = await this.repo().findVisible(p, id);
    if (!target) throw SystemErrors.userNotFound();
    await this.guardAdminTarget(this.repo(), p, id);
    const password = await this.generatedPassword(target.username);
    const hash = await hashPassword(password, this.ctx.config.argon2MemoryKib);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.findVisible(p, id))) throw SystemErrors.userNotFound();
      await repo.update(id, {
        password_hash: hash,
        must_change_password: true,
        password_changed_at: now,
        updated_at: now,
        updated_by: p.userId,
      });
      await repo.revokeSessions(id, now, 'password_reset');
    });
    return { password };
  }

  /**
   * Operator recovery from the command line (`user:reset-password`), for an administrator account nobody
   * else may reset (三员分立): new one-time password, lockout lifted, sessions ended, audited as the CLI.
   */
  async recoverByOperator(username: string): Promise<{ password: string } | undefined> {
    const target = await this.repo().findByUsername(username);
    if (!target) return undefined;
    const password = await this.generatedPassword(target.username);
    const hash = await hashPassword(password, this.ctx.config.argon2MemoryKib);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.update(target.id, {
        password_hash: hash,
        must_change_password: true,
        password_changed_at: now,
        failed_attempts: 0,
        locked_until: null,
        status: 'active',
        updated_at: now,
        updated_by: null,
      });
      await repo.revokeSessions(target.id, now, 'password_reset');
    });
    await appendAudit(this.ctx, {
      username: 'cli',
      action: '命令行恢复账号密码',
      targetType: 'user',
      targetId: target.id,
      result: 'success',
      detail: { username: target.username },
    });
    return { password };
  }

  /** Lifts a lockout after repeated password failures (security administrator). */
  async unlock(p: Principal, id: string): Promise<UserWithRoles> {
    need(p, 'user:unlock');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.findVisible(p, id))) throw SystemErrors.userNotFound();
      await repo.update(id, {
        failed_attempts: 0,
        locked_until: null,
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
      return this.detailIn(repo, p, id);
    });
  }

  /**
   * Replaces a user's roles (security administrator). 三员分立: nobody changes their own roles, and the
   * user's resulting permissions may not combine two administrator sets.
   */
  async assignRoles(p: Principal, id: string, roleIds: string[]): Promise<UserWithRoles> {
    need(p, 'user:assign-role');
    if (id === p.userId) throw SystemErrors.selfRoleChange();
    const ids = [...new Set(roleIds)];
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.findVisible(p, id))) throw SystemErrors.userNotFound();
      const roles = await repo.rolesByIds(ids);
      const usable = new Set(roles.filter((r) => r.status === 'active').map((r) => r.id));
      const bad = ids.filter((x) => !usable.has(x));
      if (bad.length) throw SystemErrors.roleUnknown(bad);
      const wider = scopeWidening(
        p.scopes,
        roles.map((r) => r.data_scope),
      );
      if (wider) throw SystemErrors.scopeWidening(wider, 'roleIds');
      const v = separationViolation(await repo.permissionsOfRoles(ids));
      if (v) throw SystemErrors.separationField(v.message, 'roleIds', { sets: v.sets, codes: v.codes });
      await repo.replaceRoles(id, ids);
      await repo.update(id, { updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return this.detailIn(repo, p, id);
    });
  }
}
