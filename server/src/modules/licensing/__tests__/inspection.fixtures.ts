import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Principal } from '../../../platform/access/principal.js';
import { AuthService } from '../../../platform/auth/auth.service.js';
import { hashPassword } from '../../../platform/auth/password.js';
import type { AppContext } from '../../../platform/context.js';
import { uuidv7 } from '../../../platform/ids.js';
import {
  defineProcess,
  findProcess,
  registerProcess,
} from '../../../platform/workflow/workflow.definition.js';
import { WorkflowService } from '../../../platform/workflow/workflow.service.js';
import { DEMO_PASSWORD } from '../../../seed/demo.data.js';
import { orgIdByCode } from '../../../seed/seed.js';
import { InspectionService } from '../inspection.service.js';
import { APPLICATION_BUSINESS_TYPE } from '../licensing.rules.js';

/**
 * A stand-in for the application process in the state 实地核查, with the two actions a conclusion takes
 * (same names and permission as licensing.workflow.ts), so the inspection part is tested on its own; its
 * instances carry the business type of applications, which is what the inspection part looks up.
 */
export const STANDIN_PROCESS = defineProcess({
  key: 'lictest.inspection',
  label: '核查测试流程',
  initial: 'inspecting',
  states: {
    inspecting: {
      label: '实地核查',
      actions: {
        inspectionPassed: {
          label: '核查合格',
          to: 'testing',
          permission: 'licensing:inspect',
          requiresComment: false,
        },
        inspectionFailed: {
          label: '核查不合格（审查终止）',
          kind: 'terminate',
          to: 'inspection_failed',
          permission: 'licensing:inspect',
          requiresComment: false,
        },
      },
    },
    testing: {
      label: '产品检验',
      actions: { done: { label: '检验完成', to: 'finished', permission: 'licensing:accept' } },
    },
    finished: { label: '办结', terminal: true },
    inspection_failed: { label: '审查终止（核查不合格）', terminal: true, outcome: 'terminated' },
  },
});

if (!findProcess(STANDIN_PROCESS.key)) registerProcess(STANDIN_PROCESS);

/** Extra staff: username → organisation code (role city/county officer by the organisation's type). */
const EXTRA_USERS: Record<string, [string, string]> = {
  xa_li: ['SX-610100', 'city_officer'],
  xa_wang: ['SX-610100', 'city_officer'],
  yt_zhao: ['SX-610113', 'county_officer'],
  xc_sun: ['SX-610102', 'county_officer'],
  bj_ma: ['SX-610302', 'county_officer'],
};

/** Adds a few more bureau staff in 西安 (and one in 宝鸡) so teams and observer pools have people. */
export async function seedInspectionStaff(ctx: AppContext): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD, ctx.config.argon2MemoryKib);
  for (const [username, [orgCode, role]] of Object.entries(EXTRA_USERS)) {
    const id = uuidv7();
    await ctx.db
      .insertInto('app_user')
      .values({
        id,
        username,
        display_name: username,
        org_id: await orgIdByCode(ctx, orgCode),
        phone: null,
        email: null,
        password_hash: hash,
        must_change_password: false,
        password_changed_at: ctx.clock.now(),
        created_by: null,
        updated_by: null,
      })
      .execute();
    const r = await ctx.db.selectFrom('role').select('id').where('code', '=', role).executeTakeFirstOrThrow();
    await ctx.db.insertInto('user_role').values({ user_id: id, role_id: r.id }).execute();
  }
}

/** The Principal of a user, as the auth hook builds it. */
export async function principalOf(ctx: AppContext, username: string): Promise<Principal> {
  const u = await userIdOf(ctx, username);
  const p = await new AuthService(ctx).loadPrincipal(u, 'test');
  if (!p) throw new Error(`no principal for ${username}`);
  return p;
}

export async function userIdOf(ctx: AppContext, username: string): Promise<string> {
  const r = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface OpenedTask {
  taskId: string;
  applicationId: string;
  instanceId: string;
}

/**
 * Opens a task as the application part would (InspectionService.openTask, by the province officer), with a
 * stand-in process instance in 实地核查 for the same application. Default: 西安秦风电器 (新城区).
 */
export async function openTask(
  ctx: AppContext,
  opts: { regionCode?: string; enterpriseCode?: string; productUnitId?: string; withInstance?: boolean } = {},
): Promise<OpenedTask> {
  const sheng = await principalOf(ctx, 'sheng');
  const qiye = await principalOf(ctx, 'qiye');
  const applicationId = uuidv7();
  const regionCode = opts.regionCode ?? '610102';
  const svc = new InspectionService(ctx);
  const enterpriseOrgId = await orgIdByCode(ctx, opts.enterpriseCode ?? 'ENT-QINFENG');
  const provinceOrgId = await orgIdByCode(ctx, 'SX-610000');
  // Nothing but the transaction inside it: PGlite has one connection.
  const { taskId, instanceId } = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await svc.openTask(trx, sheng, {
      applicationId,
      regionCode,
      enterpriseOrgId,
      productUnitId: opts.productUnitId ?? uuidv7(),
    });
    let instanceId = '';
    if (opts.withInstance !== false) {
      const inst = await new WorkflowService(ctx).start(trx, qiye, {
        processKey: STANDIN_PROCESS.key,
        businessType: APPLICATION_BUSINESS_TYPE,
        businessId: applicationId,
        title: '测试核查申请',
        regionCode,
        orgId: provinceOrgId,
      });
      instanceId = inst.id;
    }
    return { taskId: id, instanceId };
  });
  return { taskId, applicationId, instanceId };
}

/** Id of the published version of a template code. */
export async function publishedTemplateId(ctx: AppContext, code: string): Promise<string> {
  const r = await ctx.db
    .selectFrom('licensing_checklist_template')
    .select('id')
    .where('code', '=', code)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const CLEAR = { employed: false, consulted: false, related: false, other: false };

/** Asserts an error reply: status, code and (optionally) field, with a Chinese message. */
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
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
}

/** Asserts a 200 reply and returns its JSON. */
export function ok<T = unknown>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}
