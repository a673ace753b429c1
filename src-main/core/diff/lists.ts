/**
 * How two lists line up, before the walker looks inside items.
 * Keyed lists (items with an identity, see normalize/list-identity.ts) pair items by identity;
 * an item whose position changed relative to the others is one `moved` change — the fewest
 * moves that explain the new order (the items outside a longest increasing subsequence).
 * Unkeyed lists pair items by content with jsdiff's diffArrays under an edit budget, so a huge
 * rewritten list degrades to position-by-position instead of taking Myers' O(N·D) time.
 */
import { diffArrays } from 'diff';
import { canonicalJson } from '../hash';

export interface KeyedAlignment {
  /** Pairs of (left index, right index), in left order. */
  pairs: Array<[number, number]>;
  /** Indices into `pairs` of the pairs that moved. */
  moved: Set<number>;
  removed: number[];
  added: number[];
}

export function alignKeyed(leftKeys: readonly string[], rightKeys: readonly string[]): KeyedAlignment {
  const rightIndex = new Map<string, number>();
  for (let j = 0; j < rightKeys.length; j++) rightIndex.set(rightKeys[j], j);
  const pairs: Array<[number, number]> = [];
  const removed: number[] = [];
  const matchedRight = new Uint8Array(rightKeys.length);
  for (let i = 0; i < leftKeys.length; i++) {
    const j = rightIndex.get(leftKeys[i]);
    if (j === undefined) removed.push(i);
    else {
      pairs.push([i, j]);
      matchedRight[j] = 1;
    }
  }
  const added: number[] = [];
  for (let j = 0; j < rightKeys.length; j++) if (!matchedRight[j]) added.push(j);
  const stay = longestIncreasing(pairs.map((p) => p[1]));
  const moved = new Set<number>();
  for (let k = 0; k < pairs.length; k++) if (!stay.has(k)) moved.add(k);
  return { pairs, moved, removed, added };
}

/** Indices of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tailIdx: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    let lo = 0;
    let hi = tailIdx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tailIdx[mid]] < seq[k]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tailIdx[lo - 1];
    tailIdx[lo] = k;
  }
  const out = new Set<number>();
  for (let k = tailIdx.length ? tailIdx[tailIdx.length - 1] : -1; k !== -1; k = prev[k]) out.add(k);
  return out;
}

export type UnkeyedOp =
  | { op: 'same'; left: number; right: number }
  | { op: 'pair'; left: number; right: number } // different content at matching places: look inside
  | { op: 'moved'; left: number; right: number }
  | { op: 'removed'; left: number }
  | { op: 'added'; right: number };

/** Edits beyond this make diffArrays give up; the lists are then compared position by position. */
const MAX_EDIT_LENGTH = 2000;

function contentKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`;
  return canonicalJson(v);
}

export function alignUnkeyed(left: readonly unknown[], right: readonly unknown[]): UnkeyedOp[] {
  const lk = left.map(contentKey);
  const rk = right.map(contentKey);
  const parts = diffArrays(lk, rk, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return byPosition(left.length, right.length);

  const ops: UnkeyedOp[] = [];
  // Runs of removed/added between unchanged stretches; paired positionally when they line up.
  let li = 0;
  let ri = 0;
  let runRemoved: number[] = [];
  let runAdded: number[] = [];
  const pendingRemoved: number[] = [];
  const pendingAdded: number[] = [];
  const flush = () => {
    const n = Math.min(runRemoved.length, runAdded.length);
    for (let k = 0; k < n; k++) ops.push({ op: 'pair', left: runRemoved[k], right: runAdded[k] });
    pendingRemoved.push(...runRemoved.slice(n));
    pendingAdded.push(...runAdded.slice(n));
    runRemoved = [];
    runAdded = [];
  };
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (part.removed) for (let k = 0; k < count; k++) runRemoved.push(li++);
    else if (part.added) for (let k = 0; k < count; k++) runAdded.push(ri++);
    else {
      flush();
      for (let k = 0; k < count; k++) ops.push({ op: 'same', left: li++, right: ri++ });
    }
  }
  flush();

  // An item removed here and added unchanged there moved; the rest were removed or added.
  const addedByKey = new Map<string, number[]>();
  for (const j of pendingAdded) {
    const list = addedByKey.get(rk[j]);
    if (list) list.push(j);
    else addedByKey.set(rk[j], [j]);
  }
  for (const i of pendingRemoved) {
    const j = addedByKey.get(lk[i])?.shift();
    if (j !== undefined) ops.push({ op: 'moved', left: i, right: j });
    else ops.push({ op: 'removed', left: i });
  }
  for (const list of addedByKey.values()) for (const j of list) ops.push({ op: 'added', right: j });
  return ops;
}

function byPosition(n: number, m: number): UnkeyedOp[] {
  const ops: UnkeyedOp[] = [];
  for (let k = 0; k < Math.min(n, m); k++) ops.push({ op: 'pair', left: k, right: k });
  for (let k = m; k < n; k++) ops.push({ op: 'removed', left: k });
  for (let k = n; k < m; k++) ops.push({ op: 'added', right: k });
  return ops;
}
