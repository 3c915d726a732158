import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of an export: header in Chinese, value taken from the presented row. */
export interface XlsxColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
  width?: number;
}

/** Builds an xlsx workbook with one sheet: bold frozen header row, autofilter, the given columns. */
export async function buildXlsx<T>(sheetName: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '陕西省市场监督管理局信息平台';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
  }));
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  if (columns.length > 0)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends rows as an xlsx download named `<filename>-<yyyymmdd>.xlsx` (UTF-8 file name, RFC 5987). */
export async function sendXlsx<T>(
  reply: FastifyReply,
  filename: string,
  columns: XlsxColumn<T>[],
  rows: T[],
): Promise<FastifyReply> {
  const buf = await buildXlsx(filename, columns, rows);
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const name = `${filename}-${day}.xlsx`;
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(buf);
}

/** Reads the first sheet of an xlsx buffer back into rows of cell text (tests and imports). */
export async function readXlsx(buf: Buffer | ArrayBuffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws?.eachRow((row) => {
    const vals = (row.values as unknown[]).slice(1);
    out.push(
      vals.map((v) =>
        v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v as string),
      ),
    );
  });
  return out;
}
