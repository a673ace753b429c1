import { describe, expect, it } from 'vitest';
import { diffItems, diffYaml } from '../../../src-main/core/diff/semantic';
import { canonicalItem } from '../../../src-main/core/identity';
import { ignoreMatcher, parseIgnoreRules, parsePathPattern } from '../../../src-main/core/ignore';
import { dumpYaml } from '../../../src-main/core/yaml/codec';
import { allSteps, clone, fixtureNames, mustParse, readFixture } from './diff-fixtures.helper';

const rules = (...r: string[]) => {
  const parsed = parseIgnoreRules(r);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('parseIgnoreRules', () => {
  it('reads the documented forms', () => {
    const [a, b, c] = rules('integrations/*: flows[*].steps[*].inputs.debugLogging', 'instances/*: labels', 'integrations/Orders Sync: description');
    expect(a).toMatchObject({ kind: 'integrations', name: '*' });
    expect(a.path).toEqual([{ type: 'key', key: 'flows' }, { type: 'anyItem' }, { type: 'key', key: 'steps' }, { type: 'anyItem' }, { type: 'key', key: 'inputs' }, { type: 'key', key: 'debugLogging' }]);
    expect(b.path).toEqual([{ type: 'key', key: 'labels' }]);
    expect(c).toMatchObject({ name: 'Orders Sync', path: [{ type: 'key', key: 'description' }] });
  });

  it('reads keyed items, indexes, any-key and quoted keys', () => {
    expect(parsePathPattern('flows[Customer Sync].*."a.b"[2]')).toEqual([
      { type: 'key', key: 'flows' },
      { type: 'item', key: 'Customer Sync' },
      { type: 'anyKey' },
      { type: 'key', key: 'a.b' },
      { type: 'index', index: 2 },
    ]);
    expect(parsePathPattern('steps["[old]"]')).toEqual([{ type: 'key', key: 'steps' }, { type: 'item', key: '[old]' }]);
  });

  it.each(['no colon here', 'widgets/*: labels', 'integrations/*: flows[*', 'integrations/*: .x', 'integrations/*: a..b', 'integrations/*: []'])('refuses %j naming the rule', (bad) => {
    const r = parseIgnoreRules(['instances/*: labels', bad]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toContain(bad);
  });
});

describe('ignoreMatcher', () => {
  it('applies by kind and name glob, and covers everything below the path', () => {
    const rs = rules('integrations/Orders*: flows[*].steps[*].inputs.debugLogging', '*/*: labels');
    const m = ignoreMatcher(rs, 'integrations', 'Orders Sync');
    const path = [
      { type: 'key' as const, key: 'flows' },
      { type: 'item' as const, key: 'F', by: 'name' },
      { type: 'key' as const, key: 'steps' },
      { type: 'item' as const, key: 'S', by: 'name' },
      { type: 'key' as const, key: 'inputs' },
      { type: 'key' as const, key: 'debugLogging' },
      { type: 'key' as const, key: 'value' },
    ];
    expect(m(path)?.source).toBe(rs[0].source);
    expect(m(path.slice(0, 5))).toBeUndefined();
    expect(ignoreMatcher(rs, 'integrations', 'Billing')(path)).toBeUndefined();
    expect(ignoreMatcher(rs, 'instances', 'acme/Orders/one')([{ type: 'key', key: 'labels' }, { type: 'index', index: 0 }])?.source).toBe('*/*: labels');
  });
});

describe('ignore rules change the verdict', () => {
  it.each(fixtureNames())('%s: a differing pair becomes zero counted changes', (name) => {
    const doc = mustParse(readFixture(name), name);
    const changed = clone(doc.value as any);
    const steps = allSteps(changed);
    steps.forEach((s, i) => {
      s.inputs = { ...(s.inputs ?? {}), debugLogging: { type: 'value', value: i % 2 ? 'true' : 'false' } };
    });
    const right = mustParse(dumpYaml(changed));
    const plain = diffYaml(doc, right, { kind: 'integrations', name: 'Orders Sync' });
    expect(plain.summary.total).toBe(steps.length);
    const ignore = rules('integrations/*: flows[*].steps[*].inputs.debugLogging');
    const report = diffYaml(doc, right, { kind: 'integrations', name: 'Orders Sync', ignore });
    // Loop and branch steps nest deeper than flows[*].steps[*]: those stay counted.
    const topLevel = (changed.flows as any[]).reduce((n, f) => n + (f.steps?.length ?? 0), 0);
    expect(report.summary.ignored).toBe(topLevel);
    expect(report.summary.total).toBe(steps.length - topLevel);
    for (const c of report.changes.filter((c) => c.ignored)) expect(c.ignoredBy).toBe(ignore[0].source);
  });

  it('canonical hashes agree once the ignored paths are left out', () => {
    const a = { customer: 'acme', integration: 'X', name: 'one', version: 1, enabled: true, deployed: true, labels: ['a'], configVars: [] };
    const b = { ...a, labels: ['b'] };
    expect(canonicalItem('instances', a, []).hash).not.toBe(canonicalItem('instances', b, []).hash);
    const ignore = rules('instances/*: labels');
    expect(canonicalItem('instances', a, ignore).hash).toBe(canonicalItem('instances', b, ignore).hash);
    const report = diffItems('instances', 'acme/X/one', a, b, ignore);
    expect(report.summary.total).toBe(0);
    expect(report.summary.ignored).toBeGreaterThan(0);
  });

  it('a keyed-item rule removes only that item', () => {
    const def = (desc: string) => ({ name: 'I', flows: [{ name: 'A', description: desc }, { name: 'B', description: desc }] });
    const ignore = rules('integrations/I: flows[A].description');
    const rec = (d: unknown) => ({ name: 'I', yaml: dumpYaml(d), versions: [] });
    const r = diffItems('integrations', 'I', rec(def('x')), rec(def('y')), ignore);
    expect(r.summary).toMatchObject({ total: 1, ignored: 1 });
    expect(r.changes.find((c) => !c.ignored)?.path).toBe('flows[B].description');
  });
});

describe('canonical hashes follow the same verdict as the diff', () => {
  it.each(fixtureNames())('%s: debugLogging everywhere hashes like none with the rule', (name) => {
    const text = readFixture(name);
    const changed = clone(mustParse(text).value as any);
    for (const f of changed.flows) for (const s of f.steps ?? []) s.inputs = { ...(s.inputs ?? {}), debugLogging: { type: 'value', value: 'true' } };
    const rec = (yaml: string) => ({ name: 'Orders Sync', yaml, versions: [] });
    const ignore = rules('integrations/*: flows[*].steps[*].inputs.debugLogging');
    expect(canonicalItem('integrations', rec(text), ignore).hash).toBe(canonicalItem('integrations', rec(dumpYaml(changed)), ignore).hash);
    expect(canonicalItem('integrations', rec(text), []).hash).not.toBe(canonicalItem('integrations', rec(dumpYaml(changed)), []).hash);
  });
});
