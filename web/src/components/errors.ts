import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/** Chinese text of any error, with the request id the help desk asks for. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return e.message;
    if (e.status === 403 && e.code === 'FORBIDDEN') return `${e.message}`;
    return e.requestId ? `${e.message}（请求编号 ${e.requestId}）` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Puts the server's field error under the right form field (the server names fields with dots, e.g.
 * `items.0.name`); returns false when the error has no field of this form, so the caller shows a message.
 */
export function applyServerError(
  form: FormInstance,
  e: unknown,
  fieldMap: Record<string, string> = {},
): boolean {
  if (!(e instanceof ApiError) || !e.field) return false;
  const name = (fieldMap[e.field] ?? e.field).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const known = form.getFieldsValue(true) as Record<string, unknown>;
  if (!(String(name[0]) in known) && !fieldMap[e.field]) return false;
  form.setFields([{ name, errors: [e.message] }]);
  form.scrollToField(name);
  return true;
}

/** A handler for mutations: field errors go under the field, others into a message with the request id. */
export function useErrorHandler() {
  const { message } = App.useApp();
  return useCallback(
    (e: unknown, form?: FormInstance, fieldMap?: Record<string, string>) => {
      if (form && applyServerError(form, e, fieldMap)) return;
      void message.error(errorText(e), 6);
    },
    [message],
  );
}

/**
 * Conflicts meaning "someone acted first" on a workflow item: the page offers a refresh. Other 409s (e.g.
 * PRODUCT_CODES_MISSING on 准予许可) are shown as the server words them.
 */
const STALE_CODES = new Set([
  'WF_VERSION_CONFLICT',
  'WF_STATE_MISMATCH',
  'WF_INSTANCE_CLOSED',
  'WF_ALREADY_CLAIMED',
]);

export function isStaleError(e: unknown): e is ApiError {
  return e instanceof ApiError && STALE_CODES.has(e.code);
}
