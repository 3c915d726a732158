import type { FastifyReply } from 'fastify';
import type { Principal } from '../../platform/access/principal.js';
import { authorize } from '../../platform/auth/auth.hooks.js';
import { sendXlsx, type XlsxColumn } from '../../platform/documents/xlsx.js';
import { forbidden } from '../../platform/errors.js';
import type { Page } from '../../platform/http/paging.js';

/** A JSON-schema value that may be null. */
export { Nullable } from '../../platform/http/schemas.js';

/** timestamptz → ISO string for API output (null stays null). */
export function iso(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
}

/** Route options that check login and permission before body validation, so 401/403 come before 400. */
export function guard(permission?: string | string[]) {
  return { preValidation: authorize(permission) };
}

/** Service-level authorize(): the permission check at the top of every use case (defence in depth). */
export function need(p: Principal, code: string): void {
  if (!p.permissions.has(code)) throw forbidden('FORBIDDEN', `没有权限执行此操作（需要权限：${code}）`);
}

/** Sends a presented page as JSON, or as an xlsx download with Chinese headers when format=xlsx. */
export async function replyList<T>(
  reply: FastifyReply,
  format: string | undefined,
  page: Page<T>,
  xlsx: { filename: string; columns: XlsxColumn<T>[] },
): Promise<FastifyReply | Page<T>> {
  if (format === 'xlsx') return sendXlsx(reply, xlsx.filename, xlsx.columns, page.items);
  return page;
}

/** Maps a page's rows through a presenter. */
export function mapPage<R, T>(page: Page<R>, f: (row: R) => T): Page<T> {
  return { ...page, items: page.items.map(f) };
}

export const STATUS_LABEL: Record<string, string> = { active: '正常', disabled: '停用' };

/** Shanghai wall-clock time for spreadsheets ('2026-03-16 09:00:00'). */
export function localTime(isoText: string | null): string {
  if (!isoText) return '';
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(isoText));
}
