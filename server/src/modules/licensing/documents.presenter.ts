import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { DocumentRow } from './documents.repository.js';
import { DOCUMENT_KINDS } from './documents.rules.js';
import type { DocumentDetail, DocumentItem } from './documents.schemas.js';
import type { DocumentView } from './documents.service.js';

type Item = Static<typeof DocumentItem>;

export function presentDocument(r: DocumentRow): Item {
  return {
    id: r.id,
    applicationId: r.application_id,
    applicationNo: r.application_no,
    kind: r.kind,
    title: r.title,
    docNo: r.doc_no,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    issuedOn: r.issued_on,
    issuedAt: new Date(r.issued_at).toISOString(),
    issuedByName: r.issued_by_name,
    basis: DOCUMENT_KINDS[r.kind].basis,
  };
}

export function presentDocumentDetail(d: DocumentView): Static<typeof DocumentDetail> {
  const c = d.content_parsed;
  return { ...presentDocument(d), content: { ...c, table: c.table ?? null } };
}

export const DOCUMENT_XLSX: XlsxColumn<Item>[] = [
  { header: '文号', value: (d) => d.docNo, width: 26 },
  { header: '文书名称', value: (d) => d.title, width: 28 },
  { header: '申请编号', value: (d) => d.applicationNo, width: 20 },
  { header: '企业名称', value: (d) => d.enterpriseName, width: 30 },
  { header: '行政区划', value: (d) => d.regionCode },
  { header: '出具日期', value: (d) => d.issuedOn, width: 12 },
  { header: '经办人', value: (d) => d.issuedByName },
  { header: '依据', value: (d) => d.basis, width: 28 },
];
