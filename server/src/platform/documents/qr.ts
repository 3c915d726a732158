import QRCode from 'qrcode';

export interface QrOptions {
  /** Width of the PNG in pixels (default 300, enough for print at 3 cm). */
  width?: number;
  /** Quiet zone in modules (default 4, as ISO/IEC 18004 asks). */
  margin?: number;
  /** Error correction: M (15 %) by default; H when a logo or stamp may cover part of it. */
  level?: 'L' | 'M' | 'Q' | 'H';
}

function qrOpts(o: QrOptions) {
  return { errorCorrectionLevel: o.level ?? 'M', margin: o.margin ?? 4, width: o.width ?? 300 };
}

/** A QR code of the text (usually a verification URL) as a PNG. */
export async function qrPng(text: string, opts: QrOptions = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...qrOpts(opts), type: 'png' });
}

/** A QR code of the text as an SVG document (for the web page and print templates). */
export async function qrSvg(text: string, opts: QrOptions = {}): Promise<string> {
  return QRCode.toString(text, { ...qrOpts(opts), type: 'svg' });
}
