/**
 * The drift matrix's early exits must answer exactly what the slower path they skip would:
 * the version-blind pre-check (differing lines only) against blanking both whole texts, checked
 * on real fixtures under random line edits, including edits the pre-check treats specially
 * (lines that only look like version lines, `version: ~`, line count changes, CR and tabs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankComponentVersions, onlyComponentVersionsDiffer } from '../../../src-main/core/drift/version-blind';
import { fixtureNames, readFixture } from './diff-fixtures.helper';

/** The answer before the pre-check existed: blank both texts, compare. */
function byBlanking(left: string, right: string): boolean {
  if (left === right) return true;
  const a = blankComponentVersions(left);
  return a !== undefined && a === blankComponentVersions(right);
}

describe('version-blind pre-check', () => {
  const sources = fixtureNames().map(readFixture);

  it('keeps the blanking answer on hand-picked edge cases', () => {
    const base = ['flows:', '  - component:', '      key: a', '      version: 3', '    name: x', ''].join('\n');
    const cases = [
      base.replace('version: 3', 'version: ~'), // not a VERSION_LINE, yet equal to the blanked form
      base.replace('version: 3', 'version: 4'),
      base.replace('name: x', 'name: y'),
      base.replace('version: 3', 'version: 4').replace('name: x', 'name: y'),
      `${base}extra: 1\n`,
      base.slice(0, -1),
      base.replace('      version: 3', '      - version: 3'),
      base.replace('version: 3', 'version:  3'),
      base.replace('version: 3', 'version: 3\r'),
      base.replace('name: x', 'name:\tx'),
      `version: 1\n${base}`,
      'version: 2',
      '',
    ];
    for (const a of [base, ...cases]) for (const b of [base, ...cases]) expect(onlyComponentVersionsDiffer(a, b)).toBe(byBlanking(a, b));
  });

  it('equals blanking both texts under random line edits (property)', () => {
    const edit = fc.record({
      at: fc.nat(),
      what: fc.constantFrom('version', 'versionAnywhere', 'value', 'indent', 'delete', 'tilde', 'dash', 'append'),
      to: fc.constantFrom('7', '12', 'LATEST', "'3'", 'x', '"LATEST"', '~'),
    });
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.array(edit, { minLength: 0, maxLength: 4 }), (which, edits) => {
        const text = sources[which];
        const lines = text.split('\n');
        for (const e of edits) {
          const i = e.at % lines.length;
          const line = lines[i];
          const indent = line.match(/^\s*/)![0];
          if (e.what === 'version' || e.what === 'tilde') {
            const versions = lines.flatMap((l, k) => (/^\s+version: /.test(l) ? [k] : []));
            if (versions.length) {
              const k = versions[e.at % versions.length];
              lines[k] = lines[k].replace(/version: .*/, `version: ${e.what === 'tilde' ? '~' : e.to}`);
            }
          } else if (e.what === 'versionAnywhere') lines.splice(i, 0, `${indent}version: ${e.to}`);
          else if (e.what === 'value') lines[i] = line.replace(/: (.+)$/, `: ${e.to}`);
          else if (e.what === 'indent') lines[i] = ` ${line}`;
          else if (e.what === 'delete') lines.splice(i, 1);
          else if (e.what === 'dash') lines[i] = line.replace(/^(\s*)(\S)/, '$1- $2');
          else lines.push(`${indent}version: ${e.to}`);
        }
        const other = lines.join('\n');
        expect(onlyComponentVersionsDiffer(text, other)).toBe(byBlanking(text, other));
        expect(onlyComponentVersionsDiffer(other, text)).toBe(byBlanking(other, text));
      }),
      { numRuns: 500, seed: 20261122 },
    );
  });
});
