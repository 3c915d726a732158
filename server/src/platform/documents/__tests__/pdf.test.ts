import { describe, expect, it } from 'vitest';
import { createPdfDocument, pdfToBuffer, PDF_FONT, renderPdf } from '../pdf.js';
import { pdfImages, pdfPageTexts } from './pdf-inspect.js';
import { decodeQr } from './qr-decode.js';

const VERIFY_URL = 'https://zwfw.sxsamr.gov.cn/verify/SX-SL-2026-000123?c=7f3a9b';
const squash = (s: string) => s.replace(/\s+/g, '');

describe('renderPdf', () => {
  it('embeds the CJK font: Chinese title, paragraph and table text can be extracted', async () => {
    const buf = await renderPdf({
      title: '陕西省市场监督管理局 受理通知书',
      subtitle: '陕市监受〔2026〕第 000123 号',
      blocks: [
        { kind: 'paragraph', text: '西安秦风食品有限公司：', indent: false },
        {
          kind: 'paragraph',
          text: '你单位提交的工业产品生产许可证申请材料齐全、符合法定形式，本机关决定予以受理。',
        },
        {
          kind: 'table',
          table: {
            columns: [
              { header: '产品名称', width: 2 },
              { header: '申请类别' },
              { header: '数量', align: 'right' },
            ],
            rows: [['电线电缆（额定电压450/750V）', '发证', 3]],
          },
        },
        { kind: 'qr', url: VERIFY_URL, caption: '扫码核验本通知书' },
        { kind: 'paragraph', text: '陕西省市场监督管理局', align: 'right' },
      ],
      footer: '陕西省市场监督管理局信息平台生成',
    });
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPageTexts(buf);
    expect(pages).toHaveLength(1);
    const text = squash(pages[0]!);
    expect(text).toContain('陕西省市场监督管理局受理通知书');
    expect(text).toContain('陕市监受〔2026〕第000123号');
    expect(text).toContain('本机关决定予以受理');
    expect(text).toContain('产品名称');
    expect(text).toContain('电线电缆（额定电压450/750V）');
    expect(text).toContain('扫码核验本通知书');
    expect(text).toContain('第1页/共1页');
    expect(text).toContain('陕西省市场监督管理局信息平台生成');
    // The font is subset on embedding: a one-page notice stays far below the 10 MB TTF.
    expect(buf.length).toBeLessThan(200 * 1024);
  });

  it('embeds a QR code image that decodes back to the URL', async () => {
    const buf = await renderPdf({ title: '核验', blocks: [{ kind: 'qr', url: VERIFY_URL, size: 120 }] });
    const images = await pdfImages(buf);
    expect(images).toHaveLength(1);
    const img = images[0]!;
    expect(decodeQr(img.data, img.width, img.height)).toBe(VERIFY_URL);
  });

  it('breaks a long table over pages, repeats the header and numbers every page', async () => {
    const rows = Array.from({ length: 120 }, (_v, i) => [
      `企业${i + 1}`,
      `陕西省西安市雁塔区科技路${i + 1}号`,
      i + 1,
    ]);
    const buf = await renderPdf({
      title: '抽查企业名单',
      blocks: [
        {
          kind: 'table',
          table: {
            columns: [{ header: '企业名称' }, { header: '地址', width: 2 }, { header: '序号' }],
            rows,
          },
        },
      ],
    });
    const pages = (await pdfPageTexts(buf)).map(squash);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      expect(p).toContain('企业名称');
      expect(p).toContain(`第${i + 1}页/共${pages.length}页`);
    });
    const all = pages.join('');
    expect(all).toContain('企业1');
    expect(all).toContain('科技路120号');
  });

  it('gives custom layouts the registered fonts', async () => {
    const doc = await createPdfDocument({ title: '许可证书' });
    doc.font(PDF_FONT.bold).fontSize(28).text('全国工业产品生产许可证', { align: 'center' });
    const pages = await pdfPageTexts(await pdfToBuffer(doc));
    expect(squash(pages[0]!)).toContain('全国工业产品生产许可证');
  });
});
