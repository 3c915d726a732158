import type { Transaction } from 'kysely';
import type { Principal } from '../access/principal.js';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import type { DueKind, InstanceStatus } from './workflow.tables.js';

/**
 * A process is a typed table (DESIGN.md §7): states, the actions allowed in each state, who may take
 * them, pure guards and transactional effects. Modules declare theirs in `<module>.workflow.ts` with
 * `defineProcess()` and `registerProcess()`; the engine (WorkflowService) runs every one of them.
 */

/**
 * Built-in action kinds.
 * - `transition`: to the state named by `to`.
 * - `returnToPrevious`: back to the state the instance came from (from history), to its previous handler.
 * - `returnToApplicant`: 补正 — to an applicant state (`to`); the current clock stops and resumes with the
 *   remaining days when the applicant resubmits.
 * - `withdraw`: 撤回 by the applicant only; to `to` or the built-in terminal state `withdrawn`.
 * - `transfer`: 转办 to another user who holds a handling permission of the state within scope.
 * - `claim`: 签收 — the actor takes the task so that only they may handle it.
 * - `terminate`: 终止 — to `to` or the built-in terminal state `terminated`.
 */
export type ActionKind =
  'transition' | 'returnToPrevious' | 'returnToApplicant' | 'withdraw' | 'transfer' | 'claim' | 'terminate';

/** Terminal states the engine adds when a withdraw / terminate action names no target. */
export const WITHDRAWN_STATE = 'withdrawn';
export const TERMINATED_STATE = 'terminated';
type BuiltinState = typeof WITHDRAWN_STATE | typeof TERMINATED_STATE;

/** Permission that may transfer any task (and view any instance) within the data scope. */
export const WORKFLOW_ADMIN = 'workflow:admin';

/** A legal time limit that runs while the instance is in a state. */
export interface DueClock {
  days: number;
  kind: DueKind;
  /**
   * Clock name (default: the state key). States naming the same clock share one budget, e.g.
   * 《办法》第二十四条 "自受理之日起 60 日" across 核查 and 决定 while 检验 (a pausing state) does not count.
   * Each state sets its own limit on that budget (same kind): 核查 30 days, 决定 60 days, both counted from 受理.
   */
  clock?: string;
  /**
   * false: the clock restarts from zero each time the state is entered (e.g. a 受理 clock counted afresh
   * from the day complete 补正 materials arrive). Default true: it resumes with the remaining days.
   */
  resume?: boolean;
}

/** The instance as guards and effects see it. */
export interface WorkflowInstance {
  id: string;
  processKey: string;
  businessType: string;
  businessId: string;
  title: string;
  state: string;
  status: InstanceStatus;
  regionCode: string;
  orgId: string;
  applicantUserId: string | null;
  applicantOrgId: string | null;
  assigneeUserId: string | null;
  dueDate: string | null;
  dueKind: DueKind | null;
  stateEnteredAt: Date;
  /** Days consumed per clock name. */
  clock: Record<string, number>;
  version: number;
  completedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
}

/** What a guard may look at; guards are pure. */
export interface GuardContext {
  instance: WorkflowInstance;
  principal: Principal;
  isApplicant: boolean;
  comment: string | null;
  attachments: readonly string[];
  /** Business date (YYYY-MM-DD, Asia/Shanghai). */
  today: string;
}

/** Returns a Chinese refusal reason, or undefined to allow the action. */
export type Guard = (c: GuardContext) => string | undefined;

/** One transition, handed to effects inside the transaction that writes it. */
export interface TransitionEvent {
  /** The application context whose `db` is the transition's transaction. */
  ctx: AppContext;
  /** The transaction of the transition: write module tables and outbox events through it. */
  trx: Transaction<DB>;
  process: ProcessDef;
  /** The instance after the transition. */
  instance: WorkflowInstance;
  action: string;
  actionLabel: string;
  kind: ActionKind | 'start';
  from: string | null;
  to: string;
  principal: Principal;
  comment: string | null;
  attachments: readonly string[];
  historyId: string;
  today: string;
}

/** Runs inside the transition's transaction; throwing (e.g. an AppError) rolls the transition back. */
export type Effect = (e: TransitionEvent) => Promise<void>;

