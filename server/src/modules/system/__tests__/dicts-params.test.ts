import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/documents/xlsx.js';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { expectError, ok } from './helpers.js';
import type * as T from './types.js';

const UNKNOWN = '01890000-0000-7000-8000-000000000000';

describe('/api/system/dicts', () => {
  let t: TestApp;
  let sys: Session;
  let qiye: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sys = await t.login('sysadmin');
    qiye = await t.login('qiye');
  });
  afterAll(async () => t.close());

  it('seeds the base dictionaries idempotently', async () => {
    const r = ok<T.DictTypePage>(await sys.get('/api/system/dicts?pageSize=100'));
    expect(r.items.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        'sys_user_status',
        'sys_org_type',
        'sys_data_scope',
        'sys_yes_no',
        'sys_notice_type',
      ]),
    );
    expect(r.items.find((d) => d.code === 'sys_org_type')).toMatchObject({
      builtin: true,
      itemCount: 8,
    });
    // A second seeding run changes nothing.
    const { seedBase } = await import('../../../seed/seed.js');
    await seedBase(t.ctx);
    expect(ok<T.DictTypeItem>(await sys.get('/api/system/dicts/sys_org_type')).itemCount).toBe(8);
  });

  it('GET /:code/items serves the active items to any logged-in user (forms)', async () => {
    const r = ok<T.DictItemsReply>(await qiye.get('/api/system/dicts/sys_user_status/items'));
    expect(r.name).toBe('用户状态');
    expect(r.items.map((i) => [i.value, i.label, i.tagColor])).toEqual([
      ['active', '正常', 'green'],
      ['disabled', '停用', 'red'],
    ]);
    // Disabled items need dict:list, which the operations role lacks.
    const ops = await t.login('yunwei');
    ok<T.DictItemsReply>(await ops.get('/api/system/dicts/sys_user_status/items'));
    expectError(
      await ops.get('/api/system/dicts/sys_user_status/items?includeDisabled=true'),
      403,
      'FORBIDDEN',
    );
    expectError(await qiye.get('/api/system/dicts/no_such_dict/items'), 404, 'DICT_TYPE_NOT_FOUND');
    expectError(await qiye.get('/api/system/dicts/Bad-Code/items'), 400, 'VALIDATION', 'code');
  });

  it('lists, filters and exports types', async () => {
    expect(
      ok<T.DictTypePage>(await sys.get('/api/system/dicts?keyword=公告')).items.map((d) => d.code),
    ).toEqual(['sys_notice_type', 'sys_notice_status']);
    expectError(await sys.get('/api/system/dicts?sort=remark'), 400, 'SORT_FIELD_INVALID', 'sort');
    const rows = await readXlsx((await sys.get('/api/system/dicts?format=xlsx')).rawPayload);
    expect(rows[0]).toEqual(['字典编码', '字典名称', '字典项数', '内置', '状态', '备注']);
  });

  it('creates, edits and deletes a custom type with items', async () => {
    const type = ok<T.DictTypeItem>(
      await sys.post('/api/system/dicts', { code: 'product_class', name: '产品类别', remark: '测试' }),
    );
    expect(type).toMatchObject({ code: 'product_class', builtin: false, itemCount: 0, status: 'active' });
    const item = ok<T.DictItem>(
      await sys.post('/api/system/dicts/product_class/items', {
        value: 'wire',
        label: '电线电缆',
        tagColor: '#1677ff',
      }),
    );
    const item2 = ok<T.DictItem>(
      await sys.post('/api/system/dicts/product_class/items', {
        value: 'ebike',
        label: '电动自行车',
        sort: 1,
      }),
    );
    const edited = ok<T.DictItem>(
      await sys.put(`/api/system/dicts/product_class/items/${item.id}`, {
        label: '电线',
        status: 'disabled',
      }),
    );
    expect(edited).toMatchObject({ value: 'wire', label: '电线', status: 'disabled' });
    expect(
      ok<T.DictItemsReply>(await qiye.get('/api/system/dicts/product_class/items')).items.map((i) => i.value),
    ).toEqual(['ebike']);
    expect(
      ok<T.DictItemsReply>(await sys.get('/api/system/dicts/product_class/items?includeDisabled=true')).items,
    ).toHaveLength(2);
    ok<T.DictTypeItem>(
      await sys.put('/api/system/dicts/product_class', { name: '产品类别（改）', status: 'disabled' }),
    );
    expect(ok<T.DictItemsReply>(await qiye.get('/api/system/dicts/product_class/items')).items).toEqual([]);
    ok<T.OkReply>(await sys.del(`/api/system/dicts/product_class/items/${item2.id}`));
    expect(ok<T.DictTypeItem>(await sys.get('/api/system/dicts/product_class')).itemCount).toBe(1);
    ok<T.OkReply>(await sys.del('/api/system/dicts/product_class'));
    expectError(await sys.get('/api/system/dicts/product_class'), 404, 'DICT_TYPE_NOT_FOUND');
  });

  it('answers 400 / 404 / 409 with the field', async () => {
    expectError(await sys.post('/api/system/dicts', { code: 'Bad', name: 'x' }), 400, 'VALIDATION', 'code');
    expectError(await sys.post('/api/system/dicts', { code: 'ok_code' }), 400, 'VALIDATION', 'name');
    expectError(
      await sys.post('/api/system/dicts', { code: 'sys_yes_no', name: '重复' }),
      409,
      'DICT_TYPE_TAKEN',
      'code',
    );
    expectError(await sys.put('/api/system/dicts/sys_yes_no', { status: 'x' }), 400, 'VALIDATION', 'status');
    expectError(await sys.put('/api/system/dicts/nope_dict', { name: 'x' }), 404, 'DICT_TYPE_NOT_FOUND');
    expectError(await sys.del('/api/system/dicts/sys_yes_no'), 409, 'DICT_BUILTIN');
    expectError(await sys.del('/api/system/dicts/nope_dict'), 404, 'DICT_TYPE_NOT_FOUND');
    expectError(await sys.del('/api/system/dicts/BAD'), 400, 'VALIDATION', 'code');
    expectError(
      await sys.post('/api/system/dicts/sys_yes_no/items', { value: 'true', label: '重复' }),
      409,
      'DICT_VALUE_TAKEN',
      'value',
    );
    expectError(
      await sys.post('/api/system/dicts/sys_yes_no/items', { value: 'x' }),
      400,
      'VALIDATION',
      'label',
    );
    expectError(
      await sys.post('/api/system/dicts/sys_yes_no/items', { value: 'x', label: 'x', tagColor: 'red;' }),
      400,
      'VALIDATION',
      'tagColor',
    );
    expectError(
      await sys.post('/api/system/dicts/nope_dict/items', { value: 'x', label: 'x' }),
      404,
      'DICT_TYPE_NOT_FOUND',
    );
    const builtinItem = ok<T.DictItemsReply>(await sys.get('/api/system/dicts/sys_yes_no/items')).items[0]!;
    // Built-in items may be relabelled, not revalued or deleted.
    expect(
      ok<T.DictItem>(await sys.put(`/api/system/dicts/sys_yes_no/items/${builtinItem.id}`, { label: '是的' }))
        .label,
    ).toBe('是的');
    expectError(
      await sys.put(`/api/system/dicts/sys_yes_no/items/${builtinItem.id}`, { value: 'yes' }),
      409,
      'DICT_BUILTIN',
    );
    expectError(await sys.del(`/api/system/dicts/sys_yes_no/items/${builtinItem.id}`), 409, 'DICT_BUILTIN');
    expectError(
      await sys.put(`/api/system/dicts/sys_yes_no/items/${UNKNOWN}`, { label: 'x' }),
      404,
      'DICT_ITEM_NOT_FOUND',
    );
    expectError(
      await sys.put('/api/system/dicts/sys_yes_no/items/zz', { label: 'x' }),
      400,
      'VALIDATION',
      'id',
    );
    expectError(await sys.del(`/api/system/dicts/sys_yes_no/items/${UNKNOWN}`), 404, 'DICT_ITEM_NOT_FOUND');
  });
});

