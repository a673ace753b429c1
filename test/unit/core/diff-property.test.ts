/** Property tests: the diff's promises hold for any integration-like document, not just fixtures. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffYaml } from '../../../src-main/core/diff/semantic';
import { canonicalJson } from '../../../src-main/core/hash';
import { normalizeItem } from '../../../src-main/core/normalize';
import { dumpYaml } from '../../../src-main/core/yaml/codec';
import { mustParse } from './diff-fixtures.helper';

const opts = { kind: 'integrations' as const, name: 'generated' };
const diff = (a: unknown, b: unknown) => diffYaml(mustParse(dumpYaml(a)), mustParse(dumpYaml(b)), opts);

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,8}$/);
const scalar = fc.oneof(fc.constant(''), word, fc.integer({ min: 0, max: 5 }), fc.boolean());
const input = fc.record({ type: fc.constantFrom('value', 'reference', 'configVar'), value: scalar });
const componentRef = fc.record({
  key: fc.constantFrom('http', 'slack', 'loop', 'acme'),
  isPublic: fc.boolean(),
  version: fc.oneof(fc.constant('LATEST'), fc.integer({ min: 1, max: 60 })),
});
const step = (name: string) =>
  fc.record(
    {
      name: fc.constant(name),
      description: fc.constantFrom('', 'does things'),
      action: fc.record({ key: word, component: componentRef }),
      inputs: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z]{0,6}$/), input, { maxKeys: 4 }),
    },
    { requiredKeys: ['name', 'action'] },
  );
const uniqueNames = (min: number, max: number) => fc.uniqueArray(word, { minLength: min, maxLength: max });
const flow = (name: string) =>
  uniqueNames(1, 4).chain((stepNames) =>
    fc.record(
      {
        name: fc.constant(name),
        endpointSecurityType: fc.constantFrom('customer_optional', 'organization'),
        isAgentFlow: fc.boolean(),
        steps: fc.tuple(...stepNames.map(step)),
      },
      { requiredKeys: ['name', 'steps'] },
    ),
  );
const definition = uniqueNames(1, 5).chain((flowNames) =>
  fc.record(
    {
      definitionVersion: fc.constant(7),
      name: word,
      category: fc.constantFrom('', 'CRM'),
      labels: fc.array(word, { maxLength: 3 }),
      endpointType: fc.constantFrom('flow_specific', 'instance_specific'),
      flows: fc.tuple(...flowNames.map(flow)),
    },
    { requiredKeys: ['definitionVersion', 'name', 'flows'] },
  ),
);

/** Small edits, some of which normalization is meant to absorb (versions, defaults, empties). */
const mutate = (def: any, choice: number, n: number): any => {
  const d = structuredClone(def);
  const f = d.flows[n % d.flows.length];
  const s = f.steps[n % f.steps.length];
  switch (choice) {
    case 0:
      s.action.component.version = s.action.component.version === 'LATEST' ? 9 : 'LATEST';
      break;
    case 1:
      s.description = s.description ? '' : 'edited';
      break;
    case 2:
      if (s.description === '') delete s.description;
      else s.description = '';
      break;
    case 3:
      f.isAgentFlow = !f.isAgentFlow;
      break;
    case 4:
      s.inputs = { ...(s.inputs ?? {}), extra: { type: 'value', value: n % 2 ? '' : 'x' } };
      break;
    case 5:
      d.category = d.category ? '' : 'CRM';
      break;
    case 6:
      s.name = `${s.name}-renamed`;
      break;
    case 7:
      d.labels = [...(d.labels ?? []), 'new'];
      break;
  }
  return d;
};

const normalizedText = (v: unknown) => canonicalJson(normalizeItem('integrations', v).value);

describe('semantic diff properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(definition, (def) => {
        expect(diff(def, structuredClone(def)).changes).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('reordering a keyed list gives only `moved` changes', () => {
    fc.assert(
      fc.property(definition, fc.integer({ min: 0, max: 1000 }), (def, seed) => {
        const shuffled = structuredClone(def);
        // A deterministic shuffle of flows, and of the first flow's steps.
        const rotate = <T>(xs: T[], k: number) => (xs.length ? [...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)].reverse() : xs);
        shuffled.flows = rotate(shuffled.flows, seed);
        shuffled.flows[0].steps = rotate(shuffled.flows[0].steps, seed + 1);
        const report = diff(def, shuffled);
        expect(report.changes.every((c) => c.kind === 'moved')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a change is reported iff the normalized documents differ', () => {
    fc.assert(
      fc.property(definition, fc.integer({ min: 0, max: 7 }), fc.nat(20), (def, choice, n) => {
        const other = mutate(def, choice, n);
        const report = diff(def, other);
        const differ = normalizedText(def) !== normalizedText(other);
        expect(report.summary.total > 0).toBe(differ);
      }),
      { numRuns: 150 },
    );
  });
});
