import { describe, expect, it } from 'vitest';
import { diffItems, diffYaml } from '../../../src-main/core/diff/semantic';
import { dumpYaml } from '../../../src-main/core/yaml/codec';
import { allSteps, clone, componentRefs, fixtureNames, mustParse, readFixture, serverReadBack } from './diff-fixtures.helper';

const opts = { kind: 'integrations' as const, name: 'fixture' };
const names = fixtureNames();

/** 1-based number of the first line where two texts differ. */
function firstDifferentLine(a: string, b: string): number {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return i + 1;
  return -1;
}

describe('semantic diff over every real fixture', () => {
  it('finds the fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(names)('%s', (name) => {
    const text = readFixture(name);
    const doc = mustParse(text, name);
    const def = doc.value as Record<string, any>;

    it('diff(a, a) is empty', () => {
      const report = diffYaml(doc, mustParse(text, name), opts);
      expect(report.changes).toEqual([]);
      expect(report.summary.total).toBe(0);
      expect(report.translations).toEqual([]);
    });

    it('a server read-back (versions resolved, defaults injected) has zero changes, only translations', () => {
      const readBack = dumpYaml(serverReadBack(def));
      expect(readBack).not.toBe(dumpYaml(def));
      const report = diffYaml(doc, mustParse(readBack), opts);
      expect(report.changes).toEqual([]);
      const versioned = componentRefs(def).filter((r) => r.version !== undefined);
      if (versioned.length > 0) {
        expect(report.translations.length).toBeGreaterThan(0);
        for (const t of report.translations) {
          expect(t.left).not.toEqual(t.right);
          expect(t.basis).toBe(t.left === 'LATEST' ? 'latest' : 'unknown');
          expect(t.leftLine).toBeGreaterThan(0);
          expect(t.rightLine).toBeGreaterThan(0);
        }
      }
    });

    it('a changed step input is one `changed` at the right path and lines', () => {
      const flow = def.flows.find((f: any) => f.steps?.some((s: any) => s.inputs && Object.keys(s.inputs).length));
      if (!flow) return; // the generated CNI file has no low-code inputs
      const step = flow.steps.find((s: any) => s.inputs && Object.keys(s.inputs).length);
      const inputKey = Object.keys(step.inputs)[0];
      const changed = clone(def);
      const target = changed.flows[def.flows.indexOf(flow)].steps[flow.steps.indexOf(step)];
      target.inputs[inputKey] = { type: 'value', value: 'changed-by-test' };
      const leftText = dumpYaml(def);
      const rightText = dumpYaml(changed);
      const report = diffYaml(mustParse(leftText), mustParse(rightText), opts);
      const flowId = flow.stableKey ?? flow.name;
      const counted = report.changes.filter((c) => !c.ignored);
      expect(counted.length).toBeGreaterThanOrEqual(1);
      for (const c of counted) {
        expect(c.kind === 'changed' || c.kind === 'added' || c.kind === 'removed').toBe(true);
        expect(c.path.startsWith(`flows[${flowId}].steps[${step.name}].inputs.${inputKey}`) || c.path.startsWith(`flows[${flowId}].steps[${step.name}].inputs."${inputKey}"`)).toBe(true);
      }
      // The first differing line of the two texts is where the diff points on the right.
      const line = firstDifferentLine(leftText, rightText);
      expect(counted.some((c) => c.rightLine !== undefined && Math.abs(c.rightLine - line) <= 1)).toBe(true);
      // And the lines point into the original file too.
      const segs = [
        { type: 'key' as const, key: 'flows' },
        { type: 'item' as const, key: flowId, by: flow.stableKey ? 'stableKey' : 'name' },
        { type: 'key' as const, key: 'steps' },
        { type: 'item' as const, key: step.name, by: 'name' },
        { type: 'key' as const, key: 'inputs' },
        { type: 'key' as const, key: inputKey },
      ];
      const at = doc.lineOf(segs);
      expect(at).toBeGreaterThan(0);
      expect(text.split('\n')[at! - 1]).toContain(`${inputKey}:`);
    });

    it('one value changed in place is exactly one `changed` with both values', () => {
      const step = allSteps(def).find((s) => typeof s.inputs === 'object' && Object.values(s.inputs).some((i: any) => typeof i?.value === 'string' && i.value !== ''));
      if (!step) return;
      const key = Object.keys(step.inputs).find((k) => typeof step.inputs[k]?.value === 'string' && step.inputs[k].value !== '')!;
      const changed = clone(def);
      const target = allSteps(changed).find((s) => s.name === step.name && JSON.stringify(s.inputs) === JSON.stringify(step.inputs))!;
      target.inputs[key].value = `${step.inputs[key].value} (edited)`;
      const report = diffYaml(doc, mustParse(dumpYaml(changed)), opts);
      expect(report.summary).toMatchObject({ total: 1, changed: 1 });
      const c = report.changes[0];
      expect(c.kind).toBe('changed');
      expect(c.left).toBe(step.inputs[key].value);
      expect(c.right).toBe(`${step.inputs[key].value} (edited)`);
      expect(c.path.endsWith('.value')).toBe(true);
      expect(text.split('\n')[c.leftLine! - 1]).toContain('value');
    });

    it('reordering flows gives only `moved` changes', () => {
      if (def.flows.length < 2) return;
      const swapped = clone(def);
      swapped.flows = [swapped.flows[1], swapped.flows[0], ...swapped.flows.slice(2)];
      const report = diffYaml(doc, mustParse(dumpYaml(swapped)), opts);
      expect(report.changes.length).toBe(1);
      expect(report.changes[0].kind).toBe('moved');
      expect(report.changes[0].path).toMatch(/^flows\[/);
      expect(report.summary.moved).toBe(1);
      const reversed = clone(def);
      reversed.flows.reverse();
      const r2 = diffYaml(doc, mustParse(dumpYaml(reversed)), opts);
      expect(r2.changes.every((c) => c.kind === 'moved')).toBe(true);
      expect(r2.summary.moved).toBe(def.flows.length - 1);
    });

    it('a renamed step is removed + added', () => {
      const flowIndex = def.flows.findIndex((f: any) => (f.steps?.length ?? 0) >= 2);
      if (flowIndex < 0) return;
      const renamed = clone(def);
      const step = renamed.flows[flowIndex].steps[1];
      const oldName = step.name;
      step.name = `${oldName} Renamed`;
      const report = diffYaml(doc, mustParse(dumpYaml(renamed)), opts);
      const kinds = report.changes.map((c) => c.kind).sort();
      expect(kinds).toEqual(['added', 'removed']);
      expect(report.changes.find((c) => c.kind === 'removed')!.path).toContain(`.steps[${oldName}]`);
      expect(report.changes.find((c) => c.kind === 'added')!.path).toContain(`.steps[${oldName} Renamed]`);
    });
  });
});

