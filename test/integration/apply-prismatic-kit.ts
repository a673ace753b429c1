/**
 * Live-region promotion kit: seeds for two Prismatic-protocol test stacks that differ the way real
 * regions do, and an api wired to them with test-sized timeouts. `us` runs a newer "Acme ERP
 * Orders" (it creates orders with acme-erp's createOrder, added in the component's second build)
 * for two customers; `eu` has the same component builds under other numbers (an extra early
 * build shifts them), the older definition published once, and one of the two customers.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApi, type Api } from '../../src-main/api/dispatch';
import type { ProviderFactory } from '../../src-main/api/ports';
import { promotionHandlers } from '../../src-main/api/promotion/handlers';
import { createNodeDeps } from '../../src-main/composition/node-deps';
import type { Snapshot } from '../../src-main/core/model';
import { createBundleIO } from '../../src-main/providers/bundle';
import { createPrismaticProvider } from '../../src-main/providers/prismatic';
import { tokenAccount } from '../../src-main/secrets/account';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import type { RequestLog, StackHandle, StackSeed } from '../prismatic-server/server';
import type { SeedComponentVersion } from '../prismatic-server/types';

export const INTEGRATION = 'Acme ERP Orders';

const connection = { key: 'apiKey', label: 'API Key', inputs: [{ key: 'baseUrl', type: 'STRING', required: true }, { key: 'apiKey', type: 'PASSWORD', required: true }] };
const listOrders = { key: 'listOrders', label: 'List Orders', inputs: [{ key: 'connection', type: 'CONNECTION', required: true }, { key: 'since', type: 'STRING' }] };
const createOrder = { key: 'createOrder', label: 'Create Order', inputs: [{ key: 'connection', type: 'CONNECTION', required: true }, { key: 'order', type: 'CODE' }] };

const build = (signature: string, withCreate: boolean, comment: string): SeedComponentVersion => ({
  signature,
  comment,
  actions: withCreate ? [listOrders, createOrder] : [listOrders],
  connections: [connection],
});
const EARLY = build('0'.repeat(40), false, 'early build, only in eu');
const FIRST = build('1'.repeat(40), false, 'list orders');
const SECOND = build('2'.repeat(40), true, 'create orders');

export function erpDefinition(opts: { createOrders: boolean }): string {
  return `definitionVersion: 7
name: ${INTEGRATION}
description: ${opts.createOrders ? 'Pulls orders and creates them in the ERP' : 'Pulls orders from the private ERP component'}
requiredConfigVars:
  - key: ERP Connection
    dataType: connection
    connection:
      key: apiKey
      component: { key: acme-erp, version: LATEST, isPublic: false }
  - key: Batch Size
    dataType: string
    defaultValue: "${opts.createOrders ? 50 : 20}"
flows:
  - name: Pull Orders
    stableKey: pull-orders
    steps:
      - name: Schedule
        isTrigger: true
        action:
          key: schedule
          component: { key: schedule-triggers, version: LATEST, isPublic: true }
      - name: List Orders
        action:
          key: listOrders
          component: { key: acme-erp, version: LATEST, isPublic: false }
        inputs:
          connection: { type: configVar, value: ERP Connection }
${
  opts.createOrders
    ? `      - name: Create Order
        action:
          key: createOrder
          component: { key: acme-erp, version: LATEST, isPublic: false }
        inputs:
          connection: { type: configVar, value: ERP Connection }
          order: { type: reference, value: listOrders.results }
`
    : ''
}`;
}

const erp = (versions: SeedComponentVersion[]) => ({ key: 'acme-erp', public: false, label: 'Acme ERP', description: 'Private ERP connector', versions });

/** The source: acme-erp builds 1-2, the new definition published as v2, two customers running it. */
export function usSeed(): StackSeed {
  return {
    org: { name: 'Acme Corp' },
    users: [{ name: 'Uma US', email: 'uma@acme.example' }],
    includeFixtureComponents: true,
    components: [erp([FIRST, SECOND])],
    customers: [
      { externalId: 'globex-de', name: 'Globex GmbH', country: 'DE' },
      { externalId: 'initech-fr', name: 'Initech SARL', country: 'FR' },
    ],
    integrations: [
      {
        definition: erpDefinition({ createOrders: true }),
        published: [{ definition: erpDefinition({ createOrders: false }), comment: 'First ERP release' }, { comment: 'Create orders' }],
      },
    ],
    instances: [
      { name: 'Globex Orders', customer: 'globex-de', integration: INTEGRATION, configVariables: { 'Batch Size': '50', 'ERP Connection': { baseUrl: 'https://erp.globex.example', apiKey: 'globex-erp-key' } } },
      { name: 'Initech Orders', customer: 'initech-fr', integration: INTEGRATION, configVariables: { 'Batch Size': '10', 'ERP Connection': { baseUrl: 'https://erp.initech.example', apiKey: 'initech-erp-key' } } },
    ],
  };
}

