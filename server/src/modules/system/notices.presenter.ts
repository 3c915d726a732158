import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import type { MyNoticeRow, NoticeRow } from './notices.repository.js';
import type { MyNotice, NoticeDetail, NoticeItem } from './notices.schemas.js';
import { iso, localTime } from './system.common.js';
import { NOTICE_STATUS_LABEL } from './system.rules.js';

/** notice row → administration list item. */
export function presentNotice(n: NoticeRow): Static<typeof NoticeItem> {
  return {
    id: n.id,
    title: n.title,
    type: n.type,
    status: n.status,
    regionCode: n.region_code,
    regionName: n.region_name,
    publishedAt: iso(n.published_at),
    publishedBy: n.published_by_name,
    withdrawnAt: iso(n.withdrawn_at),
    createdBy: n.created_by_name,
    readCount: Number(n.read_count ?? 0),
    createdAt: iso(n.created_at)!,
    updatedAt: iso(n.updated_at)!,
  };
}

/** notice row → detail with content. */
export function presentNoticeDetail(n: NoticeRow): Static<typeof NoticeDetail> {
  return { ...presentNotice(n), content: n.content };
}

/** A notice as its reader sees it. */
export function presentMyNotice(n: MyNoticeRow): Static<typeof MyNotice> {
  return {
    id: n.id,
    title: n.title,
    content: n.content,
    type: n.type,
    regionCode: n.region_code,
    publishedAt: iso(n.published_at) ?? '',
    read: n.read_at !== null,
    readAt: iso(n.read_at),
  };
}

export const NOTICE_XLSX: XlsxColumn<Static<typeof NoticeItem>>[] = [
  { header: '标题', value: (n) => n.title, width: 40 },
  { header: '类型', value: (n) => n.type },
  { header: '状态', value: (n) => NOTICE_STATUS_LABEL[n.status] },
  { header: '发布范围', value: (n) => n.regionName ?? '全省', width: 14 },
  { header: '发布时间', value: (n) => localTime(n.publishedAt), width: 20 },
  { header: '发布人', value: (n) => n.publishedBy },
  { header: '已读人数', value: (n) => n.readCount },
  { header: '创建时间', value: (n) => localTime(n.createdAt), width: 20 },
];
