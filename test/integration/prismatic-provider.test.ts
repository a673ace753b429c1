/**
 * The Prismatic provider against the Prismatic-protocol test server (test/prismatic-server):
 * pulls, paging, fault handling and every write, checked by pulling again.
 */
import { load, dump } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { definitionHash } from '../../src-main/core/plan/fingerprint';
import type { RegionWrite } from '../../src-main/core/plan/types';
import type { PrismaticProvider } from '../../src-main/providers/prismatic';
import { failureOf, testProvider } from '../helpers/prismatic';
import { startStack, type StackHandle, type StackOptions } from '../prismatic-server/server';

const stacks: StackHandle[] = [];
afterEach(async () => {
  while (stacks.length) await stacks.pop()!.close();
});

let sleeps: number[] = [];

async function stackWith(opts: StackOptions = {}): Promise<StackHandle> {
  const s = await startStack({ port: 0, tls: false, ...opts });
  stacks.push(s);
  return s;
}

async function providerFor(s: StackHandle, limits: Record<string, number> = {}, token = s.refreshToken): Promise<PrismaticProvider> {
  const made = await testProvider(s, token, { region: 'gov', timeoutMs: 3000, limits });
  sleeps = made.sleeps;
  return made.provider;
}

const ops = (s: StackHandle, name: string) => s.requests.filter((r) => r.operation === name).length;

describe('pull from the test stack', () => {
  it('reads the seeded stack into a snapshot that matches its state', async () => {
    const s = await stackWith();
    const snap = await (await providerFor(s)).pull();
    expect(snap.source.kind).toBe('prismatic');
    expect(snap.source.url).toBe(s.url);
    expect(snap.source.org).toBe(s.state.org.name);
    expect(snap.components.length).toBe(s.state.latestComponents().length);
    expect(snap.customers.map((c) => c.externalId).sort()).toEqual(
      [...s.state.customers.values()].filter((c) => !c.isSystem && c.externalId).map((c) => c.externalId).sort(),
    );
    expect(snap.integrations.length).toBeGreaterThan(0);
    for (const i of snap.integrations) expect(load(i.yaml)).toMatchObject({ name: i.name });
    expect(snap.instances.length).toBeGreaterThan(0);
    // Exported with useLatestComponentVersions: no region-specific component numbers in the YAML.
    expect(snap.integrations.some((i) => /version: LATEST/.test(i.yaml))).toBe(true);
  });

  it('pages through small pages from after:"" to the last endCursor', async () => {
    // pageSize 0: no `first`, so the server's default page size (2 here) applies, as with prism.
    const s = await stackWith({ pageSize: 2 });
    const small = await (await providerFor(s, { pageSize: 0 })).pull();
    const big = await (await providerFor(await stackWith())).pull();
    expect(small.integrations.map((i) => i.name)).toEqual(big.integrations.map((i) => i.name));
    expect(small.customers.map((c) => c.externalId)).toEqual(big.customers.map((c) => c.externalId));
    expect(ops(s, 'regionSyncIntegrations')).toBe(Math.ceil(small.integrations.length / 2));
    expect(ops(s, 'regionSyncIntegration')).toBe(small.integrations.length);
    // With `first`, the provider asks for bigger pages: the sequential part of a pull gets shorter.
    const t = await stackWith({ pageSize: 2 });
    await (await providerFor(t, { pageSize: 3 })).pull();
    expect(ops(t, 'regionSyncIntegrations')).toBe(Math.ceil(small.integrations.length / 3));
  });
});

