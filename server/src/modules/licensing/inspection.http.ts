import type { FastifyReply } from 'fastify';
import { authorize } from '../../platform/auth/auth.hooks.js';
import { sendXlsx, type XlsxColumn } from '../../platform/documents/xlsx.js';
import type { Page } from '../../platform/http/paging.js';

/** Route options that check login and permission before body validation, so 401/403 come before 400. */
export function guard(permission?: string | string[]) {
  return { preValidation: authorize(permission) };
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
