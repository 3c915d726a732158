import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { qrPng, qrSvg } from '../qr.js';
import { decodeQr } from './qr-decode.js';

describe('qr', () => {
  it('makes a PNG that decodes back to the URL', async () => {
    const url = 'https://trace.sxsamr.gov.cn/q/01/06901234567892/21/ABC123?lang=zh-CN';
    const buf = await qrPng(url);
    expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const png = PNG.sync.read(buf);
    expect(png.width).toBe(300);
    expect(decodeQr(png.data, png.width, png.height)).toBe(url);
  });

  it('carries Chinese text too', async () => {
    const text = '陕西省市场监督管理局 证书编号 (陕)XK06-001-00001';
    const png = PNG.sync.read(await qrPng(text, { level: 'H', width: 400 }));
    expect(decodeQr(png.data, png.width, png.height)).toBe(text);
  });

  it('makes an SVG document', async () => {
    const svg = await qrSvg('https://example.gov.cn/v/1');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<path');
  });
});
