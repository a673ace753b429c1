import { describe, expect, it } from 'vitest';
import { computeDrift, type DriftInput } from '../../../src-main/core/drift/matrix';
import { diffItems } from '../../../src-main/core/diff/semantic';
import { parseIgnoreRules } from '../../../src-main/core/ignore';
import type { ComponentRecord, CustomerRecord, InstanceRecord, IntegrationRecord, RegionConfig, ResidencyPolicy, Snapshot } from '../../../src-main/core/model';
import type { DriftMatrix, DriftRow } from '../../../src-main/core/drift/types';
import { readFixture } from './diff-fixtures.helper';

// Real integration definitions, read in place.
const SAMPLE = readFixture('01-sample-integration.yml');
const LOOP = readFixture('02-example-with-loop.yaml');
const NOW = new Date('2026-11-22T12:00:00Z');

function component(key: string, versions: Array<[number, string]>): ComponentRecord {
  return {
    key,
    isPublic: true,
    versions: versions.map(([number, signature]) => ({
      number,
      signature,
      actions: [{ key: 'httpRequest', inputs: [{ key: 'url', required: true }] }],
      triggers: [],
      dataSources: [],
      connections: [],
    })),
  };
}

function instance(customer: string, integration: string, name: string, extra: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    customer,
    integration,
    name,
    version: 2,
    enabled: true,
    deployed: true,
    labels: ['prod'],
    configVars: [
      { key: 'baseUrl', value: `https://${customer}.example.com` },
      { key: 'apiKey', secret: 'set', kind: 'value' },
    ],
    flowConfigs: [{ flow: 'Customer Sync', webhookUrl: `https://hooks.example.com/${customer}/${Math.random()}` }],
    ...extra,
  };
}

const customers: CustomerRecord[] = [
  { externalId: 'acme', name: 'Acme Retail', country: 'US', labels: ['retail'] },
  { externalId: 'bergmann', name: 'Bergmann GmbH', country: 'DE' },
];

function snapshot(regionId: string, parts: Partial<Snapshot> = {}, capturedAt = '2026-11-22T11:50:00Z'): Snapshot {
  return {
    regionId,
    capturedAt,
    source: { kind: 'folder' },
    components: [component('http', [[1, 'sig-a'], [2, 'sig-b']])],
    integrations: [
      { name: 'Sample E-commerce Integration', yaml: SAMPLE, versions: [{ number: 1 }, { number: 2 }] },
      { name: 'Loop Example', yaml: LOOP, versions: [{ number: 1 }] },
    ],
    customers: structuredClone(customers),
    instances: [instance('acme', 'Sample E-commerce Integration', 'Acme Sync'), instance('bergmann', 'Loop Example', 'Bergmann Loop', { version: 1 })],
    ...parts,
  };
}

