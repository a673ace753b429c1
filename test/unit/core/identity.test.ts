import { describe, expect, it } from 'vitest';
import { canonicalItem, itemIdentity, itemToYaml, listItemIdentity } from '../../../src-main/core/identity';
import { parseYaml } from '../../../src-main/core/yaml/codec';
import type { ComponentRecord, CustomerRecord, InstanceRecord } from '../../../src-main/core/model';
import { fixtureNames, readFixture, serverReadBack, mustParse } from './diff-fixtures.helper';
import { dumpYaml } from '../../../src-main/core/yaml/codec';

const key = (k: string) => ({ type: 'key' as const, key: k });

describe('listItemIdentity', () => {
  it('follows the identity rules of design.md', () => {
    expect(listItemIdentity([key('flows')], { name: 'Sync', stableKey: 'sync-1' })).toEqual({ by: 'stableKey', key: 'sync-1' });
    expect(listItemIdentity([key('flows')], { name: 'Sync' })).toEqual({ by: 'name', key: 'Sync' });
    expect(listItemIdentity([key('flows'), { type: 'item', key: 'Sync', by: 'name' }, key('steps')], { name: 'Call' })).toEqual({ by: 'name', key: 'Call' });
    expect(listItemIdentity([key('branches')], { name: 'Yes' })).toEqual({ by: 'name', key: 'Yes' });
    expect(listItemIdentity([key('requiredConfigVars')], { key: 'API Key', stableKey: 'api-key' })).toEqual({ by: 'stableKey', key: 'api-key' });
    expect(listItemIdentity([key('requiredConfigVars')], { key: 'API Key' })).toEqual({ by: 'key', key: 'API Key' });
    expect(listItemIdentity([key('configPages')], { name: 'Configuration' })).toEqual({ by: 'name', key: 'Configuration' });
    expect(listItemIdentity([key('elements')], { type: 'configVar', value: 'API Key' })).toEqual({ by: 'value', key: 'API Key' });
    expect(listItemIdentity([key('actions')], { key: 'send' })).toEqual({ by: 'key', key: 'send' });
    expect(listItemIdentity([key('inputs')], { key: 'url' })).toEqual({ by: 'key', key: 'url' });
    expect(listItemIdentity([key('configVars')], { key: 'Region' })).toEqual({ by: 'key', key: 'Region' });
    expect(listItemIdentity([key('supplementalComponents')], { key: 'slack', isPublic: false })).toEqual({ by: 'key', key: 'slack (private)' });
    expect(listItemIdentity([key('labels')], 'x')).toBeUndefined();
    expect(listItemIdentity([key('value')], { type: 'value', value: 'INBOX' })).toBeUndefined();
  });
});

describe('itemIdentity', () => {
  it('names each kind of item the same way in every region', () => {
    expect(itemIdentity('integrations', { name: 'Orders Sync', yaml: '', versions: [] })).toBe('Orders Sync');
    expect(itemIdentity('components', { key: 'acme', isPublic: false, versions: [] })).toBe('acme (private)');
    expect(itemIdentity('components', { key: 'slack', isPublic: true, versions: [] })).toBe('slack');
    expect(itemIdentity('customers', { externalId: 'cust-1', name: 'Acme' })).toBe('cust-1');
    expect(itemIdentity('instances', { customer: 'cust-1', integration: 'Orders Sync', name: 'Prod' })).toBe('cust-1/Orders Sync/Prod');
  });
});

