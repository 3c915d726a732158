import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { ParamRow } from './params.repository.js';
import type { ParamItem } from './params.schemas.js';
import { iso, localTime } from './system.common.js';

/** sys_param row → API. */
export function presentParam(r: ParamRow): Static<typeof ParamItem> {
  return {
    key: r.key,
    value: r.value,
    name: r.name,
    remark: r.remark,
    valueType: r.value_type,
    editable: r.editable,
    updatedAt: iso(r.updated_at)!,
    updatedBy: r.updated_by_name,
  };
}

const TYPE_LABEL = { string: '字符串', int: '整数', bool: '布尔' } as const;

export const PARAM_XLSX: XlsxColumn<Static<typeof ParamItem>>[] = [
  { header: '参数键', value: (r) => r.key, width: 32 },
  { header: '参数名称', value: (r) => r.name, width: 24 },
  { header: '参数值', value: (r) => r.value, width: 24 },
  { header: '值类型', value: (r) => TYPE_LABEL[r.valueType] },
  { header: '可修改', value: (r) => (r.editable ? '是' : '否（来自环境变量）'), width: 18 },
  { header: '备注', value: (r) => r.remark, width: 48 },
  { header: '更新时间', value: (r) => localTime(r.updatedAt), width: 20 },
  { header: '更新人', value: (r) => r.updatedBy },
];
