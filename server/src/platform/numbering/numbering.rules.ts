/** Values a number pattern may refer to: {year}, {seq} and any other named part (industry code …). */
export type NumberParts = Record<string, string | number> & { year?: number; seq?: number };

const TOKEN = /\{([A-Za-z_][A-Za-z0-9_]*)(?::(\d{1,2}))?\}/g;

/**
 * Fills a number pattern: `{name}` inserts a part as is, `{name:N}` zero-pads a digit part to N digits
 * (e.g. `{prefix}{year}{seq:5}` → 陕检2026000123). A part longer than N digits is refused, never cut: a
 * licence serial has exactly five digits (licensing.md, `(陕)XK××-×××-×××××`).
 */
export function formatNumber(pattern: string, parts: NumberParts): string {
  return pattern.replace(TOKEN, (_m, name: string, width: string | undefined) => {
    const v = parts[name];
    if (v === undefined) throw new Error(`formatNumber: no value for {${name}} in "${pattern}"`);
    if (typeof v === 'number' && !(Number.isSafeInteger(v) && v >= 0)) {
      throw new RangeError(`formatNumber: {${name}} must be a non-negative integer, got ${v}`);
    }
    const s = String(v);
    if (width === undefined) return s;
    const n = Number(width);
    if (!/^\d+$/.test(s)) throw new RangeError(`formatNumber: {${name}:${n}} needs digits, got "${s}"`);
    if (s.length > n) throw new RangeError(`formatNumber: {${name}} = ${s} does not fit in ${n} digits`);
    return s.padStart(n, '0');
  });
}
