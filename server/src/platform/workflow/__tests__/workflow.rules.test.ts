import { describe, expect, it } from 'vitest';
import {
  defineProcess,
  findProcess,
  registerProcess,
  resolveAction,
  type ActionDef,
  type ProcessDef,
  type StateDef,
} from '../workflow.definition.js';
import { decideActor, likePattern, loopErasedPath, previousStep, statusAfter } from '../workflow.rules.js';

/** A history row; `actor` moved the instance from `from` to `to`. */
const step = (from: string | null, to: string, actor = 'u') => ({
  from_state: from,
  to_state: to,
  actor_user_id: actor,
});

describe('where a return goes (loop-erased path)', () => {
  it.each([
    [
      'a simple chain',
      [step(null, 'A', 's'), step('A', 'B', 'x'), step('B', 'C', 'y')],
      ['A', 'B', 'C'],
      'B',
      'y',
    ],
    [
      'a return cuts the path back',
      [step(null, 'A'), step('A', 'B', 'x'), step('B', 'C', 'y'), step('C', 'B', 'z')],
      ['A', 'B'],
      'A',
      'x',
    ],
    [
      'two returns in a row walk back, not back and forth',
      [
        step(null, 'A', 's'),
        step('A', 'B', 'x'),
        step('B', 'C', 'y'),
        step('C', 'D', 'w'),
        step('D', 'C'),
        step('C', 'B'),
      ],
      ['A', 'B'],
      'A',
      'x',
    ],
    [
      'a 补正 and the resubmission',
      [
        step(null, 'draft', 'e'),
        step('draft', 'acc', 'e'),
        step('acc', 'supp', 'clerk'),
        step('supp', 'acc', 'e'),
      ],
      ['draft', 'acc'],
      'draft',
      'e',
    ],
    [
      'transfers and claims do not move the path',
      [step(null, 'A'), step('A', 'B', 'x'), step('B', 'B', 'admin'), step('B', 'B', 'y')],
      ['A', 'B'],
      'A',
      'x',
    ],
  ])('%s', (_name, history, path, previous, handler) => {
    expect(loopErasedPath(history).map((p) => p.state)).toEqual(path);
    expect(previousStep(history)).toEqual({ state: previous, leftBy: handler });
  });

  it('has no previous step at the start', () => {
    expect(previousStep([step(null, 'A')])).toBeUndefined();
  });

  it('remembers who left the previous step after a return and a second pass', () => {
    const h = [
      step(null, 'A', 's'),
      step('A', 'B', 'x'),
      step('B', 'A', 'y'),
      step('A', 'B', 'x2'),
      step('B', 'C', 'z'),
    ];
    expect(previousStep(h)).toEqual({ state: 'B', leftBy: 'z' });
    expect(loopErasedPath(h).map((p) => [p.state, p.leftBy])).toEqual([
      ['A', 'x2'],
      ['B', 'z'],
      ['C', null],
    ]);
  });
});

describe('who may act', () => {
  const state: StateDef = {
    label: '审批',
    actions: {
      approve: { label: '批准', to: 'done', permission: 'p:approve' },
      withdraw: { label: '撤回', kind: 'withdraw' },
      transfer: { label: '转办', kind: 'transfer' },
      both: { label: '补充材料', to: 'done', permission: 'p:approve', applicant: true },
    },
  };
  const act = (key: string) => resolveAction(state, key, state.actions![key] as ActionDef);
  const facts = (o: {
    user?: string;
    perms?: string[];
    applicant?: string | null;
    assignee?: string | null;
  }) => ({
    userId: o.user ?? 'u1',
    permissions: new Set(o.perms ?? []),
    applicantUserId: o.applicant === undefined ? 'ent' : o.applicant,
    assigneeUserId: o.assignee ?? null,
  });

  it.each([
    [
      'a handler with the permission',
      'approve',
      facts({ perms: ['p:approve'] }),
      { ok: true, as: 'handler' },
    ],
    ['a user without it', 'approve', facts({ perms: ['p:other'] }), { ok: false, reason: 'not_allowed' }],
    [
      'the applicant holding the permission (self-approval)',
      'approve',
      facts({ user: 'ent', perms: ['p:approve'] }),
      { ok: false, reason: 'self_approval' },
    ],
    [
      'a colleague once the task is assigned',
      'approve',
      facts({ perms: ['p:approve'], assignee: 'u2' }),
      { ok: false, reason: 'assigned_to_other' },
    ],
    ['the assignee', 'approve', facts({ perms: ['p:approve'], assignee: 'u1' }), { ok: true, as: 'handler' }],
    ['the applicant withdrawing', 'withdraw', facts({ user: 'ent' }), { ok: true, as: 'applicant' }],
    [
      'a handler withdrawing',
      'withdraw',
      facts({ perms: ['p:approve', 'workflow:admin'] }),
      { ok: false, reason: 'applicant_only' },
    ],
    ['a handler transferring', 'transfer', facts({ perms: ['p:approve'] }), { ok: true, as: 'handler' }],
    [
      'a workflow administrator transferring an assigned task',
      'transfer',
      facts({ perms: ['workflow:admin'], assignee: 'u2' }),
      { ok: true, as: 'handler' },
    ],
    [
      'a handler transferring a task assigned to another',
      'transfer',
      facts({ perms: ['p:approve'], assignee: 'u2' }),
      { ok: false, reason: 'assigned_to_other' },
    ],
    [
      'the applicant on an action open to both',
      'both',
      facts({ user: 'ent' }),
      { ok: true, as: 'applicant' },
    ],
    [
      'a handler on an action open to both',
      'both',
      facts({ perms: ['p:approve'] }),
      { ok: true, as: 'handler' },
    ],
  ])('%s', (_name, key, f, expected) => {
    expect(decideActor(act(key), f)).toEqual(expected);
  });

  it('defaults: comments required on returns and termination, transfer open to the state handlers and admins', () => {
    const s: StateDef = {
      label: 'x',
      actions: {
        go: { label: 'go', to: 'y', permission: 'a' },
        back: { label: 'back', kind: 'returnToPrevious', permission: 'a' },
        stop: { label: 'stop', kind: 'terminate', permission: 'a' },
        tr: { label: 'tr', kind: 'transfer' },
      },
    };
    const r = (k: string) => resolveAction(s, k, s.actions![k] as ActionDef);
    expect([r('go').requiresComment, r('back').requiresComment, r('stop').requiresComment]).toEqual([
      false,
      true,
      true,
    ]);
    expect(r('stop').to).toBe('terminated');
    expect(r('tr').permissions).toEqual(['a', 'workflow:admin']);
    expect([r('go').inbox, r('tr').inbox]).toEqual([true, false]);
  });
});

