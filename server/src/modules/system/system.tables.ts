import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/schema.js';

/** 数据字典类型 (RuoYi sys_dict_type). */
export interface DictTypeTable {
  code: string;
  name: string;
  status: Generated<'active' | 'disabled'>;
  remark: string | null;
  sort: Generated<number>;
  /** Built-in dictionaries the code relies on: their items may be relabelled but not deleted. */
  builtin: Generated<boolean>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

/** 数据字典项 (RuoYi sys_dict_data); unique (type_code, value). */
export interface DictItemTable {
  id: string;
  type_code: string;
  value: string;
  label: string;
  sort: Generated<number>;
  status: Generated<'active' | 'disabled'>;
  /** antd Tag colour (e.g. green, red, #1677ff). */
  tag_color: string | null;
  remark: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

export type ParamValueType = 'string' | 'int' | 'bool';

/** 系统参数 (RuoYi sys_config). */
export interface SysParamTable {
  key: string;
  value: string;
  name: string;
  remark: string | null;
  value_type: ParamValueType;
  /** False for values that come from the environment: shown for documentation, changed only there. */
  editable: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

export type NoticeStatus = 'draft' | 'published' | 'withdrawn';

/** 通知公告; region_code limits who sees it (null: the whole province). */
export interface NoticeTable {
  id: string;
  title: string;
  content: string;
  type: string;
  status: Generated<NoticeStatus>;
  region_code: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: CreatedAt;
  updated_by: string | null;
}

export interface NoticeReadTable {
  notice_id: string;
  user_id: string;
  read_at: Timestamp;
}

/** Tables of the system-management migration (202611280050-system). */
export interface SystemTables {
  dict_type: DictTypeTable;
  dict_item: DictItemTable;
  sys_param: SysParamTable;
  notice: NoticeTable;
  notice_read: NoticeReadTable;
}
