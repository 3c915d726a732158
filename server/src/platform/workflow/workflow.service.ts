import type { Transaction } from 'kysely';
import type { Principal } from '../access/principal.js';
import { AuthService } from '../auth/auth.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { addDays, daysBetween, workingDaysBetween, type HolidaySet } from '../calendar/calendar.rules.js';
import { businessDate } from '../clock.js';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { registerFileOwner } from '../files/files.owners.js';
import { FileService } from '../files/files.service.js';
import { paginate, type ListQuery, type Page } from '../http/paging.js';
import { uuidv7 } from '../ids.js';
import {
  clockNameOf,
  findProcess,
  handlerPermissions,
  listProcesses,
  resolveAction,
  WORKFLOW_ADMIN,
  type ActionKind,
  type ProcessDef,
  type ResolvedAction,
  type StateDef,
  type TransitionEvent,
  type WorkflowInstance,
} from './workflow.definition.js';
import { ADMIN_ROLE_CODES } from '../../modules/system/separation.rules.js';
import { WorkflowErrors } from './workflow.errors.js';
import { WorkflowRepository, type HistoryRow, type InstanceRow } from './workflow.repository.js';
import { decideActor, parseClock, previousStep, statusAfter } from './workflow.rules.js';
import type { DueKind, InstanceStatus, WfInstanceTable } from './workflow.tables.js';
import type { Selectable } from 'kysely';

/** What a module passes to start a process for one of its records. */
export interface StartInput {
  processKey: string;
  businessType: string;
  businessId: string;
  /** Shown in the inbox (e.g. "西安秦风电器有限公司 电线电缆 生产许可申请"). */
  title: string;
  /** GB/T 2260 code of the business record (data scope). */
  regionCode: string;
  /** Owning / handling organisation. */
  orgId: string;
  /** Default: the process's initial state. */
  initialState?: string;
  /** Default: the starting principal (a clerk registering a paper application names the enterprise user). */
  applicantUserId?: string | null;
  /** Default: the starting principal's organisation. */
  applicantOrgId?: string | null;
  comment?: string | null;
  attachments?: readonly string[];
}

/** The input of an action. */
export interface ActInput {
  comment?: string | null;
  /** File ids (the file service checks who may download them). */
  attachments?: readonly string[];
  /** Target user of a transfer. */
  transferTo?: string;
  /** The version the user saw; a different current version is a 409. */
  expectedVersion?: number;
}

/** An action the user may take now; `blockedReason` is the guard's refusal when it would refuse. */
export interface AllowedAction {
  action: string;
  label: string;
  kind: ActionKind;
  requiresComment: boolean;
  needsTransferTo: boolean;
  blockedReason: string | null;
}

/** One legal clock of an instance: limit, days used (including the running state) and days left. */
export interface ClockView {
  name: string;
  label: string;
  kind: DueKind;
  limit: number;
  used: number;
  remaining: number;
  running: boolean;
}

/** The instance with labels, names, timers and what the user may do. */
export interface InstanceView extends WorkflowInstance {
  processLabel: string;
  stateLabel: string;
  applicantName: string | null;
  applicantOrgName: string | null;
  assigneeName: string | null;
  overdue: boolean;
  daysLeft: number | null;
  /** The state waits for someone outside (补正, external 检验): no clock of ours runs. */
  paused: boolean;
  clocks: ClockView[];
  allowedActions: AllowedAction[];
}

/** One task in the inbox. */
export interface InboxItem {
  id: string;
  processKey: string;
  processLabel: string;
  businessType: string;
  businessId: string;
  title: string;
  state: string;
  stateLabel: string;
  /** Why it is in this inbox: assigned to the user, a handling task, or waiting for the applicant. */
  taskType: 'assigned' | 'handle' | 'applicant';
  regionCode: string;
  applicantName: string | null;
  applicantOrgName: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  dueKind: DueKind | null;
  overdue: boolean;
  daysLeft: number | null;
  paused: boolean;
  stateEnteredAt: Date;
  createdAt: Date;
  version: number;
}

