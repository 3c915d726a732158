import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { OrgRow } from './orgs.repository.js';
import type { JurisdictionReply, OrgItem, OrgTreeNode } from './orgs.schemas.js';
import type { JurisdictionView, OrgTreeNodeData } from './orgs.service.js';
import { iso, localTime, STATUS_LABEL } from './system.common.js';
import { maskPhone } from './system.rules.js';

/** organization row → API; the contact phone is masked unless `full`. */
export function presentOrg(o: OrgRow, full = false): Static<typeof OrgItem> {
  return {
    id: o.id,
    parentId: o.parent_id,
    parentName: o.parent_name,
    code: o.code,
    name: o.name,
    shortName: o.short_name,
    type: o.type,
    regionCode: o.region_code,
    regionName: o.region_name,
    creditCode: o.credit_code,
    contactPhone: full ? o.contact_phone : maskPhone(o.contact_phone),
    status: o.status,
    sort: o.sort,
    createdAt: iso(o.created_at)!,
    updatedAt: iso(o.updated_at)!,
  };
}

/** Nested tree node → API. */
export function presentOrgTree(n: OrgTreeNodeData): Static<typeof OrgTreeNode> {
  return {
    id: n.id,
    parentId: n.parent_id,
    code: n.code,
    name: n.name,
    shortName: n.short_name,
    type: n.type,
    regionCode: n.region_code,
    status: n.status,
    children: n.children.map(presentOrgTree),
  };
}

/** 管辖关系 → API. */
export function presentJurisdiction(j: JurisdictionView): Static<typeof JurisdictionReply> {
  return {
    orgId: j.orgId,
    implicit: j.implicit,
    items: j.items.map((r) => ({
      regionCode: r.region_code,
      regionName: r.region_name,
      level: r.level,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    })),
  };
}

export const ORG_TYPE_LABEL: Record<string, string> = {
  province_bureau: '省局',
  city_bureau: '市级局',
  county_bureau: '县级局',
  market_station: '市场监管所',
  institution: '检验检测机构',
  enterprise: '企业',
  expert_group: '专家组',
  ops_unit: '运维单位',
};

export const ORG_XLSX: XlsxColumn<Static<typeof OrgItem>>[] = [
  { header: '机构名称', value: (o) => o.name, width: 32 },
  { header: '机构编码', value: (o) => o.code, width: 16 },
  { header: '机构类型', value: (o) => ORG_TYPE_LABEL[o.type] ?? o.type, width: 14 },
  { header: '上级机构', value: (o) => o.parentName, width: 30 },
  { header: '所在区划', value: (o) => `${o.regionName}（${o.regionCode}）`, width: 20 },
  { header: '统一社会信用代码', value: (o) => o.creditCode, width: 22 },
  { header: '联系电话', value: (o) => o.contactPhone, width: 16 },
  { header: '状态', value: (o) => STATUS_LABEL[o.status] ?? o.status },
  { header: '创建时间', value: (o) => localTime(o.createdAt), width: 20 },
];
