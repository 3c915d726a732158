import type { AppContext } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import type { ApprovalMode, SourceTag } from './catalogue.tables.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { DEFAULT_REQUIREMENTS, LICENSING_SETTING_DEFS, TERMINATION_GROUNDS } from './licensing.rules.js';

interface SeedVariety {
  code: string;
  name: string;
  tag: SourceTag;
  note?: string;
}

interface SeedCategory {
  code: string;
  name: string;
  tag: SourceTag;
  mode?: ApprovalMode;
  note?: string;
  varieties: SeedVariety[];
}

const SRC = '来源：licensing.md §2（gb9000.com 目录页，2024 版 14 类 27 个品种）';
const NEW_2024 = '2024 年国务院决定新增';

/**
 * The 2024 catalogue rows licensing.md §2 lists — and nothing more. Unknown varieties (待需求方提供) are not
 * invented: their categories are seeded empty with a note; 行业编号/产品编号, 细则文号 and validity dates are
 * left empty until the customer provides them. Approval mode is set only where §6 names it (先核后证 for
 * 危险化学品 and, from 2024, 化肥); elsewhere it is inherited from the default (【待确认】).
 */
export const CATALOGUE_SEED: SeedCategory[] = [
  {
    code: 'C01',
    name: '建筑用钢筋',
    tag: 'excerpt',
    varieties: [
      { code: 'C01-V01', name: '钢筋混凝土用热轧钢筋', tag: 'excerpt' },
      { code: 'C01-V02', name: '冷轧带肋钢筋', tag: 'excerpt', note: NEW_2024 },
    ],
  },
  {
    code: 'C02',
    name: '水泥',
    tag: 'excerpt',
    varieties: [{ code: 'C02-V01', name: '水泥', tag: 'excerpt' }],
  },
  {
    code: 'C03',
    name: '广播电视传输设备',
    tag: 'excerpt',
    varieties: [{ code: 'C03-V01', name: '广播电视传输设备', tag: 'excerpt' }],
  },
  {
    code: 'C04',
    name: '人民币鉴别仪',
    tag: 'excerpt',
    varieties: [{ code: 'C04-V01', name: '人民币鉴别仪', tag: 'excerpt' }],
  },
  {
    code: 'C05',
    name: '预应力混凝土铁路桥简支梁',
    tag: 'excerpt',
    varieties: [{ code: 'C05-V01', name: '预应力混凝土铁路桥简支梁', tag: 'excerpt' }],
  },
  {
    code: 'C06',
    name: '电线电缆',
    tag: 'excerpt',
    varieties: [{ code: 'C06-V01', name: '电线电缆', tag: 'excerpt' }],
  },
  {
    code: 'C07',
    name: '危险化学品',
    tag: 'excerpt',
    // licensing.md §6: 先核后证 适用于危险化学品【摘录】
    mode: 'verify_first',
    note: '其余品种待需求方提供',
    varieties: [{ code: 'C07-V01', name: '危险化学品无机产品', tag: 'excerpt' }],
  },
  {
    code: 'C08',
    name: '危险化学品包装物及容器',
    tag: 'unconfirmed',
    note: '类别待确认；品种待需求方提供',
    varieties: [],
  },
  {
    code: 'C09',
    name: '化肥',
    tag: 'excerpt',
    // 2024 年国务院决定: 化肥由“告知承诺”改为“先核后证”【摘录】
    mode: 'verify_first',
    note: '品种待需求方提供；2024 年起先核后证',
    varieties: [],
  },
  {
    code: 'C10',
    name: '直接接触食品的材料等相关产品',
    tag: 'unconfirmed',
    note: '类别待确认；品种待需求方提供',
    varieties: [],
  },
  // 11–14: the products of the 2024 decision are 【摘录】; the category names and grouping are 【待确认】.
  {
    code: 'C11',
    name: '瓶装液化石油气调压器',
    tag: 'unconfirmed',
    note: `${NEW_2024}；类别名称与归类待确认`,
    varieties: [{ code: 'C11-V01', name: '瓶装液化石油气调压器', tag: 'excerpt', note: NEW_2024 }],
  },
  {
    code: 'C12',
    name: '钢丝绳',
    tag: 'unconfirmed',
    note: `${NEW_2024}；类别名称与归类待确认`,
    varieties: [{ code: 'C12-V01', name: '钢丝绳', tag: 'excerpt', note: NEW_2024 }],
  },
  {
    code: 'C13',
    name: '人造板',
    tag: 'unconfirmed',
    note: `${NEW_2024}；胶合板和细木工板可能合为“人造板”一类，类别名称与归类待确认`,
    varieties: [
      { code: 'C13-V01', name: '胶合板', tag: 'excerpt', note: NEW_2024 },
      { code: 'C13-V02', name: '细木工板', tag: 'excerpt', note: NEW_2024 },
    ],
  },
  {
    code: 'C14',
    name: '安全帽',
    tag: 'unconfirmed',
    note: `${NEW_2024}；类别名称与归类待确认`,
    varieties: [{ code: 'C14-V01', name: '安全帽', tag: 'excerpt', note: NEW_2024 }],
  },
];

/**
 * Idempotent base seeder (seed.ts BASE_SEEDERS): the catalogue rows above, the default material checklist,
 * the settings with their documented defaults and the grounds of 终止办理. Inserts what is missing and
 * never overwrites what an administrator changed.
 */
export async function seedLicensingCatalogue(ctx: AppContext): Promise<void> {
  const repo = new CatalogueRepository(ctx.db);
  const now = ctx.clock.now();
  for (const [i, c] of CATALOGUE_SEED.entries()) {
    const categoryId = await repo.seedNode({
      id: uuidv7(),
      code: c.code,
      level: 'category',
      parent_id: null,
      name: c.name,
      industry_code: null,
      product_code: null,
      approval_mode: c.mode ?? null,
      rule_doc_no: null,
      valid_from: null,
      valid_to: null,
      transition_until: null,
      source_tag: c.tag,
      note: [c.note, SRC].filter(Boolean).join('；'),
      sort: i + 1,
      created_at: now,
      created_by: null,
      updated_at: now,
      updated_by: null,
    });
    for (const [j, v] of c.varieties.entries()) {
      await repo.seedNode({
        id: uuidv7(),
        code: v.code,
        level: 'variety',
        parent_id: categoryId,
        name: v.name,
        industry_code: null,
        product_code: null,
        approval_mode: null,
        rule_doc_no: null,
        valid_from: null,
        valid_to: null,
        transition_until: null,
        source_tag: v.tag,
        note: v.note ?? null,
        sort: j + 1,
        created_at: now,
        created_by: null,
        updated_at: now,
        updated_by: null,
      });
    }
  }
  for (const [i, r] of DEFAULT_REQUIREMENTS.entries()) {
    await repo.seedRequirement({
      id: uuidv7(),
      catalogue_node_id: null,
      application_type: r.type,
      code: r.code,
      name: r.name,
      required: r.required,
      basis: r.basis,
      source_tag: 'unconfirmed',
      sort: i + 1,
      created_at: now,
      created_by: null,
      updated_at: now,
      updated_by: null,
    });
  }
  for (const d of LICENSING_SETTING_DEFS) {
    await repo.seedSetting({
      key: d.key,
      value: d.defaultValue,
      value_type: d.type,
      name: d.name,
      remark: d.remark,
      source_tag: d.sourceTag,
      updated_at: now,
      updated_by: null,
    });
  }
  for (const [i, g] of TERMINATION_GROUNDS.entries()) {
    await repo.seedTerminationGround({ code: g.code, label: g.label, article: g.article, sort: i + 1 });
  }
}
