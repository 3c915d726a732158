import { addDays, daysBetween, isValidDay, toEpochDay } from '../../platform/calendar/calendar.rules.js';
import type { SourceTag } from './catalogue.tables.js';

/**
 * Pure rules of 生产许可证书 (licensing.md §3–§5): the number `(陕)XK××-×××-×××××`, the validity dates per
 * application type with the 2月29日 handling, the renewal deadline, the 吊销 bar and the state shown to
 * users. No I/O; every option that licensing.md marks 【待确认】 is a setting with the documented default.
 */

// ---------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------

/** 申请类型 that end in a certificate (licensing.md §4). 注销 ends one and has its own process. */
export type CertificateApplicationType = 'issue' | 'renew' | 'change' | 'reexamine' | 'reissue';

export const APPLICATION_TYPE_LABEL: Record<CertificateApplicationType, string> = {
  issue: '发证',
  renew: '延续',
  change: '变更',
  reexamine: '重新审查',
  reissue: '补领',
};

/**
 * Stored status of one issued certificate (one paper 正本/副本 pair):
 * valid 有效; replaced 已换发 (a later 延续/变更/补领/重新审查 certificate with the same number took over);
 * revoked 撤销 (《办法》第三十四条); withdrawn 撤回 (《办法》第三十三条); rescinded 吊销 (《条例》第五十四条);
 * cancelled 注销 (《办法》第三十五条, the final state).
 */
export type CertificateStatus = 'valid' | 'replaced' | 'revoked' | 'withdrawn' | 'rescinded' | 'cancelled';

/** The state users see: the stored status, with a valid certificate past its last day shown as expired. */
export type CertificateState = CertificateStatus | 'expired';

export const CERTIFICATE_STATE_LABEL: Record<CertificateState, string> = {
  valid: '有效',
  expired: '过期',
  replaced: '已换发',
  revoked: '撤销',
  withdrawn: '撤回',
  rescinded: '吊销',
  cancelled: '注销',
};

/** 撤销 / 撤回 / 吊销: the three ways a licence stops before 注销 (licensing.md §4). */
export type SanctionKind = 'revoke' | 'withdraw' | 'rescind';

export const SANCTION_LABEL: Record<SanctionKind, string> = {
  revoke: '撤销',
  withdraw: '撤回',
  rescind: '吊销',
};

export const SANCTION_STATUS: Record<SanctionKind, CertificateStatus> = {
  revoke: 'revoked',
  withdraw: 'withdrawn',
  rescind: 'rescinded',
};

/** The article a sanction rests on when the officer names none (licensing.md §4, §10). */
export const SANCTION_DEFAULT_ARTICLE: Record<SanctionKind, string> = {
  // 《办法》第三十四条: 以欺骗、贿赂等不正当手段取得的应当撤销；滥用职权等情形可以撤销
  revoke: '《工业产品生产许可证管理条例实施办法》第三十四条',
  // 《办法》第三十三条: 法律法规修改或废止、客观情况发生重大变化等，可以依法撤回
  withdraw: '《工业产品生产许可证管理条例实施办法》第三十三条',
  // 《条例》第五十四条: 获证产品抽查不合格，到期复查仍不合格的，吊销生产许可证
  rescind: '《工业产品生产许可证管理条例》第五十四条',
};

/** 注销 grounds (《办法》第三十五条, 8 情形; 《条例》第三十一条). */
export type CancellationGround =
  | 'expired'
  | 'terminated'
  | 'sanctioned'
  | 'force_majeure'
  | 'not_producing'
  | 'applied'
  | 'eliminated'
  | 'other';

export const CANCELLATION_GROUND_LABEL: Record<CancellationGround, string> = {
  expired: '有效期届满未延续',
  terminated: '企业依法终止',
  sanctioned: '许可被依法撤回、撤销或证书被吊销',
  force_majeure: '因不可抗力导致许可事项无法实施',
  not_producing: '企业不再从事列入目录产品的生产活动',
  applied: '企业申请注销',
  eliminated: '产品列入淘汰或禁止生产目录',
  other: '法律法规规定的其他情形',
};

