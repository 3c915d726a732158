import type { AppContext } from '../../platform/context.js';
import { CatalogueService } from './catalogue.service.js';
import type { CreateTemplateInput } from './checklist.templates.service.js';
import { ChecklistTemplatesRepository } from './checklist.templates.repository.js';
import { ChecklistTemplatesService } from './checklist.templates.service.js';

/**
 * Two EXAMPLE 核查模板, clearly labelled 示例. They follow the general shape of earlier 细则 (licensing.md §8:
 * chapters 质量管理职责 … 不合格品控制, 否决项 marked, 符合/不符合 and in one of them 基本符合) so the engine,
 * the editor and the tablet form can be tried. They are NOT the official 实地核查办法: the 29 templates and their
 * 否决项, N and k are 待需求方提供 and are to be entered by the template administrators.
 */
const EXAMPLE_NOTE =
  '【示例模板】按以往实施细则的一般做法编写，仅用于演示、培训和测试，不是正式的实施细则或核查办法；' +
  '条款、否决项和判定参数均为示例值。正式的 29 个产品核查模板待需求方提供后由模板管理员录入。';

const CHAPTERS_COMMON = (product: string): CreateTemplateInput['chapters'] => [
  {
    title: '质量管理职责',
    items: [
      {
        code: '1.1',
        content: '企业应建立并保持质量管理制度，明确质量方针和质量目标。',
        method: '查阅质量管理制度文件和发布记录。',
      },
      {
        code: '1.2',
        content: '企业负责人应明确各部门和人员的质量职责与权限，并指定质量负责人。',
        method: '查阅任命文件，询问相关人员。',
      },
      {
        code: '1.3',
        content: `企业应持续保持${product}生产许可条件，并按规定提交年度自查报告。`,
        method: '查阅自查报告及提交记录（新申请不适用）。',
        appliesWhen: '延续、重新审查',
      },
    ],
  },
  {
    title: '生产资源',
    items: [
      {
        code: '2.1',
        content: '企业应配备与生产产品相适应的专业技术人员和检验人员，检验人员应经培训考核合格。',
        method: '查阅人员名册、培训及考核记录。',
      },
      {
        code: '2.2',
        content: `企业应具有与生产${product}相适应的生产设备和工艺装备，设备性能和精度满足工艺要求。`,
        method: '现场查看设备，核对设备台账。',
        veto: true,
      },
      {
        code: '2.3',
        content: '生产场所应满足生产工艺和安全要求，原材料、半成品、成品分区存放并有标识。',
        method: '现场查看。',
      },
      { code: '2.4', content: '设备应有维护保养计划和记录。', method: '抽查维护保养记录。' },
    ],
  },
  {
    title: '技术文件',
    items: [
      {
        code: '3.1',
        content: '企业应具备产品标准、工艺文件、作业指导书等技术文件，且为现行有效版本。',
        method: '查阅文件清单和受控标识。',
        veto: true,
      },
      {
        code: '3.2',
        content: '技术文件的编制、审核、批准和更改应有控制程序。',
        method: '抽查文件更改记录。',
      },
    ],
  },
  {
    title: '采购与过程控制',
    items: [
      {
        code: '4.1',
        content: '企业应制定主要原材料采购的质量要求，并对供方进行评价。',
        method: '查阅采购文件、合格供方名录。',
      },
      {
        code: '4.2',
        content: '主要原材料进厂应按规定检验或验证，并保存记录。',
        method: '抽查进货检验记录。',
      },
      {
        code: '4.3',
        content: '企业应确定关键质量控制点，按工艺文件组织生产并保存记录。',
        method: '现场查看，抽查生产记录。',
        veto: true,
      },
    ],
  },
  {
    title: '产品检验',
    items: [
      {
        code: '5.1',
        content: '企业应具备出厂检验项目所需的检验设备，且在检定或校准有效期内。',
        method: '核对检验设备台账和检定证书。',
        veto: true,
      },
      {
        code: '5.2',
        content: '企业应按标准和细则规定进行出厂检验，检验记录完整，并出具合格证明。',
        method: '抽查出厂检验记录和报告。',
      },
    ],
  },
  {
    title: '不合格品控制',
    items: [
      {
        code: '6.1',
        content: '企业应制定不合格品控制制度，对不合格品进行标识、隔离和处置并记录。',
        method: '查阅制度，现场查看不合格品区。',
      },
      {
        code: '6.2',
        content: '对出厂后发现的不合格品，应有召回或处理措施。',
        method: '询问并查阅相关记录。',
      },
    ],
  },
];

/** The demo catalogue 品种 each example is bound to in demo mode (catalogue.seed.ts codes). */
const DEMO_VARIETY: Record<string, string> = { 'EX-DXDL': 'C06-V01', 'EX-WHHXP': 'C07-V01' };

export const EXAMPLE_TEMPLATES: CreateTemplateInput[] = [
  {
    code: 'EX-DXDL',
    name: '【示例】电线电缆产品实地核查记录表（示例，非正式细则）',
    isExample: true,
    description: EXAMPLE_NOTE,
    allowedResults: ['conform', 'nonconform', 'na'],
    // 示例参数：任一否决项不符合即不合格；一般项不符合超过 3 项不合格。
    rules: { vetoFailLimit: 0, generalFailLimit: 3, basicPerFail: null, vetoAllowsBasic: false },
    chapters: CHAPTERS_COMMON('电线电缆'),
  },
  {
    code: 'EX-WHHXP',
    name: '【示例】危险化学品（无机产品）实地核查记录表（示例，非正式细则，含“基本符合”）',
    isExample: true,
    description: EXAMPLE_NOTE,
    allowedResults: ['conform', 'basic', 'nonconform', 'na'],
    // 示例参数：任一否决项不符合即不合格；一般项不符合（每 3 项基本符合折算 1 项）超过 2 项不合格。
    rules: { vetoFailLimit: 0, generalFailLimit: 2, basicPerFail: 3, vetoAllowsBasic: false },
    chapters: [
      ...CHAPTERS_COMMON('危险化学品')!,
      {
        title: '安全生产条件',
        items: [
          {
            code: '7.1',
            content: '危险化学品的储存场所、设施应符合安全要求，并有安全技术说明书和安全标签。',
            method: '现场查看储存场所，抽查安全技术说明书。',
            veto: true,
          },
          {
            code: '7.2',
            content: '企业应制定生产安全事故应急预案并定期演练。',
            method: '查阅预案和演练记录。',
          },
        ],
      },
    ],
  },
];

/**
 * Seeds the example templates as published versions (idempotent: an existing code is left as it is). In demo
 * mode only, an unbound example is bound to its demo 品种 once the catalogue is there, so a demo application
 * for 电线电缆 or 危险化学品 gets a checklist; elsewhere the examples stay unbound and are never picked
 * automatically for a real verification.
 */
export async function seedChecklistTemplates(ctx: AppContext): Promise<void> {
  const svc = new ChecklistTemplatesService(ctx);
  const repo = new ChecklistTemplatesRepository(ctx.db);
  for (const t of EXAMPLE_TEMPLATES) {
    if (await repo.codeExists(t.code)) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const id = await svc.createIn(trx, null, t);
      await svc.publishIn(trx, null, id);
    });
  }
  if (!ctx.config.demo) return;
  const nodes = await new CatalogueService(ctx).all();
  for (const [code, varietyCode] of Object.entries(DEMO_VARIETY)) {
    const variety = nodes.find((n) => n.code === varietyCode && n.level === 'variety');
    if (variety) await repo.bindExampleIfUnbound(code, variety.id);
  }
}
