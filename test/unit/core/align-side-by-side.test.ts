import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeLines, EMPTY_REPORT, generateDefinition } from '../../../bench/align.bench';
import { alignSideBySide } from '../../../src-main/core/align/side-by-side';
import { splitLines } from '../../../src-main/core/align/lines';
import { wordSegments } from '../../../src-main/core/align/words';
import type { AlignedRow, DiffReport } from '../../../src-main/core/diff/types';
import { diffYaml } from '../../../src-main/core/diff/semantic';
import { mustParse, readFixture } from './diff-fixtures.helper';

/**
 * The invariants every alignment must keep: each left and right line appears exactly once and in
 * order (a collapsed row standing for `hidden` equal lines on both sides), `same` rows and folded
 * lines are really equal, and word segments spell out their line.
 */
function checkRows(left: string, right: string, rows: AlignedRow[]): void {
  // Plain checks with one failure message: the 50k-line case walks 100k lines, too many for
  // one expect() each.
  const l = splitLines(left);
  const r = splitLines(right);
  let li = 0;
  let ri = 0;
  const bad = (row: AlignedRow, why: string): never => {
    throw new Error(`${why} at ${JSON.stringify(row)} (next left ${li + 1}, next right ${ri + 1})`);
  };
  for (const row of rows) {
    if (row.kind === 'collapsed') {
      if (!(row.hidden! > 0)) bad(row, 'empty fold');
      if (row.leftLine !== li + 1 || row.rightLine !== ri + 1) bad(row, 'fold out of order');
      for (let k = 0; k < row.hidden!; k++) if (l[li + k] !== r[ri + k]) bad(row, `folded lines differ (+${k})`);
      li += row.hidden!;
      ri += row.hidden!;
      continue;
    }
    if (row.leftLine !== undefined) {
      if (row.leftLine !== li + 1 || row.left !== l[li]) bad(row, 'left line out of order');
      li++;
    } else if (row.kind !== 'added') bad(row, 'no left line');
    if (row.rightLine !== undefined) {
      if (row.rightLine !== ri + 1 || row.right !== r[ri]) bad(row, 'right line out of order');
      ri++;
    } else if (row.kind !== 'removed') bad(row, 'no right line');
    if (row.kind === 'same' && row.left !== row.right) bad(row, 'same row differs');
    if (row.kind === 'changed') {
      if (row.left === row.right) bad(row, 'changed row is equal');
      if (row.leftSegments!.map((s) => s.text).join('') !== row.left) bad(row, 'left segments');
      if (row.rightSegments!.map((s) => s.text).join('') !== row.right) bad(row, 'right segments');
    } else if (row.leftSegments !== undefined || row.rightSegments !== undefined) bad(row, 'segments outside a changed row');
  }
  expect(li).toBe(l.length);
  expect(ri).toBe(r.length);
}

const kinds = (rows: AlignedRow[]) => rows.map((r) => r.kind);

