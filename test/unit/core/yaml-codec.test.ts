import { describe, expect, it } from 'vitest';
import { dumpYaml, looksBinary, parseYaml, yamlPositions } from '../../../src-main/core/yaml/codec';
import { fixtureNames, readFixture } from './diff-fixtures.helper';

function expectError(text: string, code: string, limits?: Parameters<typeof parseYaml>[1]) {
  const r = parseYaml(text, { file: 'hostile.yaml', ...limits });
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('parsed');
  expect(r.error.code).toBe(code);
  expect(r.error.file).toBe('hostile.yaml');
  expect(r.error.line).toBeGreaterThanOrEqual(1);
  expect(r.error.column).toBeGreaterThanOrEqual(1);
  expect(r.error.hint).toBeTruthy();
  return r.error;
}

describe('parseYaml on the real fixtures', () => {
  it.each(fixtureNames())('%s parses, round-trips through dumpYaml, and knows its lines', (name) => {
    const text = readFixture(name);
    const r = parseYaml(text, { file: name });
    if (!r.ok) throw new Error(r.error.message);
    const def = r.value.value as Record<string, any>;
    expect(def.definitionVersion).toBe(7);
    expect(r.value.file).toBe(name);
    const again = parseYaml(dumpYaml(def));
    expect(again.ok && again.value.value).toEqual(def);
    // lineOf: the line of the first flow's name key holds that name.
    const lines = text.split('\n');
    const flow = def.flows[0];
    const flowLine = r.value.lineOf([{ type: 'key', key: 'flows' }, { type: 'item', key: flow.stableKey ?? flow.name, by: 'name' }, { type: 'key', key: 'name' }]);
    expect(lines[flowLine! - 1]).toMatch(/name:/);
    expect(lines[flowLine! - 1]).toContain(flow.name);
    expect(r.value.lineOf([{ type: 'key', key: 'name' }])).toBe(lines.findIndex((l) => l.startsWith('name:')) + 1);
    expect(r.value.lineOf([{ type: 'key', key: 'no-such-key' }])).toBeUndefined();
  });
});

