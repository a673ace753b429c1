import { describe, expect, it } from 'vitest';
import { normalizeItem, pairTranslations, normalizeItemDetailed } from '../../../src-main/core/normalize';
import { fixtureNames, mustParse, readFixture } from './diff-fixtures.helper';

describe('normalizeItem for integrations', () => {
  it('server-injected defaults equal their absence (prismatic-api.md §3.6)', () => {
    const submitted = { definitionVersion: 7, name: 'X', flows: [{ name: 'F', steps: [{ name: 'S', action: { key: 'a', component: { key: 'http', version: 'LATEST', isPublic: true } } }] }] };
    const readBack = {
      category: '', configPages: [{ elements: [], name: 'Configuration' }], defaultInstanceProfile: 'Default Instance Profile', definitionVersion: 7,
      documentation: '', endpointType: 'flow_specific', name: 'X', requiredConfigVars: [],
      flows: [{ endpointSecurityType: 'customer_optional', isAgentFlow: false, name: 'F', steps: [{ description: '', name: 'S', action: { key: 'a', component: { isPublic: true, key: 'http', version: 3 } } }] }],
    };
    expect(normalizeItem('integrations', readBack).value).toEqual(normalizeItem('integrations', submitted).value);
  });

  it('keeps values that are not the defaults', () => {
    const v = normalizeItem('integrations', {
      endpointType: 'instance_specific', defaultInstanceProfile: 'Custom', configPages: [{ name: 'Configuration', elements: [{ type: 'configVar', value: 'K' }] }],
      flows: [{ name: 'F', endpointSecurityType: 'organization', isAgentFlow: true, steps: [] }],
    }).value as any;
    expect(v.endpointType).toBe('instance_specific');
    expect(v.defaultInstanceProfile).toBe('Custom');
    expect(v.configPages).toHaveLength(1);
    expect(v.flows[0]).toMatchObject({ endpointSecurityType: 'organization', isAgentFlow: true });
  });

  it('takes component versions out and records them; signatures stay', () => {
    const { value, translations } = normalizeItem('integrations', {
      flows: [{ name: 'F', steps: [{ name: 'A', action: { key: 'x', component: { key: 'slack', version: 50, isPublic: true } } }, { name: 'B', action: { key: 'y', component: { key: 'acme', signature: 'abc', isPublic: false } } }] }],
      flowsExtra: [],
    }) as any;
    expect(JSON.stringify(value)).not.toContain('50');
    expect(value.flows[0].steps[1].action.component.signature).toBe('abc');
    expect(translations).toEqual([
      { component: 'slack', isPublic: true, left: 50, right: 50, basis: 'unknown' },
      { component: 'acme', isPublic: false, left: 'abc', right: 'abc', basis: 'signature' },
    ]);
  });

  it.each(fixtureNames())('%s: normalizing twice changes nothing more', (name) => {
    const once = normalizeItem('integrations', mustParse(readFixture(name)).value).value;
    expect(normalizeItem('integrations', once).value).toEqual(once);
  });
});

describe('pairTranslations', () => {
  it('pairs refs at the same place and says how equivalence is known', () => {
    const l = normalizeItemDetailed('integrations', { flows: [{ name: 'F', steps: [{ name: 'A', action: { component: { key: 'slack', version: 'LATEST', isPublic: true } } }, { name: 'B', action: { component: { key: 'acme', version: 50, isPublic: false } } }] }] });
    const r = normalizeItemDetailed('integrations', { flows: [{ name: 'F', steps: [{ name: 'A', action: { component: { key: 'slack', version: 12, isPublic: true } } }, { name: 'B', action: { component: { key: 'acme', version: 2, isPublic: false } } }] }] });
    expect(pairTranslations(l.refs, r.refs)).toEqual([
      { component: 'slack', isPublic: true, left: 'LATEST', right: 12, basis: 'latest' },
      { component: 'acme', isPublic: false, left: 50, right: 2, basis: 'unknown' },
    ]);
    expect(pairTranslations(l.refs, l.refs)).toEqual([]);
  });

  it("resolves pinned numbers through each side's components: same build, different builds, same number", () => {
    const doc = (v: number) => ({ flows: [{ name: 'F', steps: [{ name: 'B', action: { component: { key: 'acme', version: v, isPublic: false } } }] }] });
    const build = (number: number, signature: string) => ({ number, signature, actions: [], triggers: [], dataSources: [], connections: [] });
    const us = [{ key: 'acme', isPublic: false, versions: [build(49, 'old'), build(50, 'sig50')] }];
    const eu = [{ key: 'acme', isPublic: false, versions: [build(2, 'sig50'), build(3, 'other')] }];
    const pair = (l: number, r: number) =>
      pairTranslations(normalizeItemDetailed('integrations', doc(l)).refs, normalizeItemDetailed('integrations', doc(r)).refs, { components: { left: us, right: eu } });
    expect(pair(50, 2)).toEqual([{ component: 'acme', isPublic: false, left: 50, right: 2, basis: 'signature' }]);
    expect(pair(50, 3)).toEqual([{ component: 'acme', isPublic: false, left: 50, right: 3, basis: 'different-build' }]);
    // The same number naming two different packages is shown; the same number and build is not.
    const sameNumber = pairTranslations(normalizeItemDetailed('integrations', doc(2)).refs, normalizeItemDetailed('integrations', doc(2)).refs, {
      components: { left: [{ key: 'acme', isPublic: false, versions: [build(2, 'x')] }], right: eu },
    });
    expect(sameNumber).toEqual([{ component: 'acme', isPublic: false, left: 2, right: 2, basis: 'different-build' }]);
    expect(pairTranslations(normalizeItemDetailed('integrations', doc(2)).refs, normalizeItemDetailed('integrations', doc(2)).refs, { components: { left: eu, right: eu } })).toEqual([]);
    // A number the side's components do not know stays unproven.
    expect(pair(51, 2)[0].basis).toBe('unknown');
  });
});