// ---------------------------------------------------------------------------------------------------------
// Calendar years and months (licensing.md §5: never rely on a date library's Feb-29 behaviour)
// ---------------------------------------------------------------------------------------------------------

/**
 * When the anchor day has no counterpart in the target month (29 Feb → a common year): 'month-end' takes
 * the last day of that month (《民法典》第二百零二条: 没有对应日的，月末日为期间的最后一日; licensing.md §5
 * default); 'next-day' rolls to the first day of the next month (the selectable alternative).
 */
export type MissingDayPolicy = 'month-end' | 'next-day';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function parts(day: string): [number, number, number] {
  if (!isValidDay(day)) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The day `months` calendar months after (months < 0: before) `day`, with the missing-day policy. */
export function addMonthsCivil(day: string, months: number, policy: MissingDayPolicy = 'month-end'): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  if (ty < 1 || ty > 9999) throw new RangeError(`date out of range: ${day} + ${months} months`);
  const last = daysInMonth(ty, tm);
  if (d <= last) return `${pad(ty, 4)}-${pad(tm, 2)}-${pad(d, 2)}`;
  const monthEnd = `${pad(ty, 4)}-${pad(tm, 2)}-${pad(last, 2)}`;
  return policy === 'month-end' ? monthEnd : addDays(monthEnd, 1);
}

/** The day `years` calendar years after `day` ("5 年后的对应日"), with the missing-day policy. */
export function addYearsCivil(day: string, years: number, policy: MissingDayPolicy = 'month-end'): string {
  if (!Number.isSafeInteger(years)) throw new RangeError(`years must be an integer: ${years}`);
  return addMonthsCivil(day, years * 12, policy);
}

// ---------------------------------------------------------------------------------------------------------
// Validity (licensing.md §5)
// ---------------------------------------------------------------------------------------------------------

/** What a 补领 or 重新审查 certificate's validity does: keep the previous period, or start a new term. */
export type KeepOrRestart = 'keep' | 'restart';

/** The validity rule; every value is a setting (licensing.md §5 配置项), defaults as documented. */
export interface ValidityRule {
  /** 有效期年数 — 《办法》第二十七条: 有效期为 5 年. */
  years: number;
  /** 发证日偏移 (days added to "许可日期 + 5 年的对应日"): +1 per the seed "5年后第二天"; −1 for the common "5 年减 1 天". */
  issueOffsetDays: number;
  /** 延续日偏移: 0 per the seed "原证书有效期5年后同一天". */
  renewOffsetDays: number;
  missingDay: MissingDayPolicy;
  /** 补领 (《办法》第三十一条): the law is silent; default keep (licensing.md §5 【待确认】). */
  reissue: KeepOrRestart;
  /** 重新审查 (《办法》第二十九条): the law is silent; default keep (licensing.md §5 【待确认】). */
  reexamine: KeepOrRestart;
}

export const DEFAULT_VALIDITY_RULE: ValidityRule = {
  years: 5,
  issueOffsetDays: 1,
  renewOffsetDays: 0,
  missingDay: 'month-end',
  reissue: 'keep',
  reexamine: 'keep',
};

export interface ValidityPeriod {
  validFrom: string;
  validTo: string;
}

/**
 * The validity of a new certificate. Start = the approval (decision) date (seed 行政赋号: 证书开始日期为准予许可日期).
 * 发证: (decision + years, missing-day policy) + issue offset — seed: 有效期为许可日期5年后第二天 (2026-03-15 → 2031-03-16).
 * 延续: (previous expiry + years) + renew offset — seed: 原证书有效期5年后同一天 (2027-05-20 → 2032-05-20).
 * 变更: unchanged (《办法》第三十条). 补领 / 重新审查: unchanged by default, or a new term like 发证.
 */
