import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../../test/harness.js';
import type { Principal } from '../../../platform/access/principal.js';
import { AuthService } from '../../../platform/auth/auth.service.js';
import { multipartFile } from '../../../platform/files/__tests__/upload-helpers.js';

/** Shared helpers of the licensing application tests (catalogue, applications, process). */

/** Test configuration: sessions and passwords that survive a clock moved by months. */
export const TEST_CONFIG = {
  loginRateLimit: 10000,
  sessionIdleMinutes: 10_000_000,
  sessionAbsoluteHours: 1_000_000,
  passwordMaxAgeDays: 0,
};

export interface Checklist {
  code: string;
  name: string;
  required: boolean;
  fileTypes: string[];
  maxSizeMb: number | null;
  attached: number;
  satisfied: boolean;
}

export interface Detail {
  id: string;
  applicationNo: string | null;
  type: string;
  state: string;
  stateLabel: string;
  instanceId: string | null;
  enterpriseName: string;
  regionCode: string;
  productUnitId: string;
  dueDate: string | null;
  acceptedDate: string | null;
  inspectionRequired: boolean | null;
  inspectionDueDate: string | null;
  decision: string | null;
  decisionDate: string | null;
  decisionReason: string | null;
  issuedCertificateNo: string | null;
  issuedCertificateId: string | null;
  terminationGround: string | null;
  editable: boolean;
  approvalMode: string;
  rectificationRequiredSince: string | null;
  checklist: Checklist[];
  materials: Array<{
    id: string;
    materialCode: string;
    fileId: string;
    fileName: string;
    issuerOrgName: string | null;
  }>;
}

export interface Instance {
  id: string;
  state: string;
  status: string;
  version: number;
  dueDate: string | null;
  paused: boolean;
  clocks: Array<{ name: string; used: number; limit: number; remaining: number; running: boolean }>;
  allowedActions: Array<{ action: string }>;
}

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

let counter = 0;

/** A small PDF the content sniffer accepts; each call gives different content. */
export function pdf(): Buffer {
  counter++;
  return Buffer.from(`%PDF-1.4\n% test ${counter} ${Math.random()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
}

/** Uploads a file through POST /api/files; returns its id. */
export async function upload(s: Session, name = '材料.pdf', content: Buffer = pdf()): Promise<string> {
  const r = await s.request({ method: 'POST', url: '/api/files', ...multipartFile(name, content) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}

/** Id of a catalogue node by its code. */
export async function nodeId(t: TestApp, code: string): Promise<string> {
  const r = await t.ctx.db
    .selectFrom('licensing_catalogue_node')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Id of an organisation by its code. */
export async function orgId(t: TestApp, code: string): Promise<string> {
  const r = await t.ctx.db
    .selectFrom('organization')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Gives a catalogue node the 行业编号 and 产品编号 a certificate number needs (test data, not the catalogue's). */
export async function giveCodes(t: TestApp, code: string, industry: string, product: string): Promise<void> {
  await t.ctx.db
    .updateTable('licensing_catalogue_node')
    .set({ industry_code: industry, product_code: product })
    .where('code', '=', code)
    .execute();
}

export const FORM = {
  residence: '西安市新城区长乐路 1 号',
  productionAddress: '西安市新城区幸福路 88 号',
  contactName: '郑经办',
  contactPhone: '13800000001',
  changeDescription: '企业名称变更',
  reason: '证书遗失',
};

/** Creates a draft through HTTP. */
export async function draft(
  s: Session,
  productUnitId: string,
  type = 'issue',
  form: Record<string, unknown> = FORM,
): Promise<Detail> {
  return ok<Detail>(await s.post('/api/licensing/applications', { type, productUnitId, ...form }));
}

/** The principal of a demo user (for calling another part's service directly). */
export async function principalOf(t: TestApp, username: string): Promise<Principal> {
  const u = await t.ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const p = await new AuthService(t.ctx).loadPrincipal(u.id, 'test');
  if (!p) throw new Error(`no principal for ${username}`);
  return p;
}

/** Attaches one uploaded PDF for every entry of the checklist that is still unsatisfied (except `skip`). */
export async function attachAll(s: Session, d: Detail, skip: readonly string[] = []): Promise<Detail> {
  let cur = d;
  for (const c of d.checklist) {
    if ((c.satisfied && c.attached > 0) || skip.includes(c.code)) continue;
    const fileId = await upload(s, `${c.name}.pdf`);
    cur = ok<Detail>(
      await s.post(`/api/licensing/applications/${d.id}/materials`, {
        materialCode: c.code,
        fileIds: [fileId],
      }),
    );
  }
  return cur;
}

/** Draft, every material, submit: the application in 受理. */
export async function submitted(s: Session, productUnitId: string, type = 'issue'): Promise<Detail> {
  const d = await attachAll(s, await draft(s, productUnitId, type));
  return ok<Detail>(await s.post(`/api/licensing/applications/${d.id}/submit`, {}));
}

/** A workflow action through the engine's own endpoint. */
export function act(s: Session, instanceId: string, action: string, body: Record<string, unknown> = {}) {
  return s.post(`/api/workflow/instances/${instanceId}/actions`, { action, ...body });
}

export async function instance(s: Session, instanceId: string): Promise<Instance> {
  return ok<Instance>(await s.get(`/api/workflow/instances/${instanceId}`));
}

export async function detail(s: Session, id: string): Promise<Detail> {
  return ok<Detail>(await s.get(`/api/licensing/applications/${id}`));
}

/** Outbox events written for an application, in order. */
export async function events(t: TestApp, applicationId: string) {
  return t.ctx.db
    .selectFrom('outbox_event')
    .select(['event_type', 'destination', 'delivered_at', 'payload'])
    .where('aggregate_type', '=', 'licensing.application')
    .where('aggregate_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}
