/**
 * Side-by-side rows for the diff view: the two texts aligned line by line (anchors.ts), changed
 * pairs highlighted word by word (words.ts), long unchanged stretches folded into one row, and
 * rows linked to the semantic report's changes so the view can jump between the two.
 */
import type { AlignedRow, DiffReport } from '../diff/types';
import { alignLines, DEFAULT_ALIGN_BUDGET, type AlignBudget } from './anchors';
import { expandCollapsed, type ExpandRange } from './expand';
import { internLines, splitLines } from './lines';
import { ADDED, REMOVED, SAME, type EditScript } from './ops';
import { wordSegments } from './words';

export interface AlignOptions {
  /** Unchanged lines kept on each side of a change; longer unchanged stretches fold. Default 3. */
  context?: number;
  /** Stop after this many rows (the first screens); word highlights are only computed for them. */
  maxRows?: number;
  budget?: AlignBudget;
  /** Left-line ranges to show in full where they would fold (one stretch unfolded on request). */
  expand?: readonly ExpandRange[];
}

export const DEFAULT_CONTEXT = 3;

export function alignSideBySide(leftText: string, rightText: string, report: DiffReport, opts: AlignOptions = {}): AlignedRow[] {
  const context = Math.max(0, opts.context ?? DEFAULT_CONTEXT);
  const maxRows = opts.maxRows ?? Infinity;
  const left = splitLines(leftText);
  const right = splitLines(rightText);
  const ids = internLines(left, right);
  const script = alignLines(ids.left, ids.right, ids.distinct, opts.budget ?? DEFAULT_ALIGN_BUDGET);
  let rows = buildRows(script, left, right, context, maxRows);
  if (opts.expand?.length) rows = expandCollapsed(rows, left, right, opts.expand);
  linkChanges(rows, report);
  return rows;
}

/** Walks the edit script, folding long equal runs and pairing removed/added lines into `changed`. */
function buildRows(script: EditScript, left: string[], right: string[], context: number, maxRows: number): AlignedRow[] {
  const rows: AlignedRow[] = [];
  let li = 0; // next left line (0-based)
  let ri = 0;
  const n = script.kinds.length;
  let k = 0;
  while (k < n && rows.length < maxRows) {
    if (script.kinds[k] === SAME) {
      const count = script.counts[k];
      const keepBefore = k === 0 ? 0 : context; // after the previous change
      const keepAfter = k === n - 1 ? 0 : context; // before the next change
      const hidden = count - keepBefore - keepAfter;
      if (hidden > 0) {
        for (let i = 0; i < keepBefore; i++) pushSame(rows, left, right, li + i, ri + i);
        if (rows.length < maxRows) rows.push({ kind: 'collapsed', leftLine: li + keepBefore + 1, rightLine: ri + keepBefore + 1, hidden });
        for (let i = count - keepAfter; i < count; i++) pushSame(rows, left, right, li + i, ri + i);
      } else {
        for (let i = 0; i < count; i++) pushSame(rows, left, right, li + i, ri + i);
      }
      li += count;
      ri += count;
      k++;
      continue;
    }
    // A hunk: every removed/added run up to the next equal run. Pair removed with added lines in
    // order (that is how a reader lines them up); the surplus stays removed or added.
    let removed = 0;
    let added = 0;
    while (k < n && script.kinds[k] !== SAME) {
      if (script.kinds[k] === REMOVED) removed += script.counts[k];
      else if (script.kinds[k] === ADDED) added += script.counts[k];
      k++;
    }
    const paired = Math.min(removed, added);
    for (let i = 0; i < paired && rows.length < maxRows; i++) {
      const l = left[li + i];
      const r = right[ri + i];
      const segments = wordSegments(l, r);
      rows.push({ kind: 'changed', leftLine: li + i + 1, rightLine: ri + i + 1, left: l, right: r, leftSegments: segments.left, rightSegments: segments.right });
    }
    for (let i = paired; i < removed; i++) rows.push({ kind: 'removed', leftLine: li + i + 1, left: left[li + i] });
    for (let i = paired; i < added; i++) rows.push({ kind: 'added', rightLine: ri + i + 1, right: right[ri + i] });
    li += removed;
    ri += added;
  }
  if (rows.length > maxRows) rows.length = maxRows;
  return rows;
}

function pushSame(rows: AlignedRow[], left: string[], right: string[], l: number, r: number): void {
  rows.push({ kind: 'same', leftLine: l + 1, rightLine: r + 1, left: left[l], right: right[r] });
}

/**
 * A row belongs to the change whose reported line it shows. The report gives one line per change
 * (the key of the node), so the other rows of the same hunk (the rest of an added flow, say)
 * inherit the change of the linked row above them.
 */
function linkChanges(rows: AlignedRow[], report: DiffReport): void {
  const byLeft = new Map<number, number>();
  const byRight = new Map<number, number>();
  report.changes.forEach((change, index) => {
    if (change.leftLine !== undefined && !byLeft.has(change.leftLine)) byLeft.set(change.leftLine, index);
    if (change.rightLine !== undefined && !byRight.has(change.rightLine)) byRight.set(change.rightLine, index);
  });
  if (byLeft.size === 0 && byRight.size === 0) return;
  let inherited: number | undefined;
  for (const row of rows) {
    if (row.kind === 'collapsed') {
      inherited = undefined;
      continue;
    }
    const direct =
      (row.leftLine !== undefined ? byLeft.get(row.leftLine) : undefined) ??
      (row.rightLine !== undefined ? byRight.get(row.rightLine) : undefined);
    if (row.kind === 'same') {
      if (direct !== undefined) row.changeIndex = direct;
      inherited = undefined;
      continue;
    }
    if (direct !== undefined) inherited = direct;
    if (inherited !== undefined) row.changeIndex = inherited;
  }
}
