import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { DictItemRow, DictTypeRow } from './dicts.repository.js';
import type { DictItem, DictTypeItem } from './dicts.schemas.js';
import { iso, STATUS_LABEL } from './system.common.js';

/** dict_type row → API. */
export function presentDictType(t: DictTypeRow): Static<typeof DictTypeItem> {
  return {
    code: t.code,
    name: t.name,
    status: t.status,
    remark: t.remark,
    sort: t.sort,
    builtin: t.builtin,
    itemCount: Number(t.item_count ?? 0),
    createdAt: iso(t.created_at)!,
    updatedAt: iso(t.updated_at)!,
  };
}

/** dict_item row → API. */
export function presentDictItem(i: DictItemRow): Static<typeof DictItem> {
  return {
    id: i.id,
    typeCode: i.type_code,
    value: i.value,
    label: i.label,
    sort: i.sort,
    status: i.status,
    tagColor: i.tag_color,
    remark: i.remark,
    createdAt: iso(i.created_at)!,
    updatedAt: iso(i.updated_at)!,
  };
}

export const DICT_XLSX: XlsxColumn<Static<typeof DictTypeItem>>[] = [
  { header: '字典编码', value: (t) => t.code, width: 22 },
  { header: '字典名称', value: (t) => t.name, width: 20 },
  { header: '字典项数', value: (t) => t.itemCount },
  { header: '内置', value: (t) => (t.builtin ? '是' : '否') },
  { header: '状态', value: (t) => STATUS_LABEL[t.status] ?? t.status },
  { header: '备注', value: (t) => t.remark, width: 40 },
];
