import { randomBytes } from 'node:crypto';
import type { Principal } from '../../platform/access/principal.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import { InspectionErrors } from './inspection.errors.js';
import { InspectionRepository, type DrawRow, type PersonRow, type TaskRow } from './inspection.repository.js';
import { InspectionService, INSPECTION_STATUS_LABEL, OBSERVER_PERMISSION } from './inspection.service.js';
import {
  DRAW_ALGORITHM,
  drawIndex,
  drawPool,
  SEED_BYTES,
  SUPPORTED_ALGORITHMS,
  type ExclusionReason,
} from './observers.rules.js';

/** The pool an observer is drawn from, as shown before a draw and stored with it. */
export interface ObserverPool {
  poolRegions: string[];
  candidates: PersonRow[];
  excluded: Array<{ person: PersonRow; reason: ExclusionReason }>;
}

/** A recorded draw with the names of the people in it. */
export interface DrawView {
  draw: DrawRow;
  candidateIds: string[];
  excluded: Array<{ userId: string; reason: ExclusionReason }>;
  poolRegions: string[];
  names: Map<string, { name: string; orgName: string }>;
}

/** The recomputation of a stored draw. */
export interface ReplayResult {
  draw: DrawRow;
  replayedIndex: number;
  replayedUserId: string;
  matches: boolean;
}

function parseList<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/**
 * 指派观察员 (seed 行政许可 3): a city-bureau administrator ('licensing:observer', the task in scope) draws the
 * observer at random from the bureau staff of the jurisdiction, or assigns one by hand. Each draw is stored
 * with its seed, algorithm and candidate list so that it can be replayed. 《办法》第十七条第二款: the 观察员 is
 * not a member of the 审查组; the duties of an observer in Shaanxi are 待需求方提供.
 */
export class ObserversService {
  private readonly inspections: InspectionService;
  constructor(private readonly ctx: AppContext) {
    this.inspections = new InspectionService(ctx);
  }

  private today(): string {
    return businessDate(this.ctx.clock.now(), this.ctx.config.timeZone);
  }

  private async task(
    repo: InspectionRepository,
    p: Principal,
    id: string,
    action?: string,
  ): Promise<TaskRow> {
    const t = await this.inspections.managedTask(repo, p, id, OBSERVER_PERMISSION);
    if (action && t.status !== 'planning' && t.status !== 'in_progress')
      throw InspectionErrors.state(INSPECTION_STATUS_LABEL[t.status], action);
    return t;
  }

  /** Who would be in the draw now: bureau staff of the jurisdiction in the caller's scope, minus exclusions. */
  async pool(p: Principal, id: string): Promise<ObserverPool> {
    const repo = new InspectionRepository(this.ctx.db);
    const t = await this.task(repo, p, id);
    return this.poolOf(repo, p, t);
  }

  private async poolOf(repo: InspectionRepository, p: Principal, t: TaskRow): Promise<ObserverPool> {
    const regions = await repo.jurisdictionOf(t.region_code, this.today());
    const poolRegions = regions.length ? regions : [t.region_code];
    const staff = await repo.bureauStaff(p, poolRegions);
    const exclusions = new Map<string, ExclusionReason>();
    for (const m of await repo.members(t.id))
      exclusions.set(m.user_id, m.role === 'observer' ? 'current_observer' : 'team');
    const latest = new Map<string, boolean>();
    for (const d of await repo.declarations(t.id)) latest.set(d.user_id, d.has_conflict);
    for (const [userId, conflict] of latest)
      if (conflict && !exclusions.has(userId)) exclusions.set(userId, 'conflict');
    const { candidates, excluded } = drawPool(
      staff.map((s) => s.id),
      exclusions,
    );
    const byId = new Map(staff.map((s) => [s.id, s]));
    return {
      poolRegions,
      candidates: candidates.map((c) => byId.get(c)!),
      excluded: excluded.map((e) => ({ person: byId.get(e.userId)!, reason: e.reason })),
    };
  }

