import type { Static } from '@sinclair/typebox';
import type { XlsxColumn } from '../../platform/documents/xlsx.js';
import { RESULT_LABEL, VERDICT_LABEL, type ConclusionCounts } from './checklist.rules.js';
import type { DeclarationRow, MemberRow, TaskListRow } from './inspection.repository.js';
import type {
  DrawReply,
  InspectionDetail,
  InspectionListItem,
  ObserverPoolReply,
  ReplayReply,
  TeamCandidatesReply,
} from './inspection.schemas.js';
import { INSPECTION_STATUS_LABEL, type TaskDetail, type TeamCandidate } from './inspection.service.js';
import type { DrawView, ObserverPool, ReplayResult } from './observers.service.js';
import { EXCLUSION_LABEL } from './observers.rules.js';
import { declaredConflicts, TEAM_ROLE_LABEL } from './team.rules.js';

const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

const localTime = (isoText: string | null) =>
  isoText
    ? new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(isoText))
    : '';

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A task row → list item. */
export function presentInspectionListItem(t: TaskListRow): Static<typeof InspectionListItem> {
  return {
    id: t.id,
    applicationId: t.application_id,
    applicationNo: t.application_no ?? null,
    productName: t.product_name ?? null,
    inspectionDueDate: t.inspection_due_date ?? null,
    overdue: Boolean(t.overdue),
    status: t.status,
    statusLabel: INSPECTION_STATUS_LABEL[t.status],
    regionCode: t.region_code,
    regionName: t.region_name,
    enterpriseOrgId: t.enterprise_org_id,
    enterpriseName: t.enterprise_name,
    productUnitId: t.product_unit_id,
    templateId: t.template_id,
    leaderName: t.leader_name ?? null,
    memberCount: Number(t.member_count ?? 0),
    observerName: t.observer_name ?? null,
    planStart: t.plan_start,
    planEnd: t.plan_end,
    finalResult: t.final_result,
    concludedAt: iso(t.concluded_at),
    myRole: t.my_role ?? null,
    createdAt: iso(t.created_at)!,
  };
}

export const INSPECTION_XLSX: XlsxColumn<Static<typeof InspectionListItem>>[] = [
  { header: '申请编号', value: (t) => t.applicationNo, width: 20 },
  { header: '企业名称', value: (t) => t.enterpriseName, width: 32 },
  { header: '产品', value: (t) => t.productName, width: 24 },
  { header: '所在地区', value: (t) => t.regionName },
  { header: '状态', value: (t) => t.statusLabel },
  { header: '核查期限', value: (t) => t.inspectionDueDate, width: 12 },
  { header: '是否超期', value: (t) => (t.overdue ? '已超期' : '') },
  { header: '组长', value: (t) => t.leaderName },
  { header: '审查组人数', value: (t) => t.memberCount },
  { header: '观察员', value: (t) => t.observerName },
  { header: '计划开始', value: (t) => t.planStart, width: 12 },
  { header: '计划结束', value: (t) => t.planEnd, width: 12 },
  { header: '核查结论', value: (t) => (t.finalResult ? VERDICT_LABEL[t.finalResult] : '') },
  { header: '结论时间', value: (t) => localTime(t.concludedAt), width: 18 },
  { header: '创建时间', value: (t) => localTime(t.createdAt), width: 18 },
];

function presentDeclaration(d: DeclarationRow) {
  return {
    userId: d.user_id,
    name: d.display_name,
    employed: d.employed,
    consulted: d.consulted,
    related: d.related,
    other: d.other,
    hasConflict: d.has_conflict,
    conflicts: declaredConflicts(d),
    note: d.note,
    declaredBy: d.declared_by_name,
    declaredAt: iso(d.declared_at)!,
  };
}

function presentMember(m: MemberRow, decl: DeclarationRow | undefined) {
  return {
    userId: m.user_id,
    name: m.display_name,
    orgId: m.org_id,
    orgName: m.org_name,
    role: m.role,
    roleLabel: TEAM_ROLE_LABEL[m.role],
    source: m.source,
    drawId: m.draw_id,
    assignedAt: iso(m.assigned_at)!,
    declaration: decl ? presentDeclaration(decl) : null,
  };
}

