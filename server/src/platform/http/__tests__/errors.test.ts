import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.js';
import { AppError } from '../../errors.js';
import { installErrorHandler, translatePgError } from '../error-handler.js';

describe('one error model', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ demo: false });
  });
  afterAll(async () => t.close());

  const pgError = async (statement: ReturnType<typeof sql>) => {
    try {
      await statement.execute(t.ctx.db);
    } catch (e) {
      return e as { code?: string };
    }
    throw new Error('statement did not fail');
  };

  it('translates unique, foreign-key, check and not-null violations from the real database', async () => {
    const dup = await pgError(sql`insert into region(code, name, level) values ('610000', '重复', 1)`);
    expect(translatePgError(dup)).toMatchObject({ status: 409, code: 'DUPLICATE' });
    const fk = await pgError(
      sql`insert into region(code, name, level, parent_code) values ('699999', 'x', 3, '688888')`,
    );
    expect(translatePgError(fk)).toMatchObject({ status: 409, code: 'REFERENCE_INVALID' });
    const check = await pgError(sql`insert into region(code, name, level) values ('699998', 'x', 9)`);
    expect(translatePgError(check)).toMatchObject({ status: 400, code: 'CHECK_VIOLATION' });
    const nn = await pgError(sql`insert into region(code, level) values ('699997', 3)`);
    expect(translatePgError(nn)).toMatchObject({ status: 400, code: 'REQUIRED', field: 'name' });
    const tooLong = await pgError(sql`insert into region(code, name, level) values ('6999999', 'x', 3)`);
    expect(translatePgError(tooLong)).toMatchObject({ status: 400, code: 'VALUE_TOO_LONG' });
    expect(translatePgError({ code: 'XX000' })).toBeUndefined();
  });

  it('answers every failure with code, Chinese message, field and request id — never a stack', async () => {
    const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
    installErrorHandler(app);
    app.post(
      '/v',
      {
        schema: {
          body: Type.Object({ name: Type.String({ minLength: 2 }), age: Type.Integer({ minimum: 0 }) }),
        },
      },
      async () => ({ ok: true }),
    );
    app.get('/domain', async () => {
      throw new AppError('LICENCE_NUMBER_VOIDED', 409, '证书编号已作废，不能再次使用', 'licenceNo');
    });
    app.get('/crash', async () => {
      throw new Error('secret internal detail');
    });
    app.get('/pg', async () => {
      await sql`insert into region(code, name, level) values ('610000', '重复', 1)`.execute(t.ctx.db);
    });
    await app.ready();

    const missing = await app.inject({ method: 'POST', url: '/v', payload: { age: 1 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION', field: 'name' });
    expect(missing.json().message).toMatch(/缺少必填项/);
    const short = await app.inject({ method: 'POST', url: '/v', payload: { name: 'a', age: 1 } });
    expect(short.json()).toMatchObject({ field: 'name' });
    expect(short.json().message).toContain('长度不能少于 2');
    const badJson = await app.inject({
      method: 'POST',
      url: '/v',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().message).toMatch(/JSON/);

    const domain = await app.inject({ method: 'GET', url: '/domain' });
    expect(domain.statusCode).toBe(409);
    expect(domain.json()).toMatchObject({ code: 'LICENCE_NUMBER_VOIDED', field: 'licenceNo' });

    const crash = await app.inject({ method: 'GET', url: '/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.body).not.toContain('secret');
    expect(crash.body).not.toContain('at ');
    expect(crash.json().requestId).toBeTruthy();

    const pg = await app.inject({ method: 'GET', url: '/pg' });
    expect(pg.statusCode).toBe(409);
    expect(pg.json().code).toBe('DUPLICATE');

    const nf = await app.inject({ method: 'GET', url: '/nope' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().message).toContain('接口不存在');
    await app.close();
  });
});
