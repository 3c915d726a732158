import type { Principal } from '../access/principal.js';
import type { AppContext } from '../context.js';

/**
 * Decides whether a user may read the files attached to one record of a module. It must apply the same
 * data scope as reading the record itself (DESIGN.md §6, §9).
 */
export type FileOwnerReadCheck = (ctx: AppContext, principal: Principal, ownerId: string) => Promise<boolean>;

const OWNER_TYPE_RE = /^[a-z][a-z0-9_.-]{1,47}$/;
const owners = new Map<string, FileOwnerReadCheck>();

/**
 * Registers the record type files can be attached to (e.g. 'licensing.application') and its read check.
 * Call it at module load (top level of the module's service file), so HTTP and worker processes agree.
 */
export function registerFileOwner(ownerType: string, canRead: FileOwnerReadCheck): void {
  if (!OWNER_TYPE_RE.test(ownerType)) throw new Error(`invalid file owner type: ${ownerType}`);
  const existing = owners.get(ownerType);
  if (existing && existing !== canRead) throw new Error(`file owner type already registered: ${ownerType}`);
  owners.set(ownerType, canRead);
}

/** The read check of an owner type, or undefined when no module registered it. */
export function fileOwnerCheck(ownerType: string): FileOwnerReadCheck | undefined {
  return owners.get(ownerType);
}

/** Owner types registered so far (diagnostics). */
export function registeredFileOwnerTypes(): string[] {
  return [...owners.keys()].sort();
}
