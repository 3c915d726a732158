import { likePattern } from '../../platform/db/like.js';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import type {
  LicensingChecklistChapterTable,
  LicensingChecklistItemTable,
  LicensingChecklistTemplateTable,
  TemplateStatus,
} from './checklist.templates.tables.js';

export interface TemplateFilter {
  keyword?: string | undefined;
  status?: TemplateStatus | undefined;
  code?: string | undefined;
  varietyId?: string | undefined;
  productUnitId?: string | undefined;
  isExample?: boolean | undefined;
  /** Only the newest version of each code. */
  latestOnly?: boolean | undefined;
}

export type TemplateRow = Selectable<LicensingChecklistTemplateTable> & { published_by_name: string | null };
export type ChapterRow = Selectable<LicensingChecklistChapterTable>;
export type ItemRow = Selectable<LicensingChecklistItemTable>;

/** licensing_checklist_template, _chapter and _item. Templates are province-wide configuration: no data scope. */
export class ChecklistTemplatesRepository {
  constructor(private readonly db: Database) {}

  /** The database (or transaction) this repository works on. */
  get database(): Database {
    return this.db;
  }

  private base() {
    return this.db
      .selectFrom('licensing_checklist_template as t')
      .leftJoin('app_user as pu', 'pu.id', 't.published_by')
      .selectAll('t')
      .select('pu.display_name as published_by_name');
  }

  list(f: TemplateFilter, q: ListQuery) {
    let qb = this.base().select([
      (eb) =>
        eb
          .selectFrom('licensing_checklist_chapter as c')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('c.template_id', '=', 't.id')
          .as('chapter_count'),
      (eb) =>
        eb
          .selectFrom('licensing_checklist_item as i')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('i.template_id', '=', 't.id')
          .as('item_count'),
      (eb) =>
        eb
          .selectFrom('licensing_checklist_item as i')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('i.template_id', '=', 't.id')
          .where('i.veto', '=', true)
          .as('veto_count'),
    ]);
    if (f.keyword)
      qb = qb.where((eb) =>
        eb.or([
          eb('t.name', 'ilike', likePattern(f.keyword!)),
          eb('t.code', 'ilike', likePattern(f.keyword!)),
        ]),
      );
    if (f.status) qb = qb.where('t.status', '=', f.status);
    if (f.code) qb = qb.where('t.code', '=', f.code);
    if (f.varietyId) qb = qb.where('t.variety_id', '=', f.varietyId);
    if (f.productUnitId) qb = qb.where('t.product_unit_id', '=', f.productUnitId);
    if (f.isExample !== undefined) qb = qb.where('t.is_example', '=', f.isExample);
    if (f.latestOnly)
      qb = qb.where(
        't.version',
        '=',
        sql<number>`(select max(t2.version) from licensing_checklist_template t2 where t2.code = t.code)`,
      );
    return paginate(
      this.db,
      qb,
      q,
      {
        code: 't.code',
        name: 't.name',
        version: 't.version',
        status: 't.status',
        updatedAt: 't.updated_at',
        publishedAt: 't.published_at',
        id: 't.id',
      },
      'code,-version',
    );
  }

  findById(id: string): Promise<TemplateRow | undefined> {
    return this.base().where('t.id', '=', id).executeTakeFirst();
  }

