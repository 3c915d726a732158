import { badRequest, conflict, notFound } from '../errors.js';
import type { OutboxStatus } from './outbox.tables.js';

export const OUTBOX_STATUS_LABEL: Record<OutboxStatus, string> = {
  pending: '待投递',
  delivered: '已投递',
  dead: '死信',
};

/** Errors of the outbox with stable codes and Chinese messages. */
export const OutboxErrors = {
  notFound: () => notFound('OUTBOX_EVENT_NOT_FOUND', '外发消息不存在'),
  notDead: (status: OutboxStatus) =>
    conflict(
      'OUTBOX_EVENT_NOT_DEAD',
      `只有死信状态的消息可以重放，该消息当前状态为“${OUTBOX_STATUS_LABEL[status]}”`,
      'status',
    ),
  badField: (field: string, max: number) =>
    badRequest('OUTBOX_EVENT_INVALID', `外发消息的 ${field} 不能为空，且不超过 ${max} 个字符`, field),
};