describe('process definitions', () => {
  const base = (states: Record<string, StateDef>, key = `t.${Math.random().toString(36).slice(2, 8)}`) =>
    ({ key, label: '测试', initial: 'a', states }) as ProcessDef;
  const ok: Record<string, StateDef> = {
    a: { label: 'A', actions: { go: { label: '去', to: 'b', permission: 'p' } } },
    b: { label: 'B', terminal: true },
  };

  it('registers a valid process once and adds the built-in terminal states it uses', () => {
    const def = defineProcess({
      key: 'rules.ok',
      label: '测试',
      initial: 'a',
      states: {
        a: {
          label: 'A',
          actions: {
            go: { label: '去', to: 'b', permission: 'p' },
            quit: { label: '撤回', kind: 'withdraw' },
            stop: { label: '终止', kind: 'terminate', permission: 'p' },
          },
        },
        b: { label: 'B', terminal: true },
      },
    });
    const n = registerProcess(def);
    expect(n.states.withdrawn).toMatchObject({ terminal: true, outcome: 'withdrawn' });
    expect(n.states.terminated).toMatchObject({ terminal: true, outcome: 'terminated' });
    expect(registerProcess(def)).toBe(n);
    expect(findProcess('rules.ok')).toBe(n);
    expect(() => registerProcess({ ...def })).toThrow(/already registered/);
  });

  it.each([
    [
      'an unknown target',
      { ...ok, a: { label: 'A', actions: { go: { label: '去', to: 'zz', permission: 'p' } } } },
      /unknown state 'zz'/,
    ],
    [
      'a transition without a target',
      { ...ok, a: { label: 'A', actions: { go: { label: '去', permission: 'p' } } } },
      /needs a target/,
    ],
    [
      'an action nobody may take',
      { ...ok, a: { label: 'A', actions: { go: { label: '去', to: 'b' } } } },
      /neither a permission/,
    ],
    [
      '补正 to a state that is not the applicant’s',
      {
        ...ok,
        a: {
          label: 'A',
          actions: { s: { label: '补正', kind: 'returnToApplicant', to: 'c', permission: 'p' } },
        },
        c: { label: 'C', actions: { go: { label: '去', to: 'a', permission: 'p' } } },
      },
      /applicant: true/,
    ],
    [
      'a terminal state with actions',
      {
        ...ok,
        b: { label: 'B', terminal: true, actions: { go: { label: '去', to: 'a', permission: 'p' } } },
      },
      /terminal state 'b' has actions/,
    ],
    ['a dead-end state', { ...ok, c: { label: 'C' } }, /state 'c' has no actions/],
    [
      'a shared clock counting working days in one state and calendar days in another',
      {
        a: {
          label: 'A',
          due: { days: 60, kind: 'working', clock: 'decision' },
          actions: { go: { label: '去', to: 'c', permission: 'p' } },
        },
        c: {
          label: 'C',
          due: { days: 30, kind: 'calendar', clock: 'decision' },
          actions: { go: { label: '去', to: 'b', permission: 'p' } },
        },
        b: { label: 'B', terminal: true },
      },
      /clock 'decision' counts working days in 'a' but calendar days in 'c'/,
    ],
    [
      'withdraw to a state that is not terminal',
      { ...ok, a: { label: 'A', actions: { w: { label: '撤回', kind: 'withdraw', to: 'a' } } } },
      /must target a terminal state/,
    ],
  ] as Array<[string, Record<string, StateDef>, RegExp]>)('refuses %s', (_name, states, message) => {
    expect(() => registerProcess(base(states))).toThrow(message);
  });

  it('sets the status by the target state and the action kind', () => {
    expect(statusAfter({ label: 'x', actions: {} }, 'transition')).toBe('active');
    expect(statusAfter({ label: 'x', terminal: true }, 'transition')).toBe('completed');
    expect(statusAfter({ label: 'x', terminal: true }, 'withdraw')).toBe('withdrawn');
    expect(statusAfter({ label: 'x', terminal: true }, 'terminate')).toBe('terminated');
    expect(statusAfter({ label: 'x', terminal: true, outcome: 'terminated' }, 'transition')).toBe(
      'terminated',
    );
  });

  it('escapes LIKE wildcards in a keyword', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
