import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipEntryNames } from '../files.detect.js';
import {
  contentDisposition,
  decideFileType,
  extOf,
  FILE_NAME_MAX,
  formatBytes,
  sanitizeFileName,
  storedFileName,
  ALLOWED_TYPES,
} from '../files.rules.js';
import { makeZip } from './upload-helpers.js';

const det = (ext: string) => ({ ext, mime: 'x/y' });

describe('decideFileType', () => {
  it.each([
    [det('pdf'), 'pdf', false, 'pdf'],
    [det('pdf'), '', false, 'pdf'],
    [det('jpg'), 'jpeg', false, 'jpg'],
    [det('jpg'), 'JPG', false, 'jpg'],
    [det('png'), 'png', false, 'png'],
    [det('docx'), 'docx', false, 'docx'],
    [det('xlsx'), 'xlsx', false, 'xlsx'],
    [det('ofd'), 'ofd', false, 'ofd'],
    [det('ofd'), 'zip', false, 'zip'],
    [det('zip'), 'zip', false, 'zip'],
    [undefined, 'csv', true, 'csv'],
    [undefined, 'txt', true, 'txt'],
  ])('accepts %o named .%s', (d, ext, utf8, expected) => {
    const r = decideFileType(d, ext, utf8);
    expect(r.ok && r.type.ext).toBe(expected);
  });

  it.each([
    [det('exe'), 'pdf', false, 'EXE'],
    [det('exe'), 'exe', false, 'EXE'],
    [det('gif'), 'gif', false, 'GIF'],
    [det('jar'), 'zip', false, 'JAR'],
    [det('png'), 'pdf', false, '文件内容为 PNG，与扩展名 .pdf 不符'],
    [det('zip'), 'ofd', false, '文件内容为 ZIP，与扩展名 .ofd 不符'],
    [det('docx'), 'zip', false, '文件内容为 DOCX，与扩展名 .zip 不符'],
    [undefined, 'pdf', true, '无法识别的文件内容（扩展名 .pdf）'],
    [undefined, '', true, '无法识别的文件内容'],
    [undefined, 'csv', false, 'CSV 文件须为 UTF-8 编码'],
  ])('refuses %o named .%s', (d, ext, utf8, reason) => {
    const r = decideFileType(d, ext, utf8);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('file names', () => {
  it.each([
    ['C:\\fakepath\\申请书.pdf', '申请书.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['  营业执照  副本.jpg ', '营业执照 副本.jpg'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['a\u0000b\r\n.pdf', 'ab.pdf'],
    ['', '未命名文件'],
    [undefined, '未命名文件'],
    ['..', '未命名文件'],
  ])('sanitizes %j to %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('cuts long names to 255 characters and keeps the extension', () => {
    const long = `${'检'.repeat(300)}.pdf`;
    const s = sanitizeFileName(long);
    expect(Array.from(s)).toHaveLength(FILE_NAME_MAX);
    expect(s.endsWith('检.pdf')).toBe(true);
    const emoji = `${'😀'.repeat(300)}.png`;
    expect(Array.from(sanitizeFileName(emoji))).toHaveLength(FILE_NAME_MAX);
  });

  it('adds the canonical extension only when the name has none', () => {
    const pdf = ALLOWED_TYPES.find((t) => t.ext === 'pdf')!;
    expect(storedFileName('扫描件', pdf)).toBe('扫描件.pdf');
    expect(storedFileName('扫描件.PDF', pdf)).toBe('扫描件.PDF');
  });

  it('reads extensions', () => {
    expect(extOf('a.Tar.GZ')).toBe('gz');
    expect(extOf('无扩展名')).toBe('');
    expect(extOf('a.')).toBe('');
    expect(extOf('a.中文')).toBe('');
  });

  it('writes a Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('检验报告 (终版).pdf')).toBe(
      `attachment; filename="____ (__).pdf"; filename*=UTF-8''%E6%A3%80%E9%AA%8C%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%89%88%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.png', true)).toBe(
      `inline; filename="a_b_c.png"; filename*=UTF-8''a%22b%5Cc.png`,
    );
  });

  it('formats sizes for messages', () => {
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(256 * 1024)).toBe('256 KB');
    expect(formatBytes(100)).toBe('100 字节');
  });
});

describe('zipEntryNames', () => {
  it('lists entries from the central directory, and gives up on non-ZIP files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samr-zip-'));
    try {
      const zip = path.join(dir, 'a.zip');
      fs.writeFileSync(zip, makeZip({ 'OFD.xml': '<x/>', 'Doc_0/内容.xml': '<y/>' }));
      expect(await zipEntryNames(zip)).toEqual(['OFD.xml', 'Doc_0/内容.xml']);
      const notZip = path.join(dir, 'b.zip');
      fs.writeFileSync(notZip, 'PK\u0003\u0004 but nothing else');
      expect(await zipEntryNames(notZip)).toBeUndefined();
      const tiny = path.join(dir, 'c.zip');
      fs.writeFileSync(tiny, 'PK');
      expect(await zipEntryNames(tiny)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
