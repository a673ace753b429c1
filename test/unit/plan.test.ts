import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegionConfig, Snapshot } from '../../src-main/core/model';
import { computePlan, type PlanInput } from '../../src-main/core/plan/compute';
import { fingerprint } from '../../src-main/core/plan/fingerprint';
import { planHash, resolveWrite, verifyPlanHash } from '../../src-main/core/plan/hash';
import { definitionNeeds } from '../../src-main/core/plan/references';
import { parseYaml } from '../../src-main/core/yaml/codec';
import { euSnapshot, fixturesDir, orderSyncYaml, published, usSnapshot } from '../helpers/promotion';

const regions: RegionConfig[] = [
  { id: 'us', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
  { id: 'eu', kind: 'folder', geography: { country: 'IE', continent: 'EU' } },
  { id: 'gov', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
];

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    workspace: { name: 'Acme Corp', id: 'acme' },
    source: usSnapshot(),
    targets: [euSnapshot()],
    items: [{ kind: 'integrations', name: 'Order Sync' }],
    instances: 'all',
    regions,
    ignore: [],
    now: new Date('2026-02-01T00:00:00Z'),
    ...over,
  };
}

const codes = (plan: ReturnType<typeof computePlan>) => plan.preflight.map((f) => `${f.level}:${f.code}`);

