import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { buildXlsx, readXlsx } from '../xlsx.js';

interface Row {
  name: string;
  code: string;
  count: number;
  active: boolean;
  note: string | null;
}

describe('xlsx', () => {
  it('round-trips Chinese headers and cells through buildXlsx / readXlsx', async () => {
    const rows: Row[] = [
      { name: '西安秦风食品有限公司', code: '91610100MA6TXXXX0X', count: 12, active: true, note: null },
      { name: '宝鸡陈仓化工有限公司', code: '91610300MA6UXXXX1Y', count: 0, active: false, note: '整改中' },
    ];
    const buf = await buildXlsx<Row>(
      '企业名单',
      [
        { header: '企业名称', value: (r) => r.name, width: 30 },
        { header: '统一社会信用代码', value: (r) => r.code },
        { header: '抽查次数', value: (r) => r.count },
        { header: '在业', value: (r) => r.active },
        { header: '备注', value: (r) => r.note },
      ],
      rows,
    );
    expect((await fileTypeFromBuffer(buf))?.ext).toBe('xlsx');
    expect(await readXlsx(buf)).toEqual([
      ['企业名称', '统一社会信用代码', '抽查次数', '在业', '备注'],
      ['西安秦风食品有限公司', '91610100MA6TXXXX0X', '12', 'true', ''],
      ['宝鸡陈仓化工有限公司', '91610300MA6UXXXX1Y', '0', 'false', '整改中'],
    ]);
  });

  it('truncates the sheet name to Excel’s 31 characters and handles no rows', async () => {
    const long = '陕西省市场监督管理局工业产品生产许可证获证企业名单（二〇二六年第一季度更新版本）';
    const buf = await buildXlsx<Row>(long, [{ header: '企业名称', value: (r) => r.name }], []);
    expect(await readXlsx(buf)).toEqual([['企业名称']]);
  });
});
