import type { Static } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/harness.js';
import { buildDocx } from '../../documents/docx.js';
import { renderPdf } from '../../documents/pdf.js';
import { qrPng } from '../../documents/qr.js';
import { buildXlsx } from '../../documents/xlsx.js';
import { uuidv7 } from '../../ids.js';
import type { FileMeta } from '../files.schemas.js';
import { registerFileOwner } from '../files.owners.js';
import { FileService } from '../files.service.js';
import { filesUnder, makeZip, multipartFile } from './upload-helpers.js';

type Meta = Static<typeof FileMeta>;

const MAX = 256 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Records of a test module: xian may read every one; others only the record named 'open'.
registerFileOwner('test.record', async (_ctx, p, ownerId) => ownerId === 'open' || p.username === 'xian');

describe('file service over HTTP', () => {
  let t: TestApp;
  let dataDir: string;
  let qiye: Session;
  let xian: Session;
  let pdf: Buffer;
  let png: Buffer;

  const upload = (s: Session, name: string, content: Buffer) =>
    s.request({ method: 'POST', url: '/api/files', ...multipartFile(name, content) });
  const blobs = () =>
    filesUnder(path.join(dataDir, 'files')).filter((f) => !f.startsWith(path.join(dataDir, 'files', 'tmp')));
  const attach = (ids: string[], ownerType: string, ownerId: string, uploadedBy?: string) =>
    t.ctx.db
      .transaction()
      .execute((trx) =>
        new FileService(t.ctx).attach(trx, ids, ownerType, ownerId, uploadedBy ? { uploadedBy } : {}),
      );

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samr-files-'));
    t = await createTestApp({ config: { dataDir, fileMaxBytes: MAX } });
    [qiye, xian] = await Promise.all([t.login('qiye'), t.login('xian')]);
    pdf = await renderPdf({
      title: '陕西省市场监督管理局 受理通知书',
      blocks: [{ kind: 'paragraph', text: '你单位的申请材料齐全、符合法定形式，本机关决定予以受理。' }],
    });
    png = await qrPng('https://zwfw.sxsamr.gov.cn/verify/1');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 401 without login and 403 without file:upload', async () => {
    const id = uuidv7();
    const anon = await t.app.inject({ method: 'POST', url: '/api/files', ...multipartFile('a.pdf', pdf) });
    expect(anon.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${id}/content` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/files/${id}` })).statusCode).toBe(401);
    const sysadmin = await t.login('sysadmin');
    const r = await upload(sysadmin, 'a.pdf', pdf);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN');
  });

  it('stores a PDF with a Chinese name and downloads it byte-identical with its hash', async () => {
    const name = '受理通知书（2026）第1号.pdf';
    const r = await upload(qiye, name, pdf);
    expect(r.statusCode).toBe(201);
    const meta = r.json();
    expect(meta).toMatchObject({
      name,
      size: pdf.length,
      mime: 'application/pdf',
      ext: 'pdf',
      sha256: sha256(pdf),
      ownerType: null,
      ownerId: null,
    });
    const again = await qiye.get(`/api/files/${meta.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(meta);

    const dl = await qiye.get(`/api/files/${meta.id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-length']).toBe(String(pdf.length));
    expect(dl.headers['x-content-sha256']).toBe(sha256(pdf));
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="______2026__1_.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const inline = await qiye.get(`/api/files/${meta.id}/content?inline=true`);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);

    // The upload is audited with the new file as target.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'result'])
      .where('target_id', '=', meta.id)
      .execute();
    expect(audit).toEqual([{ action: '上传附件', target_type: 'file', result: 'success' }]);
  });

  it('accepts PNG, DOCX, XLSX, OFD, ZIP and UTF-8 CSV/TXT by content', async () => {
    const docx = await buildDocx({ title: '报告', blocks: [{ kind: 'paragraph', text: '正文' }] });
    const xlsx = await buildXlsx('表', [{ header: '名称', value: (r: { n: string }) => r.n }], [{ n: '甲' }]);
    const ofd = makeZip({
      'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>',
      'Doc_0/Document.xml': '<x/>',
    });
    const zip = makeZip({ '说明.txt': '附件说明' });
    const cases: Array<[string, Buffer, string, string]> = [
      ['现场照片.PNG', png, 'png', 'image/png'],
      ['报告.docx', docx, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['名单.xlsx', xlsx, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['电子证照.ofd', ofd, 'ofd', 'application/ofd'],
      ['电子证照打包.zip', ofd, 'zip', 'application/zip'],
      ['材料.zip', zip, 'zip', 'application/zip'],
      [
        '名单.csv',
        Buffer.from('\ufeff企业名称,统一社会信用代码\n秦风食品,91610100MA6TXXXX0X\n', 'utf8'),
        'csv',
        'text/csv; charset=utf-8',
      ],
      ['说明.txt', Buffer.from('整改情况说明：已完成。', 'utf8'), 'txt', 'text/plain; charset=utf-8'],
    ];
    for (const [name, content, ext, mime] of cases) {
      const r = await upload(qiye, name, content);
      expect(r.statusCode, name).toBe(201);
      expect(r.json(), name).toMatchObject({ ext, mime, size: content.length });
      const dl = await qiye.get(`/api/files/${r.json<Meta>().id}/content`);
      expect(dl.rawPayload.equals(content), name).toBe(true);
    }
  });

  it('adds the canonical extension to a name without one', async () => {
    const r = await upload(qiye, '扫描件', png);
    expect(r.statusCode).toBe(201);
    expect(r.json().name).toBe('扫描件.png');
  });

  it('refuses content outside the allow-list or not matching its extension with FILE_TYPE_NOT_ALLOWED', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(200),
    ]);
    const cases: Array<[string, Buffer, string]> = [
      ['申请书.pdf', exe, 'EXE'],
      ['申请书.pdf', Buffer.from('这其实是一个文本文件，不是 PDF。', 'utf8'), '无法识别的文件内容'],
      ['照片.pdf', png, '文件内容为 PNG，与扩展名 .pdf 不符'],
      ['证照.ofd', makeZip({ 'a.txt': 'x' }), '文件内容为 ZIP，与扩展名 .ofd 不符'],
      ['名单.csv', Buffer.from([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]), 'UTF-8'], // GBK 企业名称
      ['tool.exe', Buffer.from('plain text', 'utf8'), '无法识别的文件内容（扩展名 .exe）'],
    ];
    for (const [name, content, reason] of cases) {
      const r = await upload(qiye, name, content);
      expect(r.statusCode, name).toBe(400);
      const body = r.json();
      expect(body.code, name).toBe('FILE_TYPE_NOT_ALLOWED');
      expect(body.field).toBe('file');
      expect(body.message, name).toContain(reason);
      expect(body.message).toContain('（允许：PDF、JPG、PNG、OFD、DOCX、XLSX、ZIP、TXT、CSV）');
    }
  });

  it('refuses an empty file and a request without a file', async () => {
    const empty = await upload(qiye, '空.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('FILE_EMPTY');
    const boundary = '----samrNoFile';
    const fieldOnly = await qiye.request({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n说明\r\n--${boundary}--\r\n`,
    });
    expect(fieldOnly.statusCode).toBe(400);
    expect(fieldOnly.json().code).toBe('FILE_MISSING');
    const json = await qiye.post('/api/files', { file: 'not a file' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'FILE_MISSING', field: 'file' });
    const noField = await qiye.post('/api/files', { name: 'x' });
    expect(noField.statusCode).toBe(400);
    expect(noField.json().field).toBe('file');
  });

  it('accepts a file of exactly the limit and refuses one byte more with FILE_TOO_LARGE', async () => {
    const atLimit = Buffer.concat([pdf, Buffer.alloc(MAX - pdf.length, 0x20)]);
    expect((await upload(qiye, '刚好.pdf', atLimit)).statusCode).toBe(201);
    const before = blobs().length;
    const over = Buffer.concat([atLimit, Buffer.from(' ')]);
    const r = await upload(qiye, '超限.pdf', over);
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件超过 256 KB 上限' });
    expect(blobs().length).toBe(before);
    // Nothing is left behind in the staging directory.
    expect(filesUnder(path.join(dataDir, 'tmp'))).toEqual([]);
  });

  it('stores identical content once: two rows, one blob', async () => {
    const content = Buffer.concat([pdf, Buffer.from(`%dedup ${uuidv7()}\n`)]);
    const before = blobs().length;
    const a = (await upload(qiye, '一.pdf', content)).json<Meta>();
    const b = (await upload(xian, '二.pdf', content)).json<Meta>();
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    const after = blobs();
    expect(after.length).toBe(before + 1);
    const blob = path.join(dataDir, 'files', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
    expect(after).toContain(blob);
    expect(fs.readFileSync(blob).equals(content)).toBe(true);
    const rows = await t.ctx.db
      .selectFrom('stored_file')
      .select('id')
      .where('sha256', '=', a.sha256)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('lets only the uploader read an unattached file', async () => {
    const id = (await upload(qiye, '营业执照.png', png)).json<Meta>().id;
    for (const url of [`/api/files/${id}`, `/api/files/${id}/content`]) {
      const r = await xian.get(url);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('FILE_FORBIDDEN');
      expect((await qiye.get(url)).statusCode).toBe(200);
    }
    const missing = await qiye.get(`/api/files/${uuidv7()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('FILE_NOT_FOUND');
    expect((await qiye.get('/api/files/not-a-uuid')).statusCode).toBe(400);
  });

  it('lets the registered owner type decide once a file is attached', async () => {
    const secret = (await upload(qiye, '检验报告.pdf', pdf)).json<Meta>().id;
    const open = (await upload(qiye, '公示.png', png)).json<Meta>().id;
    await attach([secret], 'test.record', 'r-1', (await qiye.get('/api/auth/me')).json<{ id: string }>().id);
    await attach([open], 'test.record', 'open');

    // The uploader no longer reads by right: the record's check decides.
    expect((await qiye.get(`/api/files/${secret}/content`)).statusCode).toBe(403);
    expect((await xian.get(`/api/files/${secret}/content`)).statusCode).toBe(200);
    const meta = (await xian.get(`/api/files/${secret}`)).json();
    expect(meta).toMatchObject({ ownerType: 'test.record', ownerId: 'r-1' });
    expect((await qiye.get(`/api/files/${open}/content`)).statusCode).toBe(200);
    expect((await (await t.login('baoji')).get(`/api/files/${open}`)).statusCode).toBe(200);

    const listed = await new FileService(t.ctx).listByOwner('test.record', 'r-1');
    expect(listed.map((f) => f.id)).toEqual([secret]);
  });

  it('attaches idempotently and refuses files that are missing, taken, deleted or not the actor’s', async () => {
    const a = (await upload(qiye, 'a.pdf', pdf)).json<Meta>().id;
    await attach([a], 'test.record', 'r-2');
    await attach([a, a], 'test.record', 'r-2');
    await expect(attach([a], 'test.record', 'r-3')).rejects.toMatchObject({ code: 'FILE_ATTACH_INVALID' });

    const b = (await upload(qiye, 'b.pdf', pdf)).json<Meta>().id;
    const xianId = (await xian.get('/api/auth/me')).json<{ id: string }>().id;
    await expect(attach([b], 'test.record', 'r-4', xianId)).rejects.toMatchObject({
      code: 'FILE_ATTACH_INVALID',
      details: { fileIds: [b] },
    });
    await expect(attach([uuidv7(), 'bogus'], 'test.record', 'r-4')).rejects.toMatchObject({
      code: 'FILE_ATTACH_INVALID',
    });
    await expect(attach([b], 'unregistered.type', 'r-4')).rejects.toThrow(/not registered/);

    const c = (await upload(qiye, 'c.pdf', pdf)).json<Meta>().id;
    expect((await qiye.del(`/api/files/${c}`)).statusCode).toBe(200);
    await expect(attach([c], 'test.record', 'r-4')).rejects.toMatchObject({ code: 'FILE_ATTACH_INVALID' });
  });

  it('leaves files unattached when the module’s transaction rolls back', async () => {
    const id = (await upload(qiye, 'd.pdf', pdf)).json<Meta>().id;
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await new FileService(t.ctx).attach(trx, [id], 'test.record', 'r-5');
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await qiye.get(`/api/files/${id}`)).json().ownerType).toBeNull();
  });

  it('denies everyone a file bound to an owner type no module registered', async () => {
    const id = (await upload(qiye, 'e.pdf', pdf)).json<Meta>().id;
    await t.ctx.db
      .updateTable('stored_file')
      .set({ owner_type: 'gone.module', owner_id: 'x' })
      .where('id', '=', id)
      .execute();
    expect((await qiye.get(`/api/files/${id}`)).statusCode).toBe(403);
    expect((await xian.get(`/api/files/${id}`)).statusCode).toBe(403);
  });

  it('lets the uploader delete an unattached file, and nobody delete others’ or attached files', async () => {
    const mine = (await upload(qiye, 'f.pdf', pdf)).json<Meta>().id;
    const other = await xian.del(`/api/files/${mine}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FILE_FORBIDDEN');
    expect((await qiye.del(`/api/files/${mine}`)).statusCode).toBe(200);
    expect((await qiye.get(`/api/files/${mine}`)).statusCode).toBe(404);
    expect((await qiye.del(`/api/files/${mine}`)).statusCode).toBe(404);

    const bound = (await upload(qiye, 'g.pdf', pdf)).json<Meta>().id;
    await attach([bound], 'test.record', 'open');
    const r = await qiye.del(`/api/files/${bound}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('FILE_ATTACHED');
  });
});
