/**
 * Constructs that PostgreSQL 12 / KingbaseES V9 (PG mode) do not understand (DESIGN.md §5). Production
 * runs PG 12–15 or Kingbase while the embedded PGlite is PostgreSQL 18, so passing tests on PGlite
 * proves nothing about these; this list is the guard.
 */
const FORBIDDEN: Array<{ label: string; re: RegExp; since: string }> = [
  { label: 'MERGE', re: /\bmerge\s+into\b/i, since: 'PostgreSQL 15' },
  { label: 'nulls not distinct (unique option)', re: /\bnulls\s+not\s+distinct\b/i, since: 'PostgreSQL 15' },
  {
    label: 'gen_random_uuid (PG 13 core function)',
    re: /\bgen_random_uuid\s*\(/i,
    since: 'PostgreSQL 13 core (ids are made in the app)',
  },
  { label: 'JSON_TABLE', re: /\bjson_table\s*\(/i, since: 'PostgreSQL 17' },
  { label: 'SQL/JSON query functions', re: /\bjson_(value|query|exists)\s*\(/i, since: 'PostgreSQL 17' },
  {
    label: 'SQL/JSON constructors',
    re: /\bjson_(object|array)(agg)?\s*\(\s*[^)]*\bkey\b/i,
    since: 'PostgreSQL 16',
  },
  { label: 'any_value()', re: /\bany_value\s*\(/i, since: 'PostgreSQL 16' },
  { label: 'CREATE EXTENSION', re: /\bcreate\s+extension\b/i, since: 'extensions Kingbase may not ship' },
  { label: 'UNIQUE NULLS', re: /\bunique\s+nulls\b/i, since: 'PostgreSQL 15' },
  { label: 'range_agg / multiranges', re: /\b(range_agg|\w+multirange)\b/i, since: 'PostgreSQL 14' },
  { label: 'CREATE OR REPLACE TRIGGER', re: /\bcreate\s+or\s+replace\s+trigger\b/i, since: 'PostgreSQL 14' },
  {
    label: 'SEARCH/CYCLE clause of recursive CTE',
    re: /\)\s*(search\s+(depth|breadth)\s+first|cycle\s+\w+\s+set)\b/i,
    since: 'PostgreSQL 14',
  },
  {
    label: 'string_to_table / trim_array',
    re: /\b(string_to_table|trim_array)\s*\(/i,
    since: 'PostgreSQL 14',
  },
  { label: 'date_bin', re: /\bdate_bin\s*\(/i, since: 'PostgreSQL 14' },
];

export interface ForbiddenHit {
  label: string;
  since: string;
}

/** Returns each forbidden construct found in a SQL (or migration source) text. */
export function findForbiddenSql(text: string): ForbiddenHit[] {
  return FORBIDDEN.filter((f) => f.re.test(text)).map((f) => ({ label: f.label, since: f.since }));
}
