import PDFDocument from 'pdfkit';
import {
  cellText,
  DEFAULT_AUTHOR,
  indentOf,
  type DocBlock,
  type DocSpec,
  type DocTable,
} from './document.types.js';
import { loadCjkFont } from './fonts.js';
import { qrPng } from './qr.js';

/** Names of the embedded CJK fonts in every document made by createPdfDocument(). */
export const PDF_FONT = { regular: 'cjk', bold: 'cjk-bold' } as const;

const SIZE = { title: 20, subtitle: 12, heading: 14, body: 12, table: 10.5, footer: 9, caption: 9 };
const MARGINS = { top: 72, bottom: 72, left: 70, right: 70 };
const LINE_GAP = 4;
const CELL_PAD = 4;

export interface PdfDocumentOptions {
  title?: string;
  author?: string;
  createdAt?: Date;
}

/**
 * An A4 pdfkit document with Noto Sans SC registered as PDF_FONT.regular / PDF_FONT.bold (subset on
 * embedding, so a one-page notice stays small), pages buffered for footers. For custom layouts;
 * renderPdf() covers the usual title + blocks documents.
 */
export async function createPdfDocument(opts: PdfDocumentOptions = {}): Promise<PDFKit.PDFDocument> {
  const [regular, bold] = await Promise.all([loadCjkFont('regular'), loadCjkFont('bold')]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: Boolean(opts.title),
    info: {
      Title: opts.title ?? '',
      Author: opts.author ?? DEFAULT_AUTHOR,
      Creator: '陕西省市场监督管理局信息平台',
      CreationDate: opts.createdAt ?? new Date(),
    },
  });
  doc.registerFont(PDF_FONT.regular, regular);
  doc.registerFont(PDF_FONT.bold, bold);
  doc.font(PDF_FONT.regular).fontSize(SIZE.body);
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const contentWidth = (doc: PDFKit.PDFDocument) =>
  doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomY = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomY(doc)) doc.addPage();
}

/** Writes "第 n 页 / 共 m 页" (and the footer text, when given) in the bottom margin of every page. */
export function addPageFooters(doc: PDFKit.PDFDocument, footer?: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 28;
    const x = doc.page.margins.left;
    const width = contentWidth(doc);
    const pageNo = `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`;
    doc.font(PDF_FONT.regular).fontSize(SIZE.footer).fillColor('#555555');
    if (footer) {
      doc.text(footer, x, y, { width: width * 0.7, align: 'left', lineBreak: false });
      doc.text(pageNo, x + width * 0.7, y, { width: width * 0.3, align: 'right', lineBreak: false });
    } else {
      doc.text(pageNo, x, y, { width, align: 'center', lineBreak: false });
    }
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

/** Writes the title (bold, centred) and an optional subtitle line. */
export function pdfTitle(doc: PDFKit.PDFDocument, title: string, subtitle?: string): void {
  const x = doc.page.margins.left;
  doc
    .font(PDF_FONT.bold)
    .fontSize(SIZE.title)
    .text(title, x, doc.y, { width: contentWidth(doc), align: 'center' });
  if (subtitle) {
    doc.moveDown(0.3);
    doc.font(PDF_FONT.regular).fontSize(SIZE.subtitle).text(subtitle, { align: 'center' });
  }
  doc.moveDown(1);
  doc.font(PDF_FONT.regular).fontSize(SIZE.body);
}

/** Writes a paragraph; first-line indent of two characters unless centred or right-aligned. */
export function pdfParagraph(
  doc: PDFKit.PDFDocument,
  text: string,
  opts: { align?: 'left' | 'center' | 'right' | 'justify'; indent?: boolean; bold?: boolean } = {},
): void {
  doc.font(opts.bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(SIZE.body);
  doc.text(text, doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
    align: opts.align ?? 'justify',
    indent: indentOf(opts) ? SIZE.body * 2 : 0,
    lineGap: LINE_GAP,
  });
  doc.moveDown(0.5);
}

/**
 * Draws a bordered table with a shaded header row; rows that do not fit start a new page, where
 * the header is repeated.
 */
export function pdfTable(doc: PDFKit.PDFDocument, table: DocTable): void {
  const x0 = doc.page.margins.left;
  const total = contentWidth(doc);
  const weights = table.columns.map((c) => c.width ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => (total * w) / sum);
  const maxRowHeight = bottomY(doc) - doc.page.margins.top;
  const headerCells = table.columns.map((c) => c.header);

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(SIZE.table);
    const h = cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * CELL_PAD }));
    return Math.min(Math.max(...h) + 2 * CELL_PAD, maxRowHeight);
  };
  const drawRow = (cells: string[], header: boolean) => {
    const font = header ? PDF_FONT.bold : PDF_FONT.regular;
    const h = rowHeight(cells, font);
    if (doc.y + h > bottomY(doc)) {
      doc.addPage();
      if (!header) drawRow(headerCells, true);
    }
    const y = doc.y;
    let x = x0;
    doc.lineWidth(0.5);
    cells.forEach((t, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, y, w, h).fillAndStroke('#efefef', '#333333');
      else doc.rect(x, y, w, h).stroke('#333333');
      doc
        .fillColor('black')
        .font(font)
        .fontSize(SIZE.table)
        .text(t, x + CELL_PAD, y + CELL_PAD, {
          width: w - 2 * CELL_PAD,
          height: h - 2 * CELL_PAD,
          align: header ? 'center' : (table.columns[i]?.align ?? 'left'),
          ellipsis: true,
        });
      x += w;
    });
    doc.x = x0;
    doc.y = y + h;
  };
  drawRow(headerCells, true);
  for (const r of table.rows)
    drawRow(
      table.columns.map((_c, i) => cellText(r[i])),
      false,
    );
  doc.moveDown(0.8);
  doc.font(PDF_FONT.regular).fontSize(SIZE.body);
}

