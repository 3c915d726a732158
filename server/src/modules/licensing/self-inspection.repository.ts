import { sql, type Insertable, type Selectable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { likePattern } from '../../platform/db/like.js';
import { regionSubtree } from '../../platform/db/region-sql.js';
import { paginate, type ListQuery, type Page } from '../../platform/http/paging.js';
import { parseLicenceNumber } from './certificate.rules.js';
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

/** Whether certificate `c` owes a report for `year` (self-inspection.rules.ts firstReportYear, in SQL). */
const owedIn = (year: number) =>
  sql<boolean>`((c.application_type = 'issue' and c.issue_date < ${`${year}-01-01`}) or (c.application_type <> 'issue' and c.issue_date <= ${`${year}-12-31`}))`;

export interface StatusCounts {
  /** Valid certificates. */
  total: number;
  /** Owing a report for the year. */
  owed: number;
  submitted: number;
  /** Submitted after the deadline. */
  late: number;
  /** Owed and not submitted. */
  missing: number;
  /** Not owed this year (获证未满一年) and not submitted. */
  notDue: number;
}

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
    if (f.regionCode) qb = qb.where(sql<boolean>`s.region_code in ${regionSubtree(f.regionCode)}`);
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

  /** Valid certificates in scope (region, keyword) joined with their report of `year`, if any. */
  private statusBase(p: Principal, f: StatusFilter) {
    let qb = this.db
      .selectFrom('licence_certificate as c')
      .leftJoin('licensing_self_inspection as s', (j) =>
        j.onRef('s.certificate_id', '=', 'c.id').on('s.report_year', '=', f.year),
      )
      .where('c.status', '=', 'valid')
      .where((eb) => scopeWhere(eb, p, CERT_SCOPE));
    if (f.regionCode) qb = qb.where(sql<boolean>`c.region_code in ${regionSubtree(f.regionCode)}`);
    if (f.keyword) {
      // A printed number ((陕)XK06-001-00001) matches its core number.
      const k = likePattern(parseLicenceNumber(f.keyword)?.core ?? f.keyword);
      qb = qb.where((eb) =>
        eb.or([
          eb('c.enterprise_name', 'ilike', k),
          eb('c.core_number', 'ilike', k),
          eb('c.product_name', 'ilike', k),
          eb('c.credit_code', 'ilike', k),
        ]),
      );
    }
    return qb;
  }

  /**
   * Valid certificates in scope and where they stand for `year`: which owe a report (firstReportYear in SQL:
   * 发证 certificates from the year after issue, others from their issue year) and the report if submitted.
   */
  status(p: Principal, f: StatusFilter, q: ListQuery) {
    let qb = this.statusBase(p, f)
      .leftJoin('region as rg', 'rg.code', 'c.region_code')
      .leftJoin('organization as o', 'o.id', 'c.org_id')
      .select([
        'rg.name as region_name',
        'c.production_address',
        'o.contact_phone',
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
      ]);
    if (f.status === 'missing') qb = qb.where(owedIn(f.year)).where('s.id', 'is', null);
    if (f.status === 'submitted') qb = qb.where('s.id', 'is not', null);
    return paginate(
      this.db,
      qb,
      q,
      { enterpriseName: 'c.enterprise_name', issueDate: 'c.issue_date', validTo: 'c.valid_to' },
      'enterpriseName',
    );
  }

  /** Counts over the same certificates (status filter aside): all, owed, submitted (late), missing, not due. */
  async statusCounts(p: Principal, f: StatusFilter): Promise<StatusCounts> {
    const owed = owedIn(f.year);
    const r = await this.statusBase(p, f)
      .select([
        sql<string>`count(*)`.as('total'),
        sql<string>`sum(case when ${owed} then 1 else 0 end)`.as('owed'),
        sql<string>`count(s.id)`.as('submitted'),
        sql<string>`sum(case when s.late then 1 else 0 end)`.as('late'),
        sql<string>`sum(case when ${owed} and s.id is null then 1 else 0 end)`.as('missing'),
        sql<string>`sum(case when not ${owed} and s.id is null then 1 else 0 end)`.as('not_due'),
      ])
      .executeTakeFirstOrThrow();
    const n = (v: string | number | null) => Number(v ?? 0);
    return {
      total: n(r.total),
      owed: n(r.owed),
      submitted: n(r.submitted),
      late: n(r.late),
      missing: n(r.missing),
      notDue: n(r.not_due),
    };
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
      .where(owedIn(year))
      .orderBy('c.id')
      .execute();
  }
}

export type StatusRow = Awaited<ReturnType<SelfInspectionRepository['status']>>['items'][number];