export function computeValidity(
  type: CertificateApplicationType,
  decisionDate: string,
  previous: ValidityPeriod | null,
  rule: ValidityRule = DEFAULT_VALIDITY_RULE,
): ValidityPeriod {
  parts(decisionDate);
  const newTerm = (): ValidityPeriod => ({
    validFrom: decisionDate,
    validTo: addDays(addYearsCivil(decisionDate, rule.years, rule.missingDay), rule.issueOffsetDays),
  });
  if (type === 'issue') return newTerm();
  if (!previous) throw new RangeError(`${APPLICATION_TYPE_LABEL[type]} needs the previous certificate`);
  if (type === 'renew') {
    return {
      validFrom: decisionDate,
      validTo: addDays(addYearsCivil(previous.validTo, rule.years, rule.missingDay), rule.renewOffsetDays),
    };
  }
  if (type === 'change') return { validFrom: previous.validFrom, validTo: previous.validTo };
  const policy = type === 'reissue' ? rule.reissue : rule.reexamine;
  return policy === 'restart' ? newTerm() : { validFrom: previous.validFrom, validTo: previous.validTo };
}

/**
 * The last day a 延续 may be applied for: expiry − 6 months, month end when there is no counterpart day
 * (licensing.md §5). // 《办法》第二十七条: 有效期届满需要继续生产的，应当在期满 6 个月前申请延续
 * Whether that day itself still counts as "6 个月前" is 【待确认】; it is returned as the limit.
 */
export function latestRenewalDate(validTo: string, monthsBefore = 6): string {
  return addMonthsCivil(validTo, -monthsBefore, 'month-end');
}

/**
 * The last day of the 3-year bar after a 吊销: the counterpart day 3 years on (month end when missing).
 * // 《条例》第五十五条: 被吊销生产许可证的企业，自吊销之日起 3 年内不得再次申请同一产品的生产许可证
 * // 《民法典》第二百零一条、第二百零二条: 开始的当日不计入；到期月的对应日为期间的最后一日【摘录】
 */
export function barLastDay(rescindedOn: string, years = 3): string {
  return addYearsCivil(rescindedOn, years, 'month-end');
}

/** What users see: a valid certificate whose last day has passed is 过期. */
export function certificateState(
  status: CertificateStatus,
  validTo: string,
  today: string,
): CertificateState {
  return status === 'valid' && toEpochDay(validTo) < toEpochDay(today) ? 'expired' : status;
}

/** Days from today to the last day of validity (negative once past). */
export function daysToExpiry(validTo: string, today: string): number {
  return daysBetween(today, validTo);
}

// ---------------------------------------------------------------------------------------------------------
// Numbers (licensing.md §3.2)
// ---------------------------------------------------------------------------------------------------------

/** 《办法》第三十九条: XK + 行业编号 2 位 + 产品编号 3 位 + 企业生产许可证编号 5 位. */
export const CORE_NUMBER_RE = /^XK\d{2}-\d{3}-\d{5}$/;
/** 陕西证书，宽松输入（全角、半角括号或无括号）— licensing.md §3.2 设计建议. */
export const SHAANXI_NUMBER_RE = /^(?:[(（]陕[)）]|陕)?XK\d{2}-\d{3}-\d{5}$/;
/** 任意省份证书（抽查时核对外省证书）— licensing.md §3.2 设计建议. */
export const ANY_PROVINCE_NUMBER_RE = /^(?:[(（]?[\u4e00-\u9fa5][)）]?)?XK\d{2}-\d{3}-\d{5}$/;

export const INDUSTRY_CODE_RE = /^\d{2}$/;
export const PRODUCT_CODE_RE = /^\d{3}$/;
export const MAX_SERIAL = 99_999;

/** How the province abbreviation is bracketed: 全角（陕）, 半角 (陕), or 陕 without brackets. 【待确认】 */
export type BracketStyle = 'half' | 'full' | 'none';

export interface NumberFormat {
  /** 省级行政区域简称 (《办法》第三十九条: 可以在编号前加); empty for none. */
  provinceAbbr: string;
  bracket: BracketStyle;
}

/** licensing.md §3.2 writes `(陕)XK××-×××-×××××` with half-width brackets. */
export const DEFAULT_NUMBER_FORMAT: NumberFormat = { provinceAbbr: '陕', bracket: 'half' };

