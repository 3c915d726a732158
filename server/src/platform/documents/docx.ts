import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import {
  cellText,
  DEFAULT_AUTHOR,
  indentOf,
  type DocBlock,
  type DocSpec,
  type DocTable,
  type TextAlign,
} from './document.types.js';
import { qrPng } from './qr.js';

// Word measures in twips (1/20 pt) and font sizes in half-points.
const BODY_HALF_PT = 24; // 小四 12 pt
const TEXT_WIDTH_TWIPS = 11906 - 2 * 1440; // A4 minus the default 1-inch margins
const FONTS = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
  heading: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' },
};

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function docxTable(t: DocTable): Table {
  const weights = t.columns.map((c) => c.width ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH_TWIPS * w) / sum));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      ...(header && { shading: { type: ShadingType.CLEAR, fill: 'EFEFEF', color: 'auto' } }),
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[t.columns[i]?.align ?? 'left'],
          children: [
            new TextRun({ text, bold: header, size: 21, font: header ? FONTS.heading : FONTS.body }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
      ...t.rows.map(
        (r) => new TableRow({ children: t.columns.map((_c, i) => cell(cellText(r[i]), i, false)) }),
      ),
    ],
  });
}

function paragraph(text: string, opts: { align?: TextAlign; indent?: boolean; bold?: boolean }): Paragraph {
  return new Paragraph({
    alignment: ALIGN[opts.align ?? 'justify'],
    indent: indentOf(opts) ? { firstLine: BODY_HALF_PT * 20 } : undefined,
    spacing: { line: 360, after: 120 },
    children: [new TextRun({ text, bold: opts.bold ?? false })],
  });
}

async function blockChildren(b: DocBlock): Promise<FileChild[]> {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 240, after: 120 },
          children: [new TextRun({ text: b.text, bold: true, size: 28, font: FONTS.heading })],
        }),
      ];
    case 'paragraph':
      return [paragraph(b.text, b)];
    case 'table':
      return [docxTable(b.table), new Paragraph({ children: [] })];
    case 'qr': {
      const px = Math.round(((b.size ?? 90) * 96) / 72);
      const png = await qrPng(b.url, { width: Math.max(300, px * 2) });
      const alignment = ALIGN[b.align ?? 'right'];
      const out: FileChild[] = [
        new Paragraph({
          alignment,
          children: [
            new ImageRun({
              type: 'png',
              data: png,
              transformation: { width: px, height: px },
              altText: { name: 'QR', title: '二维码', description: b.url },
            }),
          ],
        }),
      ];
      if (b.caption)
        out.push(new Paragraph({ alignment, children: [new TextRun({ text: b.caption, size: 18 })] }));
      return out;
    }
    case 'spacer':
      return Array.from({ length: b.lines ?? 1 }, () => new Paragraph({ children: [] }));
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

/**
 * Renders a document (title, subtitle, blocks, page-number footer) to .docx bytes: 宋体 body, 黑体
 * title and headings, A4, for staff who need to edit before printing.
 */
export async function buildDocx(spec: DocSpec): Promise<Buffer> {
  const children: FileChild[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: spec.subtitle ? 120 : 360 },
      children: [new TextRun({ text: spec.title, bold: true, size: 36, font: FONTS.heading })],
    }),
  ];
  if (spec.subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        children: [new TextRun({ text: spec.subtitle })],
      }),
    );
  }
  for (const b of spec.blocks) children.push(...(await blockChildren(b)));
  const footerText = spec.footer ? `${spec.footer}    ` : '';
  const doc = new Document({
    creator: spec.author ?? DEFAULT_AUTHOR,
    title: spec.title,
    styles: { default: { document: { run: { font: FONTS.body, size: BODY_HALF_PT } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    children: [
                      footerText,
                      '第 ',
                      PageNumber.CURRENT,
                      ' 页 / 共 ',
                      PageNumber.TOTAL_PAGES,
                      ' 页',
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