/** Filters of the inbox, with server paging and sort. */
export interface InboxQuery extends ListQuery {
  processKey?: string | undefined;
  overdue?: boolean | undefined;
  keyword?: string | undefined;
}

/** One entry of the timeline. */
export interface HistoryEntry {
  id: string;
  seq: number;
  action: string;
  actionLabel: string;
  actionKind: string;
  fromState: string | null;
  fromStateLabel: string | null;
  toState: string;
  toStateLabel: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgName: string | null;
  comment: string | null;
  attachments: string[];
  assigneeAfter: string | null;
  assigneeAfterName: string | null;
  at: Date;
  dueDateAfter: string | null;
}

/** A user a task may be transferred to. */
export interface TransferCandidate {
  id: string;
  displayName: string;
  orgName: string;
}

/** The result of an action: the instance after it and the history entry written. */
export interface ActResult {
  instance: WorkflowInstance;
  historyId: string;
}

/** Inbox sort fields (API name → column). */
const INBOX_SORT: Record<string, string> = {
  dueDate: 'i.due_date',
  createdAt: 'i.created_at',
  stateEnteredAt: 'i.state_entered_at',
  id: 'i.id',
};

const STATUS_LABEL: Record<InstanceStatus, string> = {
  active: '办理中',
  completed: '办结',
  withdrawn: '撤回',
  terminated: '终止',
};

const CANDIDATE_LIMIT = 200;
/**
 * Roles that never make their holder a handler of business tasks even when they happen to hold a code:
 * the 三员 (三员分立, modules/system/separation.rules.ts) and operations staff ('ops', seed/roles.data.ts).
 */
const NON_HANDLER_ROLE_CODES: readonly string[] = [...Object.values(ADMIN_ROLE_CODES), 'ops'];

/** Owner type of files attached to workflow actions (补正告知书, 审批意见附件 …). */
export const WF_FILE_OWNER = 'workflow.instance';

// Attachments of an instance are readable by whoever may read the instance.
registerFileOwner(WF_FILE_OWNER, (ctx, p, id) => new WorkflowService(ctx).canRead(p, id));

