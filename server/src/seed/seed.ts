import { randomBytes } from 'node:crypto';
import { SHAANXI_REGIONS } from '../modules/org/regions.data.js';
import { PERMISSIONS } from '../platform/access/permission-catalogue.js';
import { hashPassword } from '../platform/auth/password.js';
import type { AppContext } from '../platform/context.js';
import type { OrgType } from '../platform/db/schema.js';
import { uuidv7 } from '../platform/ids.js';
import { BUILTIN_ROLES } from './roles.data.js';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demo.data.js';
import { seedCalendar } from '../platform/calendar/calendar.seed.js';
import { seedSystemBase } from '../modules/system/system.seed.js';
import { seedLicensingCatalogue } from '../modules/licensing/catalogue.seed.js';
import { seedChecklistTemplates } from '../modules/licensing/checklist.templates.seed.js';

/**
 * Base data owned by platform parts and modules, run by seedBase after the core data, in this order.
 * Each must be idempotent (it runs at every start). A module adds its seeder here.
 */
const BASE_SEEDERS: Array<[name: string, run: (ctx: AppContext) => Promise<void>]> = [
  ['calendar', seedCalendar],
  ['system', seedSystemBase],
  ['licensing-catalogue', seedLicensingCatalogue],
  ['licensing-checklist-templates', seedChecklistTemplates],
];

// City-level supervision units: 10 设区市 plus 杨凌示范区 and 韩城, per regions.md §4–5.
// 西安 etc. supervise their whole city; 杨凌 supervises 杨陵区 and 韩城 supervises 韩城市, which are therefore
// left out of 咸阳's and 渭南's jurisdiction. This split is 【待确认】 and editable as data (org_jurisdiction).
export const CITY_UNITS: Array<{
  code: string;
  name: string;
  region: string;
  only?: string[];
  except?: string[];
}> = [
  { code: 'SX-610100', name: '西安市市场监督管理局', region: '610100' },
  { code: 'SX-610200', name: '铜川市市场监督管理局', region: '610200' },
  { code: 'SX-610300', name: '宝鸡市市场监督管理局', region: '610300' },
  { code: 'SX-610400', name: '咸阳市市场监督管理局', region: '610400', except: ['610403'] },
  { code: 'SX-610500', name: '渭南市市场监督管理局', region: '610500', except: ['610581'] },
  { code: 'SX-610600', name: '延安市市场监督管理局', region: '610600' },
  { code: 'SX-610700', name: '汉中市市场监督管理局', region: '610700' },
  { code: 'SX-610800', name: '榆林市市场监督管理局', region: '610800' },
  { code: 'SX-610900', name: '安康市市场监督管理局', region: '610900' },
  { code: 'SX-611000', name: '商洛市市场监督管理局', region: '611000' },
  { code: 'SX-YANGLING', name: '杨凌示范区市场监督管理局', region: '610403', only: ['610403'] },
  { code: 'SX-HANCHENG', name: '韩城市市场监督管理局', region: '610581', only: ['610581'] },
];

export const PROVINCE_ORG_CODE = 'SX-610000';

