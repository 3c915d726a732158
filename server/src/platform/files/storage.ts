import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Content-addressed blob store (DESIGN.md §9): blobs are named by their SHA-256, so identical content is
 * stored once. The local driver is below; an S3-compatible driver (MinIO) implements the same interface.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Stores content under its hash; verifies the hash; a no-op overwrite when it is already there. */
  put(sha256: string, content: Readable | Buffer): Promise<void>;
  /** Opens a blob for reading; throws BlobNotFoundError when it is missing. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Removes a blob; no error when it is already gone. */
  delete(sha256: string): Promise<void>;
}

/** A blob the metadata points to is not in the store. */
export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} not found`);
    this.name = 'BlobNotFoundError';
  }
}

const SHA256_RE = /^[0-9a-f]{64}$/;

function assertSha(sha256: string): void {
  // The hash becomes a path: anything but 64 hex digits is refused (no traversal).
  if (!SHA256_RE.test(sha256)) throw new Error(`invalid sha256: ${sha256.slice(0, 80)}`);
}

/** Blobs under `<root>/ab/cd/<sha256>`, written to `<root>/tmp` first and renamed into place. */
export class LocalStorage implements FileStorage {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}

  /** Where the blob of a hash lives on disk. */
  pathOf(sha256: string): string {
    assertSha(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, content: Readable | Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}.part`);
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
      await pipeline(source, tap, createWriteStream(tmp, { flags: 'wx' }));
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new Error(`content hash ${actual} does not match ${sha256}`);
      // Flush to disk before the rename makes the blob visible.
      const fh = await fs.open(tmp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      // rename() is atomic; two writers of the same content replace identical bytes.
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    try {
      const fh = await fs.open(p, 'r');
      return fh.createReadStream();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }
}

const localStores = new Map<string, LocalStorage>();

/** The local store of a data directory (`<dataDir>/files`), one instance per directory. */
export function localStorageFor(dataDir: string): LocalStorage {
  const root = path.join(path.resolve(dataDir), 'files');
  let s = localStores.get(root);
  if (!s) {
    s = new LocalStorage(root);
    localStores.set(root, s);
  }
  return s;
}
