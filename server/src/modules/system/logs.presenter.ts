import type { Static } from '@sinclair/typebox';
import type { VerifyResult } from '../../platform/audit/audit.service.js';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { AuditDetailRow, AuditRow, LoginLogRow } from './logs.repository.js';
import type { AuditDetail, AuditItem, LoginLogItem, VerifyReply } from './logs.schemas.js';
import { iso, localTime } from './system.common.js';

/** audit_log row → API. */
export function presentAudit(a: AuditRow): Static<typeof AuditItem> {
  return {
    id: a.id,
    seq: String(a.seq),
    at: iso(a.at)!,
    userId: a.user_id,
    username: a.username,
    orgName: a.org_name,
    action: a.action,
    method: a.method,
    path: a.path,
    targetType: a.target_type,
    targetId: a.target_id,
    ip: a.ip,
    result: a.result,
    statusCode: a.status_code,
    requestId: a.request_id,
  };
}

/** audit_log row with detail and hashes → API. */
export function presentAuditDetail(a: AuditDetailRow): Static<typeof AuditDetail> {
  return { ...presentAudit(a), detail: a.detail, prevHash: a.prev_hash, hash: a.hash };
}

/** verifyAuditChain result → API with a Chinese summary. */
export function presentVerify(r: VerifyResult): Static<typeof VerifyReply> {
  return {
    ok: r.ok,
    checked: r.checked,
    message: r.ok
      ? `审计日志完整：已校验 ${r.checked} 条记录，未发现篡改或删除`
      : `审计日志校验失败：${r.problem?.message ?? '未知问题'}（已校验 ${r.checked} 条）`,
    ...(r.problem ? { problem: r.problem } : {}),
  };
}

export const LOGIN_RESULT_LABEL: Record<string, string> = {
  success: '登录成功',
  bad_password: '密码错误',
  unknown_user: '用户不存在',
  locked: '账号锁定',
  disabled: '账号停用',
  demo_disabled: '演示账号不可用',
};

/** login_log row → API. */
export function presentLoginLog(l: LoginLogRow): Static<typeof LoginLogItem> {
  return {
    id: l.id,
    username: l.username,
    userId: l.user_id,
    orgName: l.org_name,
    ip: l.ip,
    userAgent: l.user_agent,
    result: l.result,
    resultLabel: LOGIN_RESULT_LABEL[l.result] ?? l.result,
    message: l.message,
    createdAt: iso(l.created_at)!,
  };
}

export const AUDIT_XLSX: XlsxColumn<Static<typeof AuditItem>>[] = [
  { header: '序号', value: (a) => a.seq, width: 10 },
  { header: '时间', value: (a) => localTime(a.at), width: 20 },
  { header: '操作人', value: (a) => a.username, width: 14 },
  { header: '所属机构', value: (a) => a.orgName, width: 28 },
  { header: '操作', value: (a) => a.action, width: 20 },
  { header: '对象类型', value: (a) => a.targetType, width: 14 },
  { header: '对象标识', value: (a) => a.targetId, width: 38 },
  { header: '请求', value: (a) => (a.method ? `${a.method} ${a.path ?? ''}` : a.path), width: 40 },
  { header: 'IP 地址', value: (a) => a.ip, width: 16 },
  { header: '结果', value: (a) => (a.result === 'success' ? '成功' : '失败') },
  { header: '状态码', value: (a) => a.statusCode },
];

export const LOGIN_LOG_XLSX: XlsxColumn<Static<typeof LoginLogItem>>[] = [
  { header: '时间', value: (l) => localTime(l.createdAt), width: 20 },
  { header: '用户名', value: (l) => l.username, width: 16 },
  { header: '所属机构', value: (l) => l.orgName, width: 28 },
  { header: 'IP 地址', value: (l) => l.ip, width: 16 },
  { header: '结果', value: (l) => l.resultLabel, width: 14 },
  { header: '说明', value: (l) => l.message, width: 30 },
  { header: '浏览器', value: (l) => l.userAgent, width: 40 },
];
