import type { SettingStamp } from './catalogue.repository.js';
import { regionSubtree } from '../../platform/db/region-sql.js';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from '../../platform/db/like.js';
import type { CertificateApplicationType, CertificateState } from './certificate.rules.js';
import type {
  LicenceCancellationTable,
  LicenceCertificateEventTable,
  LicenceCertificateTable,
  LicenceReminderTable,
} from './certificates.tables.js';

export type CertificateRow = Selectable<LicenceCertificateTable>;
export type CertificateEventRow = Selectable<LicenceCertificateEventTable>;
export type CancellationRow = Selectable<LicenceCancellationTable>;
export type ReminderRow = Selectable<LicenceReminderTable>;

/** Filters of the certificate list. */
export interface CertificateFilter {
  /** Matches the number, the enterprise name, its credit code or the product name. */
  keyword?: string | undefined;
  state?: CertificateState | undefined;
  applicationType?: CertificateApplicationType | undefined;
  productUnitId?: string | undefined;
  /** The enterprise (organisation id). */
  orgId?: string | undefined;
  /** A region and everything under it (GB/T 2260). */
  regionCode?: string | undefined;
  /** Last day of validity from / to (inclusive). */
  validToFrom?: string | undefined;
  validToTo?: string | undefined;
  /** Also list certificates replaced by a later one with the same number (default: current ones only). */
  includeReplaced?: boolean | undefined;
}

const SORTABLE: Record<string, string> = {
  number: 'c.core_number',
  enterpriseName: 'c.enterprise_name',
  productName: 'c.product_name',
  issueDate: 'c.issue_date',
  validTo: 'c.valid_to',
  createdAt: 'c.created_at',
  id: 'c.id',
};

/**
 * The only code that touches the certificate tables. Every read for a user applies the data scope in the
 * query (DESIGN.md §6): enterprises their own organisation ('org'), officers their region ('city'/'county').
 */
export class CertificatesRepository {
  constructor(private readonly db: Database) {}

  private visible(p: Principal) {
    return this.db
      .selectFrom('licence_certificate as c')
      .where((eb) => scopeWhere(eb, p, { region: 'c.region_code', org: 'c.org_id' }));
  }

  /** The filtered, sorted page of certificates the principal may see. */
  list(p: Principal, f: CertificateFilter, q: ListQuery, today: string) {
    let qb = this.visible(p).selectAll('c');
    if (f.keyword) {
      const k = likePattern(f.keyword.trim());
      qb = qb.where((eb) =>
        eb.or([
          eb('c.core_number', 'ilike', k),
          eb('c.enterprise_name', 'ilike', k),
          eb('c.credit_code', 'ilike', k),
          eb('c.product_name', 'ilike', k),
        ]),
      );
    }
    if (f.state === 'valid') qb = qb.where('c.status', '=', 'valid').where('c.valid_to', '>=', today);
    else if (f.state === 'expired') qb = qb.where('c.status', '=', 'valid').where('c.valid_to', '<', today);
    else if (f.state) qb = qb.where('c.status', '=', f.state);
    else if (!f.includeReplaced) qb = qb.where('c.status', '<>', 'replaced');
    if (f.applicationType) qb = qb.where('c.application_type', '=', f.applicationType);
    if (f.productUnitId) qb = qb.where('c.product_unit_id', '=', f.productUnitId);
    if (f.orgId) qb = qb.where('c.org_id', '=', f.orgId);
    if (f.regionCode) qb = qb.where(sql<boolean>`c.region_code in ${regionSubtree(f.regionCode)}`);
    if (f.validToFrom) qb = qb.where('c.valid_to', '>=', f.validToFrom);
    if (f.validToTo) qb = qb.where('c.valid_to', '<=', f.validToTo);
    const sort = q.sort || '-issueDate';
    // A unique last key keeps pages stable when many certificates share a date.
    const stable = sort.split(',').some((s) => s.replace(/^-/, '') === 'id') ? sort : `${sort},id`;
    return paginate(this.db, qb, { ...q, sort: stable }, SORTABLE, '-issueDate');
  }

  findVisible(p: Principal, id: string) {
    return this.visible(p).selectAll('c').where('c.id', '=', id).executeTakeFirst();
  }

