import type { AppContext } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import { DictsRepository } from './dicts.repository.js';
import { ParamsRepository } from './params.repository.js';
import type { ParamValueType } from './system.tables.js';

interface DictSeed {
  code: string;
  name: string;
  remark: string;
  items: Array<[value: string, label: string, tagColor?: string]>;
}

/** Base dictionaries the code and the forms rely on (built-in: items can be relabelled, not deleted). */
export const BASE_DICTS: DictSeed[] = [
  {
    code: 'sys_user_status',
    name: '用户状态',
    remark: '用户账号状态',
    items: [
      ['active', '正常', 'green'],
      ['disabled', '停用', 'red'],
    ],
  },
  {
    code: 'sys_org_type',
    name: '机构类型',
    remark: '监管机构树的节点类型（regions.md §5）',
    items: [
      ['province_bureau', '省局', 'red'],
      ['city_bureau', '市级局', 'volcano'],
      ['county_bureau', '县级局', 'orange'],
      ['market_station', '市场监管所', 'gold'],
      ['institution', '检验检测机构', 'blue'],
      ['enterprise', '企业', 'green'],
      ['expert_group', '专家组', 'purple'],
      ['ops_unit', '运维单位', 'default'],
    ],
  },
  {
    code: 'sys_data_scope',
    name: '数据范围',
    remark: '角色的数据权限范围（DESIGN.md §6）',
    items: [
      ['all', '全部数据'],
      ['city', '本市管辖区域'],
      ['county', '本县（区）'],
      ['org', '本机构'],
      ['self', '仅本人'],
      ['assigned', '指派给本人'],
    ],
  },
  {
    code: 'sys_yes_no',
    name: '是否',
    remark: '通用是/否',
    items: [
      ['true', '是', 'green'],
      ['false', '否', 'default'],
    ],
  },
  {
    code: 'sys_notice_type',
    name: '公告类型',
    remark: '通知公告的类型',
    items: [
      ['notice', '通知', 'blue'],
      ['announcement', '公告', 'green'],
      ['maintenance', '系统维护', 'orange'],
    ],
  },
  {
    code: 'sys_notice_status',
    name: '公告状态',
    remark: '通知公告的发布状态',
    items: [
      ['draft', '草稿', 'default'],
      ['published', '已发布', 'green'],
      ['withdrawn', '已撤回', 'red'],
    ],
  },
];

interface ParamSeed {
  key: string;
  name: string;
  type: ParamValueType;
  /** From the environment: shown read-only, refreshed at every start. */
  env?: string;
  value: (ctx: AppContext) => string;
  remark: string;
}

const fromEnv = (env: string, what: string) =>
  `由环境变量 ${env} 决定（${what}）；此处只读展示当前生效值，修改请改环境变量并重启服务`;

/** System parameters: effective security settings (documentation) and a few editable ones. */
export const BASE_PARAMS: ParamSeed[] = [
  {
    key: 'security.passwordMaxAgeDays',
    name: '密码有效期（天）',
    type: 'int',
    env: 'PASSWORD_MAX_AGE_DAYS',
    value: (c) => String(c.config.passwordMaxAgeDays),
    remark: fromEnv('PASSWORD_MAX_AGE_DAYS', '0 表示不过期'),
  },
  {
    key: 'security.sessionIdleMinutes',
    name: '会话空闲超时（分钟）',
    type: 'int',
    env: 'SESSION_IDLE_MINUTES',
    value: (c) => String(c.config.sessionIdleMinutes),
    remark: fromEnv('SESSION_IDLE_MINUTES', '无操作超过该时长自动退出'),
  },
  {
    key: 'security.sessionAbsoluteHours',
    name: '会话最长有效期（小时）',
    type: 'int',
    env: 'SESSION_ABSOLUTE_HOURS',
    value: (c) => String(c.config.sessionAbsoluteHours),
    remark: fromEnv('SESSION_ABSOLUTE_HOURS', '登录后最长可用时长'),
  },
  {
    key: 'security.loginMaxFailures',
    name: '登录失败锁定次数',
    type: 'int',
    env: 'LOGIN_MAX_FAILURES',
    value: (c) => String(c.config.loginMaxFailures),
    remark: fromEnv('LOGIN_MAX_FAILURES', '连续密码错误达到该次数即锁定'),
  },
  {
    key: 'security.loginLockMinutes',
    name: '登录锁定时长（分钟）',
    type: 'int',
    env: 'LOGIN_LOCK_MINUTES',
    value: (c) => String(c.config.loginLockMinutes),
    remark: fromEnv('LOGIN_LOCK_MINUTES', '锁定后多少分钟自动解锁；安全管理员也可手动解锁'),
  },
  {
    key: 'user.generatedPasswordLength',
    name: '系统生成密码长度',
    type: 'int',
    value: () => '12',
    remark: '新增用户未填写密码、重置密码时生成的一次性密码长度（10–64）',
  },
  {
    key: 'sys.platformName',
    name: '平台名称',
    type: 'string',
    value: () => '陕西省市场监督管理局信息平台',
    remark: '显示在登录页和页面标题',
  },
  {
    key: 'notice.popupUnreadOnLogin',
    name: '登录后弹出未读公告',
    type: 'bool',
    value: () => 'true',
    remark: '前端登录后是否弹出未读的通知公告',
  },
];

/** Idempotent base seeder (registered in seed.ts): built-in dictionaries and system parameters. */
export async function seedSystemBase(ctx: AppContext): Promise<void> {
  const dicts = new DictsRepository(ctx.db);
  for (const [i, d] of BASE_DICTS.entries()) {
    await dicts.seed(
      { code: d.code, name: d.name, remark: d.remark, sort: i, builtin: true },
      d.items.map(([value, label, tagColor], j) => ({
        id: uuidv7(),
        type_code: d.code,
        value,
        label,
        sort: j,
        tag_color: tagColor ?? null,
      })),
    );
  }
  const params = new ParamsRepository(ctx.db);
  const now = ctx.clock.now();
  for (const p of BASE_PARAMS) {
    await params.upsert(
      {
        key: p.key,
        value: p.value(ctx),
        name: p.name,
        remark: p.remark,
        value_type: p.type,
        editable: !p.env,
        updated_at: now,
        updated_by: null,
      },
      p.env !== undefined,
    );
  }
}
