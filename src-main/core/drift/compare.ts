/**
 * One item in one region against the same item in the baseline, cheapest test first: equal text
 * (integrations) or raw-equal records (raw-equal.ts), then canonical hashes (cached per record
 * object by identity.ts), and only items still unequal are diffed, to count their semantic
 * changes with ignored ones left out (counts cached too, diff-count.ts).
 */
import { canonicalItem } from '../identity';
import type { IgnoreRule } from '../ignore';
import type { ComponentRecord, InstanceRecord, IntegrationRecord, ItemKind } from '../model';
import { countChanges } from './diff-count';
import { rawEqual } from './raw-equal';
import { latestComponentVersion, pinnedBehind, type LatestVersions } from './describe';
import type { DriftCell } from './types';

export function compareItems(
  kind: ItemKind,
  id: string,
  baseline: object,
  other: object,
  ignore: IgnoreRule[],
  otherLatest: LatestVersions,
  /** pinnedBehind(other, otherLatest) when the caller already has it (null: not behind). */
  pinned?: string | null,
): Pick<DriftCell, 'state' | 'changes' | 'notes'> {
  const notes: string[] = [];
  let state = contentState(kind, id, baseline, other, ignore, notes);
  if (kind === 'components' && state.state !== 'same') notes.push(...componentOrder(baseline as ComponentRecord, other as ComponentRecord));
  // Behind its region's latest published version is drift even when the configuration matches:
  // the instance does not run what the region says the integration is.
  if (kind === 'instances' && state.state === 'same' && (pinned === undefined ? pinnedBehind(other as InstanceRecord, otherLatest) : pinned)) state = { state: 'differs' };
  return notes.length > 0 ? { ...state, notes } : state;
}

function contentState(
  kind: ItemKind,
  id: string,
  baseline: object,
  other: object,
  ignore: IgnoreRule[],
  notes: string[],
): Pick<DriftCell, 'state' | 'changes'> {
  if (kind === 'components') {
    // The package signature is the content identity; version numbers are per-region counters.
    const left = latestComponentVersion(baseline as ComponentRecord)?.signature;
    const right = latestComponentVersion(other as ComponentRecord)?.signature;
    if (left !== undefined && left === right) return { state: 'same' };
  }
  if (kind === 'integrations') {
    // Regions usually hold byte-identical exports: equal text is equal content, no parse needed.
    // Unequal texts go straight to the diff: hashing them would parse both texts only for the
    // diff to parse them again, and the diff already says 0 where only component version
    // numbers differ (measured: a diff costs about what two canonical hashes cost).
    if ((baseline as IntegrationRecord).yaml === (other as IntegrationRecord).yaml) return { state: 'same' };
  } else if (rawEqual(kind, baseline, other)) return { state: 'same' };
  else if (canonicalItem(kind, baseline, ignore).hash === canonicalItem(kind, other, ignore).hash) return { state: 'same' };
  const count = countChanges(kind, id, baseline, other, ignore);
  if (count === 'invalid') {
    notes.push('invalid definition');
    return { state: 'differs' };
  }
  // Hashes can differ where the diff sees nothing (a server default spelled out on one side).
  return count === 0 ? { state: 'same' } : { state: 'differs', changes: count };
}

/** Whether the region's component is an older or newer build of the baseline's. */
function componentOrder(baseline: ComponentRecord, other: ComponentRecord): string[] {
  const left = latestComponentVersion(baseline)?.signature;
  const right = latestComponentVersion(other)?.signature;
  if (left === undefined || right === undefined) return [];
  if ((baseline.versions ?? []).some((v) => v.signature === right)) return ['behind baseline'];
  if ((other.versions ?? []).some((v) => v.signature === left)) return ['ahead of baseline'];
  return [];
}
