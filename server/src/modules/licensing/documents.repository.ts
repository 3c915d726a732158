import type { Insertable, Selectable } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { scopeWhere } from '../../platform/access/scope.js';
import type { Database } from '../../platform/db/database.js';
import { likePattern } from '../../platform/db/like.js';
import { paginate, type ListQuery, type Page } from '../../platform/http/paging.js';
import type { DocumentKind } from './documents.rules.js';
import type { LicensingDocumentTable } from './documents.tables.js';

export type DocumentRow = Selectable<LicensingDocumentTable> & {
  application_no: string | null;
  issued_by_name: string | null;
};

export interface DocumentFilter {
  kind?: DocumentKind | undefined;
  applicationId?: string | undefined;
  keyword?: string | undefined;
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
}

// The enterprise sees its own; officers by region (the application's scope).
const SCOPE = { region: 'd.region_code', org: 'd.enterprise_org_id', owner: 'd.applicant_user_id' };

const SORT = {
  issuedAt: 'd.issued_at',
  docNo: 'd.doc_no',
  kind: 'd.kind',
  enterpriseName: 'd.enterprise_name',
};

/** 许可文书 rows (licensing_document), always read within the principal's data scope. */
export class DocumentsRepository {
  constructor(private readonly db: Database) {}

  private base() {
    return this.db
      .selectFrom('licensing_document as d')
      .innerJoin('licensing_application as a', 'a.id', 'd.application_id')
      .leftJoin('app_user as u', 'u.id', 'd.issued_by')
      .selectAll('d')
      .select(['a.application_no', 'u.display_name as issued_by_name']);
  }

  async insert(row: Insertable<LicensingDocumentTable>): Promise<void> {
    await this.db.insertInto('licensing_document').values(row).execute();
  }

  list(p: Principal, f: DocumentFilter, q: ListQuery): Promise<Page<DocumentRow>> {
    let qb = this.base().where((eb) => scopeWhere(eb, p, SCOPE));
    if (f.kind) qb = qb.where('d.kind', '=', f.kind);
    if (f.applicationId) qb = qb.where('d.application_id', '=', f.applicationId);
    if (f.issuedFrom) qb = qb.where('d.issued_on', '>=', f.issuedFrom);
    if (f.issuedTo) qb = qb.where('d.issued_on', '<=', f.issuedTo);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([
          eb('d.doc_no', 'ilike', k),
          eb('d.enterprise_name', 'ilike', k),
          eb('a.application_no', 'ilike', k),
          eb('d.title', 'ilike', k),
        ]),
      );
    }
    return paginate(this.db, qb, q, SORT, '-issuedAt');
  }

  findVisible(p: Principal, id: string): Promise<DocumentRow | undefined> {
    return this.base()
      .where('d.id', '=', id)
      .where((eb) => scopeWhere(eb, p, SCOPE))
      .executeTakeFirst();
  }

  /** Documents of one application, oldest first (no scope: the caller checked the application). */
  ofApplication(applicationId: string): Promise<DocumentRow[]> {
    return this.base()
      .where('d.application_id', '=', applicationId)
      .orderBy('d.issued_at')
      .orderBy('d.id')
      .execute();
  }
}
