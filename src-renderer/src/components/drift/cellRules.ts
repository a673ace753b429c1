/** Which cells open a diff and which can be promoted into: the rules the table and tests share. */
import type { DriftCell, DriftState } from '../../lib/api/types';

// `same` opens too: its diff shows what was ignored or translated (versions), which reviewers ask about.
const OPENABLE: ReadonlySet<DriftState> = new Set(['differs', 'missing', 'extra', 'same']);
const PROMOTABLE: ReadonlySet<DriftState> = new Set(['differs', 'missing']);

/** A stale cell still says what the old snapshots showed; act on that. */
function effectiveState(cell: DriftCell | undefined): DriftState | undefined {
  if (!cell) return undefined;
  return cell.state === 'stale' ? cell.underlying : cell.state;
}

export function opensDiff(cell: DriftCell | undefined, isBaseline: boolean): boolean {
  const state = effectiveState(cell);
  return !isBaseline && state !== undefined && OPENABLE.has(state);
}

/**
 * Promote FROM the baseline TO this region: only where the baseline has something to send, and
 * never into an absence the residency policy expects (the customer lives elsewhere).
 */
export function canPromote(cell: DriftCell | undefined, isBaseline: boolean): boolean {
  const state = effectiveState(cell);
  return !isBaseline && state !== undefined && PROMOTABLE.has(state) && !cell?.expected;
}

/** Shown neutral (grey), not as a problem: the residency policy explains the state. */
export function isExpected(cell: DriftCell | undefined): boolean {
  return cell?.expected === true;
}
