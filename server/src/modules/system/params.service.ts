import type { Principal } from '../../platform/access/principal.js';
import type { AppContext } from '../../platform/context.js';
import type { ListQuery, Page } from '../../platform/http/paging.js';
import { ParamsRepository, type ParamRow } from './params.repository.js';
import { need } from './system.common.js';
import { SystemErrors } from './system.errors.js';
import { paramValueProblem } from './system.rules.js';

/** 系统参数: typed values; parameters that come from the environment are read-only here. */
export class ParamsService {
  constructor(private readonly ctx: AppContext) {}

  private repo() {
    return new ParamsRepository(this.ctx.db);
  }

  /** Paged list of parameters. */
  async list(p: Principal, keyword: string | undefined, q: ListQuery): Promise<Page<ParamRow>> {
    need(p, 'param:list');
    return this.repo().list(keyword, q);
  }

  /** One parameter. */
  async get(p: Principal, key: string): Promise<ParamRow> {
    need(p, 'param:list');
    const row = await this.repo().find(key);
    if (!row) throw SystemErrors.paramNotFound();
    return row;
  }

  /** Changes an editable parameter after checking the value against its type. */
  async update(p: Principal, key: string, value: string): Promise<ParamRow> {
    need(p, 'param:write');
    return this.ctx.db.transaction().execute(async (trx) => {
      const repo = new ParamsRepository(trx);
      const row = await repo.find(key);
      if (!row) throw SystemErrors.paramNotFound();
      if (!row.editable) throw SystemErrors.paramReadonly();
      const v = row.value_type === 'string' ? value : value.trim();
      const problem = paramValueProblem(key, row.value_type, v);
      if (problem) throw SystemErrors.paramValueInvalid(problem);
      await repo.setValue(key, v, this.ctx.clock.now(), p.userId);
      return (await repo.find(key))!;
    });
  }

  /** An integer parameter for code that reads it; the default when absent or malformed. */
  async intValue(key: string, def: number): Promise<number> {
    const row = await this.repo().find(key);
    if (!row || row.value_type !== 'int' || paramValueProblem(key, 'int', row.value)) return def;
    return Number(row.value);
  }
}
