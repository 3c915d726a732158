import { createHash } from 'node:crypto';

/**
 * Pure rules of the observer draw (seed 行政许可 3) 指派观察员: 由市局管理员从辖区随机选择). A draw is stored as
 * (algorithm, seed, candidate list); anyone can recompute the pick from that record, so the draw can be audited
 * and replayed. No I/O beyond hashing.
 *
 * The duties of an observer in Shaanxi are 待需求方提供 (《办法》第十七条第二款 only says one may be sent).
 */

/** The algorithm name stored with each draw; a new algorithm gets a new name, old draws keep theirs. */
export const DRAW_ALGORITHM = 'sha256-mod/v1';

export const SUPPORTED_ALGORITHMS: readonly string[] = [DRAW_ALGORITHM];

/** Seed length in bytes (hex-encoded in the record). */
export const SEED_BYTES = 32;

/** The stable order candidates are stored and drawn in: unique ids, ascending. */
export function orderCandidates(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/**
 * The index drawn from `candidates` (already in stable order) with a hex seed: SHA-256 over
 * `<algorithm>|<seed>|<id,id,…>` read as a 256-bit number, modulo the count (the bias of 2^256 mod n is
 * negligible). Throws on an empty list, an unknown algorithm or a malformed seed.
 */
export function drawIndex(algorithm: string, seedHex: string, candidates: readonly string[]): number {
  if (algorithm !== DRAW_ALGORITHM) throw new Error(`unknown draw algorithm: ${algorithm}`);
  if (!/^[0-9a-f]{2,128}$/.test(seedHex) || seedHex.length % 2 !== 0)
    throw new Error('draw seed must be lower-case hex');
  if (candidates.length === 0) throw new Error('no candidates to draw from');
  const digest = createHash('sha256')
    .update(`${algorithm}|${seedHex}|${candidates.join(',')}`, 'utf8')
    .digest('hex');
  return Number(BigInt(`0x${digest}`) % BigInt(candidates.length));
}

/** Why a person is left out of the draw. */
export type ExclusionReason = 'team' | 'conflict' | 'current_observer';

export const EXCLUSION_LABEL: Record<ExclusionReason, string> = {
  team: '审查组成员',
  conflict: '声明存在利害关系',
  current_observer: '现任观察员',
};

/** The people left in the pool after exclusions, in stable order, and who was left out and why. */
export function drawPool(
  staff: Iterable<string>,
  exclusions: ReadonlyMap<string, ExclusionReason>,
): { candidates: string[]; excluded: Array<{ userId: string; reason: ExclusionReason }> } {
  const all = orderCandidates(staff);
  const candidates: string[] = [];
  const excluded: Array<{ userId: string; reason: ExclusionReason }> = [];
  for (const id of all) {
    const reason = exclusions.get(id);
    if (reason) excluded.push({ userId: id, reason });
    else candidates.push(id);
  }
  return { candidates, excluded };
}
