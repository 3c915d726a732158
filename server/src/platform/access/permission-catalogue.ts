/**
 * The permission-code catalogue (`module:action`). Both the API (authorize()) and the web menus use
 * these codes; the seed syncs this list into the `permission` table. Add a module's codes in one block.
 */
export interface PermissionDef {
  code: string;
  module: string;
  name: string;
}

const defs = (module: string, entries: Array<[string, string]>): PermissionDef[] =>
  entries.map(([code, name]) => ({ code, module, name }));

export const PERMISSIONS: PermissionDef[] = [
  ...defs('系统管理', [
    ['user:list', '用户查询'],
    ['user:write', '用户新增/修改/停用/重置密码'],
    ['user:assign-role', '用户授权（分配角色）'],
    ['user:unlock', '解锁用户'],
    ['role:list', '角色查询'],
    ['role:write', '角色及权限维护'],
    ['org:list', '组织机构查询'],
    ['org:write', '组织机构维护'],
    ['region:list', '行政区划查询'],
    ['dict:list', '数据字典查询'],
    ['dict:write', '数据字典维护'],
    ['param:list', '系统参数查询'],
    ['param:write', '系统参数维护'],
    ['notice:write', '公告发布与维护'],
    ['calendar:write', '节假日日历维护'],
  ]),
  ...defs('安全审计', [
    ['audit:list', '审计日志查询'],
    ['audit:verify', '审计日志完整性校验'],
    ['loginlog:list', '登录日志查询'],
    ['session:list', '在线用户查询'],
    ['session:revoke', '强制下线'],
  ]),
  ...defs('平台', [
    ['workflow:admin', '流程实例管理（转办、查看全部）'],
    ['file:upload', '上传附件'],
    ['outbox:list', '外发消息与作业查询'],
    ['outbox:replay', '死信重放'],
  ]),
  ...defs('生产许可', [
    ['licensing:apply', '生产许可申请（企业）'],
    ['licensing:accept', '生产许可受理'],
    ['licensing:inspect', '实地核查'],
    ['licensing:checklist', '填写核查记录（审查组成员）'],
    ['licensing:observer', '指派观察员'],
    ['licensing:decide', '生产许可决定'],
    ['licensing:certificate', '许可证书管理'],
    ['licensing:revoke', '撤销、撤回、吊销许可'],
    ['licensing:cancel-review', '注销初审'],
    ['licensing:cancel-audit', '注销审核'],
    ['licensing:cancel-approve', '注销审批'],
    ['licensing:catalogue', '产品目录与许可规则维护'],
    ['licensing:template', '核查模板维护'],
    ['licensing:stats', '生产许可统计'],
  ]),
];

export const PERMISSION_CODES = new Set(PERMISSIONS.map((p) => p.code));
