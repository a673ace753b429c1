/**
 * Line alignment that stays fast on big, heavily edited files. jsdiff's whole-file Myers diff is
 * O((N+M)·D): on a 50k-line pair with 20% changed lines it takes 46 s (baselines.md). Patience
 * diff's observation fixes that: lines that occur exactly once on each side and keep their order
 * are almost always the same line, so they can be fixed first as anchors; what is left are small
 * gaps between anchors, and only those go to Myers (jsdiff), each under an edit-length and time
 * budget. A gap that blows the budget is paired up in order, which is what a reader would do too.
 */
import { diffArrays } from 'diff';
import { ADDED, EditScript, REMOVED, SAME } from './ops';

export interface AlignBudget {
  /**
   * Largest edit distance Myers may explore inside one gap before giving up (cost is bounded by
   * gap length × this). Deliberately no wall-clock timeout: a timeout makes the same pair of
   * texts align differently on a busy machine, and a reviewer must see the same diff every time.
   */
  maxEditLength: number;
}

export const DEFAULT_ALIGN_BUDGET: AlignBudget = { maxEditLength: 400 };

const NOTHING_SHARED: Array<[number, number]> = [];

type Task = { same: number } | { aLo: number; aHi: number; bLo: number; bHi: number };

/** Scratch tables indexed by line id, reused across gaps via a generation stamp. */
class UniqueTables {
  readonly stamp: Int32Array;
  readonly countA: Int32Array;
  readonly countB: Int32Array;
  readonly posB: Int32Array;
  generation = 0;
  constructor(distinct: number) {
    this.stamp = new Int32Array(distinct);
    this.countA = new Int32Array(distinct);
    this.countB = new Int32Array(distinct);
    this.posB = new Int32Array(distinct);
  }
}

export function alignLines(a: Int32Array, b: Int32Array, distinct: number, budget: AlignBudget = DEFAULT_ALIGN_BUDGET): EditScript {
  const script = new EditScript();
  const tables = new UniqueTables(distinct);
  // An explicit stack instead of recursion: a file where every level finds one anchor would
  // otherwise recurse once per line.
  const stack: Task[] = [{ aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('same' in task) {
      script.push(SAME, task.same);
      continue;
    }
    let { aLo, aHi, bLo, bHi } = task;
    let prefix = 0;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
      prefix++;
    }
    let suffix = 0;
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      suffix++;
    }
    script.push(SAME, prefix);
    if (suffix > 0) stack.push({ same: suffix });
    if (aLo === aHi || bLo === bHi) {
      script.push(REMOVED, aHi - aLo);
      script.push(ADDED, bHi - bLo);
      continue;
    }
    const anchors = uniqueAnchors(a, aLo, aHi, b, bLo, bHi, tables);
    if (anchors === NOTHING_SHARED) {
      // The common case of an edited value: no line of the gap survives, so there is nothing for
      // Myers to find.
      script.push(REMOVED, aHi - aLo);
      script.push(ADDED, bHi - bLo);
      continue;
    }
    if (anchors.length === 0) {
      diffGap(a, aLo, aHi, b, bLo, bHi, budget, script);
      continue;
    }
    // Pushed in reverse so the stack pops them in file order: gap, anchor, gap, anchor, …, gap.
    let nextA = aHi;
    let nextB = bHi;
    for (let k = anchors.length - 1; k >= 0; k--) {
      const [ai, bi] = anchors[k];
      stack.push({ aLo: ai + 1, aHi: nextA, bLo: bi + 1, bHi: nextB });
      stack.push({ same: 1 });
      nextA = ai;
      nextB = bi;
    }
    stack.push({ aLo, aHi: nextA, bLo, bHi: nextB });
  }
  return script;
}

/**
 * Lines unique on both sides of the range, reduced to the longest run that keeps their order;
 * NOTHING_SHARED when the two sides have no line in common at all.
 */
function uniqueAnchors(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  t: UniqueTables,
): Array<[number, number]> {
  const gen = ++t.generation;
  for (let i = aLo; i < aHi; i++) {
    const id = a[i];
    if (t.stamp[id] !== gen) {
      t.stamp[id] = gen;
      t.countA[id] = 0;
      t.countB[id] = 0;
    }
    t.countA[id]++;
  }
  let shared = 0;
  for (let j = bLo; j < bHi; j++) {
    const id = b[j];
    if (t.stamp[id] !== gen) continue; // not on the left: never an anchor
    shared++;
    t.countB[id]++;
    t.posB[id] = j;
  }
  if (shared === 0) return NOTHING_SHARED;
  const candA: number[] = [];
  const candB: number[] = [];
  for (let i = aLo; i < aHi; i++) {
    const id = a[i];
    if (t.countA[id] === 1 && t.countB[id] === 1) {
      candA.push(i);
      candB.push(t.posB[id]);
    }
  }
  return longestIncreasing(candA, candB);
}

/** Patience sorting: the longest subsequence of candidates whose right positions increase. */
function longestIncreasing(candA: number[], candB: number[]): Array<[number, number]> {
  const n = candB.length;
  if (n === 0) return [];
  const tails: number[] = []; // index of the candidate ending the best run of each length
  const prev = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = candB[k];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (candB[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    prev[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const out: Array<[number, number]> = new Array(tails.length);
  let k = tails[tails.length - 1];
  for (let i = tails.length - 1; i >= 0; i--) {
    out[i] = [candA[k], candB[k]];
    k = prev[k];
  }
  return out;
}

/**
 * Myers (jsdiff) on one gap, within budget; past the budget, pair the lines up in order. When
 * pairing in order keeps as many equal lines as Myers found (values edited in place, the usual
 * YAML change), the in-order pairing wins: Myers may otherwise match a repeated line such as
 * `required: true` one item further down and show a whole item as removed and re-added.
 */
function diffGap(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  budget: AlignBudget,
  script: EditScript,
): void {
  const left = Array.from(a.subarray(aLo, aHi));
  const right = Array.from(b.subarray(bLo, bHi));
  const parts = diffArrays(left, right, { maxEditLength: budget.maxEditLength });
  if (parts === undefined || (left.length === right.length && inOrderMatches(left, right) >= matchedBy(parts))) {
    pairInOrder(left, right, script);
    return;
  }
  for (const part of parts) script.push(part.removed ? REMOVED : part.added ? ADDED : SAME, part.count);
}

function matchedBy(parts: ReadonlyArray<{ added: boolean; removed: boolean; count: number }>): number {
  let n = 0;
  for (const part of parts) if (!part.added && !part.removed) n += part.count;
  return n;
}

function inOrderMatches(left: number[], right: number[]): number {
  let n = 0;
  const len = Math.min(left.length, right.length);
  for (let i = 0; i < len; i++) if (left[i] === right[i]) n++;
  return n;
}

/** Line i with line i; equal pairs stay equal, the rest become removed + added (shown as changed). */
function pairInOrder(left: number[], right: number[], script: EditScript): void {
  const len = Math.min(left.length, right.length);
  for (let i = 0; i < len; i++) {
    if (left[i] === right[i]) script.push(SAME, 1);
    else {
      script.push(REMOVED, 1);
      script.push(ADDED, 1);
    }
  }
  script.push(REMOVED, left.length - len);
  script.push(ADDED, right.length - len);
}

export { SAME, REMOVED, ADDED };