describe('canonicalItem', () => {
  it.each(fixtureNames())('%s: a server read-back hashes the same; an edit does not', (name) => {
    const text = readFixture(name);
    const def = mustParse(text).value as any;
    const rec = (yaml: string) => ({ name: def.name, yaml, versions: [] });
    const a = canonicalItem('integrations', rec(text), []);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalItem('integrations', rec(dumpYaml(serverReadBack(def))), []).hash).toBe(a.hash);
    const edited = structuredClone(def);
    edited.flows[0].name = `${edited.flows[0].name} v2`;
    expect(canonicalItem('integrations', rec(dumpYaml(edited)), []).hash).not.toBe(a.hash);
  });

  it('a definition that does not parse gets a stable `invalid:` hash, not an exception', () => {
    const bad = { name: 'Broken', yaml: 'a: [1, 2\n', versions: [] };
    const h = canonicalItem('integrations', bad, []).hash;
    expect(h).toMatch(/^invalid:[0-9a-f]{64}$/);
    expect(canonicalItem('integrations', { ...bad }, []).hash).toBe(h);
  });

  it('components: same signature hashes the same whatever the version numbers', () => {
    const version = (number: number, signature: string) => ({ number, signature, publishedAt: `2026-0${number % 9}-01`, actions: [{ key: 'b', inputs: [] }, { key: 'a', inputs: [] }], triggers: [], dataSources: [], connections: [] });
    const us: ComponentRecord = { key: 'acme', isPublic: false, versions: [version(49, 'old'), version(50, 'sig')], remoteId: 'US1' };
    const eu: ComponentRecord = { key: 'acme', isPublic: false, versions: [{ ...version(2, 'sig'), actions: [{ key: 'a', inputs: [] }, { key: 'b', inputs: [] }] }], remoteId: 'EU9' };
    expect(canonicalItem('components', us, []).hash).toBe(canonicalItem('components', eu, []).hash);
    expect(canonicalItem('components', { ...eu, versions: [version(2, 'other')] }, []).hash).not.toBe(canonicalItem('components', us, []).hash);
  });

  it('customers and instances: ids, label order, versions, webhook URLs are not drift; secrets compare as set/unset', () => {
    const c1: CustomerRecord = { externalId: 'c1', name: 'Acme', labels: ['x', 'y'], remoteId: 'A' };
    const c2: CustomerRecord = { externalId: 'c1', name: 'Acme', labels: ['y', 'x'], remoteId: 'B' };
    expect(canonicalItem('customers', c1, []).hash).toBe(canonicalItem('customers', c2, []).hash);
    const i1: InstanceRecord = {
      customer: 'c1', integration: 'Orders', name: 'Prod', version: 12, enabled: true, deployed: true, needsDeploy: false, labels: [],
      configVars: [{ key: 'Token', secret: 'set' }, { key: 'Region', value: 'us' }],
      flowConfigs: [{ flow: 'Sync', webhookUrl: 'https://hooks.prismatic.io/trigger/A' }], remoteId: 'I1',
    };
    const i2: InstanceRecord = { ...i1, version: 3, needsDeploy: true, remoteId: 'I2', configVars: [{ key: 'Region', value: 'us' }, { key: 'Token', secret: 'set' }], flowConfigs: [{ flow: 'Sync', webhookUrl: 'https://hooks.eu/B' }] };
    expect(canonicalItem('instances', i1, []).hash).toBe(canonicalItem('instances', i2, []).hash);
    const i3: InstanceRecord = { ...i2, configVars: [{ key: 'Region', value: 'us' }, { key: 'Token', secret: 'unset' }] };
    expect(canonicalItem('instances', i3, []).hash).not.toBe(canonicalItem('instances', i1, []).hash);
    expect(canonicalItem('instances', { ...i2, enabled: false }, []).hash).not.toBe(canonicalItem('instances', i1, []).hash);
    // Key order as read from a region never matters.
    const reordered = Object.fromEntries(Object.entries(i1).reverse().map(([k, v]) => [k, k === 'configVars' ? (v as any[]).map((c) => Object.fromEntries(Object.entries(c).reverse())) : v]));
    expect(canonicalItem('instances', reordered, []).hash).toBe(canonicalItem('instances', i1, []).hash);
  });
});

describe('itemToYaml', () => {
  it('gives an integration its own text, and other records readable YAML without ids', () => {
    const text = readFixture(fixtureNames()[0]);
    expect(itemToYaml('integrations', { name: 'x', yaml: text, versions: [] })).toBe(text);
    const yaml = itemToYaml('instances', { customer: 'c1', integration: 'Orders', name: 'Prod', version: 3, enabled: true, deployed: false, labels: ['b', 'a'], configVars: [], remoteId: 'SECRET-ID' });
    expect(yaml).not.toContain('remoteId');
    const parsed = parseYaml(yaml);
    expect(parsed.ok && parsed.value.value).toMatchObject({ customer: 'c1', labels: ['a', 'b'], version: 3 });
    const comp = itemToYaml('components', { key: 'acme', isPublic: true, versions: [{ number: 1, signature: 'a', actions: [], triggers: [], dataSources: [], connections: [] }, { number: 2, signature: 'b', actions: [], triggers: [], dataSources: [], connections: [] }] });
    expect(comp).toContain('latest:');
    expect(comp).toContain('signature: b');
    expect(comp).not.toContain('signature: a');
  });
});
