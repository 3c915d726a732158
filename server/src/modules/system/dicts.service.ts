import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { uuidv7 } from '../../platform/ids.js';
import { DictsRepository, type DictItemRow, type DictTypeRow } from './dicts.repository.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';

type Status = 'active' | 'disabled';

export interface DictTypeInput {
  name?: string | undefined;
  status?: Status | undefined;
  remark?: string | null | undefined;
  sort?: number | undefined;
}

export interface DictItemInput {
  value?: string | undefined;
  label?: string | undefined;
  sort?: number | undefined;
  status?: Status | undefined;
  tagColor?: string | null | undefined;
  remark?: string | null | undefined;
}

const clean = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/** 数据字典: types and items; active items of active types are readable by every logged-in user. */
export class DictsService {
  constructor(private readonly ctx: AppContext) {}

  /** Paged list of types. */
  async list(
    p: Principal,
    f: { keyword?: string | undefined; status?: Status | undefined },
    q: ListQuery,
  ): Promise<Page<DictTypeRow>> {
    need(p, 'dict:list');
    return new DictsRepository(this.ctx.db).list(f, q);
  }

  /** One type. */
  async getType(p: Principal, code: string): Promise<DictTypeRow> {
    need(p, 'dict:list');
    const t = await new DictsRepository(this.ctx.db).findType(code);
    if (!t) throw SystemErrors.dictTypeNotFound();
    return t;
  }

  /**
   * Items of a type for forms (any logged-in user): active items of an active type; with includeDisabled,
   * every item (needs dict:list).
   */
  async items(
    p: Principal,
    code: string,
    includeDisabled: boolean,
  ): Promise<{ type: DictTypeRow; items: DictItemRow[] }> {
    if (includeDisabled && !p.permissions.has('dict:list')) throw SystemErrors.includeDisabledForbidden();
    const repo = new DictsRepository(this.ctx.db);
    const type = await repo.findType(code);
    if (!type) throw SystemErrors.dictTypeNotFound();
    if (!includeDisabled && type.status !== 'active') return { type, items: [] };
    return { type, items: await repo.items(code, !includeDisabled) };
  }

  /** Creates a (non built-in) type. */
  async createType(
    p: Principal,
    input: DictTypeInput & { code: string; name: string },
  ): Promise<DictTypeRow> {
    need(p, 'dict:write');
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new DictsRepository(trx);
      if (await repo.findType(input.code)) throw SystemErrors.dictTypeTaken(input.code);
      await repo.insertType({
        code: input.code,
        name: input.name.trim(),
        status: input.status ?? 'active',
        remark: clean(input.remark) ?? null,
        sort: input.sort ?? 100,
        builtin: false,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
      return (await repo.findType(input.code))!;
    });
  }

  /** Edits a type's name, status, remark and order. */
  async updateType(p: Principal, code: string, input: DictTypeInput): Promise<DictTypeRow> {
    need(p, 'dict:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new DictsRepository(trx);
      if (!(await repo.findType(code))) throw SystemErrors.dictTypeNotFound();
      await repo.updateType(code, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.remark !== undefined ? { remark: clean(input.remark) ?? null } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
      return (await repo.findType(code))!;
    });
  }

  /** Deletes a custom type with its items; built-in types are only disabled. */
  async deleteType(p: Principal, code: string): Promise<void> {
    need(p, 'dict:write');
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new DictsRepository(trx);
      const t = await repo.findType(code);
      if (!t) throw SystemErrors.dictTypeNotFound();
      if (t.builtin) throw SystemErrors.dictBuiltin();
      await repo.deleteType(code);
    });
  }

  /** Adds an item; values are unique within the type. */
  async createItem(
    p: Principal,
    code: string,
    input: DictItemInput & { value: string; label: string },
  ): Promise<DictItemRow> {
    need(p, 'dict:write');
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new DictsRepository(trx);
      if (!(await repo.findType(code))) throw SystemErrors.dictTypeNotFound();
      const value = input.value.trim();
      if (await repo.valueTaken(code, value)) throw SystemErrors.dictValueTaken(value);
      const id = uuidv7();
      await repo.insertItem({
        id,
        type_code: code,
        value,
        label: input.label.trim(),
        sort: input.sort ?? 0,
        status: input.status ?? 'active',
        tag_color: clean(input.tagColor) ?? null,
        remark: clean(input.remark) ?? null,
        created_at: now,
        created_by: p.userId,
        updated_at: now,
        updated_by: p.userId,
      });
      return (await repo.findItem(code, id))!;
    });
  }

  /** Edits an item; the value of a built-in dictionary's item is fixed (code relies on it). */
  async updateItem(p: Principal, code: string, id: string, input: DictItemInput): Promise<DictItemRow> {
    need(p, 'dict:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new DictsRepository(trx);
      const type = await repo.findType(code);
      const item = type && (await repo.findItem(code, id));
      if (!item || !type) throw SystemErrors.dictItemNotFound();
      const value = input.value?.trim();
      if (value !== undefined && value !== item.value) {
        if (type.builtin) throw SystemErrors.dictBuiltin();
        if (await repo.valueTaken(code, value, id)) throw SystemErrors.dictValueTaken(value);
      }
      await repo.updateItem(id, {
        ...(value !== undefined ? { value } : {}),
        ...(input.label !== undefined ? { label: input.label.trim() } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.tagColor !== undefined ? { tag_color: clean(input.tagColor) ?? null } : {}),
        ...(input.remark !== undefined ? { remark: clean(input.remark) ?? null } : {}),
        updated_at: this.ctx.clock.now(),
        updated_by: p.userId,
      });
      return (await repo.findItem(code, id))!;
    });
  }

  /** Deletes an item of a custom dictionary. */
  async deleteItem(p: Principal, code: string, id: string): Promise<void> {
    need(p, 'dict:write');
    await this.ctx.db.transaction().execute(async (trx) => {
      const repo = new DictsRepository(trx);
      const type = await repo.findType(code);
      const item = type && (await repo.findItem(code, id));
      if (!item || !type) throw SystemErrors.dictItemNotFound();
      if (type.builtin) throw SystemErrors.dictBuiltin();
      await repo.deleteItem(id);
    });
  }

  /** Values of the active items of a dictionary (for validating fields that take dictionary values). */
  async activeValues(code: string): Promise<Set<string>> {
    const repo = new DictsRepository(this.ctx.db);
    const type = await repo.findType(code);
    if (!type || type.status !== 'active') return new Set();
    return new Set((await repo.items(code, true)).map((i) => i.value));
  }
}
