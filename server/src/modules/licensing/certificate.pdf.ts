import { createPdfDocument, PDF_FONT, pdfQr, pdfTable, pdfToBuffer } from '../../platform/documents/pdf.js';
import { APPLICATION_TYPE_LABEL } from './certificate.rules.js';
import { chineseDate } from './documents.rules.js';
import type { CertificateEventRow } from './certificates.repository.js';
import type { CertificateView } from './certificates.service.js';

/** Which copies to print: 正本, 副本 or both (《办法》第三十六条: 正本、副本具有同等法律效力). */
export type CertificateCopy = 'original' | 'duplicate' | 'both';

export interface CertificatePdfInput {
  certificate: CertificateView;
  copy: CertificateCopy;
  /** The public verification page the QR code opens. */
  verifyUrl: string;
  /** 发证机关. */
  issuer: string;
  /** The history printed on the 副本 (变更、延续 …), oldest first. */
  events: readonly CertificateEventRow[];
  /** Document creation time (the injected clock). */
  createdAt: Date;
}

const TITLE = '全国工业产品生产许可证';
const FRAME = 28;

function frame(doc: PDFKit.PDFDocument): void {
  const w = doc.page.width;
  const h = doc.page.height;
  doc.save();
  doc
    .lineWidth(2)
    .strokeColor('#1f4e9c')
    .rect(FRAME, FRAME, w - 2 * FRAME, h - 2 * FRAME)
    .stroke();
  doc
    .lineWidth(0.6)
    .rect(FRAME + 5, FRAME + 5, w - 2 * FRAME - 10, h - 2 * FRAME - 10)
    .stroke();
  doc.restore();
  doc.strokeColor('black');
}

function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  const x = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const labelWidth = 110;
  const y = doc.y;
  doc.font(PDF_FONT.bold).fontSize(13).text(label, x, y, { width: labelWidth });
  doc
    .font(PDF_FONT.regular)
    .fontSize(13)
    .text(value || '—', x + labelWidth, y, { width: width - labelWidth, lineGap: 3 });
  doc.moveDown(0.7);
}

/**
 * One copy: title, the items 《办法》第三十七条 requires (企业名称、住所、生产地址、产品名称、证书编号、发证日期、
 * 有效期), the QR code of the verification page, the issuing authority; the 副本 adds the history. The
 * official layout is set by 市场监管总局 (《办法》第五十三条) and not yet provided; this one carries the same items.
 */
async function copyPage(
  doc: PDFKit.PDFDocument,
  input: CertificatePdfInput,
  kind: 'original' | 'duplicate',
): Promise<void> {
  const v = input.certificate;
  const r = v.row;
  frame(doc);
  const x = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.y = doc.page.margins.top - 10;
  doc.fillColor('#1f4e9c').font(PDF_FONT.bold).fontSize(26).text(TITLE, x, doc.y, { width, align: 'center' });
  doc.fillColor('black').moveDown(0.2);
  doc
    .font(PDF_FONT.regular)
    .fontSize(15)
    .text(kind === 'original' ? '（正本）' : '（副本）', x, doc.y, { width, align: 'center' });
  doc.moveDown(1.2);

  field(doc, '企业名称', r.enterprise_name);
  if (kind === 'duplicate') field(doc, '统一社会信用代码', r.credit_code ?? '');
  field(doc, '住　　所', r.residence ?? '');
  field(doc, '生产地址', r.production_address ?? '');
  field(doc, '产品名称', r.product_name);
  field(doc, '证书编号', v.number);
  field(doc, '发证日期', chineseDate(r.issue_date));
  field(doc, '有 效 期', `${chineseDate(r.valid_from)}至${chineseDate(r.valid_to)}`);

  if (v.state !== 'valid') {
    const when = r.cancelled_date ?? r.sanction_date;
    doc
      .fillColor('#c0392b')
      .font(PDF_FONT.bold)
      .fontSize(13)
      .text(
        `本证书当前状态：${v.stateLabel}${when ? `（${chineseDate(when)}）` : ''}，仅供存档查阅`,
        x,
        doc.y,
        {
          width,
          align: 'center',
        },
      );
    doc.fillColor('black').moveDown(0.6);
  }

  if (kind === 'duplicate' && input.events.length > 0) {
    doc.moveDown(0.3);
    doc.font(PDF_FONT.bold).fontSize(12).text('许可记录', x, doc.y, { width });
    doc.moveDown(0.3);
    pdfTable(doc, {
      columns: [
        { header: '日期', width: 1.2 },
        { header: '事项', width: 1.3 },
        { header: '说明', width: 4 },
      ],
      rows: input.events.slice(-12).map((e) => [e.on_date, e.event_label, e.comment ?? '']),
    });
  }

  doc.moveDown(0.5);
  await pdfQr(doc, input.verifyUrl, { size: 96, caption: '扫码核验证书当前状态', align: 'left' });
  const y = Math.max(doc.y, doc.page.height - doc.page.margins.bottom - 70);
  doc
    .font(PDF_FONT.regular)
    .fontSize(13)
    .text(`发证机关：${input.issuer}`, x, y, { width, align: 'right' })
    .moveDown(0.4)
    .text(chineseDate(r.issue_date), x, doc.y, { width, align: 'right' });
  if (kind === 'duplicate') {
    // Inside the bottom margin: pdfkit would otherwise start a new page for this line.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(9)
      .fillColor('#555555')
      .text(
        `申请类型：${APPLICATION_TYPE_LABEL[r.application_type]}。证书正本、副本具有同等法律效力（《工业产品生产许可证管理条例实施办法》第三十六条）。`,
        x,
        doc.page.height - bottom + 8,
        { width, align: 'left', lineBreak: false },
      )
      .fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

/** The certificate as PDF with the embedded CJK font (text extractable) and a verification QR code. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const doc = await createPdfDocument({
    title: `${TITLE} ${input.certificate.number}`,
    author: input.issuer,
    createdAt: input.createdAt,
  });
  const copies: Array<'original' | 'duplicate'> =
    input.copy === 'both' ? ['original', 'duplicate'] : [input.copy];
  for (let i = 0; i < copies.length; i++) {
    if (i > 0) doc.addPage();
    await copyPage(doc, input, copies[i]!);
  }
  return pdfToBuffer(doc);
}
