import type { DataScopeKind } from '../platform/db/schema.js';

/**
 * Built-in roles. 三员分立 (等保三级): 系统管理员, 安全管理员 and 审计管理员 hold disjoint permissions, so
 * none can do another's work (the system administrator creates users, the security administrator grants
 * roles, the audit administrator reads the logs). Business modules add their codes to the business roles.
 */
export interface RoleSeed {
  code: string;
  name: string;
  scope: DataScopeKind;
  description: string;
  permissions: string[];
}

const BASE_READ = ['region:list', 'org:list', 'dict:list'];

export const BUILTIN_ROLES: RoleSeed[] = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    scope: 'all',
    description: '三员之一：用户、机构、字典、参数、公告、节假日维护；不能授权，不能查看审计日志',
    permissions: [
      'user:list',
      'user:write',
      // Reading roles (to filter users by role) belongs to none of the three admin sets.
      'role:list',
      'org:list',
      'org:write',
      'region:list',
      'dict:list',
      'dict:write',
      'param:list',
      'param:write',
      'notice:write',
      'calendar:write',
    ],
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    scope: 'all',
    description: '三员之一：角色与权限、用户授权、解锁、在线用户、登录日志；不能新增用户，不能查看审计日志',
    permissions: [
      'role:list',
      'role:write',
      'user:list',
      'user:assign-role',
      'user:unlock',
      'session:list',
      'session:revoke',
      'loginlog:list',
      'org:list',
      'region:list',
    ],
  },
  {
    code: 'auditadmin',
    name: '审计管理员',
    scope: 'all',
    description: '三员之一：审计日志查询与完整性校验、登录日志；只读',
    permissions: ['audit:list', 'audit:verify', 'loginlog:list'],
  },
  {
    code: 'province_officer',
    name: '省局业务人员',
    scope: 'all',
    description: '省局业务处室人员，数据范围全省',
    permissions: [
      ...BASE_READ,
      'file:upload',
      'licensing:accept',
      'licensing:decide',
      'licensing:certificate',
      'licensing:revoke',
      'licensing:cancel-review',
      'licensing:cancel-audit',
      'licensing:cancel-approve',
      'licensing:catalogue',
      'licensing:template',
      'licensing:stats',
      'licensing:inspect',
    ],
  },
  {
    code: 'city_officer',
    name: '市局业务人员',
    scope: 'city',
    description: '设区市局（含杨凌示范区、韩城）业务人员，数据范围本市管辖区域',
    permissions: [
      ...BASE_READ,
      'file:upload',
      'licensing:observer',
      'licensing:inspect',
      'licensing:cancel-review',
      'licensing:stats',
    ],
  },
  {
    code: 'county_officer',
    name: '县局业务人员',
    scope: 'county',
    description: '县级局业务人员，数据范围本县（区）',
    permissions: [...BASE_READ, 'file:upload', 'licensing:inspect', 'licensing:stats'],
  },
  {
    code: 'institution_staff',
    name: '检验检测机构人员',
    scope: 'org',
    description: '检验检测机构人员，数据范围本机构',
    permissions: ['region:list', 'dict:list', 'file:upload'],
  },
  {
    code: 'enterprise_user',
    name: '企业用户',
    scope: 'org',
    description: '企业经办人，数据范围本企业',
    permissions: ['region:list', 'dict:list', 'file:upload', 'licensing:apply'],
  },
  {
    code: 'expert',
    name: '评审专家',
    scope: 'assigned',
    description: '评审专家，数据范围为指派给本人的评审任务',
    permissions: ['region:list', 'dict:list', 'file:upload', 'licensing:checklist'],
  },
  {
    code: 'ops',
    name: '运维人员',
    scope: 'all',
    description: '运维单位人员：外发消息、作业与死信重放',
    permissions: ['outbox:list', 'outbox:replay', 'region:list'],
  },
];
