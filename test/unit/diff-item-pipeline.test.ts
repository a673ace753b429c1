/**
 * diff.item's optimised work (diffItemWork: masked rows skip the lines a whole-text scan clears,
 * unchanged report values are passed through) must answer exactly what the straightforward
 * pipeline answers: semantic diff, side-by-side rows, every row line through maskLine, every
 * change value through maskSecrets. Checked on the real fixtures (each against an edited copy
 * holding secrets, and against the next fixture) and on the bench's generated pair at 10k lines.
 */
import { describe, expect, it } from 'vitest';
import { alignSideBySide } from '../../src-main/core/align/side-by-side';
import { splitLines } from '../../src-main/core/align/lines';
import { linesThatMayHoldSecrets, MASK, maskSecrets } from '../../src-main/core/diff/mask';
import type { AlignedRow } from '../../src-main/core/diff/types';
import { dumpYaml } from '../../src-main/core/yaml/codec';
import { diffItemWork, diffTexts, lineCount } from '../../src-main/api/service/diff-handlers';
import { maskLine } from '../../src-main/api/service/masking';
import { makePair } from '../../bench/diff.bench';
import { fixtureNames, mustParse, readFixture } from './core/diff-fixtures.helper';

const OPTS = { kind: 'integrations' as const, name: 'Pipeline', ignore: [] };

/** The pipeline as first written: nothing skipped, nothing shared. */
function straightforward(left: string, right: string, align: { context?: number } = {}) {
  const report = diffTexts(left, right, OPTS);
  const rows = alignSideBySide(left, right, report, align);
  const maskedRows = rows.map((row): AlignedRow => {
    const l = row.left === undefined ? undefined : maskLine(row.left);
    const r = row.right === undefined ? undefined : maskLine(row.right);
    if (l === row.left && r === row.right) return row;
    const out: AlignedRow = { ...row, left: l, right: r };
    if (l !== row.left) out.leftSegments = l === undefined ? undefined : [{ text: l, changed: true }];
    if (r !== row.right) out.rightSegments = r === undefined ? undefined : [{ text: r, changed: true }];
    return out;
  });
  const changes = report.changes.map((c) => ({
    ...c,
    ...(c.left !== undefined && { left: maskSecrets(c.path, c.left) }),
    ...(c.right !== undefined && { right: maskSecrets(c.path, c.right) }),
  }));
  return { report: { ...report, changes }, rows: maskedRows };
}

/** An edited copy: values changed, some replaced by credentials, secret-named keys added. */
function editedWithSecrets(text: string): string {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      n++;
      if (n % 11 === 0) return `ghp_${'aB3dE5'.repeat(6)}${n}`;
      if (n % 13 === 0) return `${'Zq9'.repeat(12)}x${n}`; // long random-looking
      if (n % 17 === 0) return `eyJhbGciOi.eyJzdWIiOiIx${n}.c2lnbmF0dXJl`;
      return n % 5 === 0 ? `${v} chg` : v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      if (n % 7 === 0) out.clientSecret = `s3cr3t-${n}`;
      if (n % 9 === 0) out.password = `hunter${n}`;
      return out;
    }
    return v;
  };
  return dumpYaml(walk(mustParse(text).value));
}

function rowsHoldMask(rows: AlignedRow[]): boolean {
  return rows.some((r) => r.left?.includes(MASK) || r.right?.includes(MASK));
}

describe('diff.item work (optimised) = the straightforward pipeline', () => {
  const names = fixtureNames();
  // Alignment budgets are edit lengths, not wall-clock time, so both runs must agree exactly.
  it.each(names)('%s against an edited copy holding secrets', (name) => {
    const left = readFixture(name);
    const right = editedWithSecrets(left);
    const expected = straightforward(left, right);
    expect(rowsHoldMask(expected.rows)).toBe(true);
    expect(diffItemWork(left, right, OPTS)).toEqual(expected);
    expect(diffItemWork(left, right, { ...OPTS, align: { context: 0 } })).toEqual(straightforward(left, right, { context: 0 }));
  });

  it.each(names.map((n, i) => [n, names[(i + 1) % names.length]]))('%s against %s', (a, b) => {
    const left = readFixture(a);
    const right = readFixture(b);
    expect(diffItemWork(left, right, OPTS)).toEqual(straightforward(left, right));
  });

  it('the bench pair at 10k lines, with secrets on one side', () => {
    const pair = makePair(10_000);
    const right = editedWithSecrets(pair.right);
    const expected = straightforward(pair.left, right);
    expect(expected.rows.length).toBeGreaterThan(1000);
    expect(rowsHoldMask(expected.rows)).toBe(true);
    expect(diffItemWork(pair.left, right, OPTS)).toEqual(expected);
    expect(diffItemWork(pair.left, pair.right, OPTS)).toEqual(straightforward(pair.left, pair.right));
  });
});

describe('linesThatMayHoldSecrets', () => {
  /** Every line maskLine changes must be flagged; the scan may flag more, never fewer. */
  function expectCovers(text: string): void {
    const flagged = linesThatMayHoldSecrets(text);
    splitLines(text).forEach((line, i) => {
      if (maskLine(line) !== line) expect(flagged.has(i + 1), `line ${i + 1}: ${line}`).toBe(true);
    });
  }

  it('flags every line maskLine would mask, in the fixtures and their secret-holding copies', () => {
    for (const name of fixtureNames()) {
      expectCovers(readFixture(name));
      expectCovers(editedWithSecrets(readFixture(name)));
    }
  });

  it('flags each kind of secret line and skips plain ones', () => {
    const lines = [
      'name: plain',
      '  apiKey: abc',
      '  "Client Secret": x',
      '  - token: "short"',
      '  value: sk_live_1',
      '  value: AKIAABCDEFGHIJKL',
      `  value: ${'k9'.repeat(16)}`,
      `  - ${'Q7'.repeat(20)}`,
      '  value: eyJabcde.fghijkl.mn',
      '  Passphrase: ok',
      '  key: -----BEGIN RSA PRIVATE KEY-----',
      'description: İstanbul token',
    ];
    const text = `${lines.join('\r\n')}\r\n`;
    const flagged = linesThatMayHoldSecrets(text);
    expect(flagged.has(1)).toBe(false);
    for (let n = 2; n <= lines.length; n++) expect(flagged.has(n), lines[n - 1]).toBe(true);
    expectCovers(text);
  });

  it('lineCount counts lines as splitLines does', () => {
    for (const t of ['', 'a', 'a\n', 'a\nb', 'a\nb\n', '\n', '\n\n', 'a\r\nb\r\n']) expect(lineCount(t)).toBe(splitLines(t).length);
  });
});
