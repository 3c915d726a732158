import type { Transaction } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { workingDaysBetween } from '../../platform/calendar/calendar.rules.js';
import { CalendarService } from '../../platform/calendar/calendar.service.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, badRequest, forbidden } from '../../platform/errors.js';
import { registerFileOwner } from '../../platform/files/files.owners.js';
import { FileService } from '../../platform/files/files.service.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.service.js';
import { formatNumber } from '../../platform/numbering/numbering.rules.js';
import { publish } from '../../platform/outbox/outbox.service.js';
import { isValidCreditCode } from '../../platform/validation/identifiers.rules.js';
import type { TransitionEvent } from '../../platform/workflow/workflow.definition.js';
import { WorkflowService } from '../../platform/workflow/workflow.service.js';
import {
  ApplicationsRepository,
  type ApplicationFilter,
  type ApplicationRow,
  type MaterialRow,
  type StatsGroup,
  type StatsRow,
  type StatsTotalsRow,
} from './applications.repository.js';
import { CatalogueService } from './catalogue.service.js';
import type { ApplicationType, ApprovalMode } from './catalogue.tables.js';
import { CertificatesService } from './certificates.service.js';
import {
  acceptanceContent,
  approvalContent,
  inspectionConclusionContent,
  refusalContent,
  rejectionContent,
  supplementContent,
  terminationContent,
  type DocumentContent,
  type DocumentKind,
} from './documents.rules.js';
import { DocumentsService, type DocumentBase } from './documents.service.js';
import { InspectionService } from './inspection.service.js';
import { LicensingErrors } from './licensing.errors.js';
import {
  APPLICATION_VIEW_PERMISSIONS,
  LicensingPermissions as P,
  TERMINATE_PERMISSIONS,
} from './licensing.permissions.js';
import {
  ACCEPTING_STATES,
  APPLICATION_BUSINESS_TYPE,
  APPLICATION_FILE_OWNER,
  APPLICATION_PROCESS_KEY,
  APPLICATION_TYPE_LABEL,
  applicationTitle,
  checkMaterials,
  CLOSED_STATES,
  DEFAULT_FILE_TYPES,
  EDITABLE_STATES,
  EVENT_TYPE_BY_ACTION,
  FIELD_LABEL,
  GOV_SERVICE_DESTINATION,
  inspectionChoiceProblem,
  inspectionPolicy,
  isValidContactPhone,
  missingFields,
  numberedList,
  RECTIFICATION_ISSUER_TYPES,
  RECTIFICATION_PROOF,
  RECTIFICATION_PROOF_NAME,
  renewalWindow,
  stateLabel,
  supplementActionFor,
  SUPPLEMENT_STATES,
  TYPE_RULES,
  type AttachedMaterial,
  type ChecklistItem,
} from './licensing.rules.js';

/** The form of an application (every field optional while it is a draft). */
export interface ApplicationInput {
  residence?: string | null | undefined;
  productionAddress?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  changeDescription?: string | null | undefined;
  reason?: string | null | undefined;
  remark?: string | null | undefined;
}

export interface CreateApplicationInput extends ApplicationInput {
  type: ApplicationType;
  productUnitId: string;
}

export interface AttachInput {
  materialCode: string;
  fileIds: string[];
  /** 整改证明: the bureau that issued it. */
  issuerOrgId?: string | null | undefined;
}

/** A material of an application with its file. */
export interface MaterialView {
  row: MaterialRow;
  materialName: string;
  fileName: string | null;
  ext: string | null;
  size: number | null;
}

/** One checklist entry with what is attached for it. */
export interface ChecklistStatus extends ChecklistItem {
  attached: number;
  satisfied: boolean;
}

export interface ApplicationDetail {
  row: ApplicationRow;
  /** Working days left until the due date of the current step (negative when overdue), or null. */
  daysLeft: number | null;
  approvalMode: ApprovalMode;
  productPath: string[];
  materials: MaterialView[];
  checklist: ChecklistStatus[];
  /** A 整改证明 is required (the date of the 撤销), else null. */
  rectificationRequiredSince: string | null;
}

/** An application as the other parts of the module read it (inspection, certificates). */
export interface ModuleApplication {
  id: string;
  enterpriseOrgId: string;
  regionCode: string;
  productUnitId: string;
  state: string;
  type: ApplicationType;
  applicationNo: string | null;
  enterpriseName: string;
  productName: string;
  instanceId: string | null;
  inspectionRequired: boolean | null;
  acceptedDate: string | null;
  /** 《办法》第十八条: 实地核查 within 30 working days of 受理. */
  inspectionDueDate: string | null;
}

/** An application of a list (the list, the 受理台) with the working days left of its current step. */
export interface ApplicationListItem {
  row: ApplicationRow;
  /** Working days from today to the due date (negative when overdue); null without a running clock. */
  daysLeft: number | null;
}

/** The list's filters as the API takes them (the repository's, plus the window of working days). */
export interface ApplicationListFilter extends ApplicationFilter {
  /** Due within this many working days from today (1–60); overdue ones only with `overdue: true`. */
  dueWithinDays?: number | undefined;
}

/** Statistics: a page of groups and the same counters over every row of the query. */
export interface StatsResult extends Page<StatsRow> {
  totals: StatsTotalsRow;
}

/** Number pattern of 申请编号 (XKSQ + year + 6 digits), per (key, year). */
const APPLICATION_NO_KEY = 'licensing.application';
const APPLICATION_NO_PATTERN = 'XKSQ{year}{seq:6}';

