import type { Principal } from '../../platform/access/principal.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { registerFileOwner } from '../../platform/files/files.owners.js';
import { FileService } from '../../platform/files/files.service.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { CatalogueService } from './catalogue.service.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CERTIFICATE_READ, CertificatesService, displayOf } from './certificates.service.js';
import { LicensingErrors } from './licensing.errors.js';
import { LicensingPermissions } from './licensing.permissions.js';
import {
  SelfInspectionRepository,
  type SelfInspectionFilter,
  type SelfInspectionRow,
  type StatusCounts,
  type StatusFilter,
  type StatusRow,
} from './self-inspection.repository.js';
import {
  deadlineOf,
  firstReportYear,
  reminderMilestone,
  reportStatus,
  submittableYears,
  type ReportStatus,
} from './self-inspection.rules.js';

export const SELF_INSPECTION_FILE_OWNER = 'licensing.self-inspection';

export interface SelfInspectionInput {
  certificateId: string;
  year: number;
  conditionsKept: string;
  changes: string;
  production: string;
  certificateUse: string;
  inspections: string;
  other?: string | null | undefined;
  fileIds?: string[] | undefined;
}

export interface StatusView extends StatusRow {
  number: string;
  firstYear: number;
  status: ReportStatus;
  deadline: string;
}

function needAny(p: Principal, codes: readonly string[]): void {
  if (!codes.some((c) => p.permissions.has(c)))
    throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${codes.join(' 或 ')}）`);
}

const trimOrNull = (v: string | null | undefined) => (v == null ? null : v.trim() || null);

// Attachments are readable by whoever may read the report.
registerFileOwner(SELF_INSPECTION_FILE_OWNER, async (ctx, p, id) =>
  Boolean(await new SelfInspectionRepository(ctx.db).findVisible(p, id)),
);

/**
 * 年度自查报告 (《办法》第四十八条): the enterprise submits one per certificate and year with the six items of
 * 第二款; officers see who has and who has not (《办法》第五十一条: 未提交的责令改正); reminders before the
 * deadline and once it has passed.
 */
export class SelfInspectionService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  private async monthDay(): Promise<string> {
    return (await new CatalogueService(this.ctx).settings()).selfInspectionDeadline;
  }

  async submit(p: Principal, input: SelfInspectionInput): Promise<SelfInspectionRow> {
    needAny(p, [LicensingPermissions.apply]);
    const today = this.today();
    const monthDay = await this.monthDay();
    const id = uuidv7();
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new SelfInspectionRepository(trx);
      const cert = await repo.certificateOf(p.orgId, input.certificateId);
      if (!cert || cert.status !== 'valid') throw LicensingErrors.selfInspectionCertificate();
      const years = submittableYears(cert.issue_date, today);
      if (!years.includes(input.year)) throw LicensingErrors.selfInspectionYear(years);
      if (await repo.find(cert.id, input.year)) throw LicensingErrors.selfInspectionExists(input.year);
      const settings = await new CertificatesService(this.ctx).settings(trx);
      const fileIds = [...new Set(input.fileIds ?? [])];
      await repo.insert({
        id,
        certificate_id: cert.id,
        report_year: input.year,
        org_id: cert.org_id,
        region_code: cert.region_code,
        certificate_no: displayOf(cert, settings),
        product_name: cert.product_name,
        conditions_kept: input.conditionsKept.trim(),
        changes: input.changes.trim(),
        production: input.production.trim(),
        certificate_use: input.certificateUse.trim(),
        inspections: input.inspections.trim(),
        other: trimOrNull(input.other),
        file_ids: fileIds.length ? fileIds.join(',') : null,
        submitted_at: this.ctx.clock.now(),
        submitted_by: p.userId,
        late: today > deadlineOf(input.year, monthDay),
      });
      if (fileIds.length)
        await new FileService(this.ctx).attach(trx, fileIds, SELF_INSPECTION_FILE_OWNER, id, {
          uploadedBy: p.userId,
        });
      // The reminders of that year are settled.
      await new CertificatesRepository(trx).markSelfInspectionRemindersRead(cert.id, input.year, p.userId);
    });
    return this.get(p, id);
  }

  async get(p: Principal, id: string): Promise<SelfInspectionRow> {
    needAny(p, CERTIFICATE_READ);
    const row = await new SelfInspectionRepository(this.ctx.db).findVisible(p, id);
    if (!row) throw LicensingErrors.selfInspectionNotFound();
    return row;
  }

  list(p: Principal, f: SelfInspectionFilter, q: ListQuery): Promise<Page<SelfInspectionRow>> {
    needAny(p, CERTIFICATE_READ);
    return new SelfInspectionRepository(this.ctx.db).list(p, f, q);
  }

  /** Valid certificates in scope and where each stands for the year (submitted, pending, overdue, not due). */
  async status(
    p: Principal,
    f: StatusFilter,
    q: ListQuery,
  ): Promise<Page<StatusView> & { deadline: string; counts: StatusCounts }> {
    needAny(p, CERTIFICATE_READ);
    const today = this.today();
    const monthDay = await this.monthDay();
    const settings = await new CertificatesService(this.ctx).settings();
    const repo = new SelfInspectionRepository(this.ctx.db);
    const page = await repo.status(p, f, q);
    const counts = await repo.statusCounts(p, f);
    const deadline = deadlineOf(f.year, monthDay);
    return {
      ...page,
      deadline,
      counts,
      items: page.items.map((r) => {
        const firstYear = firstReportYear(r.issue_date, r.application_type);
        return {
          ...r,
          number: displayOf(r, settings),
          firstYear,
          deadline,
          status: reportStatus({
            year: f.year,
            today,
            monthDay,
            firstYear,
            submitted: r.report_id ? { late: Boolean(r.late) } : null,
          }),
        };
      }),
    };
  }

  /** Daily: reminders for this year's missing reports, 30 days before the deadline and once overdue. */
  async generateReminders(today: string = this.today()): Promise<number> {
    const monthDay = await this.monthDay();
    const settings = await new CertificatesService(this.ctx).settings();
    const year = Number(today.slice(0, 4));
    const deadline = deadlineOf(year, monthDay);
    const milestone = reminderMilestone(year, today, monthDay);
    if (milestone === null) return 0;
    const repo = new CertificatesRepository(this.ctx.db);
    let created = 0;
    for (const c of await new SelfInspectionRepository(this.ctx.db).missing(year)) {
      const number = displayOf(c, settings);
      const added = await repo.insertReminder({
        id: uuidv7(),
        certificate_id: c.id,
        org_id: c.org_id,
        region_code: c.region_code,
        kind: 'self_inspection',
        milestone_months: milestone,
        valid_to: deadline,
        latest_apply_date: deadline,
        title:
          milestone === 0
            ? `${year} 年度自查报告逾期未提交（${number}）`
            : `请于 ${deadline} 前提交 ${year} 年度自查报告（${number}）`,
        content:
          `依据《工业产品生产许可证管理条例实施办法》第四十八条，您单位应按年度提交${c.product_name}生产许可证（${number}）的自查报告。` +
          (milestone === 0
            ? `${year} 年度报告的截止日期 ${deadline} 已过，请尽快提交；未提交的将被责令改正（第五十一条）。`
            : `${year} 年度报告请于 ${deadline} 前在“年度自查报告”中提交。`),
        created_on: today,
        created_at: this.ctx.clock.now(),
        read_at: null,
        read_by: null,
      });
      if (added) created++;
    }
    return created;
  }
}
