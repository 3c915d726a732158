/** Pure rules of system management: masking, identity formats, parameter values, notice states. */
import { isValidMobile } from '../../platform/validation/identifiers.rules.js';
import type { NoticeStatus, ParamValueType } from './system.tables.js';

/** Masks a phone number for lists (等保三级 personal data): 13812341234 → 138****1234. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 7) return `${phone.slice(0, 2)}****${phone.slice(-2)}`;
  return '****';
}

/** Mainland landline: area code 0xx/0xxx, 7–8 digits, optional extension (029-88881234-8001). */
export function isValidLandline(phone: string): boolean {
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(phone);
}

/** A user's phone is a mainland mobile number. */
export function isValidUserPhone(phone: string): boolean {
  return isValidMobile(phone);
}

/** An organisation's contact phone is a mobile or a landline number. */
export function isValidContactPhone(phone: string): boolean {
  return isValidMobile(phone) || isValidLandline(phone);
}

/** Login names: a letter, then letters, digits, '_', '.', '-' (3–64 characters). */
export const USERNAME_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]{2,63}$';

/** Dictionary type codes: lower-case snake case. */
export const DICT_CODE_PATTERN = '^[a-z][a-z0-9_]{1,63}$';

/** Limits of integer parameters that code reads; other int parameters only need to be integers. */
export const PARAM_INT_LIMITS: Record<string, { min: number; max: number }> = {
  'user.generatedPasswordLength': { min: 10, max: 64 },
};

/** Checks a parameter value against its declared type; returns the Chinese reason or undefined. */
export function paramValueProblem(key: string, type: ParamValueType, value: string): string | undefined {
  switch (type) {
    case 'int': {
      if (!/^-?\d{1,10}$/.test(value)) return '参数值应为整数';
      const n = Number(value);
      if (n < -2147483648 || n > 2147483647) return '参数值超出整数范围';
      const lim = PARAM_INT_LIMITS[key];
      if (lim && (n < lim.min || n > lim.max)) return `参数值应在 ${lim.min}–${lim.max} 之间`;
      return undefined;
    }
    case 'bool':
      return value === 'true' || value === 'false' ? undefined : '参数值应为 true 或 false';
    case 'string':
      return value.length > 500 ? '参数值长度不能超过 500 个字符' : undefined;
  }
}

export type NoticeAction = 'edit' | 'publish' | 'withdraw' | 'delete';

const NOTICE_ALLOWED: Record<NoticeAction, readonly NoticeStatus[]> = {
  edit: ['draft', 'withdrawn'],
  publish: ['draft', 'withdrawn'],
  withdraw: ['published'],
  delete: ['draft'],
};

/** Whether a notice in a status allows an action (published notices are withdrawn before editing). */
export function noticeActionAllowed(status: NoticeStatus, action: NoticeAction): boolean {
  return NOTICE_ALLOWED[action].includes(status);
}

export const NOTICE_STATUS_LABEL: Record<NoticeStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGIT = '23456789';
const SPECIAL = '@#$%&*!?';

/**
 * A one-time password of the given length with all four character classes (satisfies password.rules.ts),
 * without look-alike characters (0/O, 1/l/I). `randomInt(n)` returns 0 ≤ i < n (crypto.randomInt in use).
 */
export function generateOneTimePassword(length: number, randomInt: (n: number) => number): string {
  const classes = [LOWER, UPPER, DIGIT, SPECIAL];
  const all = classes.join('');
  const chars = classes.map((c) => c[randomInt(c.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
