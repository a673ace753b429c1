import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffItems } from '../../src-main/core/diff/semantic';
import { checkPlacement } from '../../src-main/core/policy/residency';
import { parseIgnoreRules, type IgnoreRule } from '../../src-main/core/ignore';
import type { Snapshot } from '../../src-main/core/model';
import { parseWorkspaceConfig, type LoadedWorkspaceConfig } from '../../src-main/core/workspace/config';
import { parseYaml } from '../../src-main/core/yaml/codec';
import { createFolderProvider } from '../../src-main/providers/folder';

const DEMO = path.resolve(__dirname, '../../resources/demo');

let config: LoadedWorkspaceConfig;
let ignore: IgnoreRule[];
const snaps: Record<string, Snapshot> = {};

beforeAll(async () => {
  const parsed = parseWorkspaceConfig(await readFile(path.join(DEMO, 'region-sync.yaml'), 'utf8'), 'region-sync.yaml');
  if (!parsed.ok) throw new Error(parsed.error.message);
  config = parsed.value;
  const rules = parseIgnoreRules(config.ignore);
  if (!rules.ok) throw new Error(rules.error.message);
  ignore = rules.value;
  for (const region of config.regions) snaps[region.id] = await createFolderProvider(region, { workspaceRoot: DEMO }).pull();
});

const names = (s: Snapshot) => s.integrations.map((i) => i.name);
const integration = (region: string, name: string) => snaps[region].integrations.find((i) => i.name === name);
const component = (region: string, key: string) => snaps[region].components.find((c) => c.key === key);

describe('the demo workspace', () => {
  it('loads with no errors: four folder regions with geographies, a residency policy and an ignore rule', () => {
    expect(config.name).toBe('Acme Corp (demo)');
    expect(config.id).toBe('acme-corp-demo');
    expect(config.baseline).toBe('us');
    expect(config.regions.map((r) => [r.id, r.kind, r.path, r.geography?.country, r.geography?.continent])).toEqual([
      ['us', 'folder', 'regions/us', 'US', 'NA'],
      ['eu', 'folder', 'regions/eu', 'DE', 'EU'],
      ['gov', 'folder', 'regions/gov', 'US', 'NA'],
      ['au', 'folder', 'regions/au', 'AU', 'OC'],
    ]);
    expect(config.policy?.routes?.length).toBeGreaterThan(0);
    expect(config.policy?.restrictions).toContainEqual({ regions: ['gov'], keep: true });
    expect(config.ignore).toHaveLength(1);
  });

  it('has realistic content: components with actions and inputs, 6+ integrations in v7 format, customers, instances', () => {
    for (const s of Object.values(snaps)) {
      expect(s.integrations.length).toBeGreaterThanOrEqual(5);
      for (const i of s.integrations) {
        const parsed = parseYaml(i.yaml);
        const def = parsed.ok ? (parsed.value.value as Record<string, unknown>) : undefined;
        expect(def?.definitionVersion).toBe(7);
        expect(def?.name).toBe(i.name);
        expect(i.versions.length).toBeGreaterThan(0);
      }
      expect(s.customers.length).toBeGreaterThan(0);
      expect(s.instances.length).toBeGreaterThan(0);
    }
    expect(names(snaps.us)).toEqual(expect.arrayContaining(['Order Sync', 'Customer Onboarding', 'Invoice Export', 'Slack Alerts', 'Inventory Feed', 'Lead Router']));
    const erp = component('us', 'acme-erp')!;
    expect(erp.isPublic).toBe(false);
    expect(erp.versions.at(-1)!.actions.find((a) => a.key === 'getOrder')!.inputs.map((i) => i.key)).toContain('includeLineItems');
    for (const key of ['http', 'webhook-triggers', 'schedule-triggers', 'slack', 'salesforce']) expect(component('us', key)?.isPublic).toBe(true);
    const countries = new Set(Object.values(snaps).flatMap((s) => s.customers.map((c) => c.country)));
    for (const c of ['US', 'DE', 'FR', 'GB', 'AU']) expect(countries).toContain(c);
  });

  it('eu Order Sync differs from us in exactly one step input; after promotion it would be the same', () => {
    const report = diffItems('integrations', 'Order Sync', integration('us', 'Order Sync'), integration('eu', 'Order Sync'), ignore);
    const counted = report.changes.filter((c) => !c.ignored);
    expect(counted).toHaveLength(1);
    expect(counted[0].path).toBe('flows[new-order].steps[Fetch Order].inputs.includeLineItems.value');
    expect([counted[0].left, counted[0].right]).toEqual(['true', 'false']);
    // gov and au pin acme-erp under other numbers, yet their Order Sync is the same as us's.
    for (const r of ['gov', 'au']) {
      expect(diffItems('integrations', 'Order Sync', integration('us', 'Order Sync'), integration(r, 'Order Sync'), ignore).changes.filter((c) => !c.ignored)).toEqual([]);
    }
  });

  it('acme-erp is v50 in us and v2 in eu with the same signature (not drift)', () => {
    const us = component('us', 'acme-erp')!.versions.at(-1)!;
    const eu = component('eu', 'acme-erp')!.versions.at(-1)!;
    expect([us.number, eu.number]).toEqual([50, 2]);
    expect(us.signature).toBe(eu.signature);
    expect(integration('us', 'Order Sync')!.yaml).toMatch(/key: acme-erp\n\s+version: 50/);
    expect(integration('eu', 'Order Sync')!.yaml).toMatch(/key: acme-erp\n\s+version: 2\n/);
  });

  it('has an integration missing in one region, an extra one in another, and a component in one region only', () => {
    expect(names(snaps.us)).toContain('Invoice Export');
    expect(names(snaps.au)).not.toContain('Invoice Export');
    const onlyGov = names(snaps.gov).filter((n) => !names(snaps.us).includes(n));
    expect(onlyGov).toEqual(['Legacy FTP Import']);
    const regionsWith = (key: string) => Object.keys(snaps).filter((r) => component(r, key));
    expect(regionsWith('acme-legacy-ftp')).toEqual(['gov']);
  });

  it('au Inventory Feed differs only in an input the ignore rule silences', () => {
    const report = diffItems('integrations', 'Inventory Feed', integration('us', 'Inventory Feed'), integration('au', 'Inventory Feed'), ignore);
    expect(report.changes.length).toBeGreaterThan(0);
    expect(report.changes.every((c) => c.ignored)).toBe(true);
  });

  it('has a pinned older instance, a disabled one, and a German customer misplaced in us', () => {
    const us = snaps.us;
    const latestOrderSync = integration('us', 'Order Sync')!.versions.at(-1)!.number;
    const pinned = us.instances.filter((i) => i.integration === 'Order Sync' && i.version !== null && i.version < latestOrderSync);
    expect(pinned.map((i) => i.customer)).toEqual(['northwind']);
    expect(us.instances.filter((i) => !i.enabled).map((i) => `${i.customer}/${i.name}`)).toEqual(['northwind/Slack Alerts']);
    const misplaced = us.instances.filter((i) => {
      const customer = us.customers.find((c) => c.externalId === i.customer)!;
      return !checkPlacement(customer, 'us', config.policy, config.regions).allowed;
    });
    expect(misplaced.map((i) => [i.customer, us.customers.find((c) => c.externalId === i.customer)!.country])).toEqual([['bergmann-gmbh', 'DE']]);
  });

  it('no instance file holds a secret value', () => {
    for (const s of Object.values(snaps))
      for (const i of s.instances) for (const v of i.configVars) if (v.kind === 'connection' || v.secret) expect(v.value).toBeUndefined();
  });
});
