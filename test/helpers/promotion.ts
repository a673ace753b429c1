/**
 * Promotion test kit: snapshots of a small tenant in two regions (source `us`, target `eu`) that
 * differ the way real regions do (component builds, a newer integration definition, instances
 * on an older version), workspaces of folder regions built from them, and a provider wrapper
 * that counts writes and injects faults before or after a write reaches the region.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApi, type Api } from '../../src-main/api/dispatch';
import type { ProviderFactory, RegionProvider } from '../../src-main/api/ports';
import { promotionHandlers } from '../../src-main/api/promotion/handlers';
import { createNodeDeps } from '../../src-main/composition/node-deps';
import { AppFailure } from '../../src-main/core/errors';
import { canonicalItem } from '../../src-main/core/identity';
import type { ActionSpec, ComponentRecord, ComponentVersion, ItemKind, ResidencyPolicy, Snapshot } from '../../src-main/core/model';
import { componentKey, instanceKey } from '../../src-main/core/model';
import { definitionHash } from '../../src-main/core/plan/fingerprint';
import type { Plan, RegionWrite } from '../../src-main/core/plan/types';
import { createBundleIO } from '../../src-main/providers/bundle';
import { writeFolderRegion } from '../../src-main/providers/folder';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';

export const fixturesDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/fixtures/prismatic');

const action = (key: string, inputs: string[]): ActionSpec => ({ key, inputs: inputs.map((k) => ({ key: k })) });

export function erpVersion(number: number, signature: string, withCreateOrder: boolean): ComponentVersion {
  return {
    number,
    signature,
    actions: [action('listOrders', ['connection', 'since']), ...(withCreateOrder ? [action('createOrder', ['connection', 'order', 'priority'])] : [])],
    triggers: [],
    dataSources: [action('selectWarehouse', ['connection'])],
    connections: [action('apiKey', ['apiKey', 'baseUrl'])],
  };
}

export function orderSyncYaml(opts: { priority?: boolean; version?: string | number; description?: string } = {}): string {
  return `definitionVersion: 7
name: Order Sync
description: ${opts.description ?? 'Sync orders into the ERP'}
requiredConfigVars:
  - key: ERP Connection
    dataType: connection
    connection:
      key: apiKey
      component: { key: acme-erp, version: ${opts.version ?? 'LATEST'}, isPublic: false }
    inputs:
      apiKey: { type: value, value: "" }
  - key: Warehouse
    dataType: picklist
    dataSource:
      key: selectWarehouse
      component: { key: acme-erp, version: ${opts.version ?? 'LATEST'}, isPublic: false }
  - key: Batch Size
    dataType: string
    defaultValue: "50"
flows:
  - name: Sync
    stableKey: sync
    steps:
      - name: On Webhook
        isTrigger: true
        action:
          key: webhook
          component: { key: webhook-triggers, version: LATEST, isPublic: true }
        inputs: {}
      - name: Create Order
        action:
          key: createOrder
          component: { key: acme-erp, version: ${opts.version ?? 'LATEST'}, isPublic: false }
        inputs:
          connection: { type: configVar, value: ERP Connection }
          order: { type: reference, value: onWebhook.results.body.data }
${opts.priority === false ? '' : '          priority: { type: value, value: high }\n'}`;
}

export function published(yaml: string, number: number) {
  return { number, definitionHash: definitionHash(yaml), comment: 'seed' };
}

/** The source (`us`): acme-erp v1, v2 (v2 adds createOrder); Order Sync published; two customers. */
export function usSnapshot(): Snapshot {
  const yaml = orderSyncYaml();
  return {
    regionId: 'us',
    capturedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'folder', org: 'Acme Corp' },
    components: [{ key: 'acme-erp', isPublic: false, label: 'Acme ERP', versions: [erpVersion(1, 'sig-erp-1', false), erpVersion(2, 'sig-erp-2', true)] }],
    integrations: [{ name: 'Order Sync', yaml, versions: [published(yaml, 7)] }],
    customers: [
      { externalId: 'ACME-1', name: 'Acme Retail', country: 'GB' },
      { externalId: 'DE-7', name: 'Berlin GmbH', country: 'DE' },
    ],
    instances: [
      {
        customer: 'ACME-1',
        integration: 'Order Sync',
        name: 'Orders',
        version: 7,
        enabled: true,
        deployed: true,
        labels: ['prod'],
        configVars: [
          { key: 'ERP Connection', kind: 'connection', secret: 'set' },
          { key: 'Warehouse', value: 'LON-1' },
        ],
      },
      {
        customer: 'DE-7',
        integration: 'Order Sync',
        name: 'Orders',
        version: 7,
        enabled: true,
        deployed: true,
        labels: [],
        configVars: [{ key: 'Warehouse', value: 'BER-2' }],
      },
    ],
  };
}

/** The target (`eu`): acme-erp v1 only; Order Sync older (no priority input) at v1; ACME-1 runs it. */
export function euSnapshot(): Snapshot {
  const yaml = orderSyncYaml({ priority: false, description: 'Sync orders (old)' });
  return {
    regionId: 'eu',
    capturedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'folder', org: 'Acme Corp' },
    components: [{ key: 'acme-erp', isPublic: false, label: 'Acme ERP', versions: [erpVersion(1, 'sig-erp-1', false)] }],
    integrations: [{ name: 'Order Sync', yaml, versions: [published(yaml, 1)] }],
    customers: [{ externalId: 'ACME-1', name: 'Acme Retail', country: 'GB' }],
    instances: [
      {
        customer: 'ACME-1',
        integration: 'Order Sync',
        name: 'Orders',
        version: 1,
        enabled: true,
        deployed: true,
        labels: ['prod'],
        configVars: [
          { key: 'ERP Connection', kind: 'connection', secret: 'set' },
          { key: 'Warehouse', value: 'LON-1' },
        ],
      },
    ],
  };
}

