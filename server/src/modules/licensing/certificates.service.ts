import type { SettingStamp } from './catalogue.repository.js';
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { isValidDay, toEpochDay } from '../../platform/calendar/calendar.rules.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { forbidden } from '../../platform/errors.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { nextUnvoided, voidNumber } from '../../platform/numbering/numbering.service.js';
import { publish } from '../../platform/outbox/outbox.service.js';
import { WorkflowService } from '../../platform/workflow/workflow.service.js';
import {
  APPLICATION_TYPE_LABEL,
  barLastDay,
  CANCELLATION_GROUND_LABEL,
  CERTIFICATE_STATE_LABEL,
  certificateState,
  computeValidity,
  coreNumber,
  displayNumber,
  latestRenewalDate,
  MAX_SERIAL,
  parseLicenceNumber,
  parseSettings,
  reachedMilestones,
  reminderHorizon,
  SANCTION_DEFAULT_ARTICLE,
  SANCTION_LABEL,
  SANCTION_STATUS,
  SERIAL_YEAR,
  serialKey,
  SETTING_DEFS,
  settingDef,
  type CancellationGround,
  type CertificateApplicationType,
  type CertificateSettings,
  type SanctionKind,
} from './certificate.rules.js';
import { CANCELLATION_BUSINESS_TYPE, CANCELLATION_PROCESS_KEY } from './cancellation.workflow.js';
import { CatalogueService } from './catalogue.service.js';
import { CertificateErrors } from './certificates.errors.js';
import { GOV_SERVICE_DESTINATION } from './licensing.rules.js';
import {
  CertificatesRepository,
  type CancellationRow,
  type CertificateEventRow,
  type CertificateFilter,
  type CertificateRow,
  type ReminderRow,
} from './certificates.repository.js';

// ---------------------------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------------------------

/** Who may read certificates (each within the data scope): enterprises their own, officers their region. */
export const CERTIFICATE_READ = [
  'licensing:certificate',
  'licensing:apply',
  'licensing:stats',
  'licensing:revoke',
  'licensing:cancel-review',
  'licensing:cancel-audit',
  'licensing:cancel-approve',
] as const;
/** 撤销 / 撤回 / 吊销 (seed 行政许可 4), held by the province bureau. */
export const CERTIFICATE_SANCTION = 'licensing:revoke';
/** Starting a 注销 on the bureau's own motion (依职权注销, 《办法》第三十五条). */
export const CERTIFICATE_CANCEL_START = ['licensing:certificate', 'licensing:cancel-review'] as const;
/** Reading and changing the certificate settings (许可规则维护). */
export const CERTIFICATE_SETTINGS_READ = ['licensing:catalogue', 'licensing:certificate'] as const;
export const CERTIFICATE_SETTINGS_WRITE = 'licensing:catalogue';

