import type { Transaction } from 'kysely';
import type { Principal } from '../../platform/access/principal.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { buildDocx } from '../../platform/documents/docx.js';
import { renderPdf } from '../../platform/documents/pdf.js';
import { forbidden } from '../../platform/errors.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.service.js';
import type { ApplicationRow } from './applications.repository.js';
import { ApplicationsRepository } from './applications.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { APPLICATION_TYPE_LABEL } from './certificate.rules.js';
import { DocumentsRepository, type DocumentFilter, type DocumentRow } from './documents.repository.js';
import {
  DOCUMENT_KINDS,
  documentSpec,
  formatDocumentNo,
  LICENSING_AUTHORITY,
  type ApplicationFacts,
  type DocumentContent,
  type DocumentKind,
} from './documents.rules.js';
import { LicensingErrors } from './licensing.errors.js';
import { APPLICATION_VIEW_PERMISSIONS } from './licensing.permissions.js';

/** What a content builder receives: the application's facts, the authority and the day of the act. */
export interface DocumentBase {
  app: ApplicationFacts;
  issuer: string;
  issuedOn: string;
  /** 救济途径 from the settings (documents.remedyText). */
  remedy: string;
  /** Whether 补正 pauses the 受理 clock (supplement.pausesClock). */
  supplementPausesClock: boolean;
}

export type DocumentView = DocumentRow & { content_parsed: DocumentContent };

function needView(p: Principal): void {
  if (!APPLICATION_VIEW_PERMISSIONS.some((c) => p.permissions.has(c)))
    throw forbidden(
      'FORBIDDEN',
      `没有权限执行此操作（需要权限：${APPLICATION_VIEW_PERMISSIONS.join(' 或 ')}）`,
    );
}

/**
 * 许可文书 (seed 行政许可 1: 查看、下载许可文书): issued by the application's acts in their own transaction —
 * numbered (nextNumber per kind and year, gapless) and frozen — and printed on demand as PDF or Word.
 */
export class DocumentsService {
  constructor(private readonly ctx: AppContext) {}

  /** Issues a document of an application inside the act's transaction. */
  async issue(
    trx: Transaction<DB>,
    principal: Principal,
    app: ApplicationRow,
    kind: DocumentKind,
    today: string,
    build: (base: DocumentBase) => DocumentContent,
  ): Promise<{ id: string; docNo: string }> {
    const settings = await new CatalogueService(this.ctx).settings(trx);
    const year = Number(today.slice(0, 4));
    const seq = await nextNumber(trx, `licensing.document.${kind}`, year);
    const docNo = formatDocumentNo(settings.documentNumberPattern, kind, year, seq);
    const content = build({
      app: {
        enterpriseName: app.enterprise_name,
        creditCode: app.credit_code,
        applicationNo: app.application_no,
        typeLabel: APPLICATION_TYPE_LABEL[app.type as keyof typeof APPLICATION_TYPE_LABEL] ?? '注销',
        productName: app.product_name,
        submittedOn: app.submitted_at ? businessDate(app.submitted_at, this.ctx.config.timeZone) : null,
      },
      issuer: LICENSING_AUTHORITY,
      issuedOn: today,
      remedy: settings.remedyText,
      supplementPausesClock: settings.supplementPausesClock,
    });
    const id = uuidv7();
    await new DocumentsRepository(trx).insert({
      id,
      application_id: app.id,
      kind,
      doc_no: docNo,
      year,
      seq,
      title: DOCUMENT_KINDS[kind].title,
      enterprise_org_id: app.enterprise_org_id,
      enterprise_name: app.enterprise_name,
      region_code: app.region_code,
      applicant_user_id: app.applicant_user_id,
      issued_on: today,
      issued_at: this.ctx.clock.now(),
      issued_by: principal.userId,
      content: JSON.stringify(content),
    });
    return { id, docNo };
  }

  list(p: Principal, f: DocumentFilter, q: ListQuery): Promise<Page<DocumentRow>> {
    needView(p);
    return new DocumentsRepository(this.ctx.db).list(p, f, q);
  }

  /** The documents of an application the principal may read. */
  async ofApplication(p: Principal, applicationId: string): Promise<DocumentRow[]> {
    needView(p);
    const today = businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
    if (!(await new ApplicationsRepository(this.ctx.db).findVisible(p, applicationId, today)))
      throw LicensingErrors.applicationNotFound();
    return new DocumentsRepository(this.ctx.db).ofApplication(applicationId);
  }

  async get(p: Principal, id: string): Promise<DocumentView> {
    needView(p);
    const row = await new DocumentsRepository(this.ctx.db).findVisible(p, id);
    if (!row) throw LicensingErrors.documentNotFound();
    return { ...row, content_parsed: JSON.parse(row.content) as DocumentContent };
  }

  /** The printed document (PDF, or Word for the officers' own templates), from the frozen content. */
  async render(
    p: Principal,
    id: string,
    format: 'pdf' | 'docx',
  ): Promise<{ doc: DocumentView; body: Buffer }> {
    const doc = await this.get(p, id);
    const spec = documentSpec(
      { kind: doc.kind, docNo: doc.doc_no, content: doc.content_parsed },
      new Date(doc.issued_at),
    );
    return { doc, body: format === 'docx' ? await buildDocx(spec) : await renderPdf(spec) };
  }
}