describe('diffItems on records', () => {
  it('compares instances semantically with line numbers, ignoring ids, versions and webhook URLs', () => {
    const base = {
      customer: 'acme',
      integration: 'Orders Sync',
      name: 'Orders',
      version: 7,
      enabled: true,
      deployed: true,
      labels: ['b', 'a'],
      configVars: [
        { key: 'Region', value: 'us-east-1' },
        { key: 'API Key', secret: 'set' as const },
      ],
      flowConfigs: [{ flow: 'Sync', webhookUrl: 'https://hooks.prismatic.io/trigger/AAA' }],
      remoteId: 'SW5zdGFuY2U6MQ==',
    };
    const other = { ...base, version: 2, labels: ['a', 'b'], remoteId: 'SW5zdGFuY2U6Mg==', flowConfigs: [{ flow: 'Sync', webhookUrl: 'https://hooks.example/BBB' }] };
    expect(diffItems('instances', 'acme/Orders Sync/Orders', base, other).summary.total).toBe(0);
    const changed = { ...other, configVars: [{ key: 'Region', value: 'eu-west-1' }, { key: 'API Key', secret: 'unset' as const }] };
    const report = diffItems('instances', 'acme/Orders Sync/Orders', base, changed);
    expect(report.changes.map((c) => c.path).sort()).toEqual(['configVars[API Key].secret', 'configVars[Region].value']);
    for (const c of report.changes) {
      expect(c.leftLine).toBeGreaterThan(0);
      expect(c.rightLine).toBeGreaterThan(0);
    }
  });

  it('a missing side is all added', () => {
    const report = diffItems('customers', 'acme', undefined, { externalId: 'acme', name: 'Acme', country: 'US' });
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0].kind).toBe('added');
  });

  it('components compare by signature; the version number becomes a translation', () => {
    const v = (number: number, signature: string) => ({ number, signature, actions: [{ key: 'send', inputs: [] }], triggers: [], dataSources: [], connections: [] });
    const us = { key: 'acme', isPublic: false, label: 'Acme', versions: [v(49, 'aaa'), v(50, 'sig1')], remoteId: 'x' };
    const eu = { key: 'acme', isPublic: false, label: 'Acme', versions: [v(2, 'sig1')], remoteId: 'y' };
    const same = diffItems('components', 'acme (private)', us, eu);
    expect(same.summary.total).toBe(0);
    expect(same.translations).toEqual([expect.objectContaining({ component: 'acme', isPublic: false, left: 50, right: 2, basis: 'signature' })]);
    const drifted = diffItems('components', 'acme (private)', us, { ...eu, versions: [v(2, 'sig2')] });
    expect(drifted.changes.map((c) => c.path)).toEqual(['latest.signature']);
    expect(drifted.translations[0].basis).toBe('different-build');
  });
});