describe('parseYaml basics', () => {
  it('an empty document is null', () => {
    for (const text of ['', '\n', '# only a comment\n']) {
      const r = parseYaml(text);
      expect(r.ok && r.value.value).toBeNull();
    }
  });

  it('does not apply << merge keys (as prism, which uses js-yaml 5)', () => {
    const r = parseYaml('base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n');
    expect(r.ok && r.value.value).toEqual({ base: { x: 1 }, thing: { '<<': { x: 1 }, y: 2 } });
  });

  it('more than one document is a syntax error', () => {
    const e = expectError('a: 1\n---\nb: 2\n', 'YAML_SYNTAX');
    expect(e.hint).toMatch(/one document/);
  });

  it('syntax errors carry 1-based line and column', () => {
    const e = expectError('a: 1\nb: [1, 2\nc: 3\n', 'YAML_SYNTAX');
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  it('dumpYaml is stable and writes shared values out (no anchors)', () => {
    const shared = { a: 1 };
    const text = dumpYaml({ x: shared, y: shared, long: 'z'.repeat(300) });
    expect(text).not.toContain('&');
    expect(text).toBe(dumpYaml({ x: { a: 1 }, y: { a: 1 }, long: 'z'.repeat(300) }));
    expect(text.split('\n').find((l) => l.startsWith('long:'))!.length).toBeGreaterThan(300);
  });
});

describe('hostile inputs fail fast with a coded error', () => {
  it('billion laughs (9 levels × 9 aliases) is rejected as an alias bomb', () => {
    const levels = 'abcdefghi'.split('');
    const lines = [`a: &a [${Array(9).fill('"lol"').join(',')}]`];
    for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`);
    const bomb = `${lines.join('\n')}\n`;
    expect(bomb.length).toBeLessThan(400);
    expectError(bomb, 'YAML_ALIAS_LIMIT');
  });

  it('more aliases than maxAliases are rejected', () => {
    const text = `a: &a 1\nlist: [${Array(101).fill('*a').join(', ')}]\n`;
    expectError(text, 'YAML_ALIAS_LIMIT');
    expect(parseYaml(text, { limits: { maxAliases: 200 } }).ok).toBe(true);
  });

  it('100k-deep nesting is rejected (flow, map and block forms)', () => {
    const n = 100_000;
    expectError('['.repeat(n) + ']'.repeat(n), 'YAML_TOO_DEEP');
    expectError('{a: '.repeat(n) + '1' + '}'.repeat(n), 'YAML_TOO_DEEP');
    expectError('- '.repeat(n) + 'x\n', 'YAML_TOO_DEEP');
  });

  it('duplicate keys name the line and column of the second key', () => {
    const text = 'flows:\n  - name: a\n    steps:\n      - name: x\n        name: y\n';
    const e = expectError(text, 'YAML_DUPLICATE_KEY');
    expect(e.line).toBe(5);
    expect(e.column).toBe(9);
  });

  it('NUL and control characters are binary, with their position', () => {
    const e = expectError('name: ok\nbad: a\u0000b\n', 'YAML_BINARY');
    expect(e.line).toBe(2);
    expect(e.column).toBe(7);
    expectError('name: a\u0001b\n', 'YAML_BINARY');
    expect(looksBinary('tab\tand\r\nnewlines are fine')).toBe(false);
    expect(looksBinary('\u001b[31m')).toBe(true);
  });

  it('!!js/function and other language tags are refused, nothing runs', () => {
    const e = expectError("fn: !!js/function 'function () { return process.pid }'\n", 'YAML_SYNTAX');
    expect(e.message).toMatch(/tag/);
    expect(e.hint).toMatch(/tag/i);
    expectError('x: !!python/object/apply:os.system ["id"]\n', 'YAML_SYNTAX');
  });

  it('oversize input is refused before parsing', () => {
    const big = `s: "${'x'.repeat(21 * 1024 * 1024)}"\n`;
    const e = expectError(big, 'YAML_TOO_LARGE');
    expect(e.details?.maxBytes).toBe(20 * 1024 * 1024);
    expectError('a: "ééééé"\n', 'YAML_TOO_LARGE', { limits: { maxBytes: 12 } });
    expect(parseYaml('a: "ééééé"\n', { limits: { maxBytes: 20 } }).ok).toBe(true);
  });
});

describe('parse cache', () => {
  it('parses a text once and serves it again under any file name, lines and all', () => {
    const text = readFixture('06-hubspot-example-integration.yml');
    const first = parseYaml(text, { file: 'us/integrations/HubSpot' });
    const again = parseYaml(text, { file: 'eu/integrations/HubSpot' });
    if (!first.ok || !again.ok) throw new Error('fixture must parse');
    expect(again.value.value).toBe(first.value.value); // the same parse, not a second one
    expect(again.value.file).toBe('eu/integrations/HubSpot');
    expect(first.value.file).toBe('us/integrations/HubSpot');
    const flows = [{ type: 'key', key: 'flows' } as const];
    expect(again.value.lineOf(flows)).toBe(first.value.lineOf(flows));
    expect(yamlPositions(again.value)).toBeDefined();
  });

  it('never caches a failure: the same bad text reports its error every time', () => {
    const bad = 'a: 1\na: 2\n';
    expect(parseYaml(bad, { file: 'one.yaml' })).toMatchObject({ ok: false, error: { code: 'YAML_DUPLICATE_KEY', file: 'one.yaml' } });
    expect(parseYaml(bad, { file: 'two.yaml' })).toMatchObject({ ok: false, error: { code: 'YAML_DUPLICATE_KEY', file: 'two.yaml' } });
  });

  it('keeps texts parsed under other limits apart', () => {
    const deep = `${'['.repeat(60)}${']'.repeat(60)}`;
    expect(parseYaml(deep).ok).toBe(true);
    expect(parseYaml(deep, { limits: { maxDepth: 10 } })).toMatchObject({ ok: false, error: { code: 'YAML_TOO_DEEP' } });
  });
});
