import type { Timestamp } from '../db/schema.js';

export interface NumberSequenceTable {
  key: string;
  year: number;
  /** bigint: read as a string on both drivers. */
  last_value: string | number;
}

export interface NumberVoidedTable {
  key: string;
  year: number;
  /** bigint: read as a string on both drivers. */
  value: string | number;
  reason: string;
  voided_at: Timestamp;
  voided_by: string | null;
  never_reuse: boolean;
}

/** Tables of the numbering migration. */
export interface NumberingTables {
  number_sequence: NumberSequenceTable;
  number_voided: NumberVoidedTable;
}
