/** The content model shared by the PDF and Word helpers: a title and a list of blocks. */

export type TextAlign = 'left' | 'center' | 'right' | 'justify';

export interface DocTableColumn {
  header: string;
  /** Relative width (default 1): widths are shared out in proportion over the text width. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export interface DocTable {
  columns: DocTableColumn[];
  rows: Array<Array<string | number | null | undefined>>;
}

export type DocBlock =
  | { kind: 'heading'; text: string }
  /** Body text; `indent` (首行缩进两字) defaults to true for left/justified paragraphs. */
  | { kind: 'paragraph'; text: string; align?: TextAlign; indent?: boolean; bold?: boolean }
  | { kind: 'table'; table: DocTable }
  /** A QR code of `url` (e.g. the verification page), `size` in points (default 90 ≈ 3.2 cm). */
  | { kind: 'qr'; url: string; size?: number; caption?: string; align?: 'left' | 'center' | 'right' }
  | { kind: 'spacer'; lines?: number }
  | { kind: 'pageBreak' };

export interface DocSpec {
  title: string;
  /** A line under the title, e.g. the document number 陕市监受〔2026〕1号. */
  subtitle?: string;
  blocks: DocBlock[];
  /** Footer text on every page (PDF), beside the page number. */
  footer?: string;
  /** Author in the document properties (default 陕西省市场监督管理局). */
  author?: string;
  /** Creation time in the document properties (pass the injected clock's now for reproducible output). */
  createdAt?: Date;
}

/** Table cell text: null and undefined become empty. */
export function cellText(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Default of the first-line indent. */
export function indentOf(b: { align?: TextAlign; indent?: boolean }): boolean {
  return b.indent ?? (b.align === undefined || b.align === 'left' || b.align === 'justify');
}

export const DEFAULT_AUTHOR = '陕西省市场监督管理局';
