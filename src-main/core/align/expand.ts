/**
 * Unfolding collapsed stretches on request. A "Show more context" on one fold must show that whole
 * stretch, however long (a global context number would have to grow to the stretch's length and
 * unfold every other stretch too). A request names left lines; every collapsed row they overlap
 * gives up those lines as `same` rows, and what is left of it stays folded, before and after.
 */
import type { AlignedRow } from '../diff/types';

/** Left lines `leftLine … leftLine + count - 1` (1-based) to show even where they would fold. */
export interface ExpandRange {
  leftLine: number;
  count: number;
}

/** `left` / `right`: the two texts' lines (splitLines), which the rows number from 1. */
export function expandCollapsed(rows: AlignedRow[], left: readonly string[], right: readonly string[], ranges: readonly ExpandRange[]): AlignedRow[] {
  const wanted = mergeRanges(ranges);
  if (wanted.length === 0 || !rows.some((r) => r.kind === 'collapsed')) return rows;
  const out: AlignedRow[] = [];
  for (const row of rows) {
    if (row.kind !== 'collapsed' || row.leftLine === undefined || row.rightLine === undefined || !row.hidden) {
      out.push(row);
      continue;
    }
    // A fold stands for equal lines: left L… and right R… advance together.
    const first = row.leftLine;
    const last = first + row.hidden - 1;
    const offset = row.rightLine - row.leftLine;
    let next = first; // first left line of this fold not yet emitted
    const fold = (upTo: number) => {
      if (upTo >= next) out.push({ kind: 'collapsed', leftLine: next, rightLine: next + offset, hidden: upTo - next + 1 });
    };
    for (const range of wanted) {
      const from = Math.max(range.from, first);
      const to = Math.min(range.to, last);
      if (from > to) continue;
      fold(from - 1);
      for (let l = from; l <= to; l++) out.push({ kind: 'same', leftLine: l, rightLine: l + offset, left: left[l - 1], right: right[l + offset - 1] });
      next = to + 1;
    }
    fold(last);
  }
  return out;
}

/** Sorted, non-overlapping inclusive ranges. */
function mergeRanges(ranges: readonly ExpandRange[]): { from: number; to: number }[] {
  const sorted = ranges
    .filter((r) => Number.isInteger(r.leftLine) && Number.isInteger(r.count) && r.count > 0 && r.leftLine > 0)
    .map((r) => ({ from: r.leftLine, to: r.leftLine + r.count - 1 }))
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const r of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && r.from <= prev.to + 1) prev.to = Math.max(prev.to, r.to);
    else merged.push({ ...r });
  }
  return merged;
}
