import type { Static } from '@sinclair/typebox';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../../test/harness.js';
import type { CreateUserReply } from '../users.schemas.js';

/** Polls until the check passes (for effects that land after the reply). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Asserts an error reply: status, code and (optionally) field. */
export function expectError(
  res: LightMyRequestResponse,
  status: number,
  code?: string,
  field?: string,
): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ code: string; message: string; field?: string }>();
  if (code) expect(body.code).toBe(code);
  if (field !== undefined) expect(body.field).toBe(field);
  expect(typeof body.message).toBe('string');
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
}

/** Asserts a 200 reply and returns its JSON. */
export function ok<T = unknown>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}

/** Id of a demo organisation by code. */
export async function orgId(t: TestApp, code: string): Promise<string> {
  const r = await t.ctx.db
    .selectFrom('organization')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Id of a user by username. */
export async function userId(t: TestApp, username: string): Promise<string> {
  const r = await t.ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Id of a role by code. */
export async function roleId(t: TestApp, code: string): Promise<string> {
  const r = await t.ctx.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}

export const NEW_PASSWORD = 'Changed#2026x';

/** Logs in with a one-time password and changes it, as a new user must; returns the usable session. */
export async function loginAndChange(t: TestApp, username: string, oneTime: string): Promise<Session> {
  const s = await t.login(username, oneTime);
  ok(await s.post('/api/auth/password', { oldPassword: oneTime, newPassword: NEW_PASSWORD }));
  return s;
}

/** Creates a user through the API as sysadmin; returns its id and one-time password. */
export async function createUser(
  sys: Session,
  body: { username: string; displayName?: string; orgId: string; phone?: string },
): Promise<{ id: string; password: string }> {
  const r = ok<Static<typeof CreateUserReply>>(
    await sys.post('/api/system/users', { displayName: body.username, ...body }),
  );
  return { id: r.user.id, password: r.initialPassword ?? '' };
}