describe('/api/system/params', () => {
  let t: TestApp;
  let sys: Session;
  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: 10000 } });
    sys = await t.login('sysadmin');
  });
  afterAll(async () => t.close());

  it('documents the effective environment settings as read-only parameters', async () => {
    const idle = ok<T.ParamItem>(await sys.get('/api/system/params/security.sessionIdleMinutes'));
    expect(idle).toMatchObject({
      value: String(t.ctx.config.sessionIdleMinutes),
      valueType: 'int',
      editable: false,
    });
    expect(idle.remark).toContain('SESSION_IDLE_MINUTES');
    expect(idle.remark).toContain('只读');
    const age = ok<T.ParamItem>(await sys.get('/api/system/params/security.passwordMaxAgeDays'));
    expect(age).toMatchObject({ value: String(t.ctx.config.passwordMaxAgeDays), editable: false });
    const r = await sys.put('/api/system/params/security.sessionIdleMinutes', { value: '60' });
    expectError(r, 409, 'PARAM_READONLY', 'value');
    // A restart with another environment value refreshes the documentation.
    const before = t.ctx.config.sessionIdleMinutes;
    t.ctx.config.sessionIdleMinutes = 20;
    const { seedBase } = await import('../../../seed/seed.js');
    await seedBase(t.ctx);
    t.ctx.config.sessionIdleMinutes = before;
    expect(ok<T.ParamItem>(await sys.get('/api/system/params/security.sessionIdleMinutes')).value).toBe('20');
  });

  it('lists, filters and exports parameters', async () => {
    const r = ok<T.ParamPage>(await sys.get('/api/system/params?keyword=security.&pageSize=50'));
    expect(r.items.every((p) => p.key.startsWith('security.'))).toBe(true);
    expect(r.total).toBe(5);
    expectError(await sys.get('/api/system/params?sort=value'), 400, 'SORT_FIELD_INVALID', 'sort');
    const rows = await readXlsx((await sys.get('/api/system/params?format=xlsx')).rawPayload);
    expect(rows[0]!.slice(0, 4)).toEqual(['参数键', '参数名称', '参数值', '值类型']);
  });

  it('edits typed parameters and checks the value against its type', async () => {
    const p = ok<T.ParamItem>(
      await sys.put('/api/system/params/user.generatedPasswordLength', { value: ' 16 ' }),
    );
    expect(p).toMatchObject({ value: '16', updatedBy: 'sysadmin' });
    // The generated password follows the parameter.
    const xian = await t.ctx.db
      .selectFrom('organization')
      .select('id')
      .where('code', '=', 'SX-610100')
      .executeTakeFirstOrThrow();
    const u = ok<T.CreateUserReply>(
      await sys.post('/api/system/users', { username: 'len16', displayName: 'x', orgId: xian.id }),
    );
    expect(u.initialPassword).toHaveLength(16);
    expectError(
      await sys.put('/api/system/params/user.generatedPasswordLength', { value: '8' }),
      400,
      'PARAM_VALUE_INVALID',
      'value',
    );
    expectError(
      await sys.put('/api/system/params/user.generatedPasswordLength', { value: 'abc' }),
      400,
      'PARAM_VALUE_INVALID',
      'value',
    );
    expectError(
      await sys.put('/api/system/params/notice.popupUnreadOnLogin', { value: 'yes' }),
      400,
      'PARAM_VALUE_INVALID',
      'value',
    );
    expect(
      ok<T.ParamItem>(await sys.put('/api/system/params/notice.popupUnreadOnLogin', { value: 'false' }))
        .value,
    ).toBe('false');
    expect(
      ok<T.ParamItem>(await sys.put('/api/system/params/sys.platformName', { value: '测试平台' })).value,
    ).toBe('测试平台');
    expectError(await sys.put('/api/system/params/sys.platformName', {}), 400, 'VALIDATION', 'value');
    expectError(await sys.put('/api/system/params/no.such', { value: '1' }), 404, 'PARAM_NOT_FOUND');
    expectError(await sys.get('/api/system/params/no.such'), 404, 'PARAM_NOT_FOUND');
  });
});