/**
 * The target: the same component builds numbered 2-3 (an early build is 1), the old definition
 * published once (or, with `withIntegration: false`, not there at all), one customer on it.
 */
export function euSeed(opts: { withIntegration?: boolean } = {}): StackSeed {
  const withIntegration = opts.withIntegration !== false;
  return {
    org: { name: 'Acme Corp' },
    users: [{ name: 'Eve Europe', email: 'eve@acme.example' }],
    includeFixtureComponents: true,
    components: [erp([EARLY, FIRST, SECOND])],
    customers: [{ externalId: 'globex-de', name: 'Globex GmbH', country: 'DE' }],
    integrations: withIntegration ? [{ definition: erpDefinition({ createOrders: false }), published: [{ comment: 'First EU release' }] }] : [],
    instances: withIntegration
      ? [{ name: 'Globex Orders', customer: 'globex-de', integration: INTEGRATION, configVariables: { 'Batch Size': '20', 'ERP Connection': { baseUrl: 'https://erp.globex.example', apiKey: 'globex-erp-key' } } }]
      : [],
  };
}

export interface LiveRegion {
  id: string;
  stack: StackHandle;
}

export async function writeLiveWorkspace(dir: string, id: string, regions: LiveRegion[], extra: string[] = []): Promise<void> {
  const lines = [`id: ${id}`, 'name: Acme Corp', `baseline: ${regions[0].id}`, 'regions:'];
  for (const r of regions) lines.push(`  - { id: ${r.id}, kind: prismatic, url: "${r.stack.url}" }`);
  await writeFile(path.join(dir, 'region-sync.yaml'), `${[...lines, ...extra].join('\n')}\n`);
}

export interface LiveHarness {
  dir: string;
  api: Api;
  secrets: MemorySecretStore;
}

/**
 * The promotion api on a workspace of live regions, tokens in an in-memory keychain, with short
 * timeouts and no real backoff sleeps (Retry-After is still honoured: the sleeps are recorded).
 */
export async function liveHarness(regions: LiveRegion[], opts: { dir?: string; sleeps?: number[]; timeoutMs?: number } = {}): Promise<LiveHarness> {
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), 'region-sync-live-')));
  const wsId = 'acme-live';
  if (!opts.dir) await writeLiveWorkspace(dir, wsId, regions);
  const secrets = new MemorySecretStore();
  for (const r of regions) await secrets.set(tokenAccount(wsId, r.id), r.stack.refreshToken);
  const base = createNodeDeps({ workspace: dir, env: {}, cwd: dir, secrets });
  const providers: ProviderFactory = {
    create(region, where) {
      if (region.kind !== 'prismatic') return base.providers.create(region, where);
      return createPrismaticProvider(region, {
        workspaceId: where.workspaceId,
        secrets,
        env: {},
        limits: { timeoutMs: opts.timeoutMs ?? 500, retries: 2, baseDelayMs: 1 },
        sleep: async (ms) => void opts.sleeps?.push(ms),
      });
    },
  };
  const api = createApi({ ...base, providers, bundles: createBundleIO(), actor: 'tester@testhost' }, { handlers: promotionHandlers });
  return { dir, api, secrets };
}

/** Requests for a mutation field that reached the stack's state (not stopped by a fault first). */
export function effective(requests: RequestLog[], field: string): number {
  return requests.filter((r) => r.fields?.includes(field) && (r.fault === undefined || r.fault === 'truncated')).length;
}

/** What promotion changes in a stack, read from its state: no ids, no timestamps. */
export function stackFacts(stack: StackHandle): Record<string, unknown> {
  const s = stack.state;
  const customers = [...s.customers.values()].filter((c) => !c.isSystem).map((c) => `${c.externalId}:${c.name}:${[...c.labels].sort().join(',')}`).sort();
  const integrations = [...s.families.values()].map((f) => {
    const draft = s.integrations.get(f.draftId)!;
    const versions = f.versionIds.map((id) => s.integrations.get(id)!).map((v) => ({ n: v.versionNumber, def: JSON.stringify(v.definition), available: v.versionIsAvailable }));
    return { name: draft.name, draft: JSON.stringify(draft.definition), versions };
  });
  const instances = [...s.instances.values()]
    .filter((i) => !i.isSystem)
    .map((i) => {
      const version = s.integrations.get(i.integrationId)!;
      const customer = s.customers.get(i.customerId)!;
      return { key: `${customer.externalId}/${version.name}/${i.name}`, version: version.versionNumber, deployed: i.deployedVersion, needsDeploy: i.needsDeploy, enabled: i.enabled, config: Object.keys(i.configValues).sort() };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  return { customers, integrations, instances };
}

export const regionOf = (snapshots: Snapshot[], id: string) => snapshots.find((s) => s.regionId === id)!;
