import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { StoredFileTable } from './files.tables.js';

export type StoredFileRow = Selectable<StoredFileTable>;

/** The only Kysely user for stored_file. Pass a transaction as `db` to take part in a module's use case. */
export class FilesRepository {
  constructor(private readonly db: Database) {}

  async insert(row: Insertable<StoredFileTable>): Promise<StoredFileRow> {
    return this.db.insertInto('stored_file').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** A file that has not been deleted. */
  findLive(id: string): Promise<StoredFileRow | undefined> {
    return this.db
      .selectFrom('stored_file')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** Live rows among ids, locked for the rest of the transaction (attach). */
  lockLive(ids: string[]): Promise<StoredFileRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('stored_file')
      .selectAll()
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .execute();
  }

  async setOwner(ids: string[], ownerType: string, ownerId: string, at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('stored_file')
      .set({ owner_type: ownerType, owner_id: ownerId, attached_at: at })
      .where('id', 'in', ids)
      .where('owner_type', 'is', null)
      .execute();
  }

  listByOwner(ownerType: string, ownerId: string): Promise<StoredFileRow[]> {
    return this.db
      .selectFrom('stored_file')
      .selectAll()
      .where('owner_type', '=', ownerType)
      .where('owner_id', '=', ownerId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Soft-deletes an unattached file; false when it was attached or deleted in the meantime. */
  async softDeleteUnattached(id: string, at: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('stored_file')
      .set({ deleted_at: at })
      .where('id', '=', id)
      .where('owner_type', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }
}
