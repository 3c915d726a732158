import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../docx.js';
import { readZip } from './zip-read.js';

describe('buildDocx', () => {
  it('produces a Word document whose body holds the Chinese title, paragraphs and table', async () => {
    const buf = await buildDocx({
      title: '陕西省市场监督管理局 受理通知书',
      subtitle: '陕市监受〔2026〕第 000123 号',
      blocks: [
        { kind: 'paragraph', text: '西安秦风食品有限公司：', indent: false },
        { kind: 'paragraph', text: '你单位提交的申请材料齐全、符合法定形式，本机关决定予以受理。' },
        { kind: 'heading', text: '一、申请产品' },
        {
          kind: 'table',
          table: {
            columns: [
              { header: '产品名称', width: 2 },
              { header: '申请类别' },
              { header: '数量', align: 'right' },
            ],
            rows: [
              ['电线电缆', '发证', 3],
              ['危险化学品', '延续', null],
            ],
          },
        },
        { kind: 'qr', url: 'https://zwfw.sxsamr.gov.cn/verify/1', caption: '扫码核验' },
      ],
      footer: '陕西省市场监督管理局',
    });
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await fileTypeFromBuffer(buf))?.ext).toBe('docx');
    const zip = readZip(buf);
    const xml = zip.get('word/document.xml')?.toString('utf8') ?? '';
    for (const s of [
      '陕西省市场监督管理局 受理通知书',
      '本机关决定予以受理',
      '产品名称',
      '电线电缆',
      '危险化学品',
      '扫码核验',
    ]) {
      expect(xml).toContain(s);
    }
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('<w:tblHeader');
    expect([...zip.keys()].some((k) => k.startsWith('word/media/') && k.endsWith('.png'))).toBe(true);
    const footers = [...zip.entries()].filter(([k]) => k.startsWith('word/footer'));
    expect(footers.map(([, v]) => v.toString('utf8')).join('')).toContain('NUMPAGES');
  });
});