describe('faults', () => {
  it('retries a 500 and a connection reset and still pulls everything', async () => {
    const s = await stackWith();
    const clean = await (await providerFor(s)).pull();
    s.faults.set({ rules: [{ kind: 'status500', match: { operation: 'regionSyncIntegration' }, nth: 2, times: 2 }, { kind: 'reset', match: { operation: 'regionSyncCustomers' } }] });
    const snap = await (await providerFor(s)).pull();
    expect(s.faults.fired).toMatchObject({ status500: 2, reset: 1 });
    expect(snap.integrations.map((i) => i.yaml)).toEqual(clean.integrations.map((i) => i.yaml));
    expect(snap.customers).toEqual(clean.customers);
  });

  it('honours Retry-After on 429', async () => {
    const s = await stackWith();
    s.faults.set({ rules: [{ kind: 'rateLimit', match: { operation: 'regionSyncWhoami' }, retryAfterSeconds: 3 }] });
    const p = await providerFor(s);
    await p.whoami();
    expect(s.faults.fired.rateLimit).toBe(1);
    expect(sleeps.some((ms) => ms >= 3000)).toBe(true);
  });

  it('times out an unanswered request and retries it', async () => {
    const s = await stackWith();
    s.faults.set({ rules: [{ kind: 'timeout', match: { operation: 'regionSyncWhoami' } }] });
    const p = await providerFor(s, { timeoutMs: 300 });
    await expect(p.whoami()).resolves.toMatchObject({ org: s.state.org.name });
    expect(ops(s, 'regionSyncWhoami')).toBe(2);
  });

  it('names the region when an HTML page comes back', async () => {
    const s = await stackWith();
    s.faults.set({ rules: [{ kind: 'html', match: { path: '/api' }, status: 200, times: Infinity }] });
    const e = await failureOf((await providerFor(s)).pull());
    expect(e.code).toBe('REGION_NOT_PRISMATIC');
    expect(e.message).toContain('region "gov"');
  });

  it('stops an oversize answer with RESPONSE_TOO_LARGE', async () => {
    const s = await stackWith();
    s.faults.set({ rules: [{ kind: 'oversize', match: { operation: 'regionSyncCustomers' }, oversizeBytes: 4 * 1024 * 1024 }] });
    const e = await failureOf((await providerFor(s, { maxResponseBytes: 1024 * 1024 })).pull());
    expect(e.code).toBe('RESPONSE_TOO_LARGE');
    expect(e.region).toBe('gov');
  });

  it('refuses a wrong token with AUTH_FAILED and a login hint', async () => {
    const s = await stackWith();
    const wrong = 'wrong-refresh-token-5f1e2d3c';
    const e = await failureOf((await providerFor(s, {}, wrong)).pull());
    expect(e.code).toBe('AUTH_FAILED');
    expect(e.hint).toContain('region-sync login gov');
    expect(JSON.stringify(e)).not.toContain(wrong);
  });

  it('reuses the access token while it is valid and exchanges again once it has expired', async () => {
    const s = await stackWith({ accessTokenTtlSeconds: 2 });
    const p = await providerFor(s);
    await p.whoami();
    await p.whoami();
    expect(s.requests.filter((r) => r.path === '/auth/refresh').length).toBe(1);
    await new Promise((r) => setTimeout(r, 2100));
    await p.whoami();
    expect(s.requests.filter((r) => r.path === '/auth/refresh').length).toBe(2);
  });
});