  findById(id: string) {
    return this.db.selectFrom('licence_certificate').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** An enterprise organisation (a core table: name, credit code and region are printed on the certificate). */
  enterprise(orgId: string) {
    return this.db
      .selectFrom('organization')
      .select(['id', 'name', 'credit_code', 'region_code', 'type'])
      .where('id', '=', orgId)
      .executeTakeFirst();
  }

  /** The row locked for update (a sanction, a replacement or a 注销 changes it). */
  findForUpdate(id: string) {
    return this.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  /** The valid certificate of an enterprise for a product unit, if any (expired ones included). */
  findActive(orgId: string, productUnitId: string) {
    return this.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('product_unit_id', '=', productUnitId)
      .where('status', '=', 'valid')
      .executeTakeFirst();
  }

  /** Every certificate ever issued under a number, oldest first. */
  chain(coreNumber: string) {
    return this.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('core_number', '=', coreNumber)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** The history of a number, oldest first. */
  events(coreNumber: string) {
    return this.db
      .selectFrom('licence_certificate_event')
      .selectAll()
      .where('core_number', '=', coreNumber)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  /** The latest certificate issued under a number (public verification). */
  findLatestByNumber(coreNumber: string) {
    return this.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('core_number', '=', coreNumber)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  findByToken(token: string) {
    return this.db
      .selectFrom('licence_certificate')
      .selectAll()
      .where('verify_token', '=', token)
      .executeTakeFirst();
  }

  /** Whether any certificate (of any state, legacy data included) carries the number. */
  async numberUsed(coreNumber: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('licence_certificate')
      .select('id')
      .where('core_number', '=', coreNumber)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The latest 撤销 or 吊销 of an enterprise for a product unit. */
  latestSanction(orgId: string, productUnitId: string) {
    return this.db
      .selectFrom('licence_certificate')
      .select(['id', 'core_number', 'sanction_kind', 'sanction_date', 'sanction_article', 'bar_last_day'])
      .where('org_id', '=', orgId)
      .where('product_unit_id', '=', productUnitId)
      .where('sanction_kind', 'in', ['revoke', 'rescind'])
      .orderBy('sanction_date', 'desc')
      .executeTakeFirst();
  }

  /** The latest 吊销 bar still running on the day, if any. */
  runningBar(orgId: string, productUnitId: string, today: string) {
    return this.db
      .selectFrom('licence_certificate')
      .select(['bar_last_day', 'sanction_article', 'sanction_date'])
      .where('org_id', '=', orgId)
      .where('product_unit_id', '=', productUnitId)
      .where('sanction_kind', '=', 'rescind')
      .where('bar_last_day', '>=', today)
      .orderBy('bar_last_day', 'desc')
      .executeTakeFirst();
  }

  /** Whether a new certificate (发证, so another number) was issued since a day for the enterprise and product. */
  async newIssueSince(
    orgId: string,
    productUnitId: string,
    otherThan: string,
    since: string,
  ): Promise<boolean> {
    const row = await this.db
      .selectFrom('licence_certificate')
      .select('id')
      .where('org_id', '=', orgId)
      .where('product_unit_id', '=', productUnitId)
      .where('application_type', '=', 'issue')
      .where('core_number', '<>', otherThan)
      .where('issue_date', '>=', since)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insert(row: Insertable<LicenceCertificateTable>): Promise<void> {
    await this.db.insertInto('licence_certificate').values(row).execute();
  }

  async update(id: string, patch: Updateable<LicenceCertificateTable>): Promise<void> {
    await this.db.updateTable('licence_certificate').set(patch).where('id', '=', id).execute();
  }

  async insertEvent(row: Insertable<LicenceCertificateEventTable>): Promise<void> {
    await this.db.insertInto('licence_certificate_event').values(row).execute();
  }

  // --- 注销 ---------------------------------------------------------------------------------------------

  async insertCancellation(row: Insertable<LicenceCancellationTable>): Promise<void> {
    await this.db.insertInto('licence_cancellation').values(row).execute();
  }

  findCancellation(id: string) {
    return this.db.selectFrom('licence_cancellation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  cancellationOfApplication(applicationId: string) {
    return this.db
      .selectFrom('licence_cancellation')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  pendingCancellation(certificateId: string) {
    return this.db
      .selectFrom('licence_cancellation')
      .selectAll()
      .where('certificate_id', '=', certificateId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
  }

  cancellationsOf(certificateIds: string[]) {
    if (certificateIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('licence_cancellation')
      .selectAll()
      .where('certificate_id', 'in', certificateIds)
      .orderBy('created_at')
      .execute();
  }

  async updateCancellation(id: string, patch: Updateable<LicenceCancellationTable>): Promise<void> {
    await this.db.updateTable('licence_cancellation').set(patch).where('id', '=', id).execute();
  }

  // --- 申报提醒 ------------------------------------------------------------------------------------------

  /** Valid certificates whose last day lies in [from, to] (reminder candidates), current rows only. */
  expiringBetween(from: string, to: string) {
    return this.db
      .selectFrom('licence_certificate')
      .select([
        'id',
        'org_id',
        'region_code',
        'core_number',
        'province_abbr',
        'product_name',
        'enterprise_name',
        'valid_to',
      ])
      .where('status', '=', 'valid')
      .where('valid_to', '>=', from)
      .where('valid_to', '<=', to)
      .orderBy('valid_to')
      .execute();
  }

  /** Adds a reminder unless the same one exists; true when added. */
  async insertReminder(row: Insertable<LicenceReminderTable>): Promise<boolean> {
    const r = await this.db
      .insertInto('licence_reminder')
      .values(row)
      .onConflict((oc) => oc.columns(['certificate_id', 'kind', 'milestone_months', 'valid_to']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  /** Marks the self-inspection reminders of a certificate and year read (the report was submitted). */
  async markSelfInspectionRemindersRead(certificateId: string, year: number, userId: string): Promise<void> {
    await this.db
      .updateTable('licence_reminder')
      .set({ read_at: new Date(), read_by: userId })
      .where('certificate_id', '=', certificateId)
      .where('kind', '=', 'self_inspection')
      .where('valid_to', '>=', `${year}-01-01`)
      .where('valid_to', '<=', `${year}-12-31`)
      .where('read_at', 'is', null)
      .execute();
  }

  /** Reminders the principal may see (an enterprise its own; officers their region). */
  reminders(p: Principal, f: { unread?: boolean | undefined }, q: ListQuery) {
    let qb = this.db
      .selectFrom('licence_reminder as r')
      .selectAll('r')
      .where((eb) => scopeWhere(eb, p, { region: 'r.region_code', org: 'r.org_id' }));
    if (f.unread) qb = qb.where('r.read_at', 'is', null);
    return paginate(
      this.db,
      qb,
      { ...q, sort: q.sort ? `${q.sort},id` : '-createdAt,id' },
      { createdAt: 'r.created_at', validTo: 'r.valid_to', id: 'r.id' },
      '-createdAt',
    );
  }

  async unreadReminders(p: Principal): Promise<number> {
    const row = await this.db
      .selectFrom('licence_reminder as r')
      .select(sql<string>`count(*)`.as('n'))
      .where((eb) => scopeWhere(eb, p, { region: 'r.region_code', org: 'r.org_id' }))
      .where('r.read_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Marks a reminder of the principal's own organisation read; false when there is none. */
  async markReminderRead(p: Principal, id: string, at: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('licence_reminder')
      .set((eb) => ({
        read_at: eb.fn.coalesce('read_at', eb.val(at)),
        read_by: eb.fn.coalesce('read_by', eb.val(p.userId)),
      }))
      .where('id', '=', id)
      .where('org_id', '=', p.orgId)
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  // --- 配置 -------------------------------------------------------------------------------------------------

  async settings(): Promise<Record<string, string>> {
    const rows = await this.db.selectFrom('licence_certificate_setting').select(['key', 'value']).execute();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** When each stored setting was last changed, and by whom. */
  async settingStamps(): Promise<Map<string, SettingStamp>> {
    const rows = await this.db
      .selectFrom('licence_certificate_setting as s')
      .leftJoin('app_user as u', 'u.id', 's.updated_by')
      .select(['s.key', 's.updated_at', 'u.display_name as updated_by_name'])
      .execute();
    return new Map(rows.map((r) => [r.key, { updatedAt: r.updated_at, updatedByName: r.updated_by_name }]));
  }

  async setSetting(key: string, value: string, at: Date, by: string): Promise<void> {
    await this.db
      .insertInto('licence_certificate_setting')
      .values({ key, value, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: by }))
      .execute();
  }
}
