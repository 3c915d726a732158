import { Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { paths } from '../../../api/schema';
import { fmtTime } from './DeskShared';

type AppDetail =
  paths['/api/licensing/applications/{id}']['get']['responses']['200']['content']['application/json'];

type Row = { label: string; children: ReactNode; span?: number };

/**
 * The application form as officers read it (受理台, 审批决定): number, type, enterprise, product, addresses,
 * contact, submission, and the free-text fields when filled. `head` rows follow the type (e.g. 状态),
 * `tail` rows the submission time (e.g. 受理期限, 申请人).
 */
export function ApplicationFacts({
  app: d,
  head = [],
  tail = [],
}: {
  app: AppDetail;
  head?: Row[];
  tail?: Row[];
}) {
  const rows: Row[] = [
    { label: '申请编号', children: d.applicationNo ?? '—' },
    { label: '申请类型', children: d.typeLabel },
    ...head,
    { label: '企业名称', children: d.enterpriseName, span: 2 },
    { label: '统一社会信用代码', children: d.creditCode ?? '—' },
    { label: '所在地', children: d.regionName ?? d.regionCode },
    { label: '产品', children: d.productPath.length ? d.productPath.join(' / ') : d.productName, span: 2 },
    { label: '住所', children: d.residence ?? '—', span: 2 },
    { label: '生产地址', children: d.productionAddress ?? '—', span: 2 },
    { label: '联系人', children: d.contactName ?? '—' },
    { label: '联系电话', children: d.contactPhone ?? '—' },
    { label: '提交时间', children: fmtTime(d.submittedAt) },
    ...tail,
    ...(d.changeDescription ? [{ label: '变更说明', children: d.changeDescription, span: 2 }] : []),
    ...(d.reason ? [{ label: '申请理由', children: d.reason, span: 2 }] : []),
    ...(d.remark ? [{ label: '备注', children: d.remark, span: 2 }] : []),
  ];
  const items: DescriptionsProps['items'] = rows.map((r) => ({ key: r.label, ...r }));
  return <Descriptions column={2} size="small" bordered items={items} />;
}