/** The core number XK××-×××-××××× (without the province abbreviation). */
export function coreNumber(industryCode: string, productCode: string, serial: number): string {
  if (!INDUSTRY_CODE_RE.test(industryCode)) throw new RangeError(`行业编号须为 2 位数字: ${industryCode}`);
  if (!PRODUCT_CODE_RE.test(productCode)) throw new RangeError(`产品编号须为 3 位数字: ${productCode}`);
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > MAX_SERIAL)
    throw new RangeError(`证书序号须为 1–${MAX_SERIAL}: ${serial}`);
  return `XK${industryCode}-${productCode}-${pad(serial, 5)}`;
}

/** The number as printed: the province abbreviation in the configured brackets, then the core number. */
export function displayNumber(provinceAbbr: string | null, core: string, bracket: BracketStyle): string {
  if (!provinceAbbr) return core;
  if (bracket === 'full') return `（${provinceAbbr}）${core}`;
  if (bracket === 'half') return `(${provinceAbbr})${core}`;
  return `${provinceAbbr}${core}`;
}

export interface ParsedNumber {
  /** The province abbreviation written before XK, if any. */
  province: string | null;
  core: string;
  industryCode: string;
  productCode: string;
  serial: number;
}

/**
 * Normalises a typed licence number, then parses it (licensing.md §3.2: 先归一化，再校验): full-width digits,
 * letters, hyphens and brackets become half-width, `xk` upper case, spaces dropped. Null when it is not a
 * licence number of any province.
 */
export function parseLicenceNumber(input: string): ParsedNumber | null {
  const s = input
    .normalize('NFKC') // full-width digits, letters, hyphen-minus and brackets → ASCII
    .replace(/[\s\u3000]/g, '')
    .replace(/[‐‑‒–—―－]/g, '-')
    .replace(/^(.*?)xk/i, (_m, pre: string) => `${pre}XK`);
  if (!ANY_PROVINCE_NUMBER_RE.test(s)) return null;
  const m = /^(?:[(]?([\u4e00-\u9fa5])[)]?)?(XK(\d{2})-(\d{3})-(\d{5}))$/.exec(s);
  if (!m) return null;
  return {
    province: m[1] ?? null,
    core: m[2]!,
    industryCode: m[3]!,
    productCode: m[4]!,
    serial: Number(m[5]),
  };
}

/** Scope of the 5-digit serial (后五位序号由谁分配: 待需求方提供): per 行业+产品, per 行业, or one province sequence. */
export type SerialScope = 'product' | 'industry' | 'province';

/** The numbering-service key of a serial; the serial never restarts, so it is kept under one fixed year. */
export function serialKey(scope: SerialScope, industryCode: string, productCode: string): string {
  if (scope === 'product') return `licence:XK${industryCode}-${productCode}`;
  if (scope === 'industry') return `licence:XK${industryCode}`;
  return 'licence:province';
}

/**
 * The numbering service counts per (key, year); a licence serial is not yearly (the number has no year),
 * so every serial lives under this one year and is never issued twice.
 */
export const SERIAL_YEAR = 1;

// ---------------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------------

/** Every certificate setting, parsed. Changes apply to later decisions only (licensing.md §5). */
export interface CertificateSettings {
  validity: ValidityRule;
  number: NumberFormat;
  serialScope: SerialScope;
  /** 申报提醒: months before expiry at which a reminder is created (licensing.md §5: e.g. 9、7、6). */
  reminderMonths: number[];
}

export const DEFAULT_SETTINGS: CertificateSettings = {
  validity: DEFAULT_VALIDITY_RULE,
  number: DEFAULT_NUMBER_FORMAT,
  serialScope: 'product',
  reminderMonths: [6],
};

/** How a setting's value is entered: an integer, true/false, free text, or one of `options`. */
export type SettingType = 'int' | 'bool' | 'string' | 'enum';

export interface SettingOption {
  value: string;
  label: string;
}

/**
 * One setting: key, Chinese name, remark, its default as text, how it is entered (type, with the options
 * of an enum and the range of an int) and where the rule comes from; `check` refuses bad values.
 */
