/**
 * The pure instances module: the per-customer cross-region view (versions against each region's
 * own latest, run state, differing config vars, secrets only as set/unset, misplacement), the
 * in-place change plans (upgrade, pin, pause, unpause) and relocation plans (residency, secrets).
 */
import { describe, expect, it } from 'vitest';
import { buildInstancesView } from '../../../src-main/core/instances/view';
import { planInstanceChanges } from '../../../src-main/core/instances/changes';
import { connectionsToReenter, planRelocation } from '../../../src-main/core/instances/relocate';
import { verifyPlanHash } from '../../../src-main/core/plan/hash';
import { AppFailure } from '../../../src-main/core/errors';
import type { InstanceRecord, RegionConfig, ResidencyPolicy, Snapshot } from '../../../src-main/core/model';

const regions: RegionConfig[] = [
  { id: 'us', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
  { id: 'eu', kind: 'folder', geography: { country: 'DE', continent: 'EU' } },
  { id: 'gov', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
];
const policy: ResidencyPolicy = {
  default: 'us',
  routes: [{ country: 'GB', region: 'eu' }],
  restrictions: [{ customers: { country: ['DE'] }, regions: ['eu'] }, { regions: ['gov'], keep: true }],
};
const yaml = 'definitionVersion: 7\nname: Orders\nflows: []\n';
const ws = { name: 'Test', id: 'test' };
const now = new Date('2026-01-02T03:04:05Z');

function inst(customer: string, over: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    customer,
    integration: 'Orders',
    name: 'Orders',
    version: 2,
    enabled: true,
    deployed: true,
    labels: [],
    configVars: [
      { key: 'ERP', kind: 'connection', secret: 'set' },
      { key: 'Channel', value: '#orders' },
    ],
    ...over,
  };
}

function snap(regionId: string, versions: number[], instances: InstanceRecord[], customers: Snapshot['customers']): Snapshot {
  return {
    regionId,
    capturedAt: '2026-01-01T00:00:00Z',
    source: { kind: 'folder' },
    components: [],
    integrations: versions.length ? [{ name: 'Orders', yaml, versions: versions.map((number) => ({ number })) }] : [],
    customers,
    instances,
  };
}

const acme = { externalId: 'acme', name: 'Acme', country: 'US' };
const berg = { externalId: 'berg', name: 'Bergmann', country: 'DE' };
const brit = { externalId: 'brit', name: 'Britannia', country: 'GB' };

function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('buildInstancesView', () => {
  const us = snap('us', [1, 2, 3], [
    inst('acme'),
    inst('berg', { version: 3 }),
    inst('brit', { enabled: false, configVars: [{ key: 'ERP', kind: 'connection', secret: 'unset' }, { key: 'Channel', value: '#brit' }] }),
  ], [acme, berg, brit]);
  const eu = snap('eu', [1, 2], [
    inst('brit', { version: 2, needsDeploy: true, configVars: [{ key: 'ERP', kind: 'connection', secret: 'set' }, { key: 'Channel', value: '#brit-eu' }] }),
  ], [brit]);
  const view = buildInstancesView({ regions, snapshots: { us, eu }, policy });

  it('shows each region against its own latest version and says which regions are unknown', () => {
    expect(view.regions.map((r) => [r.id, r.known])).toEqual([['us', true], ['eu', true], ['gov', false]]);
    const acmeRow = view.customers.find((c) => c.externalId === 'acme')!.rows[0];
    expect(acmeRow.cells.us).toMatchObject({ version: 2, latest: 3, behind: true, state: 'running' });
    const britRow = view.customers.find((c) => c.externalId === 'brit')!.rows[0];
    // v2 is eu's latest even though us has a v3: numbers are per region
    expect(britRow.cells.eu).toMatchObject({ version: 2, latest: 2, behind: false, state: 'needs-deploy' });
    expect(britRow.cells.us).toMatchObject({ state: 'paused', unsetSecrets: ['ERP'] });
  });

  it('lists config vars that differ across regions, secrets compared only as set/unset', () => {
    const britRow = view.customers.find((c) => c.externalId === 'brit')!.rows[0];
    expect(britRow.differs).toEqual(['Channel', 'ERP']);
    expect(britRow.cells.eu.configVars).toEqual([
      { key: 'Channel', kind: 'value', value: '#brit-eu' },
      { key: 'ERP', kind: 'connection', secret: 'set' },
    ]);
    expect(view.customers.find((c) => c.externalId === 'acme')!.rows[0].differs).toEqual([]);
  });

  it('never carries a secret value, even when a provider handed one over', () => {
    const leaky = snap('us', [1], [inst('acme', { configVars: [{ key: 'Token', secret: 'set', value: 'hunter2-secret' }] })], [acme]);
    const v = buildInstancesView({ regions, snapshots: { us: leaky }, policy });
    expect(JSON.stringify(v)).not.toContain('hunter2');
    expect(v.customers[0].rows[0].cells.us.configVars).toEqual([{ key: 'Token', kind: 'secret', secret: 'set' }]);
  });

  it('flags a misplaced instance with the rule and routes the customer home', () => {
    const c = view.customers.find((x) => x.externalId === 'berg')!;
    expect(c.home).toBe('eu');
    expect(c.rows[0].cells.us.misplaced).toBe('restriction #1: customers in DE only in [eu]');
    expect(view.customers.find((x) => x.externalId === 'acme')!.rows[0].cells.us.misplaced).toBeUndefined();
  });

  it('filters by customer', () => {
    const v = buildInstancesView({ regions, snapshots: { us, eu }, policy, customer: 'brit' });
    expect(v.customers.map((c) => [c.externalId, c.regions])).toEqual([['brit', ['us', 'eu']]]);
    expect(buildInstancesView({ regions, snapshots: { us, eu }, policy, customer: 'nobody' }).customers).toEqual([]);
  });
});

describe('planInstanceChanges', () => {
  const us = snap('us', [1, 2, 3], [inst('acme'), inst('berg', { version: 3, enabled: false })], [acme, berg]);
  const ref = (customer: string) => ({ customer, integration: 'Orders', name: 'Orders' });

  it('upgrades to the latest and deploys, as a hashed, fingerprinted plan on one region', () => {
    const plan = planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('acme'), action: 'upgrade' }], now });
    expect(plan.steps.map((s) => [s.id, s.write, s.after])).toEqual([
      ['t:us#1', { op: 'setInstanceVersion', instance: ref('acme'), version: 3 }, undefined],
      ['t:us#2', { op: 'deployInstance', instance: ref('acme') }, ['t:us#1']],
    ]);
    expect(plan.targets).toEqual([plan.source]);
    expect(plan.source.region).toBe('us');
    expect(verifyPlanHash(plan)).toBe(true);
  });

  it('pins back to the previous version by default, or to a chosen one', () => {
    const back = planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('berg'), action: 'pin' }], now });
    expect(back.steps.map((s) => s.write)).toEqual([
      { op: 'setInstanceVersion', instance: ref('berg'), version: 2 },
      { op: 'deployInstance', instance: ref('berg') },
    ]);
    const chosen = planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('berg'), action: 'pin', version: 1 }], now });
    expect(chosen.steps[0].write).toMatchObject({ version: 1 });
    expect(failure(() => planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('berg'), action: 'pin', version: 9 }], now })).error.code).toBe('NOT_FOUND');
    expect(failure(() => planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('berg'), action: 'upgrade', version: 1 }], now })).error.message).toContain('that is a pin');
  });

  it('pauses and unpauses, and refuses a plan that would change nothing', () => {
    const p = planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('acme'), action: 'pause' }, { instance: ref('berg'), action: 'unpause' }], now });
    expect(p.steps.map((s) => s.write)).toEqual([
      { op: 'setInstanceEnabled', instance: ref('acme'), enabled: false },
      { op: 'setInstanceEnabled', instance: ref('berg'), enabled: true },
    ]);
    const none = failure(() => planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('berg'), action: 'pause' }], now }));
    expect(none.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(none.error.message).toContain('already paused');
    expect(failure(() => planInstanceChanges({ workspace: ws, region: us, changes: [{ instance: ref('ghost'), action: 'pause' }], now })).error.code).toBe('NOT_FOUND');
  });

  it('chains several changes to one instance and warns about unset connections on deploy', () => {
    const withUnset = snap('us', [1, 2, 3], [inst('acme', { enabled: false, configVars: [{ key: 'ERP', kind: 'connection', secret: 'unset' }] })], [acme]);
    const p = planInstanceChanges({ workspace: ws, region: withUnset, changes: [{ instance: ref('acme'), action: 'upgrade' }, { instance: ref('acme'), action: 'unpause' }], now });
    expect(p.steps.map((s) => [s.write.op, s.after])).toEqual([
      ['setInstanceVersion', undefined],
      ['deployInstance', ['t:us#1']],
      ['setInstanceEnabled', ['t:us#2']],
    ]);
    expect(p.preflight).toEqual([expect.objectContaining({ level: 'warning', code: 'SECRET_REENTRY', step: 't:us#2' })]);
  });
});