/** The whole task in one reply (team, template snapshot, records, suggestion, conclusion). */
export function presentInspectionDetail(d: TaskDetail): Static<typeof InspectionDetail> {
  const t = d.task;
  const decl = new Map(d.declarations.map((x) => [x.user_id, x]));
  const observer = d.members.find((m) => m.role === 'observer');
  return {
    id: t.id,
    applicationId: t.application_id,
    status: t.status,
    statusLabel: INSPECTION_STATUS_LABEL[t.status],
    regionCode: t.region_code,
    regionName: t.region_name,
    orgId: t.org_id,
    orgName: t.org_name,
    enterpriseOrgId: t.enterprise_org_id,
    enterpriseName: t.enterprise_name,
    productUnitId: t.product_unit_id,
    application: d.application
      ? {
          applicationNo: d.application.applicationNo,
          productName: d.application.productName,
          type: d.application.type,
          state: d.application.state,
          acceptedDate: d.application.acceptedDate,
          inspectionDueDate: d.application.inspectionDueDate,
        }
      : null,
    plan: { start: t.plan_start, end: t.plan_end, notifiedOn: t.notified_on, note: t.plan_note },
    actual: { start: t.actual_start, end: t.actual_end },
    template: d.snapshot,
    team: d.members.filter((m) => m.role !== 'observer').map((m) => presentMember(m, decl.get(m.user_id))),
    observer: observer ? presentMember(observer, decl.get(observer.user_id)) : null,
    declarations: d.declarations.map(presentDeclaration),
    teamProblems: d.teamProblems,
    records: d.records.map((r) => ({
      itemId: r.item_id,
      result: r.result,
      resultLabel: RESULT_LABEL[r.result],
      problem: r.problem,
      rectification: r.rectification,
      evidenceFileIds: parseJson<string[]>(r.evidence, []),
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by_name,
      recordedAt: iso(r.recorded_at)!,
    })),
    suggestion: d.suggestion
      ? {
          ...d.suggestion,
          verdictLabel:
            d.suggestion.verdict === 'incomplete' ? '尚未判定完毕' : VERDICT_LABEL[d.suggestion.verdict],
        }
      : null,
    conclusion:
      t.status === 'concluded' && t.final_result && t.suggested_result
        ? {
            suggestedResult: t.suggested_result,
            finalResult: t.final_result,
            finalResultLabel: VERDICT_LABEL[t.final_result],
            overridden: t.overridden,
            overrideReason: t.override_reason,
            counts: parseJson<ConclusionCounts | null>(t.rule_counts, null),
            comment: t.conclusion_comment,
            concludedBy: t.concluded_by_name,
            concludedAt: iso(t.concluded_at)!,
            enterpriseConfirmation: t.enterprise_confirmation,
            enterpriseSigner: t.enterprise_signer,
            enterpriseRefusalNote: t.enterprise_refusal_note,
            resultNotifiedOn: t.result_notified_on,
          }
        : null,
    my: d.my,
    version: t.version,
    createdAt: iso(t.created_at)!,
    updatedAt: iso(t.updated_at)!,
  };
}

/** Observer duties are not set by law and still to come from the customer. */
export const OBSERVER_NOTE =
  '观察员由市局管理员从辖区监管人员中随机抽取或人工指派，不是审查组成员、不计入审查组人数（《办法》第十七条第二款）；陕西的观察员职责待需求方提供。';

const person = (names: DrawView['names'], userId: string) => ({
  userId,
  name: names.get(userId)?.name ?? userId,
  orgName: names.get(userId)?.orgName ?? '',
});

/** The pool before a draw. */
export function presentPool(pool: ObserverPool): Static<typeof ObserverPoolReply> {
  return {
    poolRegions: pool.poolRegions,
    candidates: pool.candidates.map((c) => ({ userId: c.id, name: c.display_name, orgName: c.org_name })),
    excluded: pool.excluded.map((e) => ({
      userId: e.person.id,
      name: e.person.display_name,
      orgName: e.person.org_name,
      reason: e.reason,
      reasonLabel: EXCLUSION_LABEL[e.reason],
    })),
    note: OBSERVER_NOTE,
  };
}

/** A recorded draw. */
export function presentDraw(v: DrawView): Static<typeof DrawReply> {
  const d = v.draw;
  return {
    id: d.id,
    taskId: d.task_id,
    algorithm: d.algorithm,
    seed: d.seed,
    candidates: v.candidateIds.map((id) => person(v.names, id)),
    excluded: v.excluded.map((e) => ({
      ...person(v.names, e.userId),
      reason: e.reason,
      reasonLabel: EXCLUSION_LABEL[e.reason] ?? e.reason,
    })),
    poolRegions: v.poolRegions,
    pickedIndex: d.picked_index,
    pickedUserId: d.picked_user_id,
    pickedName: d.picked_name,
    drawnBy: d.drawn_by_name,
    drawnAt: iso(d.drawn_at)!,
  };
}

/** The recomputation of a draw. */
export function presentReplay(r: ReplayResult): Static<typeof ReplayReply> {
  return {
    drawId: r.draw.id,
    algorithm: r.draw.algorithm,
    seed: r.draw.seed,
    candidateIds: parseJson<string[]>(r.draw.candidate_ids, []),
    storedIndex: r.draw.picked_index,
    storedUserId: r.draw.picked_user_id,
    replayedIndex: r.replayedIndex,
    replayedUserId: r.replayedUserId,
    matches: r.matches,
  };
}

export const TEAM_NOTE =
  '审查组由 2 至 4 名核查人员组成，设组长 1 名，不得全部来自同一单位；与申请企业有利害关系的人员应当回避（《办法》第十七条）。组长须有实地核查权限。';

/** Candidates for the review team. */
export function presentTeamCandidates(rows: TeamCandidate[]): Static<typeof TeamCandidatesReply> {
  return {
    items: rows.map((r) => ({
      userId: r.id,
      name: r.display_name,
      username: r.username,
      orgId: r.org_id,
      orgName: r.org_name,
      regionCode: r.region_code,
      canLead: r.can_lead,
      conflict: r.conflict,
    })),
    note: TEAM_NOTE,
  };
}
