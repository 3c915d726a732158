import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { paginate, type ListQuery } from '../../platform/http/paging.js';
import { likePattern } from '../../platform/db/like.js';
import type {
  ApplicationType,
  CatalogueLevel,
  LicensingCatalogueNodeTable,
  LicensingMaterialRequirementTable,
  LicensingSettingTable,
} from './catalogue.tables.js';

export interface CatalogueFilter {
  level?: CatalogueLevel | undefined;
  parentId?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  keyword?: string | undefined;
  applicable?: boolean | undefined;
}

export interface RequirementFilter {
  catalogueNodeId?: string | null | undefined;
  applicationType?: ApplicationType | undefined;
  /** Contained in the code, the name or the 说明. */
  keyword?: string | undefined;
}

/**
 * The depth of a level (类别 1 → 品种 2 → 产品单元 3): sorting by the level's text would put 'unit' before
 * 'variety'. Selected as level_depth so lists can sort by it.
 */
const LEVEL_DEPTH = sql<number>`(case n.level when 'category' then 1 when 'variety' then 2 else 3 end)`;

const NODE_SORT = {
  sort: 'n.sort',
  code: 'n.code',
  name: 'n.name',
  level: 'level_depth',
  createdAt: 'n.created_at',
  updatedAt: 'n.updated_at',
};

const REQUIREMENT_SORT = {
  sort: 'r.sort',
  code: 'r.code',
  applicationType: 'r.application_type',
  updatedAt: 'r.updated_at',
};

/** The catalogue, material requirements, settings and grounds of 终止办理. The only Kysely user for them. */
export class CatalogueRepository {
  constructor(private readonly db: Database) {}

  private nodes() {
    return this.db
      .selectFrom('licensing_catalogue_node as n')
      .leftJoin('licensing_catalogue_node as p', 'p.id', 'n.parent_id')
      .selectAll('n')
      .select([
        'p.name as parent_name',
        LEVEL_DEPTH.as('level_depth'),
        (eb) =>
          eb
            .selectFrom('licensing_catalogue_node as c')
            .select(sql<string>`count(*)`.as('n'))
            .whereRef('c.parent_id', '=', 'n.id')
            .where('c.status', '=', 'active')
            .as('active_children'),
      ]);
  }

  /** A node may be applied for: a unit, or a variety without active units (licensing.rules isApplicableNode). */
  private static applicableSql = sql<boolean>`(n.level = 'unit' or (n.level = 'variety' and not exists (
    select 1 from licensing_catalogue_node c where c.parent_id = n.id and c.status = 'active')))`;