export interface SettingDef {
  key: string;
  name: string;
  remark: string;
  defaultValue: string;
  type: SettingType;
  /** The values an 'enum' takes, with their Chinese labels. */
  options?: SettingOption[];
  /** The range of an 'int'. */
  min?: number;
  max?: number;
  /** The unit an 'int' counts (年, 天, 个月). */
  unit?: string;
  /** Where the rule comes from: 【已核实】, 【摘录】, 【待确认】 (also 待需求方提供), or the customer's text. */
  sourceTag: SourceTag;
  /** Returns the Chinese problem, or undefined when the text is acceptable. */
  check: (v: string) => string | undefined;
}

const intIn = (min: number, max: number) => (v: string) =>
  /^-?\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `须为 ${min} 到 ${max} 之间的整数`;

/** An integer setting in [min, max]; its check follows the range. */
const int = (min: number, max: number, unit: string) =>
  ({ type: 'int', min, max, unit, check: intIn(min, max) }) as const;

/** A setting taking one of the options; its check accepts exactly their values. */
const choice = (...options: SettingOption[]) => ({
  type: 'enum' as const,
  options,
  check: (v: string) =>
    options.some((o) => o.value === v) ? undefined : `须为 ${options.map((o) => o.value).join(' / ')} 之一`,
});

/** Parses "9,7,6" into distinct months 1–24, largest first; undefined when malformed. */
export function parseMonthList(v: string): number[] | undefined {
  const items = v
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map((x) => (/^\d{1,2}$/.test(x) ? Number(x) : NaN));
  if (items.length === 0 || items.length > 6 || items.some((n) => !(n >= 1 && n <= 24))) return undefined;
  return [...new Set(items)].sort((a, b) => b - a);
}

export const SETTING_DEFS: SettingDef[] = [
  {
    key: 'validity.years',
    name: '有效期年数',
    // 《办法》第二十七条: 有效期为 5 年
    remark: '《办法》第二十七条：有效期为 5 年',
    defaultValue: '5',
    ...int(1, 10, '年'),
    sourceTag: 'verified',
  },
  {
    key: 'validity.issueOffsetDays',
    name: '发证有效期偏移（天）',
    remark: '需求原文“许可日期5年后第二天”为 +1；常见写法“5 年减 1 天”为 -1',
    defaultValue: '1',
    ...choice(
      { value: '1', label: '+1 天（许可日期 5 年后的第二天）' },
      { value: '0', label: '0 天（许可日期 5 年后的同一天）' },
      { value: '-1', label: '-1 天（5 年减 1 天）' },
    ),
    sourceTag: 'customer',
  },
  {
    key: 'validity.renewOffsetDays',
    name: '延续有效期偏移（天）',
    remark: '需求原文“原证书有效期5年后同一天”为 0',
    defaultValue: '0',
    ...choice(
      { value: '1', label: '+1 天（原有效期 5 年后的第二天）' },
      { value: '0', label: '0 天（原有效期 5 年后的同一天）' },
      { value: '-1', label: '-1 天（5 年减 1 天）' },
    ),
    sourceTag: 'customer',
  },
  {
    key: 'validity.missingDay',
    name: '无对应日策略',
    remark: 'month-end：取月末日（默认，参照《民法典》第二百零二条）；next-day：顺延到次月 1 日',
    defaultValue: 'month-end',
    ...choice({ value: 'month-end', label: '取当月月末日' }, { value: 'next-day', label: '顺延到次月 1 日' }),
    // 《民法典》第二百零二条 is 【摘录】 in licensing.md §5
    sourceTag: 'excerpt',
  },
  {
    key: 'validity.reissue',
    name: '补领后有效期',
    remark: 'keep：不变（默认，待确认）；restart：自补领决定日重新计算',
    defaultValue: 'keep',
    ...choice({ value: 'keep', label: '有效期不变' }, { value: 'restart', label: '自补领决定日重新计算' }),
    sourceTag: 'unconfirmed',
  },
  {
    key: 'validity.reexamine',
    name: '重新审查后有效期',
    remark: 'keep：不变（默认，待确认）；restart：自决定日重新计算',
    defaultValue: 'keep',
    ...choice({ value: 'keep', label: '有效期不变' }, { value: 'restart', label: '自决定日重新计算' }),
    sourceTag: 'unconfirmed',
  },
  {
    key: 'number.provinceAbbr',
    name: '编号前省级简称',
    // 《办法》第三十九条: 省级颁发的证书可以在编号前加省级行政区域简称
    remark: '《办法》第三十九条：省级颁发的证书可以在编号前加省级行政区域简称；留空表示不加',
    defaultValue: '陕',
    type: 'string',
    sourceTag: 'verified',
    check: (v) => (v === '' || /^[\u4e00-\u9fa5]$/.test(v) ? undefined : '须为一个汉字或留空'),
  },
  {
    key: 'number.bracket',
    name: '简称括号样式',
    remark: 'half：半角 (陕)（默认）；full：全角（陕）；none：不加括号（待确认）',
    defaultValue: 'half',
    ...choice(
      { value: 'half', label: '半角括号 (陕)' },
      { value: 'full', label: '全角括号（陕）' },
      { value: 'none', label: '不加括号' },
    ),
    sourceTag: 'unconfirmed',
  },
  {
    key: 'number.serialScope',
    name: '证书序号分配范围',
    remark:
      'product：按行业编号+产品编号分别顺序编号（默认）；industry：按行业；province：全省统一（待需求方提供）',
    defaultValue: 'product',
    ...choice(
      { value: 'product', label: '按行业编号 + 产品编号分别顺序编号' },
      { value: 'industry', label: '按行业编号顺序编号' },
      { value: 'province', label: '全省统一顺序编号' },
    ),
    sourceTag: 'unconfirmed',
  },
  {
    key: 'reminder.months',
    name: '申报提醒节点（期满前月数）',
    remark: '逗号分隔，例如 9,7,6；每个节点生成一条申报提醒（licensing.md §5「设计建议」）',
    defaultValue: '6',
    type: 'string',
    sourceTag: 'unconfirmed',
    check: (v) => (parseMonthList(v) ? undefined : '须为 1–24 之间的月数，用逗号分隔，最多 6 个'),
  },
];

