/**
 * The number of semantic changes between two records, ignored ones excluded. Only rows whose
 * canonical hashes differ get here, but each such diff parses both sides again (with positions),
 * so counts are cached per (rules, baseline record, region record): snapshot records are never
 * mutated, and a matrix recomputed over the same snapshots (a new baseline, a toggled filter)
 * then costs lookups only.
 */
import { diffItems } from '../diff/semantic';
import type { IgnoreRule } from '../ignore';
import type { ItemKind } from '../model';

/** `invalid`: a side did not parse (a broken integration definition), so there is no count. */
export type ChangeCount = number | 'invalid';

const NO_RULES: IgnoreRule[] = [];
const cache = new WeakMap<IgnoreRule[], WeakMap<object, WeakMap<object, ChangeCount>>>();

export function countChanges(kind: ItemKind, id: string, baseline: object, other: object, ignore: IgnoreRule[]): ChangeCount {
  const rulesKey = ignore.length === 0 ? NO_RULES : ignore;
  let byBaseline = cache.get(rulesKey);
  if (!byBaseline) cache.set(rulesKey, (byBaseline = new WeakMap()));
  let byOther = byBaseline.get(baseline);
  if (!byOther) byBaseline.set(baseline, (byOther = new WeakMap()));
  const hit = byOther.get(other);
  if (hit !== undefined) return hit;
  let count: ChangeCount;
  try {
    count = diffItems(kind, id, baseline, other, ignore).summary.total;
  } catch {
    // diffItems throws only when a stored definition does not parse; the cell says so instead.
    count = 'invalid';
  }
  byOther.set(other, count);
  return count;
}
