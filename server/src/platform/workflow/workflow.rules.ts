import type { ActionKind, ResolvedAction, StateDef } from './workflow.definition.js';
import { WORKFLOW_ADMIN } from './workflow.definition.js';
import type { InstanceStatus } from './workflow.tables.js';

/** Pure rules of the engine: who may act, where a return goes, clocks. No I/O. */

/** A history row as the rules need it. */
export interface HistoryStep {
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
}

/** One state on the way to the current one, with the user who moved the instance on from it. */
export interface PathStep {
  state: string;
  leftBy: string | null;
}

/**
 * The loop-erased path through the states: a move into a state already on the path cuts the path back
 * to it (a return or a resubmission), so the step before the last is always "where it came from",
 * however many returns happened.
 */
export function loopErasedPath(history: readonly HistoryStep[]): PathStep[] {
  const path: PathStep[] = [];
  for (const h of history) {
    if (h.from_state !== null && h.from_state === h.to_state) continue; // transfer, claim
    const top = path[path.length - 1];
    if (top && top.state === h.from_state) top.leftBy = h.actor_user_id;
    const at = path.findIndex((p) => p.state === h.to_state);
    if (at >= 0) path.length = at + 1;
    else path.push({ state: h.to_state, leftBy: null });
  }
  return path;
}

/** The state before the current one on the loop-erased path, and who handled it; undefined at the start. */
export function previousStep(history: readonly HistoryStep[]): PathStep | undefined {
  const path = loopErasedPath(history);
  return path.length >= 2 ? path[path.length - 2] : undefined;
}

/** Status of an instance entering a state by an action of this kind. */
export function statusAfter(target: StateDef, kind: ActionKind): InstanceStatus {
  if (!target.terminal) return 'active';
  if (target.outcome) return target.outcome;
  return kind === 'withdraw' ? 'withdrawn' : kind === 'terminate' ? 'terminated' : 'completed';
}

/** Why a user may not take an action (codes of WorkflowErrors), or how they act. */
export type ActorDecision =
  | { ok: true; as: 'applicant' | 'handler' }
  | { ok: false; reason: 'not_allowed' | 'applicant_only' | 'self_approval' | 'assigned_to_other' };

/** The facts about the acting user that decide whether they may take an action. */
export interface ActorFacts {
  userId: string;
  permissions: ReadonlySet<string>;
  applicantUserId: string | null;
  assigneeUserId: string | null;
}

/**
 * Who may act: the applicant takes applicant actions; a handler needs one of the action's permissions,
 * must not be the applicant (nobody approves their own application, DESIGN.md §6) and, once the task is
 * assigned, must be the assignee (a workflow administrator may still transfer it).
 */
export function decideActor(a: ResolvedAction, f: ActorFacts): ActorDecision {
  const isApplicant = f.applicantUserId !== null && f.applicantUserId === f.userId;
  if (a.applicant && isApplicant) return { ok: true, as: 'applicant' };
  if (a.permissions.length === 0)
    return { ok: false, reason: a.applicant ? 'applicant_only' : 'not_allowed' };
  if (!a.permissions.some((c) => f.permissions.has(c))) return { ok: false, reason: 'not_allowed' };
  if (isApplicant) return { ok: false, reason: 'self_approval' };
  if (f.assigneeUserId !== null && f.assigneeUserId !== f.userId) {
    const adminTransfer = a.kind === 'transfer' && f.permissions.has(WORKFLOW_ADMIN);
    if (!adminTransfer) return { ok: false, reason: 'assigned_to_other' };
  }
  return { ok: true, as: 'handler' };
}

/** Parses the stored clock JSON (days consumed per clock name); anything unreadable counts as nothing used. */
export function parseClock(text: string | null | undefined): Record<string, number> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, number> = {};
    for (const [k, n] of Object.entries(v as Record<string, unknown>)) {
      if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
    }
    return out;
  } catch {
    return {};
  }
}

export { likePattern } from '../db/like.js';
