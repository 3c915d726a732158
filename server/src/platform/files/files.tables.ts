import type { ColumnType } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.js';

/** One upload. `size` is bigint: read as a string on both drivers, written as a number. */
export interface StoredFileTable {
  id: string;
  sha256: string;
  size: ColumnType<string, number | string, never>;
  mime: string;
  ext: string;
  original_name: string;
  owner_type: string | null;
  owner_id: string | null;
  uploaded_by: string;
  uploaded_org_id: string;
  created_at: CreatedAt;
  attached_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

/** Tables of the file service (migration 202611280030-files). */
export interface FileTables {
  stored_file: StoredFileTable;
}
