import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../migrator.js';
import { findForbiddenSql } from '../portable-sql.rules.js';

describe('portable SQL (PostgreSQL 12 / KingbaseES V9)', () => {
  it('flags each construct on the forbidden list', () => {
    const samples: Array<[string, string]> = [
      ['merge into t using s on true when matched then update set a = 1', 'MERGE'],
      ['create unique index i on t(a) nulls not distinct', 'nulls not distinct (unique option)'],
      ['insert into t(id) values (gen_random_uuid())', 'gen_random_uuid (PG 13 core function)'],
      ["select * from json_table(doc, '$' columns (a int))", 'JSON_TABLE'],
      ["select json_value(doc, '$.a')", 'SQL/JSON query functions'],
      ['select any_value(a) from t', 'any_value()'],
      ['create extension pgcrypto', 'CREATE EXTENSION'],
      ['alter table t add column c int generated always as identity', 'identity columns are fine'],
    ];
    for (const [text, label] of samples) {
      const found = findForbiddenSql(text);
      if (label === 'identity columns are fine') expect(found).toEqual([]);
      else expect(found.map((f) => f.label)).toContain(label);
    }
  });

  it('no migration uses a construct PostgreSQL 12 lacks', () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /\.(ts|js|sql)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const problems = files.flatMap((f) =>
      findForbiddenSql(fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8')).map((p) => `${f}: ${p.label}`),
    );
    expect(problems).toEqual([]);
  });
});