  list(f: CatalogueFilter, q: ListQuery) {
    let qb = this.nodes();
    if (f.level) qb = qb.where('n.level', '=', f.level);
    if (f.parentId) qb = qb.where('n.parent_id', '=', f.parentId);
    if (f.status) qb = qb.where('n.status', '=', f.status);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) => eb.or([eb('n.name', 'ilike', k), eb('n.code', 'ilike', k)]));
    }
    if (f.applicable !== undefined)
      qb = qb.where(
        f.applicable
          ? CatalogueRepository.applicableSql
          : sql<boolean>`not ${CatalogueRepository.applicableSql}`,
      );
    return paginate(this.db, qb, q, NODE_SORT, 'sort');
  }

  /**
   * Every node, parents before children: by depth (类别, 品种, 产品单元), then sort, then code (the tree is
   * small: tens to a few hundred rows).
   */
  all() {
    return this.nodes().orderBy(LEVEL_DEPTH).orderBy('n.sort').orderBy('n.code').execute();
  }

  find(id: string) {
    return this.nodes().where('n.id', '=', id).executeTakeFirst();
  }

  findByCode(code: string) {
    return this.nodes().where('n.code', '=', code).executeTakeFirst();
  }

  /** The node and its ancestors, from the node up to its category. */
  async chain(id: string) {
    const out: NodeRow[] = [];
    let next: string | null = id;
    for (let depth = 0; next && depth < 4; depth++) {
      const row = await this.find(next);
      if (!row) break;
      out.push(row);
      next = row.parent_id;
    }
    return out;
  }

  async insertNode(row: Insertable<LicensingCatalogueNodeTable>): Promise<void> {
    await this.db.insertInto('licensing_catalogue_node').values(row).execute();
  }

  async updateNode(id: string, patch: Updateable<LicensingCatalogueNodeTable>): Promise<void> {
    await this.db.updateTable('licensing_catalogue_node').set(patch).where('id', '=', id).execute();
  }

  async deleteNode(id: string): Promise<void> {
    await this.db.deleteFrom('licensing_catalogue_node').where('id', '=', id).execute();
  }

  /** What refers to a node: children, applications and material requirements. */
  async usage(id: string): Promise<{ children: number; applications: number; requirements: number }> {
    const count = async (q: Promise<{ n: string } | undefined>) => Number((await q)?.n ?? 0);
    return {
      children: await count(
        this.db
          .selectFrom('licensing_catalogue_node')
          .select(sql<string>`count(*)`.as('n'))
          .where('parent_id', '=', id)
          .executeTakeFirst(),
      ),
      applications: await count(
        this.db
          .selectFrom('licensing_application')
          .select(sql<string>`count(*)`.as('n'))
          .where('product_unit_id', '=', id)
          .executeTakeFirst(),
      ),
      requirements: await count(
        this.db
          .selectFrom('licensing_material_requirement')
          .select(sql<string>`count(*)`.as('n'))
          .where('catalogue_node_id', '=', id)
          .executeTakeFirst(),
      ),
    };
  }

  /** Inserts a seeded node unless its code exists; returns the id either way. */
  async seedNode(
    row: Insertable<LicensingCatalogueNodeTable> & { id: string; code: string },
  ): Promise<string> {
    await this.db
      .insertInto('licensing_catalogue_node')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const r = await this.db
      .selectFrom('licensing_catalogue_node')
      .select('id')
      .where('code', '=', row.code)
      .executeTakeFirstOrThrow();
    return r.id;
  }

  // ------------------------------------------------------------------ material requirements

  private requirements() {
    return this.db
      .selectFrom('licensing_material_requirement as r')
      .leftJoin('licensing_catalogue_node as n', 'n.id', 'r.catalogue_node_id')
      .selectAll('r')
      .select(['n.name as node_name', 'n.level as node_level']);
  }

  listRequirements(f: RequirementFilter, q: ListQuery) {
    let qb = this.requirements();
    if (f.catalogueNodeId === null) qb = qb.where('r.catalogue_node_id', 'is', null);
    else if (f.catalogueNodeId) qb = qb.where('r.catalogue_node_id', '=', f.catalogueNodeId);
    if (f.applicationType) qb = qb.where('r.application_type', '=', f.applicationType);
    if (f.keyword) {
      const k = likePattern(f.keyword);
      qb = qb.where((eb) =>
        eb.or([eb('r.code', 'ilike', k), eb('r.name', 'ilike', k), eb('r.description', 'ilike', k)]),
      );
    }
    return paginate(this.db, qb, q, REQUIREMENT_SORT, 'sort');
  }

  findRequirement(id: string) {
    return this.requirements().where('r.id', '=', id).executeTakeFirst();
  }

  /** Rows of one type for every product (node null) or for the given nodes. */
  requirementsFor(type: string, nodeIds: readonly string[]) {
    return this.db
      .selectFrom('licensing_material_requirement as r')
      .selectAll('r')
      .where('r.application_type', '=', type as ApplicationType)
      .where((eb) =>
        nodeIds.length
          ? eb.or([eb('r.catalogue_node_id', 'is', null), eb('r.catalogue_node_id', 'in', [...nodeIds])])
          : eb('r.catalogue_node_id', 'is', null),
      )
      .execute();
  }

  async insertRequirement(row: Insertable<LicensingMaterialRequirementTable>): Promise<void> {
    await this.db.insertInto('licensing_material_requirement').values(row).execute();
  }

  async updateRequirement(id: string, patch: Updateable<LicensingMaterialRequirementTable>): Promise<void> {
    await this.db.updateTable('licensing_material_requirement').set(patch).where('id', '=', id).execute();
  }

  async deleteRequirement(id: string): Promise<void> {
    await this.db.deleteFrom('licensing_material_requirement').where('id', '=', id).execute();
  }

  /** Inserts a seeded requirement unless one with the same node, type and code exists. */
  async seedRequirement(row: Insertable<LicensingMaterialRequirementTable>): Promise<void> {
    await this.db
      .insertInto('licensing_material_requirement')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  // ------------------------------------------------------------------ settings, grounds

  private settingRows() {
    return this.db
      .selectFrom('licensing_setting as s')
      .leftJoin('app_user as u', 'u.id', 's.updated_by')
      .selectAll('s')
      .select('u.display_name as updated_by_name');
  }

  settings() {
    return this.settingRows().orderBy('s.key').execute();
  }

  findSetting(key: string) {
    return this.settingRows().where('s.key', '=', key).executeTakeFirst();
  }

  async setSetting(key: string, value: string, at: Date, by: string): Promise<void> {
    await this.db
      .updateTable('licensing_setting')
      .set({ value, updated_at: at, updated_by: by })
      .where('key', '=', key)
      .execute();
  }

  /** Inserts a setting with its default; an existing one keeps its value (names and remarks are refreshed). */
  async seedSetting(row: Insertable<LicensingSettingTable>): Promise<void> {
    await this.db
      .insertInto('licensing_setting')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          name: row.name,
          remark: row.remark ?? null,
          value_type: row.value_type,
          source_tag: row.source_tag ?? null,
        }),
      )
      .execute();
  }

  terminationGrounds(activeOnly: boolean) {
    let qb = this.db.selectFrom('licensing_termination_ground').selectAll();
    if (activeOnly) qb = qb.where('active', '=', true);
    return qb.orderBy('sort').execute();
  }

  async seedTerminationGround(row: {
    code: string;
    label: string;
    article: string;
    sort: number;
  }): Promise<void> {
    await this.db
      .insertInto('licensing_termination_ground')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

/** When a setting was last changed, and by whom (null: by the seeder or never). */
export interface SettingStamp {
  updatedAt: Date | string;
  updatedByName: string | null;
}

export type NodeRow = NonNullable<Awaited<ReturnType<CatalogueRepository['find']>>>;
export type RequirementRowFull = NonNullable<Awaited<ReturnType<CatalogueRepository['findRequirement']>>>;
export type SettingRow = NonNullable<Awaited<ReturnType<CatalogueRepository['findSetting']>>>;
export type TerminationGroundRow = Awaited<ReturnType<CatalogueRepository['terminationGrounds']>>[number];