const regions: RegionConfig[] = [
  { id: 'us', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
  { id: 'eu', kind: 'folder', geography: { country: 'DE', continent: 'EU' } },
  { id: 'gov', kind: 'folder', geography: { country: 'US', continent: 'NA' }, maxAgeMinutes: 60 },
];

function drift(snapshots: Record<string, Snapshot | null>, extra: Partial<DriftInput> = {}): DriftMatrix {
  return computeDrift({ regions, snapshots, baseline: 'us', ignore: [], now: NOW, ...extra });
}

function row(m: DriftMatrix, kind: DriftRow['kind'], id: string): DriftRow {
  const found = m.rows.find((r) => r.kind === kind && r.id === id);
  if (!found) throw new Error(`no ${kind} row ${id}: ${m.rows.map((r) => r.id).join(', ')}`);
  return found;
}

describe('computeDrift', () => {
  it('finds nothing when regions hold the same items (different ids, webhook URLs, version numbers)', () => {
    const eu = snapshot('eu');
    eu.components = [component('http', [[40, 'sig-a'], [41, 'sig-b']])];
    eu.integrations = eu.integrations.map((i) => ({ ...i, remoteId: `eu-${i.name}`, versions: [{ number: 7 }, { number: 9 }] }));
    eu.instances = eu.instances.map((i) => ({ ...i, remoteId: 'eu-1', version: i.integration === 'Loop Example' ? 9 : 9 }));
    const m = drift({ us: snapshot('us'), eu, gov: snapshot('gov') });
    expect(m.rows.filter((r) => r.drifted).map((r) => r.id)).toEqual([]);
    expect(m.counts).toEqual({
      components: { total: 1, drifted: 0 },
      integrations: { total: 2, drifted: 0 },
      customers: { total: 2, drifted: 0 },
      instances: { total: 2, drifted: 0 },
    });
    // Same signature under other version numbers: the same component, its numbers shown.
    const http = row(m, 'components', 'http');
    expect(http.cells.us).toMatchObject({ state: 'same', version: 'v2' });
    expect(http.cells.eu).toMatchObject({ state: 'same', version: 'v41' });
  });

  it('treats component version numbers inside a definition as translation, not drift', () => {
    const eu = snapshot('eu');
    const renumbered = SAMPLE.replace(/version: 1\b/g, 'version: 57');
    expect(renumbered).not.toBe(SAMPLE);
    eu.integrations[0] = { ...eu.integrations[0], yaml: renumbered };
    const m = drift({ us: snapshot('us'), eu, gov: snapshot('gov') });
    expect(row(m, 'integrations', 'Sample E-commerce Integration').cells.eu.state).toBe('same');
  });

  it('counts semantic changes of a differing integration, and a changed component', () => {
    const eu = snapshot('eu');
    eu.integrations[0] = { ...eu.integrations[0], yaml: SAMPLE.replace('maxAttempts: 3', 'maxAttempts: 5').replace('value: "POST"', 'value: "PUT"') };
    eu.components = [component('http', [[1, 'sig-a'], [2, 'sig-b'], [3, 'sig-c']])];
    const m = drift({ us: snapshot('us'), eu, gov: snapshot('gov') });
    const sample = row(m, 'integrations', 'Sample E-commerce Integration');
    expect(sample.cells.eu).toMatchObject({ state: 'differs', changes: 2 });
    expect(sample.cells.gov.state).toBe('same');
    expect(sample.drifted).toBe(true);
    const http = row(m, 'components', 'http');
    expect(http.cells.eu).toMatchObject({ state: 'differs', version: 'v3', notes: ['ahead of baseline'] });
    expect(http.cells.eu.changes).toBeGreaterThan(0);
    expect(m.counts.integrations).toEqual({ total: 2, drifted: 1 });
  });

  it('lets an ignore rule change the verdict', () => {
    const eu = snapshot('eu');
    eu.integrations[0] = { ...eu.integrations[0], yaml: SAMPLE.replace('maxAttempts: 3', 'maxAttempts: 5') };
    const snaps = { us: snapshot('us'), eu, gov: snapshot('gov') };
    expect(row(drift(snaps), 'integrations', 'Sample E-commerce Integration').cells.eu).toMatchObject({ state: 'differs', changes: 1 });
    const rules = parseIgnoreRules(['integrations/*: flows[*].retryConfig.maxAttempts']);
    if (!rules.ok) throw new Error(rules.error.message);
    const ignored = drift(snaps, { ignore: rules.value });
    expect(row(ignored, 'integrations', 'Sample E-commerce Integration').cells.eu.state).toBe('same');
    expect(ignored.counts.integrations.drifted).toBe(0);
    // And the same rule parsed again (a new array, as every request makes) gives the same verdict.
    const again = parseIgnoreRules(['integrations/*: flows[*].retryConfig.maxAttempts']);
    expect(row(drift(snaps, { ignore: again.ok ? again.value : [] }), 'integrations', 'Sample E-commerce Integration').cells.eu.state).toBe('same');
  });

  it('marks missing and extra items, from the baseline’s point of view', () => {
    const eu = snapshot('eu');
    eu.integrations = eu.integrations.filter((i) => i.name !== 'Loop Example');
    eu.customers.push({ externalId: 'globex', name: 'Globex', country: 'FR' });
    const m = drift({ us: snapshot('us'), eu, gov: snapshot('gov') });
    expect(row(m, 'integrations', 'Loop Example').cells).toMatchObject({ us: { state: 'same' }, eu: { state: 'missing' }, gov: { state: 'same' } });
    const globex = row(m, 'customers', 'globex');
    expect(globex.label).toBe('Globex (globex)');
    expect(globex.cells).toMatchObject({ us: { state: 'missing' }, eu: { state: 'extra' }, gov: { state: 'same', notes: ['absent'] } });
    expect(globex.drifted).toBe(true);
  });

  it('marks a region without a snapshot unknown, without calling every row drifted', () => {
    const m = drift({ us: snapshot('us'), eu: null, gov: snapshot('gov') });
    expect(m.regions.find((r) => r.id === 'eu')).toMatchObject({ available: false, stale: false });
    expect(m.rows.every((r) => r.cells.eu.state === 'unknown')).toBe(true);
    expect(m.rows.some((r) => r.drifted)).toBe(false);
  });

  it('marks an old snapshot stale, keeping what it said underneath', () => {
    const oldGov = snapshot('gov', {}, '2026-11-22T09:00:00Z'); // 3 h old; gov allows 60 min
    oldGov.customers[0] = { ...oldGov.customers[0], name: 'Acme Retail Inc' };
    const m = drift({ us: snapshot('us'), eu: snapshot('eu'), gov: oldGov });
    expect(m.regions.find((r) => r.id === 'gov')).toMatchObject({ stale: true, available: true, capturedAt: '2026-11-22T09:00:00Z' });
    expect(row(m, 'customers', 'acme').cells.gov).toMatchObject({ state: 'stale', underlying: 'differs', changes: 1 });
    expect(row(m, 'customers', 'acme').drifted).toBe(true);
    expect(row(m, 'customers', 'bergmann').cells.gov).toMatchObject({ state: 'stale', underlying: 'same' });
    expect(row(m, 'customers', 'bergmann').drifted).toBe(false);
    // eu has no maxAgeMinutes of its own: the workspace default decides.
    const oldEu = snapshot('eu', {}, '2026-11-22T11:00:00Z');
    expect(drift({ us: snapshot('us'), eu: oldEu, gov: snapshot('gov') }).regions.find((r) => r.id === 'eu')!.stale).toBe(false);
    expect(drift({ us: snapshot('us'), eu: oldEu, gov: snapshot('gov') }, { defaultMaxAgeMinutes: 30 }).regions.find((r) => r.id === 'eu')!.stale).toBe(true);
  });

  it('notes instance state, and calls an instance behind its region’s latest version drift', () => {
    const eu = snapshot('eu');
    eu.integrations[0] = { ...eu.integrations[0], versions: [{ number: 3 }, { number: 5 }] };
    eu.instances[0] = { ...eu.instances[0], version: 3, enabled: false, needsDeploy: true };
    const m = drift({ us: snapshot('us'), eu, gov: snapshot('gov') });
    const acme = row(m, 'instances', 'acme/Sample E-commerce Integration/Acme Sync');
    expect(acme.label).toBe('acme / Sample E-commerce Integration / Acme Sync');
    expect(acme.cells.us).toMatchObject({ state: 'same', version: 'v2' });
    expect(acme.cells.eu.state).toBe('differs');
    expect(acme.cells.eu.version).toBe('v3');
    expect(acme.cells.eu.notes).toEqual(expect.arrayContaining(['disabled', 'needs deploy', 'pinned v3 (latest v5)']));
    // Only pinned (configuration equal): still drift.
    const pinned = snapshot('gov');
    pinned.instances[0] = { ...pinned.instances[0], version: 1 };
    const p = drift({ us: snapshot('us'), eu: snapshot('eu'), gov: pinned });
    expect(row(p, 'instances', 'acme/Sample E-commerce Integration/Acme Sync').cells.gov).toMatchObject({ state: 'differs', notes: ['pinned v1 (latest v2)'] });
  });

  it('flags an instance living where the residency policy forbids', () => {
    const policy: ResidencyPolicy = { default: 'us', restrictions: [{ customers: { country: ['DE', 'FR'] }, regions: ['eu'] }, { regions: ['gov'], keep: true }] };
    const m = drift({ us: snapshot('us'), eu: snapshot('eu'), gov: snapshot('gov') }, { policy });
    const bergmann = row(m, 'instances', 'bergmann/Loop Example/Bergmann Loop');
    expect(bergmann.misplaced).toEqual({
      us: 'restriction #1: customers in DE, FR only in [eu]',
      gov: 'restriction #1: customers in DE, FR only in [eu]',
    });
    expect(bergmann.cells.us.notes).toContain('misplaced');
    expect(bergmann.cells.eu.notes ?? []).not.toContain('misplaced');
    expect(bergmann.drifted).toBe(true);
    expect(row(m, 'instances', 'acme/Sample E-commerce Integration/Acme Sync').misplaced).toBeUndefined();
    // The country comes from the region's own customers list.
    const us = snapshot('us');
    us.customers[1] = { ...us.customers[1], country: 'US' };
    const moved = drift({ us, eu: snapshot('eu'), gov: snapshot('gov') }, { policy });
    expect(Object.keys(row(moved, 'instances', 'bergmann/Loop Example/Bergmann Loop').misplaced!)).toEqual(['gov']);
  });

  it('does not count absences the residency policy explains as drift', () => {
    const policy: ResidencyPolicy = { default: 'us', routes: [{ continent: 'EU', region: 'eu' }] };
    const us = snapshot('us');
    us.customers = us.customers.filter((c) => c.externalId !== 'bergmann');
    us.instances = us.instances.filter((i) => i.customer !== 'bergmann');
    const eu = snapshot('eu');
    eu.customers = eu.customers.filter((c) => c.externalId !== 'acme');
    eu.instances = eu.instances.filter((i) => i.customer !== 'acme');
    const gov = snapshot('gov');
    const m = drift({ us, eu, gov }, { policy });
    // acme lives in us (US → default): missing from eu is expected; bergmann (DE → EU) lives in eu.
    const acme = row(m, 'customers', 'acme');
    expect(acme.cells.eu).toMatchObject({ state: 'missing', notes: ['home: us'], expected: true });
    expect(acme.drifted).toBe(false);
    expect(row(m, 'instances', 'acme/Sample E-commerce Integration/Acme Sync').cells.eu).toMatchObject({ state: 'missing', expected: true });
    expect(row(m, 'customers', 'bergmann').cells.eu).toMatchObject({ state: 'extra', notes: ['home: eu'], expected: true });
    // gov holds both: acme matches the baseline; bergmann's copy in gov is extra outside its home.
    expect(row(m, 'customers', 'bergmann').cells.gov).toMatchObject({ state: 'extra' });
    expect(row(m, 'customers', 'bergmann').cells.gov.expected).toBeUndefined();
    expect(row(m, 'customers', 'bergmann').drifted).toBe(true);
    expect(row(m, 'instances', 'acme/Sample E-commerce Integration/Acme Sync').drifted).toBe(false);
    // Without a policy the same absences are plain drift.
    expect(row(drift({ us, eu, gov }), 'customers', 'acme').drifted).toBe(true);
    expect(row(drift({ us, eu, gov }), 'customers', 'acme').cells.eu.expected).toBeUndefined();
  });

  it('says when a stored definition does not parse instead of failing the matrix', () => {
    const eu = snapshot('eu');
    eu.integrations[1] = { ...eu.integrations[1], yaml: 'name: [unclosed\n' };
    const m = drift({ us: snapshot('us'), eu, gov: snapshot('gov') });
    expect(row(m, 'integrations', 'Loop Example').cells.eu).toMatchObject({ state: 'differs', notes: ['invalid definition'] });
  });

  it('compares nothing without a baseline snapshot', () => {
    const m = drift({ us: null, eu: snapshot('eu'), gov: snapshot('gov') });
    const r = row(m, 'integrations', 'Loop Example');
    expect(r.cells.us.state).toBe('unknown');
    expect(r.cells.eu).toMatchObject({ state: 'unknown', notes: ['no baseline snapshot'] });
  });

  it('counts the same changes as the semantic diff of the two records', () => {
    const eu = snapshot('eu');
    eu.integrations[0] = { ...eu.integrations[0], yaml: SAMPLE.replace('maxAttempts: 3', 'maxAttempts: 5').replace(/version: 1\b/g, 'version: 9') };
    eu.customers[0] = { ...eu.customers[0], name: 'Acme Retail Inc', labels: ['retail', 'vip'] };
    eu.instances[0] = { ...eu.instances[0], labels: ['prod', 'eu'], configVars: [{ key: 'baseUrl', value: 'https://eu.example.com' }, { key: 'apiKey', secret: 'unset' }] };
    const us = snapshot('us');
    const m = drift({ us, eu, gov: snapshot('gov') });
    const cases: Array<[DriftRow['kind'], string, object, object]> = [
      ['integrations', 'Sample E-commerce Integration', us.integrations[0], eu.integrations[0]],
      ['customers', 'acme', us.customers[0], eu.customers[0]],
      ['instances', 'acme/Sample E-commerce Integration/Acme Sync', us.instances[0], eu.instances[0]],
    ];
    for (const [kind, id, left, right] of cases) {
      const expected = diffItems(kind, id, left, right, []).summary.total;
      expect(expected, `${kind} ${id}`).toBeGreaterThan(0);
      expect(row(m, kind, id).cells.eu, `${kind} ${id}`).toMatchObject({ state: 'differs', changes: expected });
    }
  });

  it('gives the same matrix when called again over the same snapshots', () => {
    const eu = snapshot('eu');
    eu.integrations[0] = { ...eu.integrations[0], yaml: SAMPLE.replace('maxAttempts: 3', 'maxAttempts: 4') };
    const snaps = { us: snapshot('us'), eu, gov: snapshot('gov') };
    expect(drift(snaps)).toEqual(drift(snaps));
  });
});
