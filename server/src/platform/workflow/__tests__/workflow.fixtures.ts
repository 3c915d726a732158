import type { Principal } from '../../access/principal.js';
import { AuthService } from '../../auth/auth.service.js';
import { hashPassword } from '../../auth/password.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { uuidv7 } from '../../ids.js';
import { DEMO_PASSWORD } from '../../../seed/demo.data.js';
import { orgIdByCode } from '../../../seed/seed.js';
import { defineProcess, registerProcess } from '../workflow.definition.js';
import { WorkflowService, type StartInput } from '../workflow.service.js';

/**
 * A test process in the shape of a licence application (《办法》第十二条 受理 within 5 working days):
 * 申请 → 受理 → 审核 → 审批 → 办结, with 补正 to the applicant, return to the previous step,
 * withdraw by the applicant before 审核, transfer, claim, 不予受理 (terminate) and 不予许可.
 */
export const TEST_PROCESS = defineProcess({
  key: 'wftest.licence',
  label: '测试许可申请',
  initial: 'draft',
  viewPermissions: ['wftest:view'],
  states: {
    draft: {
      label: '申请',
      applicant: true,
      actions: {
        submit: { label: '提交申请', to: 'accepting', applicant: true },
        withdraw: { label: '撤回申请', kind: 'withdraw' },
      },
    },
    accepting: {
      label: '受理',
      due: { days: 5, kind: 'working' },
      actions: {
        accept: { label: '受理', to: 'reviewing', permission: 'wftest:accept' },
        supplement: {
          label: '补正告知',
          kind: 'returnToApplicant',
          to: 'supplementing',
          permission: 'wftest:accept',
        },
        refuse: { label: '不予受理', kind: 'terminate', permission: 'wftest:accept' },
        claim: { label: '签收', kind: 'claim' },
        transfer: { label: '转办', kind: 'transfer' },
        withdraw: { label: '撤回申请', kind: 'withdraw' },
      },
    },
    supplementing: {
      label: '补正',
      applicant: true,
      pauses: true,
      actions: {
        resubmit: {
          label: '提交补正材料',
          kind: 'returnToPrevious',
          applicant: true,
          requiresComment: false,
        },
        withdraw: { label: '撤回申请', kind: 'withdraw' },
      },
    },
    reviewing: {
      label: '审核',
      due: { days: 10, kind: 'working' },
      actions: {
        pass: { label: '审核通过', to: 'approving', permission: 'wftest:review' },
        back: { label: '退回上一步', kind: 'returnToPrevious', permission: 'wftest:review' },
        transfer: { label: '转办', kind: 'transfer' },
      },
    },
    approving: {
      label: '审批',
      due: { days: 5, kind: 'working' },
      actions: {
        approve: {
          label: '批准',
          to: 'done',
          permission: 'wftest:approve',
          guard: ({ instance }) =>
            instance.title.includes('【暂缓】') ? '该事项已标记暂缓，暂不能批准' : undefined,
          effect: async ({ trx, instance, comment }) => {
            // A module writes its own tables in the transition's transaction; a failure rolls both back.
            await trx
              .updateTable('wf_instance')
              .set({ title: `${instance.title}（已批准）` })
              .where('id', '=', instance.id)
              .execute();
            if (comment?.includes('模拟失败'))
              throw new AppError('TEST_EFFECT_FAILED', 409, '模拟业务写入失败');
          },
        },
        deny: { label: '不予许可', to: 'denied', permission: 'wftest:approve', requiresComment: true },
        back: { label: '退回上一步', kind: 'returnToPrevious', permission: 'wftest:approve' },
      },
    },
    done: { label: '办结', terminal: true },
    denied: { label: '不予许可', terminal: true },
  },
});

registerProcess(TEST_PROCESS);

/** Test users: username → [organisation code, role codes]. */
const USERS: Record<string, [string, string[]]> = {
  wf_xa1: ['SX-610100', ['wft_city']],
  wf_xa2: ['SX-610100', ['wft_city']],
  wf_xc: ['SX-610102', ['wft_county']],
  wf_bj: ['SX-610300', ['wft_city']],
  wf_sheng: ['SX-610000', ['wft_prov']],
  wf_sheng2: ['SX-610000', ['wft_prov']],
  wf_admin: ['SX-610000', ['wft_admin']],
};

/** Test permissions and roles (the seeded roles are left as they are), and the users above. */
export async function seedWorkflowFixtures(ctx: AppContext): Promise<void> {
  for (const code of ['wftest:accept', 'wftest:review', 'wftest:approve', 'wftest:view']) {
    await ctx.db.insertInto('permission').values({ code, module: '测试', name: code }).execute();
  }
  const roles: Array<[string, 'city' | 'county' | 'all', string[]]> = [
    ['wft_city', 'city', ['wftest:accept', 'wftest:review']],
    ['wft_county', 'county', ['wftest:accept', 'wftest:review']],
    ['wft_prov', 'all', ['wftest:approve']],
    ['wft_admin', 'all', ['workflow:admin']],
  ];
  for (const [code, scope, perms] of roles) {
    const id = uuidv7();
    await ctx.db
      .insertInto('role')
      .values({
        id,
        code,
        name: code,
        description: null,
        data_scope: scope,
        created_by: null,
        updated_by: null,
      })
      .execute();
    for (const p of perms)
      await ctx.db.insertInto('role_permission').values({ role_id: id, permission_code: p }).execute();
  }
  const hash = await hashPassword(DEMO_PASSWORD, ctx.config.argon2MemoryKib);
  for (const [username, [orgCode, roleCodes]] of Object.entries(USERS)) {
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
    for (const rc of roleCodes) {
      const role = await ctx.db
        .selectFrom('role')
        .select('id')
        .where('code', '=', rc)
        .executeTakeFirstOrThrow();
      await ctx.db.insertInto('user_role').values({ user_id: id, role_id: role.id }).execute();
    }
  }
}

/** The Principal of a user, as the auth hook would build it. */
export async function principalOf(ctx: AppContext, username: string): Promise<Principal> {
  const u = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const p = await new AuthService(ctx).loadPrincipal(u.id, 'test');
  if (!p) throw new Error(`no principal for ${username}`);
  return p;
}

/** Starts a test-process instance for the enterprise user qiye (西安 新城区) unless told otherwise. */
export async function startTestInstance(
  ctx: AppContext,
  overrides: Partial<StartInput> & { by?: string } = {},
): Promise<string> {
  const { by = 'qiye', ...rest } = overrides;
  const p = await principalOf(ctx, by);
  const inst = await new WorkflowService(ctx).start(undefined, p, {
    processKey: TEST_PROCESS.key,
    businessType: 'wftest.application',
    businessId: uuidv7(),
    title: `测试申请 ${uuidv7().slice(-6)}`,
    regionCode: '610102',
    orgId: await orgIdByCode(ctx, 'SX-610100'),
    ...rest,
  });
  return inst.id;
}
