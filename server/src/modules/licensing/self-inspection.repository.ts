import { sql, type Insertable, type Selectable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { likePattern } from '../../platform/db/like.js';
import { paginate, type ListQuery, type Page } from '../../platform/http/paging.js';
import type { LicensingSelfInspectionTable } from './documents.tables.js';

export type SelfInspectionRow = Selectable<LicensingSelfInspectionTable> & {
  enterprise_name: string;
  submitted_by_name: string | null;
};

export interface SelfInspectionFilter {
  year?: number | undefined;
  certificateId?: string | undefined;
  late?: boolean | undefined;
  keyword?: string | undefined;
  regionCode?: string | undefined;
}

export interface StatusFilter {
  year: number;
  /** missing: owed and not submitted; submitted: submitted (late or not). */
  status?: 'missing' | 'submitted' | undefined;
  keyword?: string | undefined;
  regionCode?: string | undefined;
}

const SCOPE = { region: 's.region_code', org: 's.org_id' };
const CERT_SCOPE = { region: 'c.region_code', org: 'c.org_id' };

const regionLike = (code: string) => (code.endsWith('00') ? `${code.slice(0, 4)}%` : code);

/** 年度自查报告 and the certificates that owe them (licence_certificate belongs to this module). */
export class SelfInspectionRepository {
  constructor(private readonly db: Database) {}

  private base() {
    return this.db
      .selectFrom('licensing_self_inspection as s')
      .innerJoin('licence_certificate as c', 'c.id', 's.certificate_id')
      .leftJoin('app_user as u', 'u.id', 's.submitted_by')
      .selectAll('s')
      .select(['c.enterprise_name', 'u.display_name as submitted_by_name']);
  }

  async insert(row: Insertable<LicensingSelfInspectionTable>): Promise<void> {
    await this.db.insertInto('licensing_self_inspection').values(row).execute();
  }

  find(certificateId: string, year: number) {
    return this.db
      .selectFrom('licensing_self_inspection')
      .select(['id', 'late'])
      .where('certificate_id', '=', certificateId)
      .where('report_year', '=', year)
      .executeTakeFirst();
  }

  findVisible(p: Principal, id: string): Promise<SelfInspectionRow | undefined> {
    return this.base()
      .where('s.id', '=', id)
      .where((eb) => scopeWhere(eb, p, SCOPE))
      .executeTakeFirst();
  }

  list(p: Principal, f: SelfInspectionFilter, q: ListQuery): Promise<Page<SelfInspectionRow>> {
    let qb = this.base().where((eb) => scopeWhere(eb, p, SCOPE));
    if (f.year) qb = qb.where('s.report_year', '=', f.year);
    if (f.certificateId) qb = qb.where('s.certificate_id', '=', f.certificateId);
    if (f.late !== undefined) qb = qb.where('s.late', '=', f.late);
    if (f.regionCode) qb = qb.where('s.region_code', 'like', regionLike(f.regionCode));
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([
          eb('c.enterprise_name', 'ilike', k),
          eb('s.certificate_no', 'ilike', k),
          eb('s.product_name', 'ilike', k),
        ]),
      );
    }
    return paginate(
      this.db,
      qb,
      q,
      { submittedAt: 's.submitted_at', reportYear: 's.report_year', enterpriseName: 'c.enterprise_name' },
      '-submittedAt',
    );
  }

  /** A certificate of the enterprise (any state), for a submission. */
  certificateOf(orgId: string, id: string) {
    return this.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
  }

  /**
   * Valid certificates in scope and where they stand for `year`: which owe a report (firstReportYear in SQL:
   * 发证 certificates from the year after issue, others from their issue year) and the report if submitted.
   */
  status(p: Principal, f: StatusFilter, q: ListQuery) {
    const owed = sql<boolean>`((c.application_type = 'issue' and c.issue_date < ${`${f.year}-01-01`}) or (c.application_type <> 'issue' and c.issue_date <= ${`${f.year}-12-31`}))`;
    let qb = this.db
      .selectFrom('licence_certificate as c')
      .leftJoin('licensing_self_inspection as s', (j) =>
        j.onRef('s.certificate_id', '=', 'c.id').on('s.report_year', '=', f.year),
      )
      .select([
        'c.id',
        'c.org_id',
        'c.region_code',
        'c.enterprise_name',
        'c.credit_code',
        'c.product_name',
        'c.issue_date',
        'c.valid_to',
        'c.application_type',
        'c.core_number',
        'c.province_abbr',
        's.id as report_id',
        's.submitted_at',
        's.late',
      ])
      .where('c.status', '=', 'valid')
      .where((eb) => scopeWhere(eb, p, CERT_SCOPE));
    if (f.status === 'missing') qb = qb.where(owed).where('s.id', 'is', null);
    if (f.status === 'submitted') qb = qb.where('s.id', 'is not', null);
    if (f.regionCode) qb = qb.where('c.region_code', 'like', regionLike(f.regionCode));
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([
          eb('c.enterprise_name', 'ilike', k),
          eb('c.core_number', 'ilike', k),
          eb('c.product_name', 'ilike', k),
        ]),
      );
    }
    return paginate(
      this.db,
      qb,
      q,
      { enterpriseName: 'c.enterprise_name', issueDate: 'c.issue_date', validTo: 'c.valid_to' },
      'enterpriseName',
    );
  }

  /** Valid certificates owing a report for `year` without one (for reminders). */
  missing(year: number) {
    return this.db
      .selectFrom('licence_certificate as c')
      .leftJoin('licensing_self_inspection as s', (j) =>
        j.onRef('s.certificate_id', '=', 'c.id').on('s.report_year', '=', year),
      )
      .select([
        'c.id',
        'c.org_id',
        'c.region_code',
        'c.product_name',
        'c.core_number',
        'c.province_abbr',
        'c.issue_date',
        'c.application_type',
        'c.valid_to',
      ])
      .where('c.status', '=', 'valid')
      .where('s.id', 'is', null)
      .where(
        sql<boolean>`((c.application_type = 'issue' and c.issue_date < ${`${year}-01-01`}) or (c.application_type <> 'issue' and c.issue_date <= ${`${year}-12-31`}))`,
      )
      .orderBy('c.id')
      .execute();
  }
}

export type StatusRow = Awaited<ReturnType<SelfInspectionRepository['status']>>['items'][number];