/** An action available in a state. */
export interface ActionDef<S extends string = string> {
  /** Button label (Chinese), also stored in the history. */
  label: string;
  kind?: ActionKind;
  /** Target state: required for transition and returnToApplicant; optional for withdraw and terminate. */
  to?: NoInfer<S> | BuiltinState;
  /** Permission code(s) allowing a handler to act (any one suffices). */
  permission?: string | readonly string[];
  /** The applicant may take this action (always true for withdraw). */
  applicant?: boolean;
  guard?: Guard;
  effect?: Effect;
  /** Default: true for returnToPrevious, returnToApplicant and terminate. */
  requiresComment?: boolean;
  /** Whether holders of `permission` see the state as a task in their inbox (default: true for handling kinds). */
  inbox?: boolean;
}

/** A state of a process. */
export interface StateDef<S extends string = string> {
  /** Chinese label shown in the inbox and the timeline. */
  label: string;
  terminal?: boolean;
  /** Status of an instance that reaches this terminal state (default by the action kind, else 'completed'). */
  outcome?: Exclude<InstanceStatus, 'active'>;
  /** The legal clock that runs while in this state. */
  due?: DueClock;
  /** Waiting for someone outside the handling organisation (补正, external 检验): no clock of ours runs. */
  pauses?: boolean;
  /** The applicant is expected to act here; the instance is in the applicant's inbox. */
  applicant?: boolean;
  actions?: Record<string, ActionDef<S>>;
}

/** A whole process definition. */
export interface ProcessDef<S extends string = string> {
  key: string;
  /** Chinese name of the process (许可申请, 注销审批 …). */
  label: string;
  initial: NoInfer<S>;
  states: Record<S, StateDef<S>>;
  /** Extra permissions that may view instances (e.g. the module's list permission). */
  viewPermissions?: readonly string[];
  /** Called inside every transition's transaction (including the start), after the action's own effect. */
  onTransition?: Effect;
}

/** An action with its defaults applied. */
export interface ResolvedAction {
  key: string;
  label: string;
  kind: ActionKind;
  to: string | undefined;
  permissions: readonly string[];
  applicant: boolean;
  requiresComment: boolean;
  inbox: boolean;
  guard: Guard | undefined;
  effect: Effect | undefined;
}

/** Identity helper that checks state names at compile time (`to`, `initial`). */
export function defineProcess<const S extends string>(def: ProcessDef<S>): ProcessDef<S> {
  return def;
}

const registry = new Map<string, ProcessDef>();
// The definition as given, so registering the same object again (module re-import) is harmless.
const registryOrigin = new Map<string, ProcessDef>();

const HANDLING_KINDS: ReadonlySet<ActionKind> = new Set([
  'transition',
  'returnToPrevious',
  'returnToApplicant',
  'terminate',
]);

const asList = (p: string | readonly string[] | undefined): readonly string[] =>
  p === undefined ? [] : typeof p === 'string' ? [p] : p;

/** The permissions of a state's handling actions: who the state's task belongs to. */
export function handlerPermissions(state: StateDef): string[] {
  const out = new Set<string>();
  for (const a of Object.values(state.actions ?? {})) {
    if (HANDLING_KINDS.has(a.kind ?? 'transition')) for (const c of asList(a.permission)) out.add(c);
  }
  return [...out];
}

/** Applies the defaults of an action kind (who may act, comment, inbox). */
export function resolveAction(state: StateDef, key: string, a: ActionDef): ResolvedAction {
  const kind = a.kind ?? 'transition';
  let permissions = asList(a.permission);
  if (permissions.length === 0 && (kind === 'transfer' || kind === 'claim')) {
    permissions = handlerPermissions(state);
  }
  if (kind === 'transfer' && !permissions.includes(WORKFLOW_ADMIN))
    permissions = [...permissions, WORKFLOW_ADMIN];
  if (kind === 'withdraw') permissions = [];
  const to =
    a.to ?? (kind === 'withdraw' ? WITHDRAWN_STATE : kind === 'terminate' ? TERMINATED_STATE : undefined);
  return {
    key,
    label: a.label,
    kind,
    to,
    permissions,
    applicant: kind === 'withdraw' || a.applicant === true,
    requiresComment:
      a.requiresComment ??
      (kind === 'returnToPrevious' || kind === 'returnToApplicant' || kind === 'terminate'),
    inbox: a.inbox ?? (HANDLING_KINDS.has(kind) && permissions.length > 0),
    guard: a.guard,
    effect: a.effect,
  };
}