function toInstance(r: Selectable<WfInstanceTable>): WorkflowInstance {
  return {
    id: r.id,
    processKey: r.process_key,
    businessType: r.business_type,
    businessId: r.business_id,
    title: r.title,
    state: r.state,
    status: r.status,
    regionCode: r.region_code,
    orgId: r.org_id,
    applicantUserId: r.applicant_user_id,
    applicantOrgId: r.applicant_org_id,
    assigneeUserId: r.assignee_user_id,
    dueDate: r.due_date,
    dueKind: r.due_kind,
    stateEnteredAt: r.state_entered_at,
    clock: parseClock(r.clock),
    version: r.version,
    completedAt: r.completed_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}

const stateLabel = (def: ProcessDef | undefined, state: string | null) =>
  state === null ? null : (def?.states[state]?.label ?? state);

/** Every permission a process names: holders may view its instances in their scope. */
function processPermissions(def: ProcessDef): Set<string> {
  const out = new Set<string>(def.viewPermissions ?? []);
  for (const s of Object.values(def.states)) {
    for (const [k, a] of Object.entries(s.actions ?? {})) {
      for (const c of resolveAction(s, k, a).permissions) out.add(c);
    }
  }
  return out;
}

/**
 * The one workflow engine (DESIGN.md §7): starts instances for modules, applies actions with their
 * checks (data scope, permission, no self-approval, assignment, guard, version) and keeps the legal
 * clocks, the history and the inbox.
 */
export class WorkflowService {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  /** The context whose database is the caller's transaction, if any (PGlite has one connection). */
  private ctxFor(trx: Transaction<DB> | undefined): AppContext {
    return trx ? { ...this.ctx, db: trx } : this.ctx;
  }

  private processOf(key: string): ProcessDef {
    const def = findProcess(key);
    if (!def) throw WorkflowErrors.unknownProcess(key);
    return def;
  }

  /** Calendar days or working days from `from` to `to` (never negative). */
  private async elapsed(cal: CalendarService, from: string, to: string, kind: DueKind): Promise<number> {
    const n = kind === 'working' ? await cal.workingDaysBetween(from, to) : daysBetween(from, to);
    return Math.max(0, n);
  }

  /** The last day of a clock with `remaining` days left from `today` (in the past once overrun). */
  private async dueFrom(
    cal: CalendarService,
    today: string,
    remaining: number,
    kind: DueKind,
  ): Promise<string> {
    if (kind === 'working') return cal.addWorkingDays(today, remaining);
    // 总局令第18号 第五十五条: 届满日为法定节假日的顺延; an overrun clock simply lies in the past.
    return remaining >= 0 ? cal.calendarDeadline(today, remaining) : addDays(today, remaining);
  }

  /** Due date and kind of a state entered today with the clocks consumed so far; resets a restarting clock. */
  private async enterState(
    cal: CalendarService,
    stateKey: string,
    state: StateDef,
    clock: Record<string, number>,
    today: string,
  ): Promise<{ dueDate: string | null; dueKind: DueKind | null }> {
    const name = clockNameOf(stateKey, state);
    if (!name || !state.due) return { dueDate: null, dueKind: null };
    if (state.due.resume === false) clock[name] = 0;
    const remaining = state.due.days - (clock[name] ?? 0);
    return { dueDate: await this.dueFrom(cal, today, remaining, state.due.kind), dueKind: state.due.kind };
  }

  /**
   * Starts a process for a business record, in the caller's transaction when one is given (so the record
   * and its instance are written together). The caller has authorised the principal.
   */
  async start(
    trx: Transaction<DB> | undefined,
    principal: Principal,
    input: StartInput,
  ): Promise<WorkflowInstance> {
    const def = this.processOf(input.processKey);
    const stateKey = input.initialState ?? def.initial;
    const state = def.states[stateKey];
    if (!state || state.terminal) throw WorkflowErrors.unknownState(def.key, stateKey);
    const rctx = this.ctxFor(trx);
    const repo = new WorkflowRepository(rctx.db);
    if (await repo.hasActive(def.key, input.businessType, input.businessId))
      throw WorkflowErrors.alreadyStarted(input.title);
    const now = this.ctx.clock.now();
    const today = this.today();
    const clock: Record<string, number> = {};
    const due = await this.enterState(new CalendarService(rctx), stateKey, state, clock, today);
    const id = uuidv7();
    const historyId = uuidv7();
    const attachments = [...(input.attachments ?? [])];
    const comment = input.comment?.trim() || null;
    const write = async (t: Transaction<DB>): Promise<WorkflowInstance> => {
      const r = new WorkflowRepository(t);
      const row: Selectable<WfInstanceTable> = {
        id,
        process_key: def.key,
        business_type: input.businessType,
        business_id: input.businessId,
        title: input.title,
        state: stateKey,
        region_code: input.regionCode,
        org_id: input.orgId,
        applicant_user_id: input.applicantUserId === undefined ? principal.userId : input.applicantUserId,
        applicant_org_id: input.applicantOrgId === undefined ? principal.orgId : input.applicantOrgId,
        assignee_user_id: null,
        due_date: due.dueDate,
        due_kind: due.dueKind,
        state_entered_at: now,
        clock: JSON.stringify(clock),
        status: 'active',
        version: 1,
        completed_at: null,
        created_at: now,
        created_by: principal.userId,
        updated_at: now,
        updated_by: principal.userId,
      };
      try {
        await r.insertInstance(row);
      } catch (e) {
        // Two starts racing for the same record: the partial unique index lets one through.
        if ((e as { code?: string }).code === '23505') throw WorkflowErrors.alreadyStarted(input.title);
        throw e;
      }
      await this.attach(t, attachments, id, principal);
      await r.insertHistory({
        id: historyId,
        instance_id: id,
        seq: 1,
        action: 'start',
        action_label: '发起',
        action_kind: 'start',
        from_state: null,
        to_state: stateKey,
        actor_user_id: principal.userId,
        actor_name: principal.displayName,
        actor_org_name: principal.orgName,
        comment,
        attachments: attachments.length ? JSON.stringify(attachments) : null,
        assignee_after: null,
        at: now,
        due_date_after: due.dueDate,
      });
      const instance = toInstance(row);
      if (def.onTransition) {
        await def.onTransition({
          ctx: { ...this.ctx, db: t },
          trx: t,
          process: def,
          instance,
          action: 'start',
          actionLabel: '发起',
          kind: 'start',
          from: null,
          to: stateKey,
          principal,
          comment,
          attachments,
          historyId,
          today,
        });
      }
      return instance;
    };
    return trx ? write(trx) : this.ctx.db.transaction().execute(write);
  }

  /**
   * Takes an action on an instance: data scope (404 outside it), state, permission or applicant, no
   * self-approval, assignment, comment, guard and the optimistic version, then writes the transition,
   * the history entry, the new due date and the effects in one transaction.
   */
  async act(
    principal: Principal,
    instanceId: string,
    actionKey: string,
    input: ActInput = {},
    trx?: Transaction<DB>,
  ): Promise<ActResult> {
    const rctx = this.ctxFor(trx);
    const repo = new WorkflowRepository(rctx.db);
    const today = this.today();
    const row = await repo.findVisible(principal, instanceId, today);
    if (!row) throw WorkflowErrors.notFound();
    const def = this.processOf(row.process_key);
    // In scope but unrelated to the process: as if it did not exist, like the detail.
    if (!(await this.canView(repo, principal, row, def))) throw WorkflowErrors.notFound();
    // The user saw an older version: whatever they meant to do was decided on stale information.
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version)
      throw WorkflowErrors.versionConflict();
    if (row.status !== 'active') throw WorkflowErrors.closed(STATUS_LABEL[row.status]);
    const state = def.states[row.state];
    if (!state) throw WorkflowErrors.unknownState(def.key, row.state);
    const given = state.actions?.[actionKey];
    if (!given) {
      const elsewhere = Object.values(def.states).find((s) => s.actions?.[actionKey]);
      if (elsewhere) throw WorkflowErrors.stateMismatch(state.label, elsewhere.actions![actionKey]!.label);
      throw WorkflowErrors.unknownAction(actionKey);
    }
    const a = resolveAction(state, actionKey, given);
    const d = decideActor(a, {
      userId: principal.userId,
      permissions: principal.permissions,
      applicantUserId: row.applicant_user_id,
      assigneeUserId: row.assignee_user_id,
    });
    if (!d.ok) {
      if (d.reason === 'self_approval') throw WorkflowErrors.selfApproval();
      if (d.reason === 'assigned_to_other')
        throw WorkflowErrors.assignedToOther(row.assignee_name ?? '其他人员');
      if (d.reason === 'applicant_only') throw WorkflowErrors.applicantOnly(a.label);
      throw WorkflowErrors.notAllowed(a.label, a.permissions);
    }
    const comment = input.comment?.trim() || null;
    if (a.requiresComment && !comment) throw WorkflowErrors.commentRequired(a.label);
    const attachments = [...new Set(input.attachments ?? [])];
    const before = toInstance(row);
    const reason = a.guard?.({
      instance: before,
      principal,
      isApplicant: d.as === 'applicant',
      comment,
      attachments,
      today,
    });
    if (reason) throw WorkflowErrors.guardFailed(reason);

    // Where the instance goes and who holds it afterwards.
    let to = row.state;
    let assignee: string | null = null;
    if (a.kind === 'transfer') {
      if (!input.transferTo) throw WorkflowErrors.transferTargetRequired();
      await this.checkTransferTarget(rctx, row, state, principal, input.transferTo);
      assignee = input.transferTo;
    } else if (a.kind === 'claim') {
      if (row.assignee_user_id) throw WorkflowErrors.alreadyClaimed(row.assignee_name ?? '');
      assignee = principal.userId;
    } else if (a.kind === 'returnToPrevious') {
      const prev = previousStep(await repo.history(row.id));
      const target = prev ? def.states[prev.state] : undefined;
      if (!prev || !target || target.terminal) throw WorkflowErrors.noPrevious();
      to = prev.state;
      assignee = await this.previousHandler(rctx, row, target, prev.leftBy);
    } else {
      to = a.to!;
    }
    const target = def.states[to]!;
    const changesState = a.kind !== 'transfer' && a.kind !== 'claim';

    // Legal clocks: the state left stops its clock; the state entered resumes (or restarts) its own.
    const clock = parseClock(row.clock);
    let due = { dueDate: row.due_date, dueKind: row.due_kind };
    const now = this.ctx.clock.now();
    if (changesState) {
      const cal = new CalendarService(rctx);
      const leaving = clockNameOf(row.state, state);
      if (leaving && state.due) {
        const entered = businessDate(row.state_entered_at, this.ctx.config.timeZone);
        clock[leaving] = (clock[leaving] ?? 0) + (await this.elapsed(cal, entered, today, state.due.kind));
      }
      due = await this.enterState(cal, to, target, clock, today);
    }
    const status = changesState ? statusAfter(target, a.kind) : 'active';
    const historyId = uuidv7();

    const write = async (t: Transaction<DB>): Promise<ActResult> => {
      const r = new WorkflowRepository(t);
      const updated = await r.updateVersioned(row.id, row.version, {
        state: to,
        status,
        assignee_user_id: status === 'active' ? assignee : null,
        due_date: status === 'active' ? due.dueDate : null,
        due_kind: status === 'active' ? due.dueKind : null,
        clock: JSON.stringify(clock),
        ...(changesState ? { state_entered_at: now } : {}),
        ...(status !== 'active' ? { completed_at: now } : {}),
        updated_at: now,
        updated_by: principal.userId,
      });
      if (!updated) throw WorkflowErrors.versionConflict();
      await this.attach(t, attachments, row.id, principal);
      await r.insertHistory({
        id: historyId,
        instance_id: row.id,
        seq: updated.version,
        action: a.key,
        action_label: a.label,
        action_kind: a.kind,
        from_state: row.state,
        to_state: to,
        actor_user_id: principal.userId,
        actor_name: principal.displayName,
        actor_org_name: principal.orgName,
        comment,
        attachments: attachments.length ? JSON.stringify(attachments) : null,
        assignee_after: updated.assignee_user_id,
        at: now,
        due_date_after: updated.due_date,
      });
      const instance = toInstance(updated);
      const event: TransitionEvent = {
        ctx: { ...this.ctx, db: t },
        trx: t,
        process: def,
        instance,
        action: a.key,
        actionLabel: a.label,
        kind: a.kind,
        from: row.state,
        to,
        principal,
        comment,
        attachments,
        historyId,
        today,
      };
      if (a.effect) await a.effect(event);
      if (def.onTransition) await def.onTransition(event);
      return { instance, historyId };
    };
    return trx ? write(trx) : this.ctx.db.transaction().execute(write);
  }

  /** Binds the uploads of the acting user to the instance, in the transition's transaction. */
  private async attach(t: Transaction<DB>, fileIds: readonly string[], instanceId: string, by: Principal) {
    if (fileIds.length === 0) return;
    await new FileService({ ...this.ctx, db: t }).attach(t, fileIds, WF_FILE_OWNER, instanceId, {
      uploadedBy: by.userId,
    });
  }

  /** A transfer goes to an active user, not the actor nor the applicant, holding a handling permission, in scope. */
  private async checkTransferTarget(
    rctx: AppContext,
    row: InstanceRow,
    state: StateDef,
    actor: Principal,
    targetId: string,
  ): Promise<void> {
    if (targetId === actor.userId) throw WorkflowErrors.transferTargetInvalid('不能转办给自己');
    if (targetId === row.applicant_user_id)
      throw WorkflowErrors.transferTargetInvalid('不能转办给申请人本人');
    if (targetId === row.assignee_user_id) throw WorkflowErrors.transferTargetInvalid('该事项已由此人办理');
    const target = await new AuthService(rctx).loadPrincipal(targetId, 'workflow-transfer');
    if (!target) throw WorkflowErrors.transferTargetInvalid('转办对象不存在或已停用');
    const perms = handlerPermissions(state);
    if (!perms.some((c) => target.permissions.has(c)))
      throw WorkflowErrors.transferTargetInvalid(`「${target.displayName}」没有办理该环节的权限`);
    if (!(await new WorkflowRepository(rctx.db).isVisible(target, row.id)))
      throw WorkflowErrors.transferTargetInvalid(`该事项不在「${target.displayName}」的数据范围内`);
  }

  /** The user who handled the state a return goes back to, if they still may handle it; else nobody. */
  private async previousHandler(
    rctx: AppContext,
    row: InstanceRow,
    target: StateDef,
    userId: string | null,
  ): Promise<string | null> {
    if (!userId || target.applicant || userId === row.applicant_user_id) return null;
    const p = await new AuthService(rctx).loadPrincipal(userId, 'workflow-return');
    if (!p || !handlerPermissions(target).some((c) => p.permissions.has(c))) return null;
    return (await new WorkflowRepository(rctx.db).isVisible(p, row.id)) ? userId : null;
  }

  /** Whether the principal may view an in-scope instance: a party to it, or holding one of its permissions. */
  private async canView(repo: WorkflowRepository, p: Principal, row: InstanceRow, def: ProcessDef) {
    if (row.applicant_user_id === p.userId || row.assignee_user_id === p.userId) return true;
    if (p.permissions.has(WORKFLOW_ADMIN)) return true;
    for (const c of processPermissions(def)) if (p.permissions.has(c)) return true;
    return repo.hasActed(row.id, p.userId);
  }

  /** Whether the principal may read the instance (and so its attachments). */
  async canRead(p: Principal, id: string): Promise<boolean> {
    const repo = new WorkflowRepository(this.ctx.db);
    const row = await repo.findVisible(p, id, this.today());
    const def = row ? findProcess(row.process_key) : undefined;
    return !!row && !!def && (await this.canView(repo, p, row, def));
  }

  private async visibleRow(p: Principal, id: string): Promise<{ row: InstanceRow; def: ProcessDef }> {
    const repo = new WorkflowRepository(this.ctx.db);
    const row = await repo.findVisible(p, id, this.today());
    if (!row) throw WorkflowErrors.notFound();
    const def = this.processOf(row.process_key);
    if (!(await this.canView(repo, p, row, def))) throw WorkflowErrors.notFound();
    return { row, def };
  }

  /** Days left until a due date, in the due date's kind (negative once overdue). */
  private static daysLeft(cal: HolidaySet, today: string, due: string | null, kind: DueKind | null) {
    if (!due || !kind) return null;
    return kind === 'working' ? workingDaysBetween(cal, today, due) : daysBetween(today, due);
  }

  /** The instance as the principal may see it, with timers and the actions they may take now. */
  async detail(p: Principal, id: string): Promise<InstanceView> {
    const { row, def } = await this.visibleRow(p, id);
    const today = this.today();
    const cal = new CalendarService(this.ctx);
    const holidays = await cal.holidaySet();
    const state = def.states[row.state];
    const instance = toInstance(row);
    const history = await new WorkflowRepository(this.ctx.db).history(row.id);
    const hasPrevious = previousStep(history) !== undefined;

    const allowedActions: AllowedAction[] = [];
    if (row.status === 'active' && state) {
      for (const [k, given] of Object.entries(state.actions ?? {})) {
        const a: ResolvedAction = resolveAction(state, k, given);
        const d = decideActor(a, {
          userId: p.userId,
          permissions: p.permissions,
          applicantUserId: row.applicant_user_id,
          assigneeUserId: row.assignee_user_id,
        });
        if (!d.ok) continue;
        if (a.kind === 'claim' && row.assignee_user_id) continue;
        if (a.kind === 'returnToPrevious' && !hasPrevious) continue;
        const blocked = a.guard?.({
          instance,
          principal: p,
          isApplicant: d.as === 'applicant',
          comment: null,
          attachments: [],
          today,
        });
        allowedActions.push({
          action: k,
          label: a.label,
          kind: a.kind,
          requiresComment: a.requiresComment,
          needsTransferTo: a.kind === 'transfer',
          blockedReason: blocked ?? null,
        });
      }
    }

    // Clocks: every clock used so far plus the running one, with the days of the running state counted.
    const clocks: ClockView[] = [];
    const seen = new Set<string>();
    for (const [key, s] of Object.entries(def.states)) {
      const name = clockNameOf(key, s);
      if (!name || !s.due || seen.has(name)) continue;
      const running = row.status === 'active' && !!state && clockNameOf(row.state, state) === name;
      const stored = instance.clock[name];
      if (stored === undefined && !running) continue;
      seen.add(name);
      let used = stored ?? 0;
      if (running && state?.due) {
        const entered = businessDate(row.state_entered_at, this.ctx.config.timeZone);
        const n =
          s.due.kind === 'working'
            ? workingDaysBetween(holidays, entered, today)
            : daysBetween(entered, today);
        used += Math.max(0, n);
      }
      const sharing = Object.entries(def.states).filter(([k2, s2]) => clockNameOf(k2, s2) === name);
      // The running state's own limit on the budget; otherwise the whole budget (the largest limit).
      const limit =
        running && state?.due ? state.due.days : Math.max(...sharing.map(([, s2]) => s2.due?.days ?? 0));
      clocks.push({
        name,
        label: sharing.map(([, s2]) => s2.label).join('、'),
        kind: s.due.kind,
        limit,
        used,
        remaining: limit - used,
        running,
      });
    }

    return {
      ...instance,
      processLabel: def.label,
      stateLabel: state?.label ?? row.state,
      applicantName: row.applicant_name,
      applicantOrgName: row.applicant_org_name,
      assigneeName: row.assignee_name,
      overdue: row.status === 'active' && row.overdue,
      daysLeft:
        row.status === 'active'
          ? WorkflowService.daysLeft(holidays, today, row.due_date, row.due_kind)
          : null,
      paused: row.status === 'active' && state?.pauses === true,
      clocks,
      allowedActions,
    };
  }

  /** The timeline of an instance the principal may see. */
  async history(p: Principal, id: string): Promise<HistoryEntry[]> {
    const { row, def } = await this.visibleRow(p, id);
    const rows = await new WorkflowRepository(this.ctx.db).history(row.id);
    return rows.map((h) => this.toHistoryEntry(def, h));
  }

  private toHistoryEntry(def: ProcessDef, h: HistoryRow): HistoryEntry {
    let attachments: string[] = [];
    if (h.attachments) {
      try {
        const v: unknown = JSON.parse(h.attachments);
        if (Array.isArray(v)) attachments = v.filter((x): x is string => typeof x === 'string');
      } catch {
        attachments = [];
      }
    }
    return {
      id: h.id,
      seq: h.seq,
      action: h.action,
      actionLabel: h.action_label,
      actionKind: h.action_kind,
      fromState: h.from_state,
      fromStateLabel: stateLabel(def, h.from_state),
      toState: h.to_state,
      toStateLabel: stateLabel(def, h.to_state)!,
      actorUserId: h.actor_user_id,
      actorName: h.actor_name,
      actorOrgName: h.actor_org_name,
      comment: h.comment,
      attachments,
      assigneeAfter: h.assignee_after,
      assigneeAfterName: h.assignee_after_name,
      at: h.at,
      dueDateAfter: h.due_date_after,
    };
  }

  /** 待办: tasks the principal can act on across every registered process, filtered, sorted and paged. */
  async inbox(p: Principal, q: InboxQuery): Promise<Page<InboxItem>> {
    const today = this.today();
    const handler = new Map<string, string[]>();
    const applicant = new Map<string, string[]>();
    for (const def of listProcesses()) {
      for (const [key, s] of Object.entries(def.states)) {
        if (s.terminal) continue;
        const inboxPerms = Object.entries(s.actions ?? {})
          .map(([k, a]) => resolveAction(s, k, a))
          .filter((a) => a.inbox)
          .flatMap((a) => a.permissions);
        if (inboxPerms.some((c) => p.permissions.has(c)))
          handler.set(def.key, [...(handler.get(def.key) ?? []), key]);
        if (s.applicant) applicant.set(def.key, [...(applicant.get(def.key) ?? []), key]);
      }
    }
    const qb = new WorkflowRepository(this.ctx.db).inboxQuery(p, {
      userId: p.userId,
      handler,
      applicant,
      processKey: q.processKey,
      overdue: q.overdue,
      keyword: q.keyword?.trim() || undefined,
      today,
    });
    // A unique last key keeps pages stable when many tasks share a due date.
    const sort = q.sort || 'dueDate';
    const page = await paginate(
      this.ctx.db,
      qb,
      { ...q, sort: sort.split(',').some((s) => s.replace(/^-/, '') === 'id') ? sort : `${sort},id` },
      INBOX_SORT,
      'dueDate',
    );
    const holidays = await new CalendarService(this.ctx).holidaySet();
    return {
      ...page,
      items: page.items.map((r) => {
        const def = findProcess(r.process_key);
        const s = def?.states[r.state];
        return {
          id: r.id,
          processKey: r.process_key,
          processLabel: def?.label ?? r.process_key,
          businessType: r.business_type,
          businessId: r.business_id,
          title: r.title,
          state: r.state,
          stateLabel: s?.label ?? r.state,
          taskType:
            r.assignee_user_id === p.userId
              ? 'assigned'
              : r.applicant_user_id === p.userId && s?.applicant
                ? 'applicant'
                : 'handle',
          regionCode: r.region_code,
          applicantName: r.applicant_name,
          applicantOrgName: r.applicant_org_name,
          assigneeName: r.assignee_name,
          dueDate: r.due_date,
          dueKind: r.due_kind,
          overdue: r.overdue,
          daysLeft: WorkflowService.daysLeft(holidays, today, r.due_date, r.due_kind),
          paused: s?.pauses === true,
          stateEnteredAt: r.state_entered_at,
          createdAt: r.created_at,
          version: r.version,
        };
      }),
    };
  }

  /**
   * Users the principal may transfer the task to: holding a handling permission and the instance in scope;
   * not disabled or locked, and not someone whose only roles are the 三员 or operations staff.
   */
  async transferCandidates(p: Principal, id: string): Promise<TransferCandidate[]> {
    const { row, def } = await this.visibleRow(p, id);
    const state = def.states[row.state];
    const transfer = Object.entries(state?.actions ?? {})
      .map(([k, a]) => resolveAction(state!, k, a))
      .find((a) => a.kind === 'transfer');
    if (!state || row.status !== 'active' || !transfer) return [];
    const d = decideActor(transfer, {
      userId: p.userId,
      permissions: p.permissions,
      applicantUserId: row.applicant_user_id,
      assigneeUserId: row.assignee_user_id,
    });
    if (!d.ok) throw WorkflowErrors.notAllowed(transfer.label, transfer.permissions);
    const repo = new WorkflowRepository(this.ctx.db);
    const auth = new AuthService(this.ctx);
    const out: TransferCandidate[] = [];
    const users = await repo.usersWithPermission(handlerPermissions(state), CANDIDATE_LIMIT, {
      excludedRoleCodes: NON_HANDLER_ROLE_CODES,
      now: this.ctx.clock.now(),
    });
    for (const u of users) {
      if (u.id === p.userId || u.id === row.applicant_user_id || u.id === row.assignee_user_id) continue;
      const up = await auth.loadPrincipal(u.id, 'workflow-transfer');
      if (up && (await repo.isVisible(up, row.id)))
        out.push({ id: u.id, displayName: u.display_name, orgName: u.org_name });
    }
    return out;
  }

  /** Active instances past their due date (for reminder jobs); no data scope applied. */
  async findOverdue(today: string = this.today(), limit = 1000): Promise<WorkflowInstance[]> {
    const rows = await new WorkflowRepository(this.ctx.db).findOverdue(today, limit);
    return rows.map(toInstance);
  }

  /** The latest instance of a business record (optionally of one process); the caller applies its own scope. */
  async findByBusiness(
    businessType: string,
    businessId: string,
    processKey?: string,
    trx?: Transaction<DB>,
  ): Promise<WorkflowInstance | undefined> {
    const row = await new WorkflowRepository(this.ctxFor(trx).db).findLatestByBusiness(
      businessType,
      businessId,
      processKey,
      this.today(),
    );
    return row ? toInstance(row) : undefined;
  }
}