/** Places a QR code image of the URL (from qrPng) with an optional caption under it. */
export async function pdfQr(
  doc: PDFKit.PDFDocument,
  url: string,
  opts: { size?: number; caption?: string; align?: 'left' | 'center' | 'right' } = {},
): Promise<void> {
  const size = opts.size ?? 90;
  const png = await qrPng(url, { width: Math.max(300, Math.ceil(size * 4)) });
  const captionHeight = opts.caption ? SIZE.caption * 2 + 4 : 0;
  ensureSpace(doc, size + captionHeight);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const align = opts.align ?? 'right';
  const x = align === 'left' ? left : align === 'center' ? left + (width - size) / 2 : left + width - size;
  const y = doc.y;
  doc.image(png, x, y, { width: size, height: size });
  doc.y = y + size + 2;
  if (opts.caption) {
    const cw = Math.max(size, 160);
    const cx = align === 'left' ? left : align === 'center' ? left + (width - cw) / 2 : left + width - cw;
    doc
      .font(PDF_FONT.regular)
      .fontSize(SIZE.caption)
      .text(opts.caption, cx, doc.y, { width: cw, align: align === 'left' ? 'left' : align });
  }
  doc.x = left;
  doc.moveDown(0.5);
  doc.font(PDF_FONT.regular).fontSize(SIZE.body);
}

async function renderBlock(doc: PDFKit.PDFDocument, b: DocBlock): Promise<void> {
  switch (b.kind) {
    case 'heading':
      ensureSpace(doc, SIZE.heading * 3);
      doc.font(PDF_FONT.bold).fontSize(SIZE.heading);
      doc.text(b.text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
      doc.moveDown(0.4);
      doc.font(PDF_FONT.regular).fontSize(SIZE.body);
      return;
    case 'paragraph':
      pdfParagraph(doc, b.text, b);
      return;
    case 'table':
      pdfTable(doc, b.table);
      return;
    case 'qr':
      await pdfQr(doc, b.url, b);
      return;
    case 'spacer':
      doc.moveDown(b.lines ?? 1);
      return;
    case 'pageBreak':
      doc.addPage();
      return;
  }
}

/**
 * Renders a document (title, subtitle, blocks, footer with page numbers) to PDF bytes with the
 * embedded CJK font, so Chinese renders and can be searched and copied.
 */
export async function renderPdf(spec: DocSpec): Promise<Buffer> {
  const doc = await createPdfDocument({
    title: spec.title,
    ...(spec.author !== undefined && { author: spec.author }),
    ...(spec.createdAt !== undefined && { createdAt: spec.createdAt }),
  });
  pdfTitle(doc, spec.title, spec.subtitle);
  for (const b of spec.blocks) await renderBlock(doc, b);
  addPageFooters(doc, spec.footer);
  return pdfToBuffer(doc);
}
