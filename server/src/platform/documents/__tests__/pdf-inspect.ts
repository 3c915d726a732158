import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Test helper: reads generated PDFs back with pdf.js (text per page, embedded images as RGBA). */

async function open(buf: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false }).promise;
}

/** The text of each page, as pdf.js extracts it (what search and copy-paste see). */
export async function pdfPageTexts(buf: Buffer): Promise<string[]> {
  const doc = await open(buf);
  try {
    const out: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const tc = await page.getTextContent();
      out.push(tc.items.map((it) => ('str' in it ? it.str : '')).join(''));
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

interface PdfJsImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** pdf.js image kinds: 1 = 1 bit grey, 2 = RGB, 3 = RGBA. */
function toRgba(img: PdfJsImage): RgbaImage {
  const { width, height, kind, data } = img;
  const out = new Uint8ClampedArray(width * height * 4);
  if (kind === 3) out.set(data);
  else if (kind === 2) {
    for (let i = 0, j = 0; i < width * height; i++, j += 3) {
      out[i * 4] = data[j]!;
      out[i * 4 + 1] = data[j + 1]!;
      out[i * 4 + 2] = data[j + 2]!;
      out[i * 4 + 3] = 255;
    }
  } else {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        const v = bit ? 255 : 0;
        out.set([v, v, v, 255], (y * width + x) * 4);
      }
  }
  return { width, height, data: out };
}

/** Every image painted on the pages, decoded to RGBA. */
export async function pdfImages(buf: Buffer): Promise<RgbaImage[]> {
  const doc = await open(buf);
  try {
    const out: RgbaImage[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const ops = await page.getOperatorList();
      for (let k = 0; k < ops.fnArray.length; k++) {
        if (ops.fnArray[k] !== OPS.paintImageXObject) continue;
        const id = (ops.argsArray[k] as unknown[])[0] as string;
        const img = await new Promise<PdfJsImage>((resolve) => {
          page.objs.get(id, (v: unknown) => resolve(v as PdfJsImage));
        });
        out.push(toRgba(img));
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