describe('writes', () => {
  async function renamedCopy(p: PrismaticProvider, newName: string): Promise<{ yaml: string; source: string }> {
    const snap = await p.pull();
    const source = snap.integrations.find((i) => !i.isCodeNative && i.versions.length > 0)!;
    const def = load(source.yaml) as Record<string, unknown>;
    def.name = newName;
    def.description = 'copied by region-sync tests';
    return { yaml: dump(def, { noRefs: true, lineWidth: -1 }), source: source.name };
  }

  it('imports (create, then overwrite the draft), publishes once, and skips a repeated publish', async () => {
    const s = await stackWith();
    const p = await providerFor(s);
    const { yaml } = await renamedCopy(p, 'Copied Integration');
    const hash = definitionHash(yaml);

    const created = await p.write({ op: 'importIntegration', name: 'Copied Integration', yaml, mode: 'create' });
    expect(created.detail).toBe('created');
    const again = await p.write({ op: 'importIntegration', name: 'Copied Integration', yaml, mode: 'create' });
    expect(again).toMatchObject({ remoteId: created.remoteId, detail: 'overwrote the draft' });

    const publish: RegionWrite = { op: 'publishIntegration', name: 'Copied Integration', comment: 'from us by region-sync', definitionHash: hash };
    const first = await p.write(publish);
    expect(first.unchanged).toBeUndefined();
    expect(first.version).toBe(1);
    const second = await p.write(publish);
    expect(second).toMatchObject({ unchanged: true, version: 1 });
    expect(ops(s, 'regionSyncPublish')).toBe(1);

    const snap = await p.pull();
    const rec = snap.integrations.find((i) => i.name === 'Copied Integration')!;
    expect(rec.versions).toHaveLength(1);
    expect(rec.versions[0]).toMatchObject({ number: 1, comment: 'from us by region-sync', definitionHash: hash });
    expect(rec.hasUnpublishedChanges).toBe(false);
  });

  it('refuses to publish a draft that is not the reviewed definition', async () => {
    const s = await stackWith();
    const p = await providerFor(s);
    const { yaml } = await renamedCopy(p, 'Reviewed');
    await p.write({ op: 'importIntegration', name: 'Reviewed', yaml, mode: 'create' });
    const e = await failureOf(p.write({ op: 'publishIntegration', name: 'Reviewed', comment: 'x', definitionHash: 'f'.repeat(64) }));
    expect(e.code).toBe('STALE_PLAN');
    expect(ops(s, 'regionSyncPublish')).toBe(0);
  });

  it('reports mutation validation errors with their field names', async () => {
    const s = await stackWith();
    const p = await providerFor(s);
    const e = await failureOf(p.write({ op: 'importIntegration', name: 'Broken', yaml: 'definitionVersion: 7\nname: Broken\nflows: 12\n', mode: 'create' }));
    expect(e.code).toBe('REMOTE_VALIDATION');
    expect(Array.isArray(e.details?.fields)).toBe(true);
  });

  it('creates customers and instances, moves, deploys and pauses them — each only once', async () => {
    const s = await stackWith();
    const p = await providerFor(s);
    const { yaml } = await renamedCopy(p, 'Instance Target');
    await p.write({ op: 'importIntegration', name: 'Instance Target', yaml, mode: 'create' });
    await p.write({ op: 'publishIntegration', name: 'Instance Target', comment: 'v1', definitionHash: definitionHash(yaml) });

    const customer = { externalId: 'zz-new', name: 'New Customer', country: 'DE', labels: ['tier:gold'] };
    expect((await p.write({ op: 'upsertCustomer', customer })).detail).toBe('created');
    expect((await p.write({ op: 'upsertCustomer', customer })).unchanged).toBe(true);
    expect((await p.write({ op: 'upsertCustomer', customer: { ...customer, name: 'Renamed' } })).detail).toBe('updated');

    const instance = {
      customer: 'zz-new',
      integration: 'Instance Target',
      name: 'Prod',
      version: 1,
      enabled: true,
      deployed: false,
      labels: ['copied'],
      configVars: [
        { key: 'Api Token', kind: 'value' as const, secret: 'set' as const },
        { key: 'Conn', kind: 'connection' as const, secret: 'unset' as const },
      ],
    };
    const created = await p.write({ op: 'createInstance', instance, versionFromPublishOf: 'Instance Target' });
    expect(created.version).toBe(1);
    expect(created.detail).toContain('2 connection/secret');
    expect((await p.write({ op: 'createInstance', instance })).unchanged).toBe(true);
    expect(ops(s, 'regionSyncCreateInstance')).toBe(1);

    const ref = { customer: 'zz-new', integration: 'Instance Target', name: 'Prod' };
    expect((await p.write({ op: 'setInstanceVersion', instance: ref, version: 'latest-published' })).unchanged).toBe(true);
    await p.write({ op: 'deployInstance', instance: ref });
    expect((await p.write({ op: 'deployInstance', instance: ref })).unchanged).toBe(true);
    expect(ops(s, 'regionSyncDeployInstance')).toBe(1);
    expect((await p.write({ op: 'setInstanceEnabled', instance: ref, enabled: false })).unchanged).toBeUndefined();
    expect((await p.write({ op: 'setInstanceEnabled', instance: ref, enabled: false })).unchanged).toBe(true);

    // Publish v2 and move the instance to it.
    const v2 = yaml.replace('copied by region-sync tests', 'second version');
    await p.write({ op: 'importIntegration', name: 'Instance Target', yaml: v2, mode: 'overwrite-draft' });
    expect((await p.write({ op: 'publishIntegration', name: 'Instance Target', comment: 'v2', definitionHash: definitionHash(v2) })).version).toBe(2);
    expect((await p.write({ op: 'setInstanceVersion', instance: ref, version: 2 })).version).toBe(2);

    const snap = await p.pull();
    expect(snap.customers.find((c) => c.externalId === 'zz-new')).toMatchObject({ name: 'Renamed', country: 'DE' });
    const inst = snap.instances.find((i) => i.customer === 'zz-new')!;
    expect(inst).toMatchObject({ integration: 'Instance Target', name: 'Prod', version: 2, enabled: false, labels: ['copied'] });
  });

  it('a write that timed out is repeated by the provider and done exactly once', async () => {
    const s = await stackWith();
    const p = await providerFor(s);
    s.faults.set({ rules: [{ kind: 'timeout', match: { operation: 'regionSyncCreateCustomer' } }] });
    const slow = await providerFor(s, { timeoutMs: 400, writeAttempts: 3 });
    const out = await slow.write({ op: 'upsertCustomer', customer: { externalId: 'lost-1', name: 'Lost Answer' } });
    expect(out.remoteId).toBeTruthy();
    const snap = await p.pull();
    expect(snap.customers.filter((c) => c.externalId === 'lost-1')).toHaveLength(1);
  });

  it('skips publishing a component whose signature already matches', async () => {
    const s = await stackWith();
    const p = await providerFor(s);
    const snap = await p.pull();
    const c = snap.components.find((x) => !x.isPublic) ?? snap.components[0];
    const latest = c.versions.at(-1)!;
    const out = await p.write({ op: 'publishComponent', key: c.key, isPublic: c.isPublic, signature: latest.signature });
    expect(out).toMatchObject({ unchanged: true, version: latest.number });
    const e = await failureOf(p.write({ op: 'publishComponent', key: c.key, isPublic: false, signature: 'f'.repeat(40) }));
    expect(e.code).toBe('UNSUPPORTED');
  });
});