/** The name of the clock a state runs, if any. */
export function clockNameOf(stateKey: string, state: StateDef): string | undefined {
  return state.due ? (state.due.clock ?? stateKey) : undefined;
}

function fail(def: ProcessDef, msg: string): never {
  throw new Error(`workflow process '${def.key}': ${msg}`);
}

/** Checks a definition for dangling targets and inconsistent clocks; adds the built-in terminal states. */
function normalise(input: ProcessDef): ProcessDef {
  const states: Record<string, StateDef> = { ...input.states };
  const def: ProcessDef = { ...input, states };
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(def.key)) fail(def, 'key must be lower-case, at most 64 characters');
  const uses = (kind: ActionKind) =>
    Object.values(states).some((s) =>
      Object.values(s.actions ?? {}).some((a) => (a.kind ?? 'transition') === kind && !a.to),
    );
  if (uses('withdraw') && !states[WITHDRAWN_STATE])
    states[WITHDRAWN_STATE] = { label: '已撤回', terminal: true, outcome: 'withdrawn' };
  if (uses('terminate') && !states[TERMINATED_STATE])
    states[TERMINATED_STATE] = { label: '已终止', terminal: true, outcome: 'terminated' };
  const initial = states[def.initial];
  if (!initial) fail(def, `initial state '${def.initial}' is not defined`);
  if (initial.terminal) fail(def, 'the initial state cannot be terminal');
  const clocks = new Map<string, { days: number; kind: DueKind; states: string[]; resume: boolean }>();
  for (const [key, s] of Object.entries(states)) {
    if (key.length > 64) fail(def, `state '${key}' is longer than 64 characters`);
    if (s.terminal && Object.keys(s.actions ?? {}).length > 0)
      fail(def, `terminal state '${key}' has actions`);
    if (!s.terminal && Object.keys(s.actions ?? {}).length === 0) fail(def, `state '${key}' has no actions`);
    if (s.due) {
      if (!Number.isInteger(s.due.days) || s.due.days < 0) fail(def, `state '${key}': due days must be ≥ 0`);
      if (s.terminal) fail(def, `terminal state '${key}' cannot have a clock`);
      const name = s.due.clock ?? key;
      const c = clocks.get(name);
      if (c && c.kind !== s.due.kind)
        fail(
          def,
          `clock '${name}' counts ${c.kind} days in '${c.states[0]}' but ${s.due.kind} days in '${key}'`,
        );
      if (c) c.states.push(key);
      else
        clocks.set(name, {
          days: s.due.days,
          kind: s.due.kind,
          states: [key],
          resume: s.due.resume !== false,
        });
      if (c && (s.due.resume === false || !c.resume))
        fail(def, `shared clock '${name}' cannot restart (resume: false)`);
    }
    for (const [ak, a] of Object.entries(s.actions ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(ak))
        fail(def, `action key '${ak}' is not a valid identifier`);
      const r = resolveAction(s, ak, a);
      if ((r.kind === 'transition' || r.kind === 'returnToApplicant') && !r.to)
        fail(def, `action '${key}.${ak}' needs a target state`);
      if (r.to !== undefined && !states[r.to])
        fail(def, `action '${key}.${ak}' targets the unknown state '${r.to}'`);
      if (r.kind === 'returnToApplicant' && !states[r.to!]!.applicant)
        fail(def, `action '${key}.${ak}' must target a state marked applicant: true`);
      if ((r.kind === 'withdraw' || r.kind === 'terminate') && !states[r.to!]!.terminal)
        fail(def, `action '${key}.${ak}' must target a terminal state`);
      if (!r.applicant && r.permissions.length === 0)
        fail(def, `action '${key}.${ak}' has neither a permission nor applicant: true`);
    }
  }
  return def;
}

/** Registers a process definition; the same key may not be registered twice with another definition. */
export function registerProcess<S extends string>(def: ProcessDef<S>): ProcessDef {
  const existing = registry.get(def.key);
  if (existing) {
    if (registryOrigin.get(def.key) === def) return existing;
    throw new Error(`workflow process '${def.key}' is already registered`);
  }
  const n = normalise(def);
  registry.set(def.key, n);
  registryOrigin.set(def.key, def);
  return n;
}

/** The registered process with this key, if any. */
export function findProcess(key: string): ProcessDef | undefined {
  return registry.get(key);
}

/** Every registered process (the inbox looks across all of them). */
export function listProcesses(): ProcessDef[] {
  return [...registry.values()];
}
