/** The renderer's pure rules: words for states, which cells open a diff or take a promotion, the region form. */
import { describe, expect, it } from 'vitest';
import { canPromote, opensDiff } from '../../../src-renderer/src/components/drift/cellRules';
import { emptyRegionForm, toRegionConfig } from '../../../src-renderer/src/components/workspace/regionForm';
import { cellWords, shortValue } from '../../../src-renderer/src/lib/format';

describe('cell words', () => {
  it('says every state in words, with the change count and what a stale cell last showed', () => {
    expect(cellWords({ state: 'same' })).toBe('same');
    expect(cellWords({ state: 'differs', changes: 3 })).toBe('differs (3)');
    expect(cellWords({ state: 'differs' })).toBe('differs');
    expect(cellWords({ state: 'stale', underlying: 'differs', changes: 2 })).toBe('stale · differs (2)');
    expect(cellWords(undefined)).toBe('unknown');
    // Absences (and home-only copies) the residency policy explains read as facts, not problems.
    expect(cellWords({ state: 'missing', expected: true, notes: ['home: us'] })).toBe('not here');
    expect(cellWords({ state: 'extra', expected: true, notes: ['home: eu'] })).toBe('lives here');
    expect(cellWords({ state: 'stale', underlying: 'missing', expected: true })).toBe('stale · not here');
  });

  it('shortens long values to one line', () => {
    expect(shortValue('x'.repeat(200)).length).toBe(78);
    expect(shortValue(undefined)).toBe('—');
    expect(shortValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('cell actions', () => {
  it('opens a diff for differs, missing, extra and same outside the baseline, also when stale', () => {
    expect(opensDiff({ state: 'differs', changes: 1 }, false)).toBe(true);
    expect(opensDiff({ state: 'missing' }, false)).toBe(true);
    expect(opensDiff({ state: 'extra' }, false)).toBe(true);
    expect(opensDiff({ state: 'stale', underlying: 'differs' }, false)).toBe(true);
    expect(opensDiff({ state: 'same' }, false)).toBe(true);
    expect(opensDiff({ state: 'unknown' }, false)).toBe(false);
    expect(opensDiff({ state: 'differs' }, true)).toBe(false);
  });

  it('offers promotion only where the baseline has something to send', () => {
    expect(canPromote({ state: 'differs' }, false)).toBe(true);
    expect(canPromote({ state: 'missing' }, false)).toBe(true);
    expect(canPromote({ state: 'extra' }, false)).toBe(false);
    expect(canPromote({ state: 'same' }, false)).toBe(false);
    expect(canPromote({ state: 'missing' }, true)).toBe(false);
    // The customer lives elsewhere: nothing to promote into this region.
    expect(canPromote({ state: 'missing', expected: true, notes: ['home: us'] }, false)).toBe(false);
    expect(canPromote({ state: 'stale', underlying: 'missing', expected: true }, false)).toBe(false);
  });
});

describe('add-region form', () => {
  it('builds a prismatic region with geography', () => {
    const result = toRegionConfig({ ...emptyRegionForm(), id: 'eu', label: 'EU', url: 'https://app.eu-west-1.prismatic.io', country: 'ie', continent: 'eu' });
    expect(result).toEqual({ region: { id: 'eu', kind: 'prismatic', label: 'EU', url: 'https://app.eu-west-1.prismatic.io', geography: { country: 'IE', continent: 'EU' } } });
  });

  it('builds a folder region', () => {
    expect(toRegionConfig({ ...emptyRegionForm(), id: 'repo', kind: 'folder', path: 'regions/repo' })).toEqual({ region: { id: 'repo', kind: 'folder', path: 'regions/repo' } });
  });

  it('names the wrong field', () => {
    const problem = (f: Partial<ReturnType<typeof emptyRegionForm>>) => {
      const r = toRegionConfig({ ...emptyRegionForm(), ...f });
      return 'problem' in r ? r.problem : null;
    };
    expect(problem({ id: 'no spaces' })).toMatch(/^Region id/);
    expect(problem({ id: 'eu', url: 'app.prismatic.io' })).toMatch(/^Stack URL/);
    expect(problem({ id: 'repo', kind: 'folder' })).toMatch(/^Folder path/);
    expect(problem({ id: 'eu', url: 'https://x.io', continent: 'XX' })).toMatch(/^Continent/);
    expect(problem({ id: 'eu', url: 'https://x.io', country: 'USA' })).toMatch(/^Country/);
  });
});