describe('planRelocation', () => {
  const us = snap('us', [1, 2, 3], [inst('brit'), inst('berg')], [brit, berg]);
  const eu = snap('eu', [1, 2], [], []);
  const gov = snap('gov', [1], [inst('acme')], [acme]);
  const base = { workspace: ws, regions, policy, ignore: [], now };

  it('creates the customer and its instances unconfigured and names every connection to re-enter', () => {
    const plan = planRelocation({ ...base, customer: 'brit', from: us, to: eu });
    expect(plan.steps.map((s) => s.write.op)).toEqual(['upsertCustomer', 'createInstance']);
    const created = plan.steps[1].write;
    expect(created.op === 'createInstance' && created.instance.configVars).toEqual([
      { key: 'ERP', kind: 'connection', secret: 'unset' },
      { key: 'Channel', value: '#orders' },
    ]);
    expect(connectionsToReenter(plan)).toEqual([{ instance: 'brit/Orders/Orders', key: 'ERP' }]);
    expect(plan.preflight.filter((f) => f.code === 'SECRET_REENTRY').map((f) => f.message)).toEqual([expect.stringContaining('"ERP"')]);
    expect(plan.preflight.some((f) => f.level === 'error')).toBe(false);
    expect(verifyPlanHash(plan)).toBe(true);
  });

  it('refuses a move the residency policy forbids, with the rule', () => {
    const de = failure(() => planRelocation({ ...base, customer: 'berg', from: snap('eu', [1], [inst('berg')], [berg]), to: us }));
    expect(de.error.code).toBe('RESIDENCY_FORBIDDEN');
    expect(de.error.message).toContain('restriction #1: customers in DE only in [eu]');
    const keep = failure(() => planRelocation({ ...base, customer: 'acme', from: gov, to: us }));
    expect(keep.error.message).toContain('restriction #2: data in [gov] never leaves (keep)');
  });

  it('refuses to plan an instance whose integration the target has not published', () => {
    const empty = snap('eu', [], [], []);
    const plan = planRelocation({ ...base, customer: 'brit', from: us, to: empty });
    expect(plan.preflight.filter((f) => f.level === 'error').map((f) => f.code)).toEqual(['NOT_FOUND']);
  });
});
