import type { OrgType } from '../platform/db/schema.js';

/** The demo password of every demo account; it works only while DEMO is on (README lists the accounts). */
export const DEMO_PASSWORD = 'Shaanxi@2026';

export interface DemoOrg {
  code: string;
  name: string;
  type: OrgType;
  region: string;
  parentCode: string | null;
  creditCode?: string;
}

/** A few county bureaus, two inspection institutions, three enterprises, the expert pool and the ops unit. */
export const DEMO_ORGS: DemoOrg[] = [
  {
    code: 'SX-610102',
    name: '西安市新城区市场监督管理局',
    type: 'county_bureau',
    region: '610102',
    parentCode: 'SX-610100',
  },
  {
    code: 'SX-610113',
    name: '西安市雁塔区市场监督管理局',
    type: 'county_bureau',
    region: '610113',
    parentCode: 'SX-610100',
  },
  {
    code: 'SX-610302',
    name: '宝鸡市渭滨区市场监督管理局',
    type: 'county_bureau',
    region: '610302',
    parentCode: 'SX-610300',
  },
  {
    code: 'SX-610402',
    name: '咸阳市秦都区市场监督管理局',
    type: 'county_bureau',
    region: '610402',
    parentCode: 'SX-610400',
  },
  {
    code: 'INST-SXZJY',
    name: '陕西省产品质量监督检验研究院',
    type: 'institution',
    region: '610100',
    parentCode: null,
    creditCode: '12610000435200123X',
  },
  {
    code: 'INST-XAZJY',
    name: '西安市产品质量监督检验院',
    type: 'institution',
    region: '610100',
    parentCode: null,
    creditCode: '12610100MB2978456H',
  },
  {
    code: 'ENT-QINFENG',
    name: '西安秦风电器有限公司',
    type: 'enterprise',
    region: '610102',
    parentCode: null,
    creditCode: '91610102MA6TG1234B',
  },
  {
    code: 'ENT-CHENCANG',
    name: '宝鸡陈仓化工有限责任公司',
    type: 'enterprise',
    region: '610303',
    parentCode: null,
    creditCode: '91610303MA6X5678KT',
  },
  {
    code: 'ENT-WEICHENG',
    name: '咸阳渭城电动车制造有限公司',
    type: 'enterprise',
    region: '610402',
    parentCode: null,
    creditCode: '91610402MA6Y9012NQ',
  },
  {
    code: 'EXPERT-POOL',
    name: '陕西省评审专家库',
    type: 'expert_group',
    region: '610000',
    parentCode: 'SX-610000',
  },
  { code: 'OPS-UNIT', name: '平台运维单位', type: 'ops_unit', region: '610000', parentCode: null },
];

export interface DemoUser {
  username: string;
  displayName: string;
  orgCode: string;
  roles: string[];
  phone?: string;
}

/** One user for every built-in role, in the organisations above. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'sysadmin', displayName: '系统管理员', orgCode: 'SX-610000', roles: ['sysadmin'] },
  { username: 'secadmin', displayName: '安全管理员', orgCode: 'SX-610000', roles: ['secadmin'] },
  { username: 'auditadmin', displayName: '审计管理员', orgCode: 'SX-610000', roles: ['auditadmin'] },
  { username: 'sheng', displayName: '王省局', orgCode: 'SX-610000', roles: ['province_officer'] },
  { username: 'xian', displayName: '李西安', orgCode: 'SX-610100', roles: ['city_officer'] },
  { username: 'baoji', displayName: '张宝鸡', orgCode: 'SX-610300', roles: ['city_officer'] },
  { username: 'xianyang', displayName: '赵咸阳', orgCode: 'SX-610400', roles: ['city_officer'] },
  { username: 'yangling', displayName: '杨示范', orgCode: 'SX-YANGLING', roles: ['city_officer'] },
  { username: 'hancheng', displayName: '韩单列', orgCode: 'SX-HANCHENG', roles: ['city_officer'] },
  { username: 'xincheng', displayName: '陈新城', orgCode: 'SX-610102', roles: ['county_officer'] },
  { username: 'yanta', displayName: '刘雁塔', orgCode: 'SX-610113', roles: ['county_officer'] },
  { username: 'weibin', displayName: '周渭滨', orgCode: 'SX-610302', roles: ['county_officer'] },
  { username: 'jianyan', displayName: '吴检验', orgCode: 'INST-SXZJY', roles: ['institution_staff'] },
  { username: 'qiye', displayName: '郑企业', orgCode: 'ENT-QINFENG', roles: ['enterprise_user'] },
  { username: 'qiye2', displayName: '孙化工', orgCode: 'ENT-CHENCANG', roles: ['enterprise_user'] },
  { username: 'zhuanjia', displayName: '钱专家', orgCode: 'EXPERT-POOL', roles: ['expert'] },
  { username: 'yunwei', displayName: '冯运维', orgCode: 'OPS-UNIT', roles: ['ops'] },
];
