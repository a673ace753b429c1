/**
 * The drift shortcut for definitions that differ only in component version numbers must give
 * exactly the count the full diff gives: checked on every real fixture re-numbered, and as a
 * property over random line edits (version lines in and out of `component:` blocks, inside block
 * scalars, other values, structure).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffYaml } from '../../../src-main/core/diff/semantic';
import { countChanges } from '../../../src-main/core/drift/diff-count';
import { blankComponentVersions, onlyComponentVersionsDiffer } from '../../../src-main/core/drift/version-blind';
import type { IntegrationRecord } from '../../../src-main/core/model';
import { parseYaml } from '../../../src-main/core/yaml/codec';
import { fixtureNames, readFixture } from './diff-fixtures.helper';

/** The count the drift matrix gave before the shortcut: parse both, diff, count. */
function fullCount(left: string, right: string): number | 'invalid' {
  const a = parseYaml(left);
  const b = parseYaml(right);
  if (!a.ok || !b.ok) return 'invalid';
  return diffYaml(a.value, b.value, { kind: 'integrations', name: 'x' }).summary.total;
}

/** Fresh record objects each time, so countChanges' per-record cache never answers for us. */
function count(left: string, right: string): number | 'invalid' {
  const rec = (yaml: string): IntegrationRecord => ({ name: 'x', yaml, versions: [] });
  return countChanges('integrations', 'x', rec(left), rec(right), []);
}

/** Every `version:` directly under a block `component:` gets `to(old)`. */
function renumber(text: string, to: (old: string, n: number) => string): string {
  let n = 0;
  return text.replace(/^(\s*component:\s*\n(?:\1\s+\S.*\n)*?)(\s+)version: (\S+)$/gm, (_all, head: string, ws: string, old: string) => `${head}${ws}version: ${to(old, n++)}`);
}

describe('component versions only', () => {
  const fixtures = fixtureNames();

  it.each(fixtures)('%s re-numbered: the scan sees versions only, and the count is the full diff count (0)', (name) => {
    const text = readFixture(name);
    const other = renumber(text, (_old, n) => String(40 + n));
    if (other === text) return; // a definition without component versions
    expect(onlyComponentVersionsDiffer(text, other)).toBe(true);
    expect(fullCount(text, other)).toBe(0);
    expect(count(text, other)).toBe(0);
  });

  it('blanks nothing inside a block scalar, even text that looks like a component reference', () => {
    const text = ['steps:', '  - name: Code', '    script: |', '      component:', '        version: 3', '    component:', '      key: code', '      version: 5', ''].join('\n');
    const blanked = blankComponentVersions(text)!;
    expect(blanked).toContain('        version: 3');
    expect(blanked).toContain('      version: ~');
    const edited = text.replace('version: 3', 'version: 4');
    expect(onlyComponentVersionsDiffer(text, edited)).toBe(false);
    expect(count(text, edited)).toBe(1);
  });

  it('does not treat a component list, or a mapping without a string key, as a reference', () => {
    const list = ['component:', '  - version: 1', '    version2: 1', '  - key: a', '    version: 1', ''].join('\n');
    expect(onlyComponentVersionsDiffer(list, list.replace('    version: 1', '    version: 2'))).toBe(false);
    const noKey = ['flows:', '  - name: A', '    component:', '      version: 1', '      label: x', ''].join('\n');
    const renumbered = noKey.replace('version: 1', 'version: 2');
    expect(onlyComponentVersionsDiffer(noKey, renumbered)).toBe(true); // the scan alone cannot tell
    expect(count(noKey, renumbered)).toBe(fullCount(noKey, renumbered)); // the baseline check does
    expect(count(noKey, renumbered)).toBe(1);
  });

  it('reads a document that is one block scalar as text', () => {
    const text = '|\n  component:\n    key: a\n    version: 1\n';
    expect(onlyComponentVersionsDiffer(text, text.replace('version: 1', 'version: 2'))).toBe(false);
  });

  it('gives up (undefined) on lines it cannot read alone', () => {
    expect(blankComponentVersions('a: "open\n  quote"\n')).toBeUndefined();
    expect(blankComponentVersions('a: &x 1\nb: *x\n')).toBeUndefined();
    expect(blankComponentVersions('a:\tb\n')).toBeUndefined();
    expect(blankComponentVersions('a: [1,\n  2]\n')).toBeUndefined();
  });

  it('both sides invalid the same way: still "invalid", as the full diff says', () => {
    const bad = 'component:\n  key: a\n  version: 1\n  key: dup\n';
    expect(count(bad, bad.replace('version: 1', 'version: 2'))).toBe('invalid');
  });

  it('equals the full diff count under random line edits (property)', () => {
    const sources = fixtures.map(readFixture);
    const edit = fc.record({
      at: fc.nat(),
      what: fc.constantFrom('version', 'versionAnywhere', 'value', 'indent', 'delete', 'script'),
      to: fc.constantFrom('7', '12', 'LATEST', "'3'", 'x', '"LATEST"'),
    });
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
        const text = sources[which];
        const lines = text.split('\n');
        for (const e of edits) {
          const i = e.at % lines.length;
          const line = lines[i];
          if (e.what === 'version') {
            const versions = lines.flatMap((l, k) => (/^\s+version: /.test(l) ? [k] : []));
            if (versions.length) {
              const k = versions[e.at % versions.length];
              lines[k] = lines[k].replace(/version: .*/, `version: ${e.to}`);
            }
          } else if (e.what === 'versionAnywhere') lines.splice(i, 0, `${line.match(/^\s*/)![0]}version: ${e.to}`);
          else if (e.what === 'value') lines[i] = line.replace(/: (.+)$/, `: ${e.to}`);
          else if (e.what === 'indent') lines[i] = ` ${line}`;
          else if (e.what === 'delete') lines.splice(i, 1);
          else lines.splice(i, 0, `${line.match(/^\s*/)![0]}script: |`, `${line.match(/^\s*/)![0]}  component:`, `${line.match(/^\s*/)![0]}    version: ${e.to}`);
        }
        const other = lines.join('\n');
        expect(count(text, other)).toBe(fullCount(text, other));
        expect(count(other, text)).toBe(fullCount(other, text));
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
