import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Principal } from '../access/principal.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { UUID_RE, uuidv7 } from '../ids.js';
import { detectFileContent } from './files.detect.js';
import { FileErrors } from './files.errors.js';
import { fileOwnerCheck } from './files.owners.js';
import { FilesRepository, type StoredFileRow } from './files.repository.js';
import { decideFileType, extOf, sanitizeFileName, storedFileName } from './files.rules.js';
import { BlobNotFoundError, localStorageFor, type FileStorage } from './storage.js';

/** Who uploads: the acting user and their organisation (a Principal fits). */
export interface Uploader {
  userId: string;
  orgId: string;
}

export interface UploadInput {
  /** The name the user gave the file (cleaned before it is stored). */
  filename: string | undefined;
  content: Readable | Buffer;
}

export interface AttachOptions {
  /** Only files uploaded by this user may be attached (pass the acting user's id). */
  uploadedBy?: string;
}

/**
 * Counts, hashes and UTF-8-checks what passes through; beyond `max` bytes it stops writing and
 * fails at the end, so the client's upload is drained and it receives a clean FILE_TOO_LARGE.
 */
class UploadMeter extends Transform {
  size = 0;
  tooLarge = false;
  utf8 = true;
  private readonly hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly max: number) {
    super();
  }

  private hex: string | undefined;

  /** Hex SHA-256 of the content (after the stream ended). */
  get sha256(): string {
    this.hex ??= this.hash.digest('hex');
    return this.hex;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.tooLarge) return cb();
    this.size += chunk.length;
    if (this.size > this.max) {
      this.tooLarge = true;
      return cb();
    }
    this.hash.update(chunk);
    if (this.utf8) {
      try {
        this.decoder.decode(chunk, { stream: true });
        if (chunk.includes(0)) this.utf8 = false;
      } catch {
        this.utf8 = false;
      }
    }
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.tooLarge) return cb(FileErrors.tooLarge(this.max));
    if (this.utf8) {
      try {
        this.decoder.decode();
      } catch {
        this.utf8 = false;
      }
    }
    cb();
  }
}

/**
 * The one file service (DESIGN.md §9): checked uploads stored by content hash, binding uploads to the
 * records of modules, and downloads allowed only to those who may read the owning record.
 */
export class FileService {
  private readonly repo: FilesRepository;

  constructor(
    private readonly ctx: AppContext,
    readonly storage: FileStorage = localStorageFor(ctx.config.dataDir),
  ) {
    this.repo = new FilesRepository(ctx.db);
  }

  /**
   * Stores an upload: size limit (config.fileMaxBytes) enforced while streaming, type decided from the
   * content against the allow-list, SHA-256 recorded, identical content kept once. The file starts
   * unattached: only its uploader can read or delete it until a module attaches it.
   */
  async upload(by: Uploader, input: UploadInput): Promise<StoredFileRow> {
    const max = this.ctx.config.fileMaxBytes;
    const stagingDir = path.join(this.ctx.config.dataDir, 'tmp', 'uploads');
    await fs.mkdir(stagingDir, { recursive: true });
    const staging = path.join(stagingDir, `${uuidv7()}.part`);
    try {
      const meter = new UploadMeter(max);
      const source = Buffer.isBuffer(input.content) ? Readable.from([input.content]) : input.content;
      try {
        await pipeline(source, meter, createWriteStream(staging));
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw FileErrors.tooLarge(max);
        throw e;
      }
      if (meter.size === 0) throw FileErrors.empty();
      const sha256 = meter.sha256;
      const name = sanitizeFileName(input.filename);
      const decision = decideFileType(await detectFileContent(staging), extOf(name), meter.utf8);
      if (!decision.ok) throw FileErrors.typeNotAllowed(decision.reason, decision.detected);
      if (!(await this.storage.has(sha256))) await this.storage.put(sha256, createReadStream(staging));
      return await this.repo.insert({
        id: uuidv7(),
        sha256,
        size: meter.size,
        mime: decision.type.mime,
        ext: decision.type.ext,
        original_name: storedFileName(name, decision.type),
        owner_type: null,
        owner_id: null,
        uploaded_by: by.userId,
        uploaded_org_id: by.orgId,
        created_at: this.ctx.clock.now(),
      });
    } finally {
      await fs.rm(staging, { force: true });
    }
  }