describe('computePlan steps', () => {
  it('publishes the component the integration resolves to, imports, publishes, then moves and deploys instances', () => {
    const plan = computePlan(input());
    expect(plan.steps.map((s) => `${s.write.op}:${s.tag}`)).toEqual([
      'publishComponent:updates',
      'importIntegration:overwrites-draft',
      'publishIntegration:updates',
      'setInstanceVersion:updates',
      'deployInstance:updates',
    ]);
    const pub = plan.steps[0].write;
    expect(pub).toMatchObject({ op: 'publishComponent', key: 'acme-erp', isPublic: false, signature: 'sig-erp-2' });
    expect(plan.steps.every((s) => s.id.startsWith('t:eu#'))).toBe(true);
    expect(plan.steps[1].after).toEqual([plan.steps[0].id]);
    expect(plan.preflight.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('tags an integration whose definition is equal as no-change and plans no instance move', () => {
    const us = usSnapshot();
    const eu = euSnapshot();
    eu.components = structuredClone(us.components);
    eu.integrations = [{ name: 'Order Sync', yaml: us.integrations[0].yaml, versions: [published(us.integrations[0].yaml, 3)] }];
    eu.instances[0].version = 3;
    const plan = computePlan(input({ source: us, targets: [eu] }));
    expect(plan.steps.map((s) => `${s.write.op}:${s.tag}`)).toEqual(['importIntegration:no-change', 'publishIntegration:no-change']);
  });

  it('creates the integration when the target lacks it, with the publish comment naming the plan', () => {
    const eu = euSnapshot();
    eu.integrations = [];
    eu.instances = [];
    const plan = computePlan(input({ targets: [eu] }));
    const imp = plan.steps.find((s) => s.write.op === 'importIntegration');
    expect(imp?.tag).toBe('creates');
    expect(imp?.write).toMatchObject({ mode: 'create' });
    const pub = plan.steps.find((s) => s.write.op === 'publishIntegration');
    const sent = resolveWrite(pub!.write, plan.hash);
    expect(sent).toMatchObject({ comment: `Promoted from us by region-sync, plan ${plan.hash.slice(0, 8)}` });
  });

  it('only moves the chosen customers’ instances', () => {
    const eu = euSnapshot();
    eu.customers.push({ externalId: 'OTHER', name: 'Other' });
    eu.instances.push({ ...eu.instances[0], customer: 'OTHER' });
    const chosen = computePlan(input({ targets: [eu], instances: ['OTHER'] }));
    const moved = chosen.steps.filter((s) => s.write.op === 'setInstanceVersion').map((s) => (s.write as { instance: { customer: string } }).instance.customer);
    expect(moved).toEqual(['OTHER']);
    expect(computePlan(input({ targets: [eu], instances: 'none' })).steps.some((s) => s.write.op === 'setInstanceVersion')).toBe(false);
  });

  it('creates an instance item without secrets and asks for each connection to be re-entered', () => {
    const plan = computePlan(input({ items: [{ kind: 'integrations', name: 'Order Sync' }, { kind: 'instances', name: 'ACME-1/Order Sync/Orders' }], instances: 'none' }));
    const eu = euSnapshot();
    eu.instances = [];
    const created = computePlan(input({ targets: [eu], items: [{ kind: 'integrations', name: 'Order Sync' }, { kind: 'instances', name: 'ACME-1/Order Sync/Orders' }] }));
    const create = created.steps.find((s) => s.write.op === 'createInstance');
    expect(create?.write).toMatchObject({ versionFromPublishOf: 'Order Sync' });
    const inst = (create!.write as unknown as { instance: { configVars: Array<Record<string, unknown>> } }).instance;
    expect(inst.configVars).toEqual([{ key: 'ERP Connection', kind: 'connection', secret: 'unset' }, { key: 'Warehouse', value: 'LON-1' }]);
    expect(created.steps.some((s) => s.write.op === 'deployInstance' && (s.write as { instance: { customer: string } }).instance.customer === 'ACME-1')).toBe(false);
    const reentry = created.preflight.filter((f) => f.code === 'SECRET_REENTRY');
    expect(reentry).toHaveLength(1);
    expect(reentry[0]).toMatchObject({ level: 'warning', item: 'instances/ACME-1/Order Sync/Orders', step: create!.id });
    expect(reentry[0].message).toContain('ERP Connection');
    // an existing instance is updated, not created
    expect(plan.steps.some((s) => s.write.op === 'createInstance')).toBe(false);
  });

  it('refuses items that are not in the source', () => {
    expect(() => computePlan(input({ items: [{ kind: 'integrations', name: 'Nope' }] }))).toThrow(/integrations\/Nope is not in us/);
  });
});

describe('plan hash and fingerprint', () => {
  it('binds the plan: any edit breaks the hash', () => {
    const plan = computePlan(input());
    expect(verifyPlanHash(plan)).toBe(true);
    expect(plan.hash).toBe(planHash(plan));
    const edited = structuredClone(plan);
    (edited.steps[1].write as { yaml: string }).yaml += '\n# sneaky\n';
    expect(verifyPlanHash(edited)).toBe(false);
    const reordered = Object.fromEntries(Object.entries(structuredClone(plan)).reverse()) as typeof plan;
    expect(verifyPlanHash(reordered)).toBe(true);
  });

  it('fingerprints change with region state but not with key order or capture time', () => {
    const a = euSnapshot();
    const b = { ...euSnapshot(), capturedAt: '2030-01-01T00:00:00Z' };
    expect(fingerprint(a)).toBe(fingerprint(b));
    const c = euSnapshot();
    c.instances[0].deployed = false;
    expect(fingerprint(c)).not.toBe(fingerprint(a));
    const d = euSnapshot();
    d.integrations[0].versions.push({ number: 2, definitionHash: 'x' });
    expect(fingerprint(d)).not.toBe(fingerprint(a));
  });
});

describe('preflight rules', () => {
  it('MISSING_COMPONENT when the target lacks a component no step publishes', () => {
    const us = usSnapshot();
    us.components = [];
    const eu = euSnapshot();
    eu.components = [];
    const plan = computePlan(input({ source: us, targets: [eu] }));
    const f = plan.preflight.find((x) => x.code === 'MISSING_COMPONENT');
    expect(f).toMatchObject({ level: 'error', target: 'eu', item: 'integrations/Order Sync' });
    expect(f?.hint).toContain('Publish component acme-erp to eu first');
    expect(f?.step).toBe(plan.steps.find((s) => s.write.op === 'importIntegration')?.id);
  });

  it('MISSING_ACTION and MISSING_INPUT against the version a pinned number resolves to in the target', () => {
    // v1 in eu is the old build without createOrder; the YAML pins v1 (a region-specific number).
    const us = usSnapshot();
    us.integrations[0].yaml = orderSyncYaml({ version: 1 });
    const plan = computePlan(input({ source: us }));
    const missing = plan.preflight.find((f) => f.code === 'MISSING_ACTION');
    expect(missing?.message).toContain('createOrder');
    expect(plan.steps.some((s) => s.write.op === 'publishComponent')).toBe(false);

    const eu = euSnapshot();
    eu.components[0].versions = [{ ...eu.components[0].versions[0], actions: [{ key: 'createOrder', inputs: [{ key: 'connection' }, { key: 'order' }] }, { key: 'listOrders', inputs: [] }] }];
    const inputPlan = computePlan(input({ source: us, targets: [eu] }));
    const mi = inputPlan.preflight.find((f) => f.code === 'MISSING_INPUT');
    expect(mi?.message).toContain('priority');
    expect(codes(inputPlan)).not.toContain('error:MISSING_ACTION');
  });

  it('publishing the component in the plan satisfies LATEST refs', () => {
    const plan = computePlan(input());
    expect(codes(plan).filter((c) => c.startsWith('error'))).toEqual([]);
  });

  it('MISSING_CONFIG_VAR for an instance moved to a version needing a value it lacks', () => {
    const eu = euSnapshot();
    eu.instances[0].configVars = [{ key: 'ERP Connection', kind: 'connection', secret: 'unset' }];
    const plan = computePlan(input({ targets: [eu] }));
    const missing = plan.preflight.filter((f) => f.code === 'MISSING_CONFIG_VAR').map((f) => f.message);
    expect(missing).toHaveLength(2);
    expect(missing.join(' ')).toContain('"ERP Connection"');
    expect(missing.join(' ')).toContain('"Warehouse"');
    // Batch Size has a default, so lacking it is fine
    expect(missing.join(' ')).not.toContain('Batch Size');
  });

  it('CODE_NATIVE for a code-native integration (real spectral output)', () => {
    const yaml = readFileSync(path.join(fixturesDir, '11-GENERATED-spectral-cni-example.yml'), 'utf8');
    const us = usSnapshot();
    us.integrations.push({ name: 'Acme Orders (CNI)', yaml, versions: [] });
    const plan = computePlan(input({ source: us, items: [{ kind: 'integrations', name: 'Acme Orders (CNI)' }] }));
    const f = plan.preflight.find((x) => x.code === 'CODE_NATIVE');
    expect(f?.level).toBe('error');
    expect(f?.hint).toContain('rebuild and import it in the target with prism'.replace('rebuild', 'Rebuild'));
  });

  it('RESIDENCY_FORBIDDEN for an instance copied where the customer may not live, and out of a keep region', () => {
    const policy = { default: 'us', restrictions: [{ customers: { country: ['DE'] }, regions: ['eu'] }] };
    const items = [{ kind: 'integrations' as const, name: 'Order Sync' }, { kind: 'instances' as const, name: 'DE-7/Order Sync/Orders' }];
    const gov: Snapshot = { ...euSnapshot(), regionId: 'gov' };
    const toGov = computePlan(input({ targets: [gov], items, policy }));
    const f = toGov.preflight.find((x) => x.code === 'RESIDENCY_FORBIDDEN' && x.item?.startsWith('instances/'));
    expect(f?.item).toBe('instances/DE-7/Order Sync/Orders');
    expect(f?.step).toBe(toGov.steps.find((s) => s.write.op === 'createInstance')?.id);
    expect(f?.message).toMatch(/forbidden by the residency policy: .+/);
    expect(codes(computePlan(input({ items, policy })))).not.toContain('error:RESIDENCY_FORBIDDEN');

    const keep = { restrictions: [{ regions: ['us'], keep: true }] };
    const out = computePlan(input({ items, policy: keep }));
    expect(out.preflight.filter((x) => x.code === 'RESIDENCY_FORBIDDEN').length).toBeGreaterThan(0);
  });

  it('WRONG_TENANT when the target answers as another org', () => {
    const eu = euSnapshot();
    eu.source.org = 'Someone Else';
    const plan = computePlan(input({ targets: [eu], regions: regions.map((r) => (r.id === 'eu' ? { ...r, org: 'Acme Corp' } : r)) }));
    expect(plan.preflight.find((f) => f.code === 'WRONG_TENANT')?.message).toContain('Someone Else');
    expect(codes(computePlan(input({ regions: regions.map((r) => (r.id === 'eu' ? { ...r, org: 'Acme Corp' } : r)) })))).not.toContain('error:WRONG_TENANT');
  });
});

describe('definitionNeeds on real exports', () => {
  it('reads connection config vars and step component refs from a real Gmail export', () => {
    const parsed = parseYaml(readFileSync(path.join(fixturesDir, '03-gmail-with-webhooks.yml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const needs = definitionNeeds(parsed.value.value);
    expect(needs.isCodeNative).toBe(false);
    expect(needs.configVars.filter((v) => v.isConnection).map((v) => v.key)).toContain('Gmail Connection');
    const createTopic = needs.uses.find((u) => u.key === 'createTopic');
    expect(createTopic?.ref).toEqual({ key: 'google-cloud-pub-sub', isPublic: true, version: 'LATEST' });
    expect(createTopic?.inputs).toContain('connectionInput');
    expect(needs.uses.find((u) => u.kind === 'trigger')?.key).toBe('instanceDeploy');
  });
});