/** Id of an organisation by its stable code. */
export async function orgIdByCode(ctx: AppContext, code: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('organization')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensureOrg(
  ctx: AppContext,
  o: {
    code: string;
    name: string;
    type: OrgType;
    region: string;
    parentCode: string | null;
    creditCode?: string;
    sort?: number;
  },
): Promise<string> {
  const existing = await ctx.db
    .selectFrom('organization')
    .select('id')
    .where('code', '=', o.code)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = uuidv7();
  await ctx.db
    .insertInto('organization')
    .values({
      id,
      code: o.code,
      name: o.name,
      type: o.type,
      region_code: o.region,
      parent_id: o.parentCode ? await orgIdByCode(ctx, o.parentCode) : null,
      credit_code: o.creditCode ?? null,
      sort: o.sort ?? 0,
    })
    .execute();
  return id;
}

/** Idempotent base data every installation needs: regions, permissions, built-in roles, province and city units. */
export async function seedBase(ctx: AppContext): Promise<void> {
  const { db } = ctx;
  await db
    .insertInto('region')
    .values(
      SHAANXI_REGIONS.map((r, i) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parent_code: r.parent,
        kind: r.kind,
        valid_from: null,
        valid_to: null,
        predecessor_code: r.predecessor ?? null,
        note: r.unverified ? '※ 区划调整项，待用民政部最新代码核对' : null,
        sort: i,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (const [i, p] of PERMISSIONS.entries()) {
    await db
      .insertInto('permission')
      .values({ code: p.code, module: p.module, name: p.name, sort: i })
      .onConflict((oc) => oc.column('code').doUpdateSet({ module: p.module, name: p.name, sort: i }))
      .execute();
  }
  for (const [i, r] of BUILTIN_ROLES.entries()) {
    let role = await db.selectFrom('role').select('id').where('code', '=', r.code).executeTakeFirst();
    if (!role) {
      role = { id: uuidv7() };
      await db
        .insertInto('role')
        .values({
          id: role.id,
          code: r.code,
          name: r.name,
          description: r.description,
          data_scope: r.scope,
          builtin: true,
          sort: i,
        })
        .execute();
    }
    // Built-in roles gain codes added by later releases; codes an administrator removed stay removed only
    // for custom roles.
    for (const code of r.permissions) {
      await db
        .insertInto('role_permission')
        .values({ role_id: role.id, permission_code: code })
        .onConflict((oc) => oc.columns(['role_id', 'permission_code']).doNothing())
        .execute();
    }
  }
  await ensureOrg(ctx, {
    code: PROVINCE_ORG_CODE,
    name: '陕西省市场监督管理局',
    type: 'province_bureau',
    region: '610000',
    parentCode: null,
  });
  for (const [i, c] of CITY_UNITS.entries()) {
    const id = await ensureOrg(ctx, {
      code: c.code,
      name: c.name,
      type: 'city_bureau',
      region: c.region,
      parentCode: PROVINCE_ORG_CODE,
      sort: i,
    });
    const has = await db
      .selectFrom('org_jurisdiction')
      .select('org_id')
      .where('org_id', '=', id)
      .executeTakeFirst();
    if (has) continue;
    const codes =
      c.only ??
      SHAANXI_REGIONS.filter((r) => r.code === c.region || r.parent === c.region)
        .map((r) => r.code)
        .filter((x) => !c.except?.includes(x));
    await db
      .insertInto('org_jurisdiction')
      .values(codes.map((code) => ({ org_id: id, region_code: code, valid_from: null, valid_to: null })))
      .execute();
  }
  for (const [, run] of BASE_SEEDERS) await run(ctx);
}

async function roleId(ctx: AppContext, code: string): Promise<string> {
  return (await ctx.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function createUser(
  ctx: AppContext,
  u: {
    username: string;
    displayName: string;
    orgCode: string;
    roles: string[];
    password: string;
    demo: boolean;
    mustChange: boolean;
    phone?: string;
  },
): Promise<string> {
  const id = uuidv7();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('app_user')
    .values({
      id,
      username: u.username,
      display_name: u.displayName,
      org_id: await orgIdByCode(ctx, u.orgCode),
      phone: u.phone ?? null,
      email: null,
      password_hash: await hashPassword(u.password, ctx.config.argon2MemoryKib),
      is_demo: u.demo,
      must_change_password: u.mustChange,
      password_changed_at: now,
    })
    .execute();
  for (const r of u.roles)
    await ctx.db
      .insertInto('user_role')
      .values({ user_id: id, role_id: await roleId(ctx, r) })
      .execute();
  return id;
}

/**
 * First start: in demo mode, the demo province with a user for every role (README lists them);
 * otherwise only the three administrators, each with a random one-time password printed once.
 */
export async function seedInitial(
  ctx: AppContext,
): Promise<{ created: boolean; initialPasswords?: Record<string, string> }> {
  const any = await ctx.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (any) return { created: false };
  if (ctx.config.demo) {
    for (const o of DEMO_ORGS) await ensureOrg(ctx, o);
    for (const u of DEMO_USERS)
      await createUser(ctx, { ...u, password: DEMO_PASSWORD, demo: true, mustChange: false });
    return { created: true };
  }
  const initialPasswords: Record<string, string> = {};
  for (const [username, displayName, role] of [
    ['sysadmin', '系统管理员', 'sysadmin'],
    ['secadmin', '安全管理员', 'secadmin'],
    ['auditadmin', '审计管理员', 'auditadmin'],
  ] as const) {
    const pw = `Init-${randomBytes(9).toString('base64url')}9a`;
    initialPasswords[username] = pw;
    await createUser(ctx, {
      username,
      displayName,
      orgCode: PROVINCE_ORG_CODE,
      roles: [role],
      password: pw,
      demo: false,
      mustChange: true,
    });
  }
  return { created: true, initialPasswords };
}