const ISSUABLE: ReadonlySet<ApplicationType> = new Set(['issue', 'renew', 'change', 'reexamine', 'reissue']);

function need(p: Principal, code: string): void {
  if (!p.permissions.has(code)) throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${code}）`);
}

function needAny(p: Principal, codes: readonly string[]): void {
  if (!codes.some((c) => p.permissions.has(c)))
    throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${codes.join(' 或 ')}）`);
}

const canView = (p: Principal) => APPLICATION_VIEW_PERMISSIONS.some((c) => p.permissions.has(c));
const trimOrNull = (v: string | null | undefined) =>
  v === null || v === undefined ? null : v.trim() || null;

// Materials are readable by whoever may read the application (its data scope).
registerFileOwner(APPLICATION_FILE_OWNER, (ctx, p, id) => new ApplicationsService(ctx).canRead(p, id));

/**
 * 生产许可申请 (seed 行政许可 1–2): drafts, materials and their checks, submission into the process
 * licensing.application (licensing.workflow.ts) or, for 注销, into the certificates' 注销 approval; the
 * 受理台, lists and statistics; and the effects the process runs in its transactions.
 */
export class ApplicationsService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  private ctxOf(db: Database): AppContext {
    return db === this.ctx.db ? this.ctx : { ...this.ctx, db };
  }

  /** The application as its enterprise's user sees it (404 for anyone else). */
  private async ownApplication(
    repo: ApplicationsRepository,
    p: Principal,
    id: string,
  ): Promise<ApplicationRow> {
    const row = await repo.findVisible(p, id, this.today());
    if (!row || row.enterprise_org_id !== p.orgId) throw LicensingErrors.applicationNotFound();
    return row;
  }

  // -------------------------------------------------------------------------------------------------------
  // Drafts and materials (企业)
  // -------------------------------------------------------------------------------------------------------

  /** Creates a draft for a product unit in the name of the user's enterprise. */
  async create(p: Principal, input: CreateApplicationInput): Promise<ApplicationDetail> {
    need(p, P.apply);
    if (p.orgType !== 'enterprise') throw LicensingErrors.enterpriseOnly();
    const id = uuidv7();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const ctx = this.ctxOf(trx);
      await new CatalogueService(ctx).applicableUnit(input.productUnitId, trx);
      const ent = await repo.organization(p.orgId);
      if (!ent) throw LicensingErrors.enterpriseOnly();
      const rule = TYPE_RULES[input.type];
      const active = await new CertificatesService(ctx).findActive(p.orgId, input.productUnitId, trx);
      if (rule.forbidsActiveCertificate && active)
        throw LicensingErrors.activeCertificateExists(active.number);
      if (rule.needsActiveCertificate && !active)
        throw LicensingErrors.activeCertificateRequired(APPLICATION_TYPE_LABEL[input.type]);
      if (input.contactPhone && !isValidContactPhone(input.contactPhone.trim()))
        throw LicensingErrors.phoneInvalid();
      const now = this.ctx.clock.now();
      await repo.insert({
        id,
        application_no: null,
        type: input.type,
        state: 'draft',
        enterprise_org_id: ent.id,
        enterprise_name: ent.name,
        credit_code: ent.credit_code,
        region_code: ent.region_code,
        product_unit_id: input.productUnitId,
        certificate_id: active?.id ?? null,
        residence: trimOrNull(input.residence),
        production_address: trimOrNull(input.productionAddress),
        contact_name: trimOrNull(input.contactName),
        contact_phone: trimOrNull(input.contactPhone),
        change_description: trimOrNull(input.changeDescription),
        reason: trimOrNull(input.reason),
        remark: trimOrNull(input.remark),
        instance_id: null,
        due_date: null,
        inspection_required: null,
        submitted_at: null,
        accepted_date: null,
        inspection_due_date: null,
        decision: null,
        decision_date: null,
        decision_reason: null,
        issued_certificate_id: null,
        issued_certificate_no: null,
        termination_ground: null,
        closed_at: null,
        deemed_accepted_on: null,
        applicant_user_id: p.userId,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
    });
    return this.detail(p, id);
  }

  /** Changes the form of a draft, or during 补正. */
  async update(p: Principal, id: string, input: ApplicationInput): Promise<ApplicationDetail> {
    need(p, P.apply);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      await repo.lock(id);
      const app = await this.ownApplication(repo, p, id);
      if (!EDITABLE_STATES.has(app.state)) throw LicensingErrors.state(stateLabel(app.state), '修改');
      if (input.contactPhone && !isValidContactPhone(input.contactPhone.trim()))
        throw LicensingErrors.phoneInvalid();
      const set = <K extends keyof ApplicationInput>(k: K) =>
        input[k] !== undefined ? trimOrNull(input[k]) : undefined;
      const patch = {
        residence: set('residence'),
        production_address: set('productionAddress'),
        contact_name: set('contactName'),
        contact_phone: set('contactPhone'),
        change_description: set('changeDescription'),
        reason: set('reason'),
        remark: set('remark'),
      };
      await repo.update(id, {
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
    });
    return this.detail(p, id);
  }

  /** The material checklist of an application: the configured list, plus the 整改证明 when it is due. */
  private async checklistOf(
    db: Database,
    app: Pick<ApplicationRow, 'product_unit_id' | 'type'>,
    rectificationSince: string | null,
  ): Promise<ChecklistItem[]> {
    const list = await new CatalogueService(this.ctxOf(db)).checklist(app.product_unit_id, app.type, db);
    if (rectificationSince === null) return list;
    return [
      ...list,
      {
        code: RECTIFICATION_PROOF,
        name: RECTIFICATION_PROOF_NAME,
        required: true,
        fileTypes: DEFAULT_FILE_TYPES,
        maxSizeMb: null,
        // seed 行政许可 4: 撤证的企业再次提交申请时需提供县级以上监管部门提供的整改证明
        basis: '需求：撤销许可后再次申请须提供整改证明',
        sourceTag: 'customer',
        sort: 100000,
      },
    ];
  }

  /** The date of the 撤销 that makes a 整改证明 necessary for a new application, or null. */
  private async rectificationSince(db: Database, app: ApplicationRow, asOf: string): Promise<string | null> {
    if (!TYPE_RULES[app.type].checksBar) return null;
    const bar = await new CertificatesService(this.ctxOf(db)).applicationBar(
      app.enterprise_org_id,
      app.product_unit_id,
      asOf,
      db,
    );
    return bar.kind === 'needs-rectification-proof' ? bar.revokedAt : null;
  }

  /** Materials with their files (deleted files left out). */
  private async materialViews(db: Database, app: ApplicationRow, checklist: readonly ChecklistItem[]) {
    const rows = await new ApplicationsRepository(db).materials(app.id);
    const files = new Map(
      (await new FileService(this.ctxOf(db)).listByOwner(APPLICATION_FILE_OWNER, app.id, db)).map((f) => [
        f.id,
        f,
      ]),
    );
    const names = new Map(checklist.map((c) => [c.code, c.name]));
    return rows
      .filter((m) => files.has(m.file_id))
      .map((m): MaterialView => {
        const f = files.get(m.file_id)!;
        return {
          row: m,
          materialName: names.get(m.material_code) ?? m.material_code,
          fileName: f.original_name,
          ext: f.ext,
          size: Number(f.size),
        };
      });
  }

  /** Attaches uploaded files to the application as one material of its checklist (draft or 补正). */
  async attach(p: Principal, id: string, input: AttachInput): Promise<ApplicationDetail> {
    need(p, P.apply);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const ctx = this.ctxOf(trx);
      await repo.lock(id);
      const app = await this.ownApplication(repo, p, id);
      if (!EDITABLE_STATES.has(app.state)) throw LicensingErrors.state(stateLabel(app.state), '上传申请材料');
      const since = await this.rectificationSince(trx, app, this.today());
      const item = (await this.checklistOf(trx, app, since)).find((c) => c.code === input.materialCode);
      if (!item) throw LicensingErrors.materialUnknown(input.materialCode);
      let issuer: string | null = null;
      if (item.code === RECTIFICATION_PROOF) {
        const org = input.issuerOrgId ? await repo.organization(input.issuerOrgId) : undefined;
        if (!org || org.status !== 'active' || !RECTIFICATION_ISSUER_TYPES.has(org.type))
          throw LicensingErrors.rectificationIssuerInvalid();
        issuer = org.id;
      }
      const files = new FileService(ctx);
      const ids = [...new Set(input.fileIds)];
      for (const fid of ids) {
        let f;
        try {
          f = await files.getForRead(p, fid);
        } catch (e) {
          if (e instanceof AppError && e.status < 500) throw LicensingErrors.fileUnavailable();
          throw e;
        }
        if (item.maxSizeMb !== null && Number(f.size) > item.maxSizeMb * 1024 * 1024)
          throw LicensingErrors.materialTooLarge(
            `“${f.original_name}”大小为 ${(Number(f.size) / 1024 / 1024).toFixed(1)} MB，“${item.name}”的单个文件不能超过 ${item.maxSizeMb} MB`,
            { fileId: fid, maxSizeMb: item.maxSizeMb },
          );
        if (!item.fileTypes.includes(f.ext))
          throw LicensingErrors.materialFileType(
            `“${f.original_name}”的文件类型为 ${f.ext.toUpperCase()}，“${item.name}”只接受 ${item.fileTypes
              .map((t) => t.toUpperCase())
              .join('、')}`,
            { fileId: fid, allowed: item.fileTypes },
          );
      }
      await files.attach(trx, ids, APPLICATION_FILE_OWNER, id, { uploadedBy: p.userId });
      const now = this.ctx.clock.now();
      await repo.insertMaterials(
        ids.map((fid) => ({
          id: uuidv7(),
          application_id: id,
          material_code: item.code,
          file_id: fid,
          issuer_org_id: issuer,
          created_at: now,
          created_by: p.userId,
        })),
      );
      await repo.update(id, { updated_at: now, updated_by: p.userId });
    });
    return this.detail(p, id);
  }

  /** Removes a material from the application's list (the file stays in the record's history). */
  async removeMaterial(p: Principal, id: string, materialId: string): Promise<ApplicationDetail> {
    need(p, P.apply);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      await repo.lock(id);
      const app = await this.ownApplication(repo, p, id);
      if (!EDITABLE_STATES.has(app.state)) throw LicensingErrors.state(stateLabel(app.state), '删除申请材料');
      if (!(await repo.deleteMaterial(id, materialId))) throw LicensingErrors.materialNotFound();
      await repo.update(id, { updated_at: this.ctx.clock.now(), updated_by: p.userId });
    });
    return this.detail(p, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // Submission
  // -------------------------------------------------------------------------------------------------------

  /**
   * Everything a submission must satisfy, checked against the state of `asOf` (the first submission's day
   * for a 补正): the enterprise's 统一社会信用代码 (GB 32100), the product in the catalogue, the form, the
   * certificate the type needs, the 延续 window, the 吊销 bar, the materials and no other open application.
   */
  private async assertSubmittable(
    db: Database,
    app: ApplicationRow,
    asOf: string,
  ): Promise<{
    certificateId: string | null;
    enterprise: NonNullable<Awaited<ReturnType<ApplicationsRepository['organization']>>>;
  }> {
    const ctx = this.ctxOf(db);
    const repo = new ApplicationsRepository(db);
    const ent = await repo.organization(app.enterprise_org_id);
    if (!ent) throw LicensingErrors.enterpriseOnly();
    // GB 32100-2015: 统一社会信用代码 with its check character
    if (!ent.credit_code || !isValidCreditCode(ent.credit_code))
      throw LicensingErrors.creditCodeInvalid(ent.credit_code);
    await new CatalogueService(ctx).applicableUnit(app.product_unit_id, db);
    const missing = missingFields(app.type, {
      residence: app.residence,
      productionAddress: app.production_address,
      contactName: app.contact_name,
      contactPhone: app.contact_phone,
      changeDescription: app.change_description,
      reason: app.reason,
    });
    if (missing.length)
      throw LicensingErrors.fieldsMissing(
        missing,
        missing.map((f) => FIELD_LABEL[f]),
      );
    if (app.contact_phone && !isValidContactPhone(app.contact_phone)) throw LicensingErrors.phoneInvalid();

    const rule = TYPE_RULES[app.type];
    const certs = new CertificatesService(ctx);
    const active = await certs.findActive(app.enterprise_org_id, app.product_unit_id, db);
    if (rule.forbidsActiveCertificate && active) throw LicensingErrors.activeCertificateExists(active.number);
    if (rule.needsActiveCertificate && !active)
      throw LicensingErrors.activeCertificateRequired(APPLICATION_TYPE_LABEL[app.type]);
    if (app.type === 'renew' && active) {
      const settings = await new CatalogueService(ctx).settings(db);
      // 《办法》第二十七条: 期满 6 个月前申请延续
      const w = renewalWindow(active.validTo, asOf, settings.renewal);
      if (!w.ok && w.reason === 'too_late') throw LicensingErrors.renewalTooLate(w.latest);
      if (!w.ok && w.reason === 'too_early') throw LicensingErrors.renewalTooEarly(w.earliest);
    }
    let since: string | null = null;
    if (rule.checksBar) {
      const bar = await certs.applicationBar(app.enterprise_org_id, app.product_unit_id, asOf, db);
      // 《条例》第五十五条: 吊销之日起 3 年内不得再次申请同一产品
      if (bar.kind === 'barred') throw LicensingErrors.barred(bar.until, bar.article);
      if (bar.kind === 'needs-rectification-proof') since = bar.revokedAt;
    }

    const checklist = await this.checklistOf(db, app, since);
    const materials = await this.materialViews(db, app, checklist);
    const attached: AttachedMaterial[] = materials.map((m) => ({
      code: m.row.material_code,
      fileName: m.fileName ?? '',
      ext: m.ext ?? '',
    }));
    const problems = checkMaterials(checklist, attached);
    if (problems.missing.length)
      throw LicensingErrors.materialsMissing(
        numberedList(problems.missing.map((m) => m.name)),
        problems.missing,
      );
    if (problems.wrongType.length) {
      const w = problems.wrongType[0]!;
      throw LicensingErrors.materialFileType(
        `“${w.name}”中的“${w.fileName}”文件类型不符合要求（只接受 ${w.allowed.map((t) => t.toUpperCase()).join('、')}）`,
        { wrongType: problems.wrongType },
      );
    }
    if (await repo.openOther(app.enterprise_org_id, app.product_unit_id, app.id))
      throw LicensingErrors.openApplicationExists();
    return { certificateId: active?.id ?? null, enterprise: ent };
  }

  /**
   * Submits a draft: the checks, a 申请编号, then the process licensing.application (or, for 注销, the
   * certificates' three-level 注销 approval) in one transaction. During 补正 it resubmits the application.
   */
  async submit(p: Principal, id: string, comment?: string | null): Promise<ApplicationDetail> {
    need(p, P.apply);
    const today = this.today();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const ctx = this.ctxOf(trx);
      await repo.lock(id);
      const app = await this.ownApplication(repo, p, id);
      if (SUPPLEMENT_STATES.has(app.state) && app.instance_id) {
        // 补正 materials: the resubmit effect runs the checks (onResubmit).
        await new WorkflowService(this.ctx).act(
          p,
          app.instance_id,
          'resubmit',
          { comment: comment ?? null },
          trx,
        );
        return;
      }
      if (app.state !== 'draft') throw LicensingErrors.state(stateLabel(app.state), '提交');
      const { certificateId, enterprise } = await this.assertSubmittable(trx, app, today);
      const year = Number(today.slice(0, 4));
      const applicationNo = formatNumber(APPLICATION_NO_PATTERN, {
        year,
        seq: await nextNumber(trx, APPLICATION_NO_KEY, year),
      });
      const now = this.ctx.clock.now();
      await repo.update(id, {
        application_no: applicationNo,
        submitted_at: now,
        certificate_id: certificateId,
        enterprise_name: enterprise.name,
        credit_code: enterprise.credit_code,
        region_code: enterprise.region_code,
        updated_at: now,
        updated_by: p.userId,
      });
      if (TYPE_RULES[app.type].process === 'cancellation') {
        // seed 行政许可 7: 注销 goes through the three-level approval of the certificates part.
        await new CertificatesService(ctx).startCancellation(trx, p, {
          certificateId: certificateId!,
          applicationId: id,
          reason: app.reason ?? '',
        });
        await repo.update(id, { state: 'cancel_submitted', closed_at: now });
        const after = (await repo.findById(id, today))!;
        await this.publishEvent(
          trx,
          after,
          'submitted',
          { action: 'submit', actionLabel: '提交', comment },
          `${id}:submitted`,
        );
        return;
      }
      await new WorkflowService(this.ctx).start(trx, p, {
        processKey: APPLICATION_PROCESS_KEY,
        businessType: APPLICATION_BUSINESS_TYPE,
        businessId: id,
        title: applicationTitle(enterprise.name, app.product_name, app.type),
        regionCode: enterprise.region_code,
        orgId: enterprise.id,
        applicantOrgId: enterprise.id,
        comment: comment ?? null,
      });
    });
    return this.detail(p, id);
  }

  /** 申请撤回 before a decision: a draft is closed at once, a submitted application through the process. */
  async withdraw(p: Principal, id: string, comment?: string | null): Promise<ApplicationDetail> {
    need(p, P.apply);
    const repo = new ApplicationsRepository(this.ctx.db);
    const app = await this.ownApplication(repo, p, id);
    if (app.state === 'draft') {
      const now = this.ctx.clock.now();
      await this.ctx.db.transaction().execute(async (trx) => {
        const r = new ApplicationsRepository(trx);
        await r.lock(id);
        const again = await r.findById(id, this.today());
        if (again?.state !== 'draft') throw LicensingErrors.state(stateLabel(again?.state ?? ''), '撤回');
        await r.update(id, { state: 'withdrawn', closed_at: now, updated_at: now, updated_by: p.userId });
      });
    } else {
      if (CLOSED_STATES.has(app.state) || !app.instance_id)
        throw LicensingErrors.state(stateLabel(app.state), '撤回');
      await new WorkflowService(this.ctx).act(p, app.instance_id, 'withdraw', { comment: comment ?? null });
    }
    return this.detail(p, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // Officers: conveniences over the workflow actions that carry extra data
  // -------------------------------------------------------------------------------------------------------

  private async visibleInProcess(
    p: Principal,
    id: string,
  ): Promise<ApplicationRow & { instance_id: string }> {
    const app = await new ApplicationsRepository(this.ctx.db).findVisible(p, id, this.today());
    if (!app) throw LicensingErrors.applicationNotFound();
    if (!app.instance_id || CLOSED_STATES.has(app.state))
      throw LicensingErrors.state(stateLabel(app.state), '办理');
    return app as ApplicationRow & { instance_id: string };
  }

  /** 受理, recording whether an on-site verification is needed (seed 行政许可 2). */
  async accept(
    p: Principal,
    id: string,
    input: {
      inspectionRequired: boolean;
      comment?: string | null | undefined;
      expectedVersion?: number | undefined;
    },
  ): Promise<ApplicationDetail> {
    need(p, P.accept);
    const app = await this.visibleInProcess(p, id);
    await new WorkflowService(this.ctx).act(
      p,
      app.instance_id,
      input.inspectionRequired ? 'accept' : 'acceptWithoutInspection',
      { comment: input.comment ?? null, expectedVersion: input.expectedVersion },
    );
    return this.detail(p, id);
  }

  /** 补正告知, with the clock rule the configuration names (licensing.md §6 【待确认】). */
  async supplement(
    p: Principal,
    id: string,
    input: { comment: string; attachments?: string[] | undefined; expectedVersion?: number | undefined },
  ): Promise<ApplicationDetail> {
    need(p, P.accept);
    const app = await this.visibleInProcess(p, id);
    const settings = await new CatalogueService(this.ctx).settings();
    await new WorkflowService(this.ctx).act(
      p,
      app.instance_id,
      supplementActionFor(settings.supplementPausesClock),
      {
        comment: input.comment,
        attachments: input.attachments ?? [],
        expectedVersion: input.expectedVersion,
      },
    );
    return this.detail(p, id);
  }

  /** 终止办理 with one of the grounds of 《办法》第三十二条. */
  async terminate(
    p: Principal,
    id: string,
    input: { ground: string; comment: string; expectedVersion?: number | undefined },
  ): Promise<ApplicationDetail> {
    needAny(p, TERMINATE_PERMISSIONS);
    const grounds = await new CatalogueService(this.ctx).terminationGrounds(true);
    if (!grounds.some((g) => g.code === input.ground)) throw LicensingErrors.terminationGroundInvalid();
    const app = await this.visibleInProcess(p, id);
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      await repo.lock(id);
      await repo.update(id, { termination_ground: input.ground });
      await new WorkflowService(this.ctx).act(
        p,
        app.instance_id,
        'terminate',
        { comment: input.comment, expectedVersion: input.expectedVersion },
        trx,
      );
    });
    return this.detail(p, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading
  // -------------------------------------------------------------------------------------------------------

  /** Working days from `today` to each row's due date (negative when overdue), by the holiday calendar. */
  private async withDaysLeft(rows: ApplicationRow[], today: string): Promise<ApplicationListItem[]> {
    const holidays = await new CalendarService(this.ctx).holidaySet();
    return rows.map((row) => ({
      row,
      daysLeft: row.due_date ? workingDaysBetween(holidays, today, row.due_date) : null,
    }));
  }

  /**
   * The due-date filters of a list: dueFrom ≤ dueTo, and `dueWithinDays` as a due date between today and the
   * N-th working day after it (overdue ones too when `overdue` is true), open applications only.
   */
  private async dueFilter(f: ApplicationListFilter, today: string): Promise<ApplicationFilter> {
    const { dueWithinDays, ...rest } = f;
    if (rest.dueFrom && rest.dueTo && rest.dueFrom > rest.dueTo)
      throw badRequest('LICENSING_DUE_RANGE_INVALID', '办理期限的截止日期不能早于起始日期', 'dueTo');
    if (dueWithinDays === undefined) return rest;
    // 《办法》第五十五条: 期限以工作日计算
    const cutoff = await new CalendarService(this.ctx).addWorkingDays(today, dueWithinDays);
    return {
      ...rest,
      open: true,
      dueTo: rest.dueTo && rest.dueTo < cutoff ? rest.dueTo : cutoff,
      // Within the window means not yet overdue, unless overdue ones are asked for as well.
      overdue: rest.overdue === true ? undefined : false,
    };
  }

  /** Applications in the principal's data scope, filtered, sorted and paged, with the working days left. */
  async list(p: Principal, f: ApplicationListFilter, q: ListQuery): Promise<Page<ApplicationListItem>> {
    needAny(p, APPLICATION_VIEW_PERMISSIONS);
    const today = this.today();
    const page = await new ApplicationsRepository(this.ctx.db).list(
      p,
      await this.dueFilter(f, today),
      q,
      today,
    );
    return { ...page, items: await this.withDaysLeft(page.items, today) };
  }

  /** 受理台: applications waiting for 受理 in scope, earliest due first, with the working days left. */
  async desk(p: Principal, f: ApplicationFilter, q: ListQuery): Promise<Page<ApplicationListItem>> {
    need(p, P.accept);
    const today = this.today();
    const page = await new ApplicationsRepository(this.ctx.db).list(
      p,
      { ...f, states: ACCEPTING_STATES },
      { ...q, sort: q.sort || 'dueDate' },
      today,
    );
    return { ...page, items: await this.withDaysLeft(page.items, today) };
  }

  /**
   * Counts by city, product unit, type or state (drafts excluded), with the overdue and the 视为受理 ones,
   * and the totals of the whole query (not of the page).
   */
  async stats(p: Principal, group: StatsGroup, f: ApplicationFilter, q: ListQuery): Promise<StatsResult> {
    need(p, P.stats);
    const today = this.today();
    const repo = new ApplicationsRepository(this.ctx.db);
    const page = await repo.stats(p, group, f, q, today);
    return { ...page, totals: await repo.statsTotals(p, f, today) };
  }

  /**
   * 视为受理 (《办法》第十二条: 逾期不告知的，自收到申请材料之日起即为受理): applications still in 受理 after
   * its 5 working days (not those in 补正) get the submission date as `deemed_accepted_on`, with an outbox
   * event 'deemedAccepted', in one transaction. Data only: the state stays 'accepting' and the officer still
   * records the 受理 and the 实地核查 choice. Limit: `accepted_date` then stays the real date and the
   * 60-day decision clock (《办法》第二十四条) still starts at the recorded 受理, not at the deemed date.
   * Idempotent: marked rows are not marked again. Returns how many were marked.
   */
  async markDeemedAccepted(today: string): Promise<number> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ApplicationsRepository(trx);
      const ids = await repo.markDeemedAccepted(today, this.ctx.config.timeZone, this.ctx.clock.now());
      for (const id of ids) {
        const app = (await repo.findById(id, today))!;
        await this.publishEvent(
          trx,
          app,
          'deemedAccepted',
          {
            action: 'deemedAccepted',
            actionLabel: '视为受理',
            comment: `受理期限 ${app.due_date ?? ''} 已过，未受理也未告知补正，自收到申请材料之日（${app.deemed_accepted_on ?? ''}）起视为受理（《办法》第十二条）`,
          },
          `${id}:deemedAccepted`,
        );
      }
      return ids.length;
    });
  }

  /** One application with its materials and checklist. */
  async detail(p: Principal, id: string): Promise<ApplicationDetail> {
    needAny(p, APPLICATION_VIEW_PERMISSIONS);
    const today = this.today();
    const row = await new ApplicationsRepository(this.ctx.db).findVisible(p, id, today);
    if (!row) throw LicensingErrors.applicationNotFound();
    const asOf = row.submitted_at ? businessDate(row.submitted_at, this.ctx.config.timeZone) : today;
    const since = CLOSED_STATES.has(row.state) ? null : await this.rectificationSince(this.ctx.db, row, asOf);
    const checklist = await this.checklistOf(this.ctx.db, row, since);
    const materials = await this.materialViews(this.ctx.db, row, checklist);
    const unit = await new CatalogueService(this.ctx).get(row.product_unit_id);
    const [item] = await this.withDaysLeft([row], today);
    return {
      row,
      daysLeft: item!.daysLeft,
      approvalMode: unit.effectiveApprovalMode,
      productPath: unit.path,
      materials,
      checklist: checklist.map((c) => {
        const attached = materials.filter((m) => m.row.material_code === c.code).length;
        return { ...c, attached, satisfied: !c.required || attached > 0 };
      }),
      rectificationRequiredSince: since,
    };
  }

  /**
   * An application for the other parts of the module (the inspection part opens and concludes its task
   * with it). No data scope: the caller applies its own.
   */
  async getForModule(
    applicationId: string,
    db: Database = this.ctx.db,
  ): Promise<ModuleApplication | undefined> {
    const r = await new ApplicationsRepository(db).findById(applicationId, this.today());
    if (!r) return undefined;
    return {
      id: r.id,
      enterpriseOrgId: r.enterprise_org_id,
      regionCode: r.region_code,
      productUnitId: r.product_unit_id,
      state: r.state,
      type: r.type,
      applicationNo: r.application_no,
      enterpriseName: r.enterprise_name,
      productName: r.product_name,
      instanceId: r.instance_id,
      inspectionRequired: r.inspection_required,
      acceptedDate: r.accepted_date,
      inspectionDueDate: r.inspection_due_date,
    };
  }

  /** Whether the principal may read the application (and so download its materials). */
  async canRead(p: Principal, id: string): Promise<boolean> {
    if (!canView(p)) return false;
    return (await new ApplicationsRepository(this.ctx.db).findVisible(p, id, this.today())) !== undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Effects of the process (licensing.workflow.ts), inside the transition's transaction
  // -------------------------------------------------------------------------------------------------------

  private async inProcess(e: TransitionEvent): Promise<ApplicationRow> {
    const app = await new ApplicationsRepository(e.trx).findById(e.instance.businessId, e.today);
    if (!app) throw LicensingErrors.applicationNotFound();
    return app;
  }

  /** Every transition: the application mirrors the state and due date; each change of state is an event. */
  async onTransition(e: TransitionEvent): Promise<void> {
    const repo = new ApplicationsRepository(e.trx);
    const app = await this.inProcess(e);
    const now = this.ctx.clock.now();
    const closed = e.instance.status !== 'active';
    await repo.update(app.id, {
      state: e.to,
      due_date: e.instance.dueDate,
      ...(e.kind === 'start' ? { instance_id: e.instance.id } : {}),
      ...(closed ? { closed_at: now } : {}),
      updated_at: now,
      updated_by: e.principal.userId,
    });
    // A task of 实地核查 is not left open when the application ends another way.
    if (e.from === 'inspecting' && closed)
      await new InspectionService(e.ctx).cancelForApplication(e.trx, e.principal, app.id);
    if (e.from !== e.to) {
      const after = (await repo.findById(app.id, e.today))!;
      await this.publishEvent(
        e.trx,
        after,
        EVENT_TYPE_BY_ACTION[e.action] ?? e.action,
        { action: e.action, actionLabel: e.actionLabel, comment: e.comment },
        `${app.id}:${e.historyId}`,
      );
    }
  }

  /**
   * The 办件 event of a change (DESIGN.md §10), written in the business transaction. No driver for
   * 'gov-service' is registered yet (the integration issue adds it): until then the events wait, pending.
   */
  private async publishEvent(
    trx: Transaction<DB>,
    app: ApplicationRow,
    eventType: string,
    what: { action: string; actionLabel: string; comment?: string | null | undefined },
    key: string,
  ): Promise<void> {
    await publish(trx, {
      aggregateType: APPLICATION_BUSINESS_TYPE,
      aggregateId: app.id,
      eventType,
      destination: GOV_SERVICE_DESTINATION,
      idempotencyKey: `licensing.application:${key}`,
      payload: {
        applicationId: app.id,
        applicationNo: app.application_no,
        type: app.type,
        typeLabel: APPLICATION_TYPE_LABEL[app.type],
        state: app.state,
        stateLabel: stateLabel(app.state),
        action: what.action,
        actionLabel: what.actionLabel,
        comment: what.comment ?? null,
        enterpriseName: app.enterprise_name,
        creditCode: app.credit_code,
        regionCode: app.region_code,
        productUnitId: app.product_unit_id,
        productName: app.product_name,
        submittedAt: app.submitted_at ? new Date(app.submitted_at).toISOString() : null,
        acceptedDate: app.accepted_date,
        deemedAcceptedOn: app.deemed_accepted_on,
        dueDate: app.due_date,
        decision: app.decision,
        decisionDate: app.decision_date,
        certificateNo: app.issued_certificate_no,
        at: this.ctx.clock.now().toISOString(),
      },
    });
  }

  /**
   * 受理: records whether 实地核查 follows (先核后证 requires it; 变更/补领 have none) and, when it does,
   * opens the inspection task. // 《办法》第十八条: 自受理之日起 30 日内完成实地核查
   */
  async onAccepted(e: TransitionEvent, inspect: boolean): Promise<void> {
    const app = await this.inProcess(e);
    const unit = await new CatalogueService(e.ctx).get(app.product_unit_id, e.trx);
    const problem = inspectionChoiceProblem(inspectionPolicy(app.type, unit.effectiveApprovalMode), inspect);
    if (problem) throw LicensingErrors.inspectionChoice(problem);
    // accepted_date is the day of the recorded 受理 even after 视为受理 (deemed_accepted_on keeps that date);
    // the clocks of 核查 and 决定 also run from here: moving them to the deemed date is not done yet.
    const inspectionDue = inspect ? await new CalendarService(e.ctx).addWorkingDays(e.today, 30) : null;
    await new ApplicationsRepository(e.trx).update(app.id, {
      accepted_date: e.today,
      inspection_required: inspect,
      inspection_due_date: inspectionDue,
    });
    if (inspect)
      await new InspectionService(e.ctx).openTask(e.trx, e.principal, {
        applicationId: app.id,
        regionCode: app.region_code,
        enterpriseOrgId: app.enterprise_org_id,
        productUnitId: app.product_unit_id,
      });
    // 《办法》第二十四条: 自受理之日起 60 日内作出决定 (检验 not counted, so the date is an estimate)
    const decisionDue = await new CalendarService(e.ctx).addWorkingDays(e.today, 60);
    await this.issueDocument(e, app, 'acceptance_notice', (b) =>
      acceptanceContent({ ...b, inspectionRequired: inspect, decisionDue }),
    );
  }

  /** A 许可文书 of this act, numbered and frozen in the transition's transaction (documents.service.ts). */
  private async issueDocument(
    e: TransitionEvent,
    app: ApplicationRow,
    kind: DocumentKind,
    build: (b: DocumentBase) => DocumentContent,
  ): Promise<void> {
    await new DocumentsService(e.ctx).issue(e.trx, e.principal, app, kind, e.today, build);
  }

  /** 不予受理 (《行政许可法》第三十二条: 书面凭证 with the reason and the remedies). */
  async onNotAccepted(e: TransitionEvent): Promise<void> {
    const app = await this.inProcess(e);
    await this.issueDocument(e, app, 'rejection_notice', (b) =>
      rejectionContent({ ...b, reason: e.comment ?? '' }),
    );
  }

  /** 核查结论 (《办法》第十九条): the notice to the enterprise, from the concluded task. */
  async onInspectionConcluded(e: TransitionEvent): Promise<void> {
    const app = await this.inProcess(e);
    const c = await new InspectionService(e.ctx).conclusionOf(app.id, e.trx);
    if (!c) return;
    await this.issueDocument(e, app, 'inspection_conclusion', (b) =>
      inspectionConclusionContent({
        ...b,
        passed: c.result === 'pass',
        suggestedPassed: c.suggestedResult === 'pass',
        overrideReason: c.overridden ? c.overrideReason : null,
        leader: c.leaderName ?? '—',
        members: c.members.filter((m) => m.role === 'member').map((m) => m.name),
        actualStart: c.actualStart,
        actualEnd: c.actualEnd,
        counts: {
          vetoFail: c.counts?.vetoNonconform ?? 0,
          generalFail: c.counts?.generalNonconform ?? 0,
          basic: c.counts?.basic ?? 0,
          conform: c.counts?.conform ?? 0,
        },
        problems: c.problems,
      }),
    );
  }

  /** 补正告知: only the variant the configuration names (补正期间暂停计时 or not, 【待确认】). */
  async onSupplement(e: TransitionEvent, pauses: boolean): Promise<void> {
    const settings = await new CatalogueService(e.ctx).settings(e.trx);
    if (settings.supplementPausesClock !== pauses)
      throw LicensingErrors.supplementMode(settings.supplementPausesClock);
    const app = await this.inProcess(e);
    // 《办法》第十二条: 一次性告知需要补正的全部内容
    await this.issueDocument(e, app, 'supplement_notice', (b) =>
      supplementContent({ ...b, items: e.comment ?? '', clockPaused: pauses }),
    );
  }

  /** 提交补正材料: the submission checks again, as of the day of the first submission. */
  async onResubmit(e: TransitionEvent): Promise<void> {
    const app = await this.inProcess(e);
    const asOf = app.submitted_at ? businessDate(app.submitted_at, this.ctx.config.timeZone) : e.today;
    await this.assertSubmittable(e.trx, app, asOf);
  }

  /** 准予许可: the certificate is issued in the same transaction (行政赋号, seed 行政许可 5). */
  async onApproved(e: TransitionEvent): Promise<void> {
    const app = await this.inProcess(e);
    if (!ISSUABLE.has(app.type)) throw LicensingErrors.state(stateLabel(app.state), '准予许可');
    const cert = await new CertificatesService(e.ctx).issue(e.trx, e.principal, {
      applicationId: app.id,
      applicationType: app.type as Exclude<ApplicationType, 'cancel'>,
      enterpriseOrgId: app.enterprise_org_id,
      regionCode: app.region_code,
      productUnitId: app.product_unit_id,
      decisionDate: e.today,
      previousCertificateId: app.type === 'issue' ? null : app.certificate_id,
      enterpriseName: app.enterprise_name,
      creditCode: app.credit_code,
      residence: app.residence,
      productionAddress: app.production_address,
    });
    await new ApplicationsRepository(e.trx).update(app.id, {
      decision: 'approved',
      decision_date: e.today,
      decision_reason: e.comment,
      issued_certificate_id: cert.id,
      issued_certificate_no: cert.number,
    });
    await this.issueDocument(e, app, 'approval_decision', (b) =>
      approvalContent({ ...b, certificateNo: cert.number, validFrom: cert.validFrom, validTo: cert.validTo }),
    );
  }

  /** 不予许可, with its reason (《办法》第二十四条: 不予许可的，书面说明理由). */
  async onRefused(e: TransitionEvent): Promise<void> {
    const app = await this.inProcess(e);
    await new ApplicationsRepository(e.trx).update(app.id, {
      decision: 'refused',
      decision_date: e.today,
      decision_reason: e.comment,
    });
    await this.issueDocument(e, app, 'refusal_decision', (b) =>
      refusalContent({ ...b, reason: e.comment ?? '' }),
    );
  }

  /** 终止办理 needs its ground (set by terminate() in the same transaction). */
  async onTerminated(e: TransitionEvent): Promise<void> {
    const app = await this.inProcess(e);
    if (!app.termination_ground) throw LicensingErrors.terminationGroundRequired();
    const grounds = await new CatalogueService(e.ctx).terminationGrounds(false, e.trx);
    const ground = grounds.find((g) => g.code === app.termination_ground);
    await this.issueDocument(e, app, 'termination_notice', (b) =>
      terminationContent({
        ...b,
        ground: ground?.label ?? app.termination_ground!,
        article: ground?.article ?? '《办法》第三十二条',
        comment: e.comment,
      }),
    );
  }
}