  /**
   * Locks the task and checks the version the caller saw (as PUT /team and /plan do); returns the version
   * the task will have after this change.
   */
  private static async lockAt(
    repo: InspectionRepository,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<number> {
    const locked = await repo.lock(id);
    if (!locked) throw InspectionErrors.notFound();
    if (expectedVersion !== undefined && locked.version !== expectedVersion)
      throw InspectionErrors.versionConflict();
    return locked.version + 1;
  }

  /**
   * Draws the observer at random and assigns them (replacing a previous observer); the draw is recorded.
   * Returns the draw and the task's new version.
   */
  async draw(
    p: Principal,
    id: string,
    expectedVersion?: number,
  ): Promise<{ view: DrawView; version: number }> {
    const { drawId, version } = await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const t = await this.task(repo, p, id, '抽取观察员');
      const version = await ObserversService.lockAt(repo, id, expectedVersion);
      const pool = await this.poolOf(repo, p, t);
      if (pool.candidates.length === 0) throw InspectionErrors.noCandidates();
      const candidateIds = pool.candidates.map((c) => c.id);
      const seed = randomBytes(SEED_BYTES).toString('hex');
      const index = drawIndex(DRAW_ALGORITHM, seed, candidateIds);
      const picked = pool.candidates[index]!;
      const now = this.ctx.clock.now();
      const did = uuidv7();
      await repo.insertDraw({
        id: did,
        task_id: id,
        algorithm: DRAW_ALGORITHM,
        seed,
        candidate_ids: JSON.stringify(candidateIds),
        candidate_count: candidateIds.length,
        excluded: JSON.stringify(pool.excluded.map((e) => ({ userId: e.person.id, reason: e.reason }))),
        pool_regions: JSON.stringify(pool.poolRegions),
        picked_index: index,
        picked_user_id: picked.id,
        drawn_by: p.userId,
        drawn_at: now,
      });
      await repo.removeObserver(id);
      await repo.insertMember({
        id: uuidv7(),
        task_id: id,
        user_id: picked.id,
        role: 'observer',
        org_id: picked.org_id,
        source: 'draw',
        draw_id: did,
        assigned_by: p.userId,
        assigned_at: now,
      });
      await repo.updateTask(id, { updated_at: now, updated_by: p.userId });
      return { drawId: did, version };
    });
    return { view: await this.drawView(p, id, drawId), version };
  }

  /**
   * Assigns the observer by hand (人工指派): an active person, not on the team, not from the enterprise, no
   * conflict. Returns the task's new version.
   */
  async assign(p: Principal, id: string, userId: string, expectedVersion?: number): Promise<number> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      const t = await this.task(repo, p, id, '指派观察员');
      const version = await ObserversService.lockAt(repo, id, expectedVersion);
      const [person] = await repo.people([userId]);
      if (!person || person.status !== 'active' || person.org_status !== 'active')
        throw InspectionErrors.userInvalid('userId');
      if (person.org_id === t.enterprise_org_id)
        throw InspectionErrors.observerInvalid(`“${person.display_name}”是被核查企业的人员，不能担任观察员`);
      const members = await repo.members(id);
      // 《办法》第十七条第二款: 观察员不是审查组成员
      if (members.some((m) => m.user_id === userId && m.role !== 'observer'))
        throw InspectionErrors.observerInvalid(`“${person.display_name}”是审查组成员，不能同时担任观察员`);
      const decl = (await repo.declarations(id)).filter((d) => d.user_id === userId).pop();
      if (decl?.has_conflict)
        throw InspectionErrors.observerInvalid(`“${person.display_name}”声明存在利害关系，应当回避`);
      const now = this.ctx.clock.now();
      await repo.removeObserver(id);
      await repo.insertMember({
        id: uuidv7(),
        task_id: id,
        user_id: userId,
        role: 'observer',
        org_id: person.org_id,
        source: 'manual',
        draw_id: null,
        assigned_by: p.userId,
        assigned_at: now,
      });
      await repo.updateTask(id, { updated_at: now, updated_by: p.userId });
      return version;
    });
  }

  /** Removes the observer (the draws stay on record). Returns the task's new version. */
  async remove(p: Principal, id: string, expectedVersion?: number): Promise<number> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new InspectionRepository(trx);
      await this.task(repo, p, id, '撤销观察员');
      const version = await ObserversService.lockAt(repo, id, expectedVersion);
      await repo.removeObserver(id);
      await repo.updateTask(id, { updated_at: this.ctx.clock.now(), updated_by: p.userId });
      return version;
    });
  }

  /** Every recorded draw of a task, oldest first. */
  async draws(p: Principal, id: string): Promise<DrawView[]> {
    const repo = new InspectionRepository(this.ctx.db);
    await this.task(repo, p, id);
    const rows = await repo.listDraws(id);
    return Promise.all(rows.map((d) => this.viewOf(repo, d)));
  }

  private async drawView(p: Principal, id: string, drawId: string): Promise<DrawView> {
    const repo = new InspectionRepository(this.ctx.db);
    await this.task(repo, p, id);
    const d = await repo.findDraw(id, drawId);
    if (!d) throw InspectionErrors.drawNotFound();
    return this.viewOf(repo, d);
  }

  private async viewOf(repo: InspectionRepository, d: DrawRow): Promise<DrawView> {
    const candidateIds = parseList<string>(d.candidate_ids);
    const excluded = parseList<{ userId: string; reason: ExclusionReason }>(d.excluded);
    return {
      draw: d,
      candidateIds,
      excluded,
      poolRegions: parseList<string>(d.pool_regions),
      names: await repo.names([...candidateIds, ...excluded.map((e) => e.userId)]),
    };
  }

  /** One recorded draw. */
  async getDraw(p: Principal, id: string, drawId: string): Promise<DrawView> {
    return this.drawView(p, id, drawId);
  }

  /** Recomputes a stored draw from its seed, algorithm and candidate list: it must pick the same person. */
  async replay(p: Principal, id: string, drawId: string): Promise<ReplayResult> {
    const repo = new InspectionRepository(this.ctx.db);
    await this.task(repo, p, id);
    const d = await repo.findDraw(id, drawId);
    if (!d) throw InspectionErrors.drawNotFound();
    if (!SUPPORTED_ALGORITHMS.includes(d.algorithm)) throw InspectionErrors.replayUnsupported(d.algorithm);
    const candidates = parseList<string>(d.candidate_ids);
    const replayedIndex = drawIndex(d.algorithm, d.seed, candidates);
    const replayedUserId = candidates[replayedIndex]!;
    return {
      draw: d,
      replayedIndex,
      replayedUserId,
      matches: replayedIndex === d.picked_index && replayedUserId === d.picked_user_id,
    };
  }
}
