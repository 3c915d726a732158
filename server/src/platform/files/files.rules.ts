/**
 * Pure rules of the file service: the type allow-list, file-name hygiene and the download header.
 * No I/O here; content sniffing lives in files.detect.ts.
 */

/** One accepted kind of file: its canonical extension, MIME type, label and the extensions users give it. */
export interface AllowedType {
  ext: string;
  mime: string;
  label: string;
  /** File-name extensions accepted for this content (the first is canonical). */
  names: readonly string[];
  /** Text types have no magic bytes: accepted by extension when the content is valid UTF-8. */
  text?: boolean;
}

/**
 * The allow-list (DESIGN.md §9). OFD (GB/T 33190, 电子证照 / 电子发票 / 电子公文) is accepted: it is a ZIP package
 * whose root holds OFD.xml, detected as such in files.detect.ts; an OFD package named .zip is stored as a ZIP.
 */
export const ALLOWED_TYPES: readonly AllowedType[] = [
  { ext: 'pdf', mime: 'application/pdf', label: 'PDF', names: ['pdf'] },
  { ext: 'jpg', mime: 'image/jpeg', label: 'JPG', names: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  { ext: 'png', mime: 'image/png', label: 'PNG', names: ['png'] },
  { ext: 'ofd', mime: 'application/ofd', label: 'OFD', names: ['ofd'] },
  {
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'DOCX',
    names: ['docx'],
  },
  {
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'XLSX',
    names: ['xlsx'],
  },
  { ext: 'zip', mime: 'application/zip', label: 'ZIP', names: ['zip'] },
  { ext: 'txt', mime: 'text/plain; charset=utf-8', label: 'TXT', names: ['txt'], text: true },
  { ext: 'csv', mime: 'text/csv; charset=utf-8', label: 'CSV', names: ['csv'], text: true },
];

/** Labels shown to users in the "allowed" part of FILE_TYPE_NOT_ALLOWED. */
export const ALLOWED_LABELS = ALLOWED_TYPES.map((t) => t.label);

const byExt = new Map(ALLOWED_TYPES.map((t) => [t.ext, t]));

/** What the content sniffer found: a canonical extension (file-type's, or 'ofd'), or nothing. */
export interface DetectedContent {
  ext: string;
  mime: string;
}

export type TypeDecision = { ok: true; type: AllowedType } | { ok: false; reason: string; detected?: string };

/**
 * Decides the stored type from the sniffed content and the extension the user gave.
 * Binary types must be recognised from magic bytes and agree with the extension (when there is one);
 * TXT/CSV have no magic bytes, so they are accepted by extension when the content is valid UTF-8.
 */
export function decideFileType(
  detected: DetectedContent | undefined,
  declaredExt: string,
  validUtf8Text: boolean,
): TypeDecision {
  const declared = declaredExt.toLowerCase();
  if (!detected) {
    const text = ALLOWED_TYPES.find((t) => t.text && t.names.includes(declared));
    if (text) {
      return validUtf8Text
        ? { ok: true, type: text }
        : { ok: false, reason: `${text.label} 文件须为 UTF-8 编码的文本（请另存为 UTF-8 后再上传）` };
    }
    return {
      ok: false,
      reason: declared ? `无法识别的文件内容（扩展名 .${declared}）` : '无法识别的文件内容',
    };
  }
  const found = byExt.get(detected.ext);
  if (!found || found.text) {
    return { ok: false, reason: detected.ext.toUpperCase(), detected: detected.ext };
  }
  if (!declared || found.names.includes(declared)) return { ok: true, type: found };
  // An OFD package is also a valid ZIP archive.
  if (found.ext === 'ofd' && declared === 'zip') return { ok: true, type: byExt.get('zip')! };
  return {
    ok: false,
    reason: `文件内容为 ${found.label}，与扩展名 .${declared} 不符`,
    detected: found.ext,
  };
}

/** Lower-case extension of a file name ('' when it has none or an odd one). */
export function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

// Control characters, and the bidi overrides that make "exe.pdf" look like "fdp.exe".
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Maximum length of a stored file name in characters (column original_name varchar(255)). */
export const FILE_NAME_MAX = 255;

/**
 * Cleans a user-supplied file name: last path segment only, no control or bidi characters, at most
 * 255 characters (the extension kept), never empty.
 */
export function sanitizeFileName(raw: string | undefined): string {
  let name = (raw ?? '').replace(UNSAFE_CHARS, '');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.trim().replace(/\s+/g, ' ');
  if (name === '' || name === '.' || name === '..') name = '未命名文件';
  const chars = Array.from(name);
  if (chars.length > FILE_NAME_MAX) {
    const ext = extOf(name);
    const keep = ext ? FILE_NAME_MAX - ext.length - 1 : FILE_NAME_MAX;
    name = chars.slice(0, keep).join('') + (ext ? `.${ext}` : '');
  }
  return name;
}

/** The stored name: the user's name, with the canonical extension added when it had none. */
export function storedFileName(sanitized: string, type: AllowedType): string {
  if (extOf(sanitized)) return sanitized;
  const chars = Array.from(sanitized);
  const room = FILE_NAME_MAX - type.ext.length - 1;
  return `${chars.slice(0, room).join('')}.${type.ext}`;
}

/** Human size for messages: "50 MB", "1.5 MB", "512 KB", "100 字节". */
export function formatBytes(n: number): string {
  const mb = 1024 * 1024;
  if (n >= mb) return `${Number.isInteger(n / mb) ? n / mb : (n / mb).toFixed(1)} MB`;
  if (n >= 1024) return `${Number.isInteger(n / 1024) ? n / 1024 : (n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

/** RFC 5987 value: encodeURIComponent also escapes the characters attr-char does not allow. */
function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987), so Chinese
 * names survive in every browser.
 */
export function contentDisposition(name: string, inline = false): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** Types a browser may show inline (preview) rather than download. */
export function canPreviewInline(ext: string): boolean {
  return ext === 'pdf' || ext === 'png' || ext === 'jpg';
}