export interface Fault {
  /** Which write fails (n: 1-based count of effective writes so far, plus one). */
  when: (w: RegionWrite, n: number) => boolean;
  /** before: the region never saw it. after: it reached the region, then the answer was lost. */
  phase: 'before' | 'after';
  code?: 'REMOTE_ERROR' | 'RATE_LIMITED' | 'TIMEOUT';
  once?: boolean;
}

export interface Harness {
  dir: string;
  api: Api;
  /** Writes that changed a region (outcome not `unchanged`). */
  writes: RegionWrite[];
  faults: Fault[];
  dispose(): Promise<void>;
}

export interface WorkspaceSpec {
  regions: Array<{ id: string; snapshot?: Snapshot; org?: string; geography?: { country?: string; continent?: string } }>;
  policy?: ResidencyPolicy;
  name?: string;
  id?: string;
  trustedSigners?: Record<string, string>;
}

export async function writeWorkspace(dir: string, spec: WorkspaceSpec): Promise<void> {
  const lines = [`id: ${spec.id ?? 'acme'}`, `name: ${spec.name ?? 'Acme Corp'}`, `baseline: ${spec.regions[0].id}`, 'regions:'];
  for (const r of spec.regions) {
    lines.push(`  - id: ${r.id}`, '    kind: folder', `    path: regions/${r.id}`);
    if (r.org) lines.push(`    org: ${r.org}`);
    if (r.geography) lines.push(`    geography: ${JSON.stringify(r.geography)}`);
  }
  if (spec.policy) lines.push(`policy: ${JSON.stringify(spec.policy)}`);
  if (spec.trustedSigners) lines.push(`trustedSigners: ${JSON.stringify(spec.trustedSigners)}`);
  await writeFile(path.join(dir, 'region-sync.yaml'), `${lines.join('\n')}\n`);
  for (const r of spec.regions) if (r.snapshot) await writeFolderRegion(path.join(dir, 'regions', r.id), r.snapshot, { region: { id: r.id, ...(r.snapshot.source.org ? { org: r.snapshot.source.org } : {}) } as never });
}

export async function makeHarness(spec: WorkspaceSpec, opts: { dir?: string; secrets?: MemorySecretStore } = {}): Promise<Harness> {
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), 'region-sync-promo-')));
  if (!opts.dir) await writeWorkspace(dir, spec);
  const writes: RegionWrite[] = [];
  const faults: Fault[] = [];
  const base = createNodeDeps({ workspace: dir, env: {}, cwd: dir, secrets: opts.secrets ?? new MemorySecretStore() });
  const providers: ProviderFactory = {
    create(region, env) {
      const inner = base.providers.create(region, env);
      const wrapped: RegionProvider = {
        region: inner.region,
        pull: (ctx) => inner.pull(ctx),
        whoami: (ctx) => inner.whoami(ctx),
        async write(w, ctx) {
          const fault = faults.find((f) => f.when(w, writes.length + 1));
          const boom = () => {
            if (fault?.once) faults.splice(faults.indexOf(fault), 1);
            return new AppFailure({ code: fault?.code ?? 'REMOTE_ERROR', message: `injected ${fault?.code ?? 'REMOTE_ERROR'} ${fault?.phase} ${w.op}` });
          };
          if (fault?.phase === 'before') throw boom();
          const outcome = await inner.write(w, ctx);
          // Only writes that changed the region count: re-setting the same value is not doing it twice.
          if (!outcome.unchanged) writes.push(w);
          if (fault?.phase === 'after') throw boom();
          return outcome;
        },
      };
      return wrapped;
    },
  };
  const api = createApi({ ...base, providers, bundles: createBundleIO(), actor: 'tester@testhost' }, { handlers: promotionHandlers });
  return { dir, api, writes, faults, dispose: () => (opts.dir ? Promise.resolve() : rm(dir, { recursive: true, force: true })) };
}

export async function call<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A region's state as drift sees it plus what promotion changes (versions, deploy state). */
export function canonicalState(s: Snapshot): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (kind: ItemKind, name: string, record: unknown, extra: unknown) => (out[`${kind}/${name}`] = { c: canonicalItem(kind, record, []).value, extra });
  for (const c of s.components) put('components', componentKey(c), c, c.versions.map((v) => v.signature));
  for (const i of s.integrations) put('integrations', i.name, i, i.versions.map((v) => [v.number, v.definitionHash]));
  for (const c of s.customers) put('customers', c.externalId, c, null);
  for (const i of s.instances) put('instances', instanceKey(i), i, [i.version, i.deployed, i.enabled, !!i.needsDeploy]);
  return out;
}

export type { ComponentRecord };

/** The contract types plan params as a passthrough object; a Plan is one. */
export const asParam = (plan: Plan): Plan & Record<string, unknown> => plan as Plan & Record<string, unknown>;