function needAny(p: Principal, codes: readonly string[]): void {
  if (!codes.some((c) => p.permissions.has(c)))
    throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${codes.join(' 或 ')}）`);
}

// ---------------------------------------------------------------------------------------------------------
// Outbox
// ---------------------------------------------------------------------------------------------------------

/**
 * Destination of certificate changes: the 办件 stream of the module (its driver comes with the integration
 * issue); licensing.md §10 asks the state changes to reach sampling and traceability as events too.
 */
export const CERTIFICATE_EVENT_DESTINATION = GOV_SERVICE_DESTINATION;
export const CERTIFICATE_AGGREGATE = 'licence_certificate';

// ---------------------------------------------------------------------------------------------------------
// Inputs and outputs
// ---------------------------------------------------------------------------------------------------------

/** What the application process passes when a licence is granted (行政赋号). */
export interface IssueInput {
  applicationId: string;
  applicationType: CertificateApplicationType;
  enterpriseOrgId: string;
  /** The enterprise's region (GB/T 2260): the data scope of officers. */
  regionCode: string;
  productUnitId: string;
  /** 准予许可决定日 (YYYY-MM-DD): the start of validity (seed 行政赋号). */
  decisionDate: string;
  /** The certificate a 延续 / 变更 / 补领 / 重新审查 replaces. */
  previousCertificateId?: string | null;
  /** Printed on the certificate (《办法》第三十七条); default: the organisation's, or the previous certificate's. */
  enterpriseName?: string | null;
  creditCode?: string | null;
  residence?: string | null;
  productionAddress?: string | null;
}

export interface IssuedCertificate {
  id: string;
  /** As printed, e.g. (陕)XK13-008-00001. */
  number: string;
  validFrom: string;
  validTo: string;
}

/** What a new application of an enterprise for a product meets (seed 行政许可 4; 《条例》第五十五条). */
export type ApplicationBar =
  | { kind: 'none' }
  | { kind: 'needs-rectification-proof'; revokedAt: string }
  | { kind: 'barred'; until: string; article: string };

export interface StartCancellationInput {
  certificateId: string;
  /** The enterprise's 注销 application, when there is one (none for 依职权注销). */
  applicationId?: string | null;
  reason: string;
  /** 《办法》第三十五条 情形; default 'applied' with an application, else 'other'. */
  ground?: CancellationGround;
}

export interface SanctionInput {
  kind: SanctionKind;
  /** 决定日期; default today. */
  decisionDate?: string | undefined;
  grounds: string;
  /** The article relied on; default per kind (SANCTION_DEFAULT_ARTICLE). */
  article?: string | undefined;
  documentNo?: string | undefined;
}

/** A certificate with its display number and current state (today). */
export interface CertificateView {
  row: CertificateRow;
  number: string;
  state: ReturnType<typeof certificateState>;
  stateLabel: string;
  latestRenewalDate: string;
  pendingCancellationId: string | null;
}

export interface CertificateDetail extends CertificateView {
  /** Every certificate issued under the number, oldest first. */
  chain: CertificateView[];
  events: CertificateEventRow[];
  cancellations: CancellationRow[];
}

/** What the public verification shows: no personal data, no addresses, no officer names. */
export interface PublicCertificateView {
  number: string;
  enterpriseName: string;
  productName: string;
  issueDate: string;
  validFrom: string;
  validTo: string;
  state: ReturnType<typeof certificateState>;
  stateLabel: string;
  /** When the state changed (撤销/撤回/吊销/注销 date), if it did. */
  stateDate: string | null;
  /** The certificate looked up was replaced by a later one with the same number. */
  superseded: boolean;
  checkedAt: string;
}

export interface SettingView {
  key: string;
  name: string;
  value: string;
  defaultValue: string;
  remark: string;
  /** Last change (none while the default is in force). */
  stamp: SettingStamp | undefined;
}

/** Certificate settings plus the months before expiry by which a 延续 is due (《办法》第二十七条: 6). */
export type Settings = CertificateSettings & { renewalLeadMonths: number };

export const displayOf = (r: Pick<CertificateRow, 'province_abbr' | 'core_number'>, s: CertificateSettings) =>
  displayNumber(r.province_abbr, r.core_number, s.number.bracket);

/** A verification token for the QR code: 24 URL-safe characters, not guessable. */
const newToken = () => randomBytes(18).toString('base64url');

/**
 * 生产许可证书: 行政赋号 and validity (seed 5), 撤销/撤回/吊销 (seed 4), 注销 (seed 7, process in
 * cancellation.workflow.ts), the certificate PDF and its public verification, 申报提醒.
 * Methods taking a transaction are called by the application process inside its own transaction.
 */
export class CertificatesService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  /**
   * The certificate settings (defaults where nothing is stored), with the 延续 lead time of the
   * application rules (one setting, owned by the catalogue: 'renewal.leadMonths').
   */
  async settings(db: Database = this.ctx.db): Promise<Settings> {
    const own = parseSettings(await new CertificatesRepository(db).settings());
    const rules = await new CatalogueService(this.ctx).settings(db);
    return { ...own, renewalLeadMonths: rules.renewal.leadMonths };
  }

  /**
   * 行政赋号: issues the certificate of a granted application in the caller's transaction. 发证 takes a new
   * number (the 5-digit serial from the numbering service, never one voided or already used); 延续, 变更,
   * 补领 and 重新审查 keep the number of the previous certificate (《办法》第二十七条第二款: 延续后编号不变)
   * and mark it replaced. Validity per certificate.rules computeValidity. The caller has authorised the principal.
   */
  async issue(trx: Transaction<DB>, principal: Principal, input: IssueInput): Promise<IssuedCertificate> {
    if (!isValidDay(input.decisionDate)) throw CertificateErrors.decisionDateInvalid();
    const repo = new CertificatesRepository(trx);
    const settings = await this.settings(trx);
    const enterprise = await repo.enterprise(input.enterpriseOrgId);
    if (!enterprise) throw CertificateErrors.enterpriseNotFound();
    const unit = await new CatalogueService(this.ctx).productUnit(input.productUnitId, trx);
    if (!unit) throw CertificateErrors.productUnitNotFound();

    const type = input.applicationType;
    let previous: CertificateRow | undefined;
    if (type !== 'issue') {
      if (!input.previousCertificateId)
        throw CertificateErrors.previousRequired(APPLICATION_TYPE_LABEL[type]);
      previous = await repo.findForUpdate(input.previousCertificateId);
      if (!previous) throw CertificateErrors.previousNotFound();
      if (previous.org_id !== input.enterpriseOrgId || previous.product_unit_id !== input.productUnitId)
        throw CertificateErrors.previousMismatch();
      if (previous.status !== 'valid')
        throw CertificateErrors.previousNotValid(CERTIFICATE_STATE_LABEL[previous.status]);
      // A certificate on its way to 注销 is not renewed or changed at the same time.
      if (await repo.pendingCancellation(previous.id)) throw CertificateErrors.previousBeingCancelled();
    } else {
      const active = await repo.findActive(input.enterpriseOrgId, input.productUnitId);
      if (active) throw CertificateErrors.alreadyLicensed(displayOf(active, settings));
    }

    let number: {
      core: string;
      province: string | null;
      industry: string;
      product: string;
      serial: number;
      key: string;
      year: number;
    };
    if (previous) {
      number = {
        core: previous.core_number,
        province: previous.province_abbr,
        industry: previous.industry_code,
        product: previous.product_code,
        serial: previous.serial,
        key: previous.serial_key,
        year: previous.serial_year,
      };
    } else {
      const industry = unit.industryCode;
      const product = unit.productCode;
      if (!industry || !product || !/^\d{2}$/.test(industry) || !/^\d{3}$/.test(product))
        throw CertificateErrors.productCodesMissing();
      const key = serialKey(settings.serialScope, industry, product);
      let serial = 0;
      let core = '';
      // A number already carried by a certificate (e.g. migrated from the legacy system) is skipped.
      for (;;) {
        serial = await nextUnvoided(trx, key, SERIAL_YEAR);
        if (serial > MAX_SERIAL) throw CertificateErrors.serialExhausted(key);
        core = coreNumber(industry, product, serial);
        if (!(await repo.numberUsed(core))) break;
      }
      number = {
        core,
        province: settings.number.provinceAbbr || null,
        industry,
        product,
        serial,
        key,
        year: SERIAL_YEAR,
      };
    }

    const validity = computeValidity(
      type,
      input.decisionDate,
      previous ? { validFrom: previous.valid_from, validTo: previous.valid_to } : null,
      settings.validity,
    );
    const now = this.ctx.clock.now();
    const id = uuidv7();
    if (previous) {
      // Before the insert: one valid certificate per number and holder.
      await repo.update(previous.id, { status: 'replaced', updated_at: now, updated_by: principal.userId });
    }
    await repo.insert({
      id,
      core_number: number.core,
      province_abbr: number.province,
      industry_code: number.industry,
      product_code: number.product,
      serial: number.serial,
      serial_key: number.key,
      serial_year: number.year,
      org_id: input.enterpriseOrgId,
      region_code: input.regionCode,
      enterprise_name: input.enterpriseName?.trim() || enterprise.name,
      credit_code: input.creditCode?.trim() || enterprise.credit_code,
      residence: input.residence?.trim() || previous?.residence || null,
      production_address: input.productionAddress?.trim() || previous?.production_address || null,
      product_unit_id: input.productUnitId,
      product_name: unit.name,
      application_id: input.applicationId,
      application_type: type,
      previous_id: previous?.id ?? null,
      issue_date: input.decisionDate,
      valid_from: validity.validFrom,
      valid_to: validity.validTo,
      status: 'valid',
      sanction_kind: null,
      sanction_date: null,
      sanction_grounds: null,
      sanction_article: null,
      sanction_document_no: null,
      sanctioned_by: null,
      bar_last_day: null,
      cancelled_date: null,
      cancellation_id: null,
      replaced_by: null,
      verify_token: newToken(),
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      updated_by: principal.userId,
    });
    const display = displayNumber(number.province, number.core, settings.number.bracket);
    if (previous) {
      await repo.update(previous.id, { replaced_by: id });
      await this.event(repo, principal, previous, 'replaced', '换发新证', input.decisionDate, {
        applicationId: input.applicationId,
        comment: `因${APPLICATION_TYPE_LABEL[type]}换发新证，编号不变`,
      });
    }
    const created = (await repo.findById(id))!;
    await this.event(
      repo,
      principal,
      created,
      `issued.${type}`,
      `${APPLICATION_TYPE_LABEL[type]}发证`,
      input.decisionDate,
      {
        applicationId: input.applicationId,
        comment: `有效期 ${validity.validFrom} 至 ${validity.validTo}`,
      },
    );
    await this.publishChange(trx, created, 'licence.issued', { applicationType: type, number: display });
    return { id, number: display, validFrom: validity.validFrom, validTo: validity.validTo };
  }

  /** The valid certificate (expired or not) of an enterprise for a product unit, for other modules and sampling. */
  async findActive(
    enterpriseOrgId: string,
    productUnitId: string,
    db: Database = this.ctx.db,
  ): Promise<(IssuedCertificate & { state: string; status: string }) | undefined> {
    const row = await new CertificatesRepository(db).findActive(enterpriseOrgId, productUnitId);
    if (!row) return undefined;
    const settings = await this.settings(db);
    return {
      id: row.id,
      number: displayOf(row, settings),
      validFrom: row.valid_from,
      validTo: row.valid_to,
      status: row.status,
      state: certificateState(row.status, row.valid_to, this.today()),
    };
  }

  /**
   * Whether an enterprise may apply for a product again: within 3 years of a 吊销 it may not
   * (《条例》第五十五条); after a 撤销 or 吊销 it must attach a 整改证明 from a county-level or higher bureau
   * (seed 行政许可 4: 撤证的企业再次提交申请时需提供县级以上监管部门提供的整改证明) until it holds a new certificate.
   */
  async applicationBar(
    enterpriseOrgId: string,
    productUnitId: string,
    today: string = this.today(),
    db: Database = this.ctx.db,
  ): Promise<ApplicationBar> {
    const repo = new CertificatesRepository(db);
    const bar = await repo.runningBar(enterpriseOrgId, productUnitId, today);
    if (bar?.bar_last_day) {
      return {
        kind: 'barred',
        until: bar.bar_last_day,
        // 《条例》第五十五条: 被吊销生产许可证的企业，自吊销之日起 3 年内不得再次申请同一产品的生产许可证
        article: '《工业产品生产许可证管理条例》第五十五条',
      };
    }
    const s = await repo.latestSanction(enterpriseOrgId, productUnitId);
    if (!s?.sanction_date) return { kind: 'none' };
    const relicensed = await repo.newIssueSince(
      enterpriseOrgId,
      productUnitId,
      s.core_number,
      s.sanction_date,
    );
    return relicensed ? { kind: 'none' } : { kind: 'needs-rectification-proof', revokedAt: s.sanction_date };
  }

  // -------------------------------------------------------------------------------------------------------
  // 撤销 / 撤回 / 吊销
  // -------------------------------------------------------------------------------------------------------

  /**
   * Records a 撤销 (《办法》第三十四条), 撤回 (《办法》第三十三条) or 吊销 (《条例》第五十四条) with grounds and
   * article. 撤销 voids the number for ever (seed 行政许可 4: 撤销证书后此证号作废，不再保留证号); 吊销 starts the
   * 3-year bar (《条例》第五十五条). The certificate then awaits 注销 (licensing.md §4).
   */
  async sanction(p: Principal, id: string, input: SanctionInput): Promise<CertificateView> {
    needAny(p, [CERTIFICATE_SANCTION]);
    const today = this.today();
    const on = input.decisionDate ?? today;
    if (!isValidDay(on) || toEpochDay(on) > toEpochDay(today)) throw CertificateErrors.sanctionDateInvalid();
    const visible = await new CertificatesRepository(this.ctx.db).findVisible(p, id);
    if (!visible) throw CertificateErrors.notFound();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new CertificatesRepository(trx);
      const row = (await repo.findForUpdate(id))!;
      if (row.status !== 'valid')
        throw CertificateErrors.notSanctionable(
          CERTIFICATE_STATE_LABEL[certificateState(row.status, row.valid_to, today)],
        );
      const now = this.ctx.clock.now();
      const article = input.article?.trim() || SANCTION_DEFAULT_ARTICLE[input.kind];
      const grounds = input.grounds.trim();
      const label = SANCTION_LABEL[input.kind];
      if (input.kind === 'revoke') {
        await voidNumber(
          trx,
          row.serial_key,
          row.serial_year,
          row.serial,
          `撤销许可：${grounds}`,
          { userId: p.userId, at: now },
          true,
        );
      }
      await repo.update(id, {
        status: SANCTION_STATUS[input.kind],
        sanction_kind: input.kind,
        sanction_date: on,
        sanction_grounds: grounds,
        sanction_article: article,
        sanction_document_no: input.documentNo?.trim() || null,
        sanctioned_by: p.userId,
        bar_last_day: input.kind === 'rescind' ? barLastDay(on) : null,
        number_voided: input.kind === 'revoke',
        updated_at: now,
        updated_by: p.userId,
      });
      const after = (await repo.findById(id))!;
      await this.event(
        repo,
        p,
        after,
        input.kind === 'revoke' ? 'revoked' : input.kind === 'withdraw' ? 'withdrawn' : 'rescinded',
        `${label}许可`,
        on,
        {
          comment: grounds + (input.documentNo ? `（${input.documentNo.trim()}）` : ''),
          article,
        },
      );
      if (input.kind === 'revoke') {
        await this.event(repo, p, after, 'number_voided', '证号作废', on, {
          comment: '撤销后此证号作废，不再使用',
        });
      }
      await this.publishChange(trx, after, `licence.${SANCTION_STATUS[input.kind]}`, { article });
    });
    return this.view((await new CertificatesRepository(this.ctx.db).findById(id))!, await this.settings());
  }

  // -------------------------------------------------------------------------------------------------------
  // 注销
  // -------------------------------------------------------------------------------------------------------

  /**
   * Starts the three-level 注销 approval (seed 行政许可 7) for a certificate in the caller's transaction. The
   * certificate changes only at the final approval. An enterprise principal becomes the applicant (it may
   * withdraw before 初审 ends); an officer starts it on the bureau's own motion (no applicant).
   */
  async startCancellation(
    trx: Transaction<DB>,
    principal: Principal,
    input: StartCancellationInput,
  ): Promise<{ cancellationId: string; instanceId: string }> {
    const repo = new CertificatesRepository(trx);
    const row = await repo.findForUpdate(input.certificateId);
    if (!row) throw CertificateErrors.notFound();
    if (row.status === 'replaced' || row.status === 'cancelled')
      throw CertificateErrors.notCancellable(CERTIFICATE_STATE_LABEL[row.status]);
    if (await repo.pendingCancellation(row.id)) throw CertificateErrors.cancellationPending();
    const reason = input.reason.trim();
    const ground: CancellationGround =
      input.ground ?? (row.sanction_kind ? 'sanctioned' : input.applicationId ? 'applied' : 'other');
    const now = this.ctx.clock.now();
    const id = uuidv7();
    await repo.insertCancellation({
      id,
      certificate_id: row.id,
      application_id: input.applicationId ?? null,
      ground,
      reason,
      status: 'pending',
      org_id: row.org_id,
      region_code: row.region_code,
      workflow_instance_id: null,
      decided_at: null,
      decided_on: null,
      created_at: now,
      created_by: principal.userId,
      updated_at: now,
      updated_by: principal.userId,
    });
    const settings = await this.settings(trx);
    const byEnterprise = principal.orgId === row.org_id;
    const instance = await new WorkflowService(this.ctx).start(trx, principal, {
      processKey: CANCELLATION_PROCESS_KEY,
      businessType: CANCELLATION_BUSINESS_TYPE,
      businessId: id,
      title: `${row.enterprise_name} ${row.product_name} 生产许可证注销（${displayOf(row, settings)}）`.slice(
        0,
        200,
      ),
      regionCode: row.region_code,
      orgId: row.org_id,
      applicantUserId: byEnterprise ? principal.userId : null,
      applicantOrgId: row.org_id,
      comment: `${CANCELLATION_GROUND_LABEL[ground]}：${reason}`,
    });
    await repo.updateCancellation(id, { workflow_instance_id: instance.id });
    await this.event(repo, principal, row, 'cancellation_started', '提出注销', this.today(), {
      applicationId: input.applicationId ?? null,
      cancellationId: id,
      comment: `${CANCELLATION_GROUND_LABEL[ground]}：${reason}`,
    });
    return { cancellationId: id, instanceId: instance.id };
  }

  /** 依职权注销 from the certificate page: starts the process in its own transaction. */
  async requestCancellation(
    p: Principal,
    id: string,
    input: { reason: string; ground?: CancellationGround | undefined },
  ): Promise<{ cancellationId: string; instanceId: string }> {
    needAny(p, CERTIFICATE_CANCEL_START);
    const visible = await new CertificatesRepository(this.ctx.db).findVisible(p, id);
    if (!visible) throw CertificateErrors.notFound();
    return this.ctx.db.transaction().execute((trx) =>
      this.startCancellation(trx, p, {
        certificateId: id,
        applicationId: null,
        reason: input.reason,
        ...(input.ground && { ground: input.ground }),
      }),
    );
  }

  /** The final approval of a 注销 (effect of the process, in its transaction): the certificate is 注销. */
  async completeCancellation(trx: Transaction<DB>, principal: Principal, cancellationId: string, on: string) {
    const repo = new CertificatesRepository(trx);
    const c = await repo.findCancellation(cancellationId);
    if (!c) throw CertificateErrors.notFound();
    const row = await repo.findForUpdate(c.certificate_id);
    if (!row) throw CertificateErrors.notFound();
    if (row.status === 'replaced' || row.status === 'cancelled')
      throw CertificateErrors.notCancellable(CERTIFICATE_STATE_LABEL[row.status]);
    const now = this.ctx.clock.now();
    await repo.update(row.id, {
      status: 'cancelled',
      cancelled_date: on,
      cancellation_id: c.id,
      updated_at: now,
      updated_by: principal.userId,
    });
    await repo.updateCancellation(c.id, {
      status: 'approved',
      decided_at: now,
      decided_on: on,
      updated_at: now,
      updated_by: principal.userId,
    });
    const after = (await repo.findById(row.id))!;
    // 《办法》第三十五条: 有下列情形之一的，应当依法办理注销手续
    await this.event(repo, principal, after, 'cancelled', '注销', on, {
      cancellationId: c.id,
      applicationId: c.application_id,
      comment: `${CANCELLATION_GROUND_LABEL[c.ground]}：${c.reason}`,
      article: '《工业产品生产许可证管理条例实施办法》第三十五条',
    });
    await this.publishChange(trx, after, 'licence.cancelled', {
      ground: c.ground,
      cancellationId: c.id,
      applicationId: c.application_id,
    });
  }

  /** A 注销 that ended without approval (不予注销 or withdrawn): recorded, the certificate unchanged. */
  async closeCancellation(
    trx: Transaction<DB>,
    principal: Principal,
    cancellationId: string,
    outcome: 'rejected' | 'withdrawn',
    on: string,
    comment: string | null,
  ) {
    const repo = new CertificatesRepository(trx);
    const c = await repo.findCancellation(cancellationId);
    if (!c || c.status !== 'pending') return;
    const now = this.ctx.clock.now();
    await repo.updateCancellation(c.id, {
      status: outcome,
      decided_at: now,
      decided_on: on,
      updated_at: now,
      updated_by: principal.userId,
    });
    const row = (await repo.findById(c.certificate_id))!;
    await this.event(
      repo,
      principal,
      row,
      outcome === 'rejected' ? 'cancellation_rejected' : 'cancellation_withdrawn',
      outcome === 'rejected' ? '不予注销' : '撤回注销申请',
      on,
      { cancellationId: c.id, applicationId: c.application_id, comment },
    );
  }

  /** The 注销 request of an application (for the application process), if any. */
  async cancellationOfApplication(applicationId: string, db: Database = this.ctx.db) {
    return new CertificatesRepository(db).cancellationOfApplication(applicationId);
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading
  // -------------------------------------------------------------------------------------------------------

  private view(row: CertificateRow, s: Settings, pending: string | null = null): CertificateView {
    const state = certificateState(row.status, row.valid_to, this.today());
    return {
      row,
      number: displayOf(row, s),
      state,
      stateLabel: CERTIFICATE_STATE_LABEL[state],
      latestRenewalDate: latestRenewalDate(row.valid_to, s.renewalLeadMonths),
      pendingCancellationId: pending,
    };
  }

  /** The certificates the principal may see, filtered, sorted and paged. */
  async list(p: Principal, f: CertificateFilter, q: ListQuery): Promise<Page<CertificateView>> {
    needAny(p, CERTIFICATE_READ);
    const page = await new CertificatesRepository(this.ctx.db).list(p, f, q, this.today());
    const s = await this.settings();
    return { ...page, items: page.items.map((r) => this.view(r, s)) };
  }

  /** One certificate with every certificate of its number, the history and the 注销 requests. */
  async detail(p: Principal, id: string): Promise<CertificateDetail> {
    needAny(p, CERTIFICATE_READ);
    const repo = new CertificatesRepository(this.ctx.db);
    const row = await repo.findVisible(p, id);
    if (!row) throw CertificateErrors.notFound();
    const s = await this.settings();
    // The chain shares the holder (延续 etc. keep the enterprise), so it is inside the same scope.
    const chain = (await repo.chain(row.core_number)).filter((r) => r.org_id === row.org_id);
    const cancellations = await repo.cancellationsOf(chain.map((r) => r.id));
    const pending = cancellations.find((c) => c.certificate_id === row.id && c.status === 'pending');
    return {
      ...this.view(row, s, pending?.id ?? null),
      chain: chain.map((r) => this.view(r, s)),
      events: (await repo.events(row.core_number)).filter((e) =>
        chain.some((r) => r.id === e.certificate_id),
      ),
      cancellations,
    };
  }

  /** A certificate the principal may see (for the PDF). */
  async visible(p: Principal, id: string): Promise<CertificateView> {
    needAny(p, CERTIFICATE_READ);
    const row = await new CertificatesRepository(this.ctx.db).findVisible(p, id);
    if (!row) throw CertificateErrors.notFound();
    return this.view(row, await this.settings());
  }

  // -------------------------------------------------------------------------------------------------------
  // Public verification (no login)
  // -------------------------------------------------------------------------------------------------------

  private publicView(row: CertificateRow, s: CertificateSettings): PublicCertificateView {
    const state = certificateState(row.status, row.valid_to, this.today());
    return {
      number: displayOf(row, s),
      enterpriseName: row.enterprise_name,
      productName: row.product_name,
      issueDate: row.issue_date,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      state,
      stateLabel: CERTIFICATE_STATE_LABEL[state],
      stateDate: row.cancelled_date ?? row.sanction_date ?? null,
      superseded: row.status === 'replaced',
      checkedAt: this.ctx.clock.now().toISOString(),
    };
  }

  /** The current certificate under a licence number typed by anyone (normalised first). */
  async verifyNumber(input: string): Promise<PublicCertificateView> {
    const parsed = parseLicenceNumber(input);
    if (!parsed) throw CertificateErrors.numberInvalid();
    const row = await new CertificatesRepository(this.ctx.db).findLatestByNumber(parsed.core);
    if (!row) throw CertificateErrors.publicNotFound();
    return this.publicView(row, await this.settings());
  }

  /** The certificate behind the QR code of a printed certificate. */
  async verifyToken(token: string): Promise<PublicCertificateView> {
    const row = await new CertificatesRepository(this.ctx.db).findByToken(token);
    if (!row) throw CertificateErrors.publicNotFound();
    return this.publicView(row, await this.settings());
  }

  // -------------------------------------------------------------------------------------------------------
  // 申报提醒
  // -------------------------------------------------------------------------------------------------------

  /**
   * Creates the 申报提醒 reached on `today` (seed 企业平台: 申报提醒): one per certificate and milestone, e.g.
   * when 6 months before expiry have come. // 《办法》第二十七条: 期满 6 个月前申请延续. Idempotent.
   */
  async generateReminders(today: string = this.today()): Promise<number> {
    const s = await this.settings();
    const repo = new CertificatesRepository(this.ctx.db);
    const candidates = await repo.expiringBetween(today, reminderHorizon(today, s.reminderMonths));
    let created = 0;
    for (const c of candidates) {
      for (const months of reachedMilestones(c.valid_to, today, s.reminderMonths)) {
        const latest = latestRenewalDate(c.valid_to, s.renewalLeadMonths);
        const number = displayOf(c, s);
        const late = toEpochDay(latest) < toEpochDay(today);
        const added = await repo.insertReminder({
          id: uuidv7(),
          certificate_id: c.id,
          org_id: c.org_id,
          region_code: c.region_code,
          kind: 'renewal',
          milestone_months: months,
          valid_to: c.valid_to,
          latest_apply_date: latest,
          title: `生产许可证 ${number} 将于 ${c.valid_to} 到期`,
          content:
            `您单位的${c.product_name}生产许可证（${number}）有效期至 ${c.valid_to}。` +
            (late
              ? `按规定应在期满 ${s.renewalLeadMonths} 个月前（${latest} 前）申请延续，现已逾期，请尽快办理。`
              : `需要继续生产的，请在 ${latest} 前申请延续。`),
          created_on: today,
          created_at: this.ctx.clock.now(),
          read_at: null,
          read_by: null,
        });
        if (added) created++;
      }
    }
    return created;
  }

  /** The reminders of the principal's organisation (enterprises) or region (officers). */
  async reminders(
    p: Principal,
    f: { unread?: boolean | undefined },
    q: ListQuery,
  ): Promise<Page<ReminderRow> & { unread: number }> {
    needAny(p, CERTIFICATE_READ);
    const repo = new CertificatesRepository(this.ctx.db);
    const page = await repo.reminders(p, f, q);
    return { ...page, unread: await repo.unreadReminders(p) };
  }

  /** Marks a reminder of the principal's own organisation read. */
  async markReminderRead(p: Principal, id: string): Promise<void> {
    needAny(p, CERTIFICATE_READ);
    if (!(await new CertificatesRepository(this.ctx.db).markReminderRead(p, id, this.ctx.clock.now())))
      throw CertificateErrors.reminderNotFound();
  }

  // -------------------------------------------------------------------------------------------------------
  // Settings
  // -------------------------------------------------------------------------------------------------------

  /** Every certificate setting with its current value and default. */
  async listSettings(p: Principal): Promise<SettingView[]> {
    needAny(p, CERTIFICATE_SETTINGS_READ);
    const repo = new CertificatesRepository(this.ctx.db);
    const stored = await repo.settings();
    const stamps = await repo.settingStamps();
    return SETTING_DEFS.map((d) => {
      const v = stored[d.key];
      return {
        key: d.key,
        name: d.name,
        value: v !== undefined && d.check(v) === undefined ? v : d.defaultValue,
        defaultValue: d.defaultValue,
        remark: d.remark,
        stamp: stamps.get(d.key),
      };
    });
  }

  /** Changes a setting; it applies to decisions made afterwards, issued certificates are not recalculated. */
  async updateSetting(p: Principal, key: string, value: string): Promise<SettingView[]> {
    needAny(p, [CERTIFICATE_SETTINGS_WRITE]);
    const def = settingDef(key);
    if (!def) throw CertificateErrors.settingUnknown(key);
    const v = value.trim();
    const problem = def.check(v);
    if (problem) throw CertificateErrors.settingInvalid(def.name, problem);
    await new CertificatesRepository(this.ctx.db).setSetting(key, v, this.ctx.clock.now(), p.userId);
    return this.listSettings(p);
  }

  // -------------------------------------------------------------------------------------------------------
  // Helpers
  // -------------------------------------------------------------------------------------------------------

  private async event(
    repo: CertificatesRepository,
    p: Principal,
    row: CertificateRow,
    type: string,
    label: string,
    on: string,
    extra: {
      applicationId?: string | null;
      cancellationId?: string | null;
      comment?: string | null;
      article?: string | null;
    } = {},
  ): Promise<void> {
    await repo.insertEvent({
      id: uuidv7(),
      certificate_id: row.id,
      core_number: row.core_number,
      event_type: type,
      event_label: label,
      on_date: on,
      at: this.ctx.clock.now(),
      actor_user_id: p.userId,
      actor_name: p.displayName,
      actor_org_name: p.orgName,
      application_id: extra.applicationId ?? null,
      cancellation_id: extra.cancellationId ?? null,
      comment: extra.comment?.slice(0, 2000) ?? null,
      article: extra.article ?? null,
    });
  }

  /** An outbox event of a certificate change, written in the change's transaction (licensing.md §10). */
  private async publishChange(
    trx: Transaction<DB>,
    row: CertificateRow,
    eventType: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await publish(trx, {
      aggregateType: CERTIFICATE_AGGREGATE,
      aggregateId: row.core_number,
      eventType,
      destination: CERTIFICATE_EVENT_DESTINATION,
      payload: {
        certificateId: row.id,
        coreNumber: row.core_number,
        status: row.status,
        enterpriseOrgId: row.org_id,
        creditCode: row.credit_code,
        enterpriseName: row.enterprise_name,
        productUnitId: row.product_unit_id,
        productName: row.product_name,
        regionCode: row.region_code,
        issueDate: row.issue_date,
        validFrom: row.valid_from,
        validTo: row.valid_to,
        sanctionKind: row.sanction_kind,
        sanctionDate: row.sanction_date,
        cancelledDate: row.cancelled_date,
        ...extra,
      },
    });
  }
}