describe('alignSideBySide', () => {
  it('pairs an edited value as one changed row with a word highlight', () => {
    const left = 'name: Orders\nurl: https://api.example.com/v1\nmethod: POST\n';
    const right = 'name: Orders\nurl: https://api.example.com/v2\nmethod: POST\n';
    const rows = alignSideBySide(left, right, EMPTY_REPORT);
    checkRows(left, right, rows);
    expect(kinds(rows)).toEqual(['same', 'changed', 'same']);
    expect(rows[1].leftSegments).toEqual([
      { text: 'url: https://api.example.com/', changed: false },
      { text: 'v1', changed: true },
    ]);
    expect(rows[1].rightSegments?.find((s) => s.changed)?.text).toBe('v2');
  });

  it('shows inserted and deleted lines as added and removed, keeping moved anchors', () => {
    const left = ['a: 1', 'b: 2', 'c: 3', 'd: 4'].join('\n');
    const right = ['a: 1', 'x: 9', 'b: 2', 'd: 4'].join('\n');
    const rows = alignSideBySide(left, right, EMPTY_REPORT);
    checkRows(left, right, rows);
    expect(kinds(rows)).toEqual(['same', 'added', 'same', 'removed', 'same']);
  });

  it('folds unchanged stretches longer than 2×context and counts what they hide', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `key${i}: value${i}`);
    const edited = [...lines];
    edited[20] = 'key20: changed';
    const rows = alignSideBySide(lines.join('\n'), edited.join('\n'), EMPTY_REPORT, { context: 3 });
    checkRows(lines.join('\n'), edited.join('\n'), rows);
    // 20 equal lines before: 3 kept next to the change, 17 folded; 19 after: 3 kept, 16 folded.
    expect(kinds(rows)).toEqual(['collapsed', 'same', 'same', 'same', 'changed', 'same', 'same', 'same', 'collapsed']);
    expect(rows[0].hidden).toBe(17);
    expect(rows[8].hidden).toBe(16);
    // Two changes 6 lines apart (= 2×context) stay unfolded between them; 7 apart fold one line.
    const near = [...lines];
    near[10] = 'key10: x';
    near[17] = 'key17: x';
    const nearRows = alignSideBySide(lines.join('\n'), near.join('\n'), EMPTY_REPORT, { context: 3 });
    checkRows(lines.join('\n'), near.join('\n'), nearRows);
    expect(nearRows.filter((r) => r.kind === 'collapsed').map((r) => r.hidden)).toEqual([7, 19]);
  });

  it('unfolds exactly the requested stretch, however long, and keeps the rest folded', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `key${i}: value${i}`);
    const edited = [...lines];
    edited.splice(200, 1, 'key200: changed', 'inserted: line');
    const [l, r] = [lines.join('\n'), edited.join('\n')];
    const folded = alignSideBySide(l, r, EMPTY_REPORT, { context: 3 });
    const [before, after] = folded.filter((row) => row.kind === 'collapsed');
    expect(before.hidden).toBe(197);
    // The whole fold after the change (right lines shifted by one): every hidden line comes back.
    const whole = alignSideBySide(l, r, EMPTY_REPORT, { context: 3, expand: [{ leftLine: after.leftLine!, count: after.hidden! }] });
    checkRows(l, r, whole);
    expect(whole.filter((row) => row.kind === 'collapsed')).toEqual([before]);
    expect(whole.length).toBe(folded.length - 1 + after.hidden!);
    expect(whole.at(-1)).toMatchObject({ kind: 'same', leftLine: 400, rightLine: 401, left: 'key399: value399', right: 'key399: value399' });
    // A part from the middle of a fold leaves two folds around it.
    const middle = alignSideBySide(l, r, EMPTY_REPORT, { context: 3, expand: [{ leftLine: 50, count: 10 }] });
    checkRows(l, r, middle);
    expect(middle.filter((row) => row.kind === 'collapsed').map((row) => [row.leftLine, row.hidden])).toEqual([[1, 49], [60, 138], [after.leftLine, after.hidden]]);
    // Ranges outside any fold change nothing.
    expect(alignSideBySide(l, r, EMPTY_REPORT, { context: 3, expand: [{ leftLine: 199, count: 3 }] })).toEqual(folded);
  });

  it('folds identical texts into one row and gives no rows for two empty texts', () => {
    const text = 'a: 1\nb: 2\nc: 3\n';
    expect(alignSideBySide(text, text, EMPTY_REPORT)).toEqual([{ kind: 'collapsed', leftLine: 1, rightLine: 1, hidden: 3 }]);
    expect(alignSideBySide('', '', EMPTY_REPORT)).toEqual([]);
    const rows = alignSideBySide('', text, EMPTY_REPORT);
    checkRows('', text, rows);
    expect(kinds(rows)).toEqual(['added', 'added', 'added']);
  });

  it('treats CRLF and LF exports as the same lines', () => {
    const rows = alignSideBySide('a: 1\r\nb: 2\r\n', 'a: 1\nb: 2\n', EMPTY_REPORT);
    expect(rows).toEqual([{ kind: 'collapsed', leftLine: 1, rightLine: 1, hidden: 2 }]);
  });

  it('stops at maxRows', () => {
    const left = generateDefinition(2000, 5);
    const right = changeLines(left, 20, 6).text;
    const all = alignSideBySide(left, right, EMPTY_REPORT);
    const first = alignSideBySide(left, right, EMPTY_REPORT, { maxRows: 50 });
    expect(first).toHaveLength(50);
    expect(first).toEqual(all.slice(0, 50));
  });

  it('links rows to the semantic report on a real integration', () => {
    const leftText = readFixture('01-sample-integration.yml');
    const rightText = leftText.replace('value: "POST"', 'value: "PUT"').replace('maxAttempts: 3', 'maxAttempts: 5');
    const report = diffYaml(mustParse(leftText), mustParse(rightText), { kind: 'integrations', name: 'Sample' });
    expect(report.summary.total).toBe(2);
    const rows = alignSideBySide(leftText, rightText, report);
    checkRows(leftText, rightText, rows);
    const changed = rows.filter((r) => r.kind === 'changed');
    expect(changed).toHaveLength(2);
    for (const row of changed) {
      expect(row.changeIndex).toBeDefined();
      const change = report.changes[row.changeIndex!];
      expect(row.left).toContain(String(change.left));
      expect(row.right).toContain(String(change.right));
    }
  });

  it('lets following rows of an added block inherit the block’s change', () => {
    const left = 'flows:\n  - name: A\n    x: 1\n';
    const right = 'flows:\n  - name: A\n    x: 1\n  - name: B\n    x: 2\n    y: 3\n';
    const report: DiffReport = {
      ...EMPTY_REPORT,
      changes: [{ kind: 'added', path: 'flows[B]', segments: [], rightLine: 4 }],
    };
    const rows = alignSideBySide(left, right, report);
    checkRows(left, right, rows);
    expect(rows.filter((r) => r.kind === 'added').map((r) => r.changeIndex)).toEqual([0, 0, 0]);
    expect(rows.filter((r) => r.kind === 'same').every((r) => r.changeIndex === undefined)).toBe(true);
  });

  it('keeps every line exactly once in order under random edits (property)', () => {
    const line = fc.constantFrom('a: 1', 'b: 2', 'c: 3', '- x', '- y', '', '  name: A', '  name: B', 'z: 26', 'same');
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.array(line, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.array(edit, { maxLength: 8 }), fc.nat({ max: 4 }), (base, edits, context) => {
        const right = [...base];
        for (const e of edits) right.splice(e.at % (right.length + 1), e.del, ...e.ins);
        const leftText = base.join('\n');
        const rightText = right.join('\n');
        checkRows(leftText, rightText, alignSideBySide(leftText, rightText, EMPTY_REPORT, { context }));
        // A budget too small for any gap forces the pair-in-order fallback: still a valid alignment.
        checkRows(leftText, rightText, alignSideBySide(leftText, rightText, EMPTY_REPORT, { context, budget: { maxEditLength: 0 } }));
      }),
      { numRuns: 300 },
    );
  });

  it('never pairs more rows than a minimal diff needs on small inputs (property)', () => {
    // Against an exact LCS: the aligner's equal lines may be fewer (anchors are heuristics), but
    // when both sides share no repeated lines it must find the optimum.
    const unique = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 25 });
    fc.assert(
      fc.property(unique, unique, (a, b) => {
        const left = a.map((n) => `k${n}: v`).join('\n');
        const right = b.map((n) => `k${n}: v`).join('\n');
        const rows = alignSideBySide(left, right, EMPTY_REPORT, { context: Infinity });
        checkRows(left, right, rows);
        const same = rows.filter((r) => r.kind === 'same').length;
        expect(same).toBe(lcs(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('finishes a 50k-line pair with 20% of its lines changed', () => {
    const left = generateDefinition(50_000);
    const { text: right, changed } = changeLines(left, 20);
    expect(changed).toBeGreaterThan(9_000);
    const rows = alignSideBySide(left, right, EMPTY_REPORT);
    checkRows(left, right, rows);
    expect(rows.filter((r) => r.kind === 'changed')).toHaveLength(changed);
  });
});

describe('wordSegments', () => {
  it('highlights whole words and leaves the shared head and tail plain', () => {
    const { left, right } = wordSegments('  timeoutMs: 1000 # ms', '  timeoutMs: 30000 # ms');
    expect(left).toEqual([
      { text: '  timeoutMs: ', changed: false },
      { text: '1000', changed: true },
      { text: ' # ms', changed: false },
    ]);
    expect(right.map((s) => s.text).join('')).toBe('  timeoutMs: 30000 # ms');
  });

  it('marks a very long middle wholesale instead of word-diffing it', () => {
    const a = `data: ${'a1 '.repeat(2000)}`;
    const b = `data: ${'b2 '.repeat(2000)}`;
    const { left, right } = wordSegments(a, b);
    expect(left).toEqual([
      { text: 'data: ', changed: false },
      { text: a.slice(6, -1), changed: true },
      { text: ' ', changed: false },
    ]);
    expect(right.map((s) => s.text).join('')).toBe(b);
  });
});

function lcs(a: number[], b: number[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
}

describe('alignment is deterministic', () => {
  it('gives the same rows however slow the machine is (budgets are edit lengths, not time)', () => {
    // Repeated lines (no unique anchors) with lines removed and inserted: only Myers, not pairing
    // in order, lines these up, so a budget that expired would change the rows.
    const base = Array.from({ length: 90 }, (_, i) => ['- type: value', '  value: x', '  meta: {}'][i % 3]);
    const left = base.join('\n');
    const edited = base.filter((_, i) => i !== 10 && i !== 31 && i !== 32);
    edited.splice(45, 0, '  extra: inserted', '  more: inserted');
    const right = edited.join('\n');
    const calm = alignSideBySide(left, right, EMPTY_REPORT);
    // A clock that leaps a second on every read: any wall-clock budget would expire at once.
    let now = Date.now();
    const realNow = Date.now;
    Date.now = () => (now += 1000);
    try {
      expect(alignSideBySide(left, right, EMPTY_REPORT)).toEqual(calm);
    } finally {
      Date.now = realNow;
    }
  });
});
