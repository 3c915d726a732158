import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildTemplate, TEMPLATE_DB } from './template.js';

/**
 * Once per `vitest run`: migrate and seed a template database, so each test file starts from a copy
 * instead of migrating and seeding its own (PGlite: a data-directory dump; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${TEMPLATE_DB}`;
    await buildTemplate(u.toString());
    project.provide('templateDb', TEMPLATE_DB);
    return async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${TEMPLATE_DB}`);
      await c.end();
    };
  }
  const blob = await buildTemplate(undefined);
  const file = path.join(os.tmpdir(), `samr-test-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob!.arrayBuffer()));
  project.provide('pgliteTemplateFile', file);
  return async () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    pgliteTemplateFile: string;
  }
}
