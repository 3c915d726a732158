import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { DictsService } from './dicts.service.js';
import {
  NoticesRepository,
  type MyNoticeRow,
  type NoticeFilter,
  type NoticeRow,
} from './notices.repository.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';
import { NOTICE_STATUS_LABEL, noticeActionAllowed, type NoticeAction } from './system.rules.js';

export const NOTICE_TYPE_DICT = 'sys_notice_type';

export interface NoticeInput {
  title?: string | undefined;
  content?: string | undefined;
  type?: string | undefined;
  regionCode?: string | null | undefined;
}

const ACTION_LABEL: Record<NoticeAction, string> = {
  edit: '修改',
  publish: '发布',
  withdraw: '撤回',
  delete: '删除',
};

/** 通知公告: drafts, publishing and withdrawal by administrators; reading by every logged-in user. */
export class NoticesService {
  private readonly dicts: DictsService;
  constructor(private readonly ctx: AppContext) {
    this.dicts = new DictsService(ctx);
  }

  /** Paged administration list (data scope on the notice's region). */
  async list(p: Principal, f: NoticeFilter, q: ListQuery): Promise<Page<NoticeRow>> {
    need(p, 'notice:write');
    return new NoticesRepository(this.ctx.db).list(p, f, q);
  }

  /** One notice for administration. */
  async get(p: Principal, id: string): Promise<NoticeRow> {
    need(p, 'notice:write');
    const n = await new NoticesRepository(this.ctx.db).findManaged(p, id);
    if (!n) throw SystemErrors.noticeNotFound();
    return n;
  }

  /** Type from the dictionary; region inside the caller's scope (a province-wide notice needs scope 'all'). */
  private async check(repo: NoticesRepository, p: Principal, input: NoticeInput): Promise<void> {
    if (input.type !== undefined && !(await this.dicts.activeValues(NOTICE_TYPE_DICT)).has(input.type))
      throw SystemErrors.noticeTypeInvalid();
    if (input.regionCode === null && !p.scopes.has('all')) throw SystemErrors.regionInvalid();
    if (input.regionCode && !(await repo.regionInScope(p, input.regionCode)))
      throw SystemErrors.regionInvalid();
  }

  /** Creates a draft. */
  async create(
    p: Principal,
    input: NoticeInput & { title: string; content: string; type: string },
  ): Promise<NoticeRow> {
    need(p, 'notice:write');
    const repo = new NoticesRepository(this.ctx.db);
    const regionCode = input.regionCode ?? null;
    await this.check(repo, p, { ...input, regionCode });
    const now = this.ctx.clock.now();
    const id = uuidv7();
    await repo.insert({
      id,
      title: input.title.trim(),
      content: input.content,
      type: input.type,
      region_code: regionCode,
      created_at: now,
      created_by: p.userId,
      updated_at: now,
      updated_by: p.userId,
    });
    return (await repo.findManaged(p, id))!;
  }

  private async transition(
    p: Principal,
    id: string,
    action: NoticeAction,
    apply: (repo: NoticesRepository, n: NoticeRow) => Promise<void>,
  ): Promise<NoticeRow | undefined> {
    need(p, 'notice:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new NoticesRepository(trx);
      const n = await repo.findManaged(p, id);
      if (!n) throw SystemErrors.noticeNotFound();
      if (!noticeActionAllowed(n.status, action))
        throw SystemErrors.noticeState(NOTICE_STATUS_LABEL[n.status], ACTION_LABEL[action]);
      await apply(repo, n);
      return repo.findManaged(p, id);
    });
  }

  /** Edits a draft or withdrawn notice (a published one is withdrawn first). */
  async update(p: Principal, id: string, input: NoticeInput): Promise<NoticeRow> {
    need(p, 'notice:write');
    await this.check(new NoticesRepository(this.ctx.db), p, input);
    return (await this.transition(p, id, 'edit', (repo) =>
      repo.update(id, {
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.content !== undefined ? { content: input.content } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      }),
    ))!;
  }

  /** Publishes a draft or republishes a withdrawn notice. */
  async publish(p: Principal, id: string): Promise<NoticeRow> {
    const now = this.ctx.clock.now();
    return (await this.transition(p, id, 'publish', (repo) =>
      repo.update(id, {
        status: 'published',
        published_at: now,
        published_by: p.userId,
        withdrawn_at: null,
        withdrawn_by: null,
        updated_at: now,
        updated_by: p.userId,
      }),
    ))!;
  }

  /** Withdraws a published notice. */
  async withdraw(p: Principal, id: string): Promise<NoticeRow> {
    const now = this.ctx.clock.now();
    return (await this.transition(p, id, 'withdraw', (repo) =>
      repo.update(id, {
        status: 'withdrawn',
        withdrawn_at: now,
        withdrawn_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      }),
    ))!;
  }

  /** Deletes a draft that was never published. */
  async delete(p: Principal, id: string): Promise<void> {
    await this.transition(p, id, 'delete', (repo) => repo.delete(id));
  }

  /** Published notices addressed to the caller, newest first, with read flags. */
  async mine(
    p: Principal,
    unreadOnly: boolean,
    q: ListQuery,
  ): Promise<Page<MyNoticeRow> & { unread: number }> {
    const repo = new NoticesRepository(this.ctx.db);
    const page = await repo.mine(p.userId, p.orgRegionCode, unreadOnly, q);
    return { ...page, unread: await repo.unreadCount(p.userId, p.orgRegionCode) };
  }

  /** Marks a notice addressed to the caller as read (idempotent). */
  async markRead(p: Principal, id: string): Promise<void> {
    const repo = new NoticesRepository(this.ctx.db);
    if (!(await repo.isAddressedTo(id, p.userId, p.orgRegionCode))) throw SystemErrors.noticeNotFound();
    await repo.markRead(id, p.userId, this.ctx.clock.now());
  }
}