  /** Whether the user may read a file: the owner type's check when attached, else only the uploader. */
  async canRead(p: Principal, file: StoredFileRow): Promise<boolean> {
    if (file.owner_type === null || file.owner_id === null) return file.uploaded_by === p.userId;
    const check = fileOwnerCheck(file.owner_type);
    if (!check) {
      // Fail closed: a file bound to a type no module registered is readable by nobody.
      this.ctx.logger.warn({ fileId: file.id, ownerType: file.owner_type }, 'file owner type not registered');
      return false;
    }
    return check(this.ctx, p, file.owner_id);
  }

  /** The metadata of a file the user may read (404 when missing or deleted, 403 otherwise). */
  async getForRead(p: Principal, id: string): Promise<StoredFileRow> {
    const file = await this.repo.findLive(id);
    if (!file) throw FileErrors.notFound();
    if (!(await this.canRead(p, file))) throw FileErrors.forbidden();
    return file;
  }

  /** Opens the content of a file the user may read. */
  async openForRead(p: Principal, id: string): Promise<{ file: StoredFileRow; stream: Readable }> {
    const file = await this.getForRead(p, id);
    try {
      return { file, stream: await this.storage.get(file.sha256) };
    } catch (e) {
      if (!(e instanceof BlobNotFoundError)) throw e;
      this.ctx.logger.error({ fileId: file.id, sha256: file.sha256 }, 'file blob missing from storage');
      throw new AppError('FILE_CONTENT_MISSING', 500, '文件内容缺失，请联系管理员并提供请求编号');
    }
  }

  /**
   * Deletes an upload its uploader no longer wants, only while it is unattached (attached files belong
   * to the record's history). The row is soft-deleted; the blob stays for other rows with the same hash.
   */
  async removeUnattached(p: Principal, id: string): Promise<void> {
    const file = await this.repo.findLive(id);
    if (!file) throw FileErrors.notFound();
    if (file.uploaded_by !== p.userId) throw FileErrors.deleteForbidden();
    if (file.owner_type !== null) throw FileErrors.attached();
    if (!(await this.repo.softDeleteUnattached(id, this.ctx.clock.now()))) throw FileErrors.attached();
  }

  /**
   * Binds uploads to a module's record inside the module's transaction. Idempotent for files already
   * bound to the same record; refuses (FILE_ATTACH_INVALID) files that are missing, deleted, bound to
   * another record or, with `uploadedBy`, uploaded by someone else.
   */
  async attach(
    trx: Database,
    fileIds: readonly string[],
    ownerType: string,
    ownerId: string,
    opts: AttachOptions = {},
  ): Promise<void> {
    if (!fileOwnerCheck(ownerType)) throw new Error(`file owner type not registered: ${ownerType}`);
    const ids = [...new Set(fileIds)];
    if (ids.length === 0) return;
    const malformed = ids.filter((id) => !UUID_RE.test(id));
    if (malformed.length) throw FileErrors.attachInvalid(malformed);
    const repo = new FilesRepository(trx);
    const rows = new Map((await repo.lockLive(ids)).map((r) => [r.id, r]));
    const bad: string[] = [];
    const toBind: string[] = [];
    for (const id of ids) {
      const r = rows.get(id);
      if (!r) bad.push(id);
      else if (r.owner_type !== null) {
        if (r.owner_type !== ownerType || r.owner_id !== ownerId) bad.push(id);
      } else if (opts.uploadedBy && r.uploaded_by !== opts.uploadedBy) bad.push(id);
      else toBind.push(id);
    }
    if (bad.length) throw FileErrors.attachInvalid(bad);
    await repo.setOwner(toBind, ownerType, ownerId, this.ctx.clock.now());
  }

  /** Live files attached to one record, oldest first (the caller has checked access to the record). */
  listByOwner(ownerType: string, ownerId: string, db: Database = this.ctx.db): Promise<StoredFileRow[]> {
    return new FilesRepository(db).listByOwner(ownerType, ownerId);
  }
}
