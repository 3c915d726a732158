import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, LocalStorage, localStorageFor } from '../storage.js';
import { filesUnder } from './upload-helpers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('LocalStorage', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samr-storage-'));
  const store = new LocalStorage(path.join(dir, 'files'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores content under <root>/ab/cd/<sha256> and reads it back', async () => {
    const h = sha('受理通知书');
    expect(await store.has(h)).toBe(false);
    await store.put(h, Buffer.from('受理通知书'));
    expect(store.pathOf(h)).toBe(path.join(dir, 'files', h.slice(0, 2), h.slice(2, 4), h));
    expect(await store.has(h)).toBe(true);
    expect(await text(await store.get(h))).toBe('受理通知书');
  });

  it('accepts a stream, and the same content twice stays one blob', async () => {
    const h = sha('abc'.repeat(100000));
    await store.put(h, Readable.from([Buffer.from('abc'.repeat(50000)), Buffer.from('abc'.repeat(50000))]));
    await Promise.all([
      store.put(h, Buffer.from('abc'.repeat(100000))),
      store.put(h, Buffer.from('abc'.repeat(100000))),
    ]);
    expect(filesUnder(path.join(dir, 'files')).filter((f) => f.endsWith(h))).toHaveLength(1);
    expect((await text(await store.get(h))).length).toBe(300000);
  });

  it('refuses content that does not match the hash and leaves no temp file', async () => {
    const h = sha('expected');
    await expect(store.put(h, Buffer.from('something else'))).rejects.toThrow(/does not match/);
    expect(await store.has(h)).toBe(false);
    expect(filesUnder(path.join(dir, 'files', 'tmp'))).toEqual([]);
  });

  it('refuses a hash that is not 64 hex digits (no path traversal)', async () => {
    await expect(store.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid sha256/);
    await expect(store.get('ABC')).rejects.toThrow(/invalid sha256/);
  });

  it('deletes blobs, and reports missing ones', async () => {
    const h = sha('to delete');
    await store.put(h, Buffer.from('to delete'));
    await store.delete(h);
    await store.delete(h);
    expect(await store.has(h)).toBe(false);
    await expect(store.get(h)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('keeps one instance per data directory', () => {
    expect(localStorageFor(dir)).toBe(localStorageFor(path.join(dir, '.')));
    expect(localStorageFor(dir).root).toBe(path.join(dir, 'files'));
  });
});