const SETTING_BY_KEY = new Map(SETTING_DEFS.map((d) => [d.key, d]));

/** The definition of a setting key, if it exists. */
export function settingDef(key: string): SettingDef | undefined {
  return SETTING_BY_KEY.get(key);
}

/** Builds the settings from stored values; an unknown key is ignored, a malformed value falls back to its default. */
export function parseSettings(stored: Readonly<Record<string, string>>): CertificateSettings {
  const v = (key: string): string => {
    const def = SETTING_BY_KEY.get(key)!;
    const s = stored[key];
    return s !== undefined && def.check(s) === undefined ? s : def.defaultValue;
  };
  return {
    validity: {
      years: Number(v('validity.years')),
      issueOffsetDays: Number(v('validity.issueOffsetDays')),
      renewOffsetDays: Number(v('validity.renewOffsetDays')),
      missingDay: v('validity.missingDay') as MissingDayPolicy,
      reissue: v('validity.reissue') as KeepOrRestart,
      reexamine: v('validity.reexamine') as KeepOrRestart,
    },
    number: { provinceAbbr: v('number.provinceAbbr'), bracket: v('number.bracket') as BracketStyle },
    serialScope: v('number.serialScope') as SerialScope,
    reminderMonths: parseMonthList(v('reminder.months'))!,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reminders (seed 企业平台: 申报提醒)
// ---------------------------------------------------------------------------------------------------------

/**
 * The reminder milestones reached today for a certificate: each configured month count N whose day
 * (expiry − N months) has come, while the certificate has not expired yet. Largest first.
 */
export function reachedMilestones(validTo: string, today: string, months: readonly number[]): number[] {
  if (toEpochDay(today) > toEpochDay(validTo)) return [];
  return months.filter((n) => toEpochDay(addMonthsCivil(validTo, -n, 'month-end')) <= toEpochDay(today));
}

/** The earliest expiry for which some milestone is reached today (for the reminder query). */
export function reminderHorizon(today: string, months: readonly number[]): string {
  const max = Math.max(...months);
  // expiry − N months ≤ today ⇔ expiry ≤ today + N months, give or take the month-end rule (up to 3 days);
  // a few days' margin makes the query a superset, and reachedMilestones() decides exactly.
  return addDays(addMonthsCivil(today, max, 'month-end'), 4);
}