  /** The row, locked for the rest of the transaction (edits of one draft are serialised). */
  async lock(id: string): Promise<Selectable<LicensingChecklistTemplateTable> | undefined> {
    return this.db
      .selectFrom('licensing_checklist_template')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  chapters(templateId: string): Promise<ChapterRow[]> {
    return this.db
      .selectFrom('licensing_checklist_chapter')
      .selectAll()
      .where('template_id', '=', templateId)
      .orderBy('seq')
      .orderBy('id')
      .execute();
  }

  items(templateId: string): Promise<ItemRow[]> {
    return this.db
      .selectFrom('licensing_checklist_item')
      .selectAll()
      .where('template_id', '=', templateId)
      .orderBy('seq')
      .orderBy('id')
      .execute();
  }

  findChapter(templateId: string, id: string): Promise<ChapterRow | undefined> {
    return this.db
      .selectFrom('licensing_checklist_chapter')
      .selectAll()
      .where('template_id', '=', templateId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  findItem(templateId: string, id: string): Promise<ItemRow | undefined> {
    return this.db
      .selectFrom('licensing_checklist_item')
      .selectAll()
      .where('template_id', '=', templateId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async itemCodeTaken(templateId: string, code: string, exceptId?: string): Promise<boolean> {
    let q = this.db
      .selectFrom('licensing_checklist_item')
      .select('id')
      .where('template_id', '=', templateId)
      .where('code', '=', code);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async codeExists(code: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('licensing_checklist_template')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    return r !== undefined;
  }

  /** Versions of a code, newest first. */
  versions(code: string) {
    return this.db
      .selectFrom('licensing_checklist_template')
      .select(['id', 'version', 'status'])
      .where('code', '=', code)
      .orderBy('version', 'desc')
      .execute();
  }

  async nextChapterSeq(templateId: string): Promise<number> {
    const r = await this.db
      .selectFrom('licensing_checklist_chapter')
      .select(sql<number>`coalesce(max(seq), 0)`.as('m'))
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  }

  async nextItemSeq(chapterId: string): Promise<number> {
    const r = await this.db
      .selectFrom('licensing_checklist_item')
      .select(sql<number>`coalesce(max(seq), 0)`.as('m'))
      .where('chapter_id', '=', chapterId)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  }

  /** The newest published template bound to a 产品单元, else to a 品种 (plain catalogue references). */
  async publishedFor(
    productUnitId: string,
    varietyId?: string,
  ): Promise<Selectable<LicensingChecklistTemplateTable> | undefined> {
    const byUnit = await this.db
      .selectFrom('licensing_checklist_template')
      .selectAll()
      .where('status', '=', 'published')
      .where('product_unit_id', '=', productUnitId)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (byUnit || !varietyId) return byUnit;
    return this.db
      .selectFrom('licensing_checklist_template')
      .selectAll()
      .where('status', '=', 'published')
      .where('variety_id', '=', varietyId)
      .where('product_unit_id', 'is', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async insert(row: Insertable<LicensingChecklistTemplateTable>): Promise<void> {
    await this.db.insertInto('licensing_checklist_template').values(row).execute();
  }

  async update(id: string, patch: Updateable<LicensingChecklistTemplateTable>): Promise<void> {
    await this.db.updateTable('licensing_checklist_template').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('licensing_checklist_template').where('id', '=', id).execute();
  }

  /** Binds the example template of a code to a 品种 when it is bound to nothing (demo seed only). */
  async bindExampleIfUnbound(code: string, varietyId: string): Promise<void> {
    await this.db
      .updateTable('licensing_checklist_template')
      .set({ variety_id: varietyId })
      .where('code', '=', code)
      .where('is_example', '=', true)
      .where('variety_id', 'is', null)
      .where('product_unit_id', 'is', null)
      .execute();
  }

  /** The published version of a code becomes superseded (a newer one is being published). */
  async supersede(code: string, by: string | null, at: Date): Promise<void> {
    await this.db
      .updateTable('licensing_checklist_template')
      .set({ status: 'superseded', updated_at: at, updated_by: by })
      .where('code', '=', code)
      .where('status', '=', 'published')
      .execute();
  }

  async insertChapters(rows: Insertable<LicensingChecklistChapterTable>[]): Promise<void> {
    if (rows.length) await this.db.insertInto('licensing_checklist_chapter').values(rows).execute();
  }

  async updateChapter(id: string, patch: Updateable<LicensingChecklistChapterTable>): Promise<void> {
    await this.db.updateTable('licensing_checklist_chapter').set(patch).where('id', '=', id).execute();
  }

  async deleteChapter(id: string): Promise<void> {
    await this.db.deleteFrom('licensing_checklist_item').where('chapter_id', '=', id).execute();
    await this.db.deleteFrom('licensing_checklist_chapter').where('id', '=', id).execute();
  }

  async insertItems(rows: Insertable<LicensingChecklistItemTable>[]): Promise<void> {
    // Chunks keep the statement under the bind-parameter limit for long templates.
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insertInto('licensing_checklist_item')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  async updateItem(id: string, patch: Updateable<LicensingChecklistItemTable>): Promise<void> {
    await this.db.updateTable('licensing_checklist_item').set(patch).where('id', '=', id).execute();
  }

  /** Sets the seq of chapters of a template, in one statement per 500 rows. */
  async setChapterOrder(templateId: string, rows: Array<{ id: string; seq: number }>): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const values = sql.join(rows.slice(i, i + 500).map((r) => sql`(${r.id}::uuid, ${r.seq}::integer)`));
      await sql`
        update licensing_checklist_chapter as c set seq = v.seq
        from (values ${values}) as v(id, seq)
        where c.id = v.id and c.template_id = ${templateId}
      `.execute(this.db);
    }
  }

  /** Sets the chapter and seq of items of a template, in one statement per 500 rows. */
  async setItemOrder(
    templateId: string,
    rows: Array<{ id: string; chapterId: string; seq: number }>,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const values = sql.join(
        rows.slice(i, i + 500).map((r) => sql`(${r.id}::uuid, ${r.chapterId}::uuid, ${r.seq}::integer)`),
      );
      await sql`
        update licensing_checklist_item as it set chapter_id = v.chapter_id, seq = v.seq
        from (values ${values}) as v(id, chapter_id, seq)
        where it.id = v.id and it.template_id = ${templateId}
      `.execute(this.db);
    }
  }

  async deleteItem(id: string): Promise<void> {
    await this.db.deleteFrom('licensing_checklist_item').where('id', '=', id).execute();
  }
}

export type TemplateListRow = Awaited<ReturnType<ChecklistTemplatesRepository['list']>>['items'][number];
