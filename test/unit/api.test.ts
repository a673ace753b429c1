/**
 * The dispatcher and the service through the API, with real files in a temp workspace and an
 * in-memory keychain: validation errors name their fields, exceptions become values without
 * stacks, tokens go only to the SecretStore, one bad region never blocks the others.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/api/dispatch';
import type { ServiceDeps } from '../../src-main/api/service/context';
import { createNodeDeps } from '../../src-main/composition/node-deps';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOKEN = 'rt_TEST_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function demoCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rs-api-test-'));
  dirs.push(dir);
  cpSync(path.join(repo, 'resources/demo'), dir, { recursive: true });
  return dir;
}

function allText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    out += statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8');
  }
  return out;
}

function apiOn(ws: string, over: Partial<ServiceDeps> = {}, secrets = new MemorySecretStore()) {
  const deps = { ...createNodeDeps({ workspace: ws, secrets, env: {} }), ...over };
  return { api: createApi(deps), secrets };
}

describe('dispatcher', () => {
  it('rejects bad params with INVALID_INPUT naming every bad field, before any handler runs', async () => {
    const { api } = apiOn(demoCopy());
    const r = await api.callUnchecked('diff.item', { kind: 'widgets', name: '', left: 'us', right: 'eu' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.details?.fields).toEqual(expect.arrayContaining(['kind', 'name']));
    expect(r.error.message).toContain('kind');
  });

  it('rejects unknown keys and unknown operations', async () => {
    const { api } = apiOn(demoCopy());
    const extra = await api.callUnchecked('workspace.get', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await api.callUnchecked('workspace.delete', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns an unexpected exception into an error value without a stack', async () => {
    const boom = new Error('disk on fire');
    const { api } = apiOn(demoCopy(), {
      locateWorkspace: async () => {
        throw boom;
      },
    });
    const r = await api.call('workspace.get', {});
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } });
    expect(JSON.stringify(r)).not.toContain('    at ');
  });
});

describe('regions and tokens', () => {
  const gov = { id: 'gov2', label: 'GovCloud 2', kind: 'prismatic' as const, url: 'https://app.us-gov-west-1.prismatic.io' };

  it('stores a token only in the SecretStore under <workspaceId>/<regionId>', async () => {
    const ws = demoCopy();
    const { api, secrets } = apiOn(ws);
    const added = await api.call('regions.add', { region: gov, token: TOKEN });
    expect(added.ok).toBe(true);
    const view = await api.call('workspace.get', {});
    if (!view.ok) throw new Error(view.error.message);
    expect(await secrets.get(`${view.value.id}/gov2`)).toBe(TOKEN);
    expect(view.value.regions.find((r) => r.id === 'gov2')?.auth).toMatchObject({ source: 'keychain', stored: true });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect(readFileSync(path.join(ws, 'region-sync.yaml'), 'utf8')).toContain('gov2');
    expect(allText(ws)).not.toContain(TOKEN);

    expect(await api.call('regions.clearToken', { region: 'gov2' })).toEqual({ ok: true, value: { removed: true } });
    expect(await secrets.get(`${view.value.id}/gov2`)).toBeNull();
  });

  it('refuses with KEYCHAIN_UNAVAILABLE and a hint, changing nothing, when the keychain is missing', async () => {
    const ws = demoCopy();
    const before = readFileSync(path.join(ws, 'region-sync.yaml'), 'utf8');
    const { api } = apiOn(ws, {}, new MemorySecretStore('no Secret Service on this D-Bus'));
    const r = await api.call('regions.add', { region: gov, token: TOKEN });
    expect(r).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    if (!r.ok) expect(r.error.hint).toBeTruthy();
    expect(readFileSync(path.join(ws, 'region-sync.yaml'), 'utf8')).toBe(before);
    expect((await api.call('regions.setToken', { region: 'us', token: TOKEN })).ok).toBe(false);
  });

  it('refuses tokens for folder regions, duplicate ids and removing the baseline', async () => {
    const { api } = apiOn(demoCopy());
    expect(await api.call('regions.setToken', { region: 'eu', token: TOKEN })).toMatchObject({ ok: false, error: { code: 'REGION_NOT_PRISMATIC' } });
    expect(await api.call('regions.add', { region: { id: 'us', kind: 'folder', path: 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const ws = await api.call('workspace.get', {});
    if (!ws.ok) throw new Error('workspace');
    expect(await api.call('regions.remove', { region: ws.value.baseline })).toMatchObject({ ok: false });
  });

  it('removes a region from the config file, but never leaves the file invalid', async () => {
    const ws = demoCopy();
    const { api } = apiOn(ws);
    expect((await api.call('regions.add', { region: { id: 'scratch', kind: 'folder', path: 'regions/scratch' } })).ok).toBe(true);
    expect(await api.call('regions.remove', { region: 'scratch' })).toEqual({ ok: true, value: { removed: true } });
    const view = await api.call('workspace.get', {});
    expect(view.ok && view.value.regions.map((r) => r.id)).not.toContain('scratch');
    expect(await api.call('regions.remove', { region: 'scratch' })).toEqual({ ok: true, value: { removed: false } });

    // The demo's residency policy routes customers to au: removing it would break the file.
    const before = readFileSync(path.join(ws, 'region-sync.yaml'), 'utf8');
    expect(before).toMatch(/region: au/);
    const refused = await api.call('regions.remove', { region: 'au' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readFileSync(path.join(ws, 'region-sync.yaml'), 'utf8')).toBe(before);
  });
});

describe('snapshots, drift and diff', () => {
  it('pulls regions in parallel; one failing region never blocks the others', async () => {
    const ws = demoCopy();
    const base = createNodeDeps({ workspace: ws, secrets: new MemorySecretStore(), env: {} });
    const api = createApi({
      ...base,
      providers: {
        create(region, env) {
          const real = base.providers.create(region, env);
          if (region.id !== 'gov') return real;
          return { ...real, region, pull: async () => Promise.reject(new Error('connection reset by peer')) };
        },
      },
    });
    const r = await api.call('snapshots.pull', {});
    if (!r.ok) throw new Error(r.error.message);
    const byRegion = Object.fromEntries(r.value.results.map((x) => [x.region, x]));
    expect(byRegion.gov).toMatchObject({ ok: false, error: { message: 'connection reset by peer', region: 'gov' } });
    for (const id of ['us', 'eu', 'au']) expect(byRegion[id]).toMatchObject({ ok: true });
    expect(byRegion.us.counts?.integrations).toBeGreaterThan(0);
    const view = await api.call('workspace.get', {});
    expect(view.ok && view.value.regions.find((x) => x.id === 'gov')?.lastError?.message).toBe('connection reset by peer');
  });

  it('shows a live region without a snapshot as unknown, without touching the network', async () => {
    const ws = demoCopy();
    const { api } = apiOn(ws);
    expect((await api.call('regions.add', { region: { id: 'live', kind: 'prismatic', url: 'https://app.prismatic.io' } })).ok).toBe(true);
    const m = await api.call('drift.matrix', {});
    if (!m.ok) throw new Error(m.error.message);
    expect(m.value.regions.find((r) => r.id === 'live')).toMatchObject({ available: false });
    for (const row of m.value.rows) expect(row.cells.live.state).toBe('unknown');
  });

  it('diffs one item into aligned rows with secrets masked in rows and report', async () => {
    const ws = demoCopy();
    const secret = 'sk_live_51HxQmZ2eZvKYlo2CabcdEFGH1234567890';
    const file = path.join(ws, 'regions/eu/integrations/Slack Alerts.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: .*$/m, `description: Alerts\napiKey: ${secret}`));
    const { api } = apiOn(ws);
    const r = await api.call('diff.item', { kind: 'integrations', name: 'Slack Alerts', left: 'us', right: 'eu', context: 2 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.report.summary.total).toBeGreaterThan(0);
    expect(r.value.rows.some((row) => row.kind !== 'same' && row.kind !== 'collapsed')).toBe(true);
    expect(r.value.right.exists).toBe(true);
    expect(JSON.stringify(r.value)).not.toContain(secret);
    const report = await api.call('diff.report', { kind: 'integrations', name: 'Slack Alerts', left: 'us', right: 'eu', format: 'markdown' });
    expect(report.ok && report.value.text).toContain('description');
    expect(JSON.stringify(report)).not.toContain(secret);
  });

  it("translates pinned component numbers by each region's builds (demo: acme-erp us v50 ≡ eu v2, same signature)", async () => {
    const ws = demoCopy();
    const { api } = apiOn(ws);
    const r = await api.call('diff.item', { kind: 'integrations', name: 'Order Sync', left: 'us', right: 'eu' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.report.translations.filter((t) => t.component === 'acme-erp')).toEqual([expect.objectContaining({ left: 50, right: 2, basis: 'signature' })]);
    const text = await api.call('diff.report', { kind: 'integrations', name: 'Order Sync', left: 'us', right: 'eu', format: 'text' });
    expect(text.ok && text.value.text).toMatch(/acme-erp \(private\): 50 in us ≡ 2 in eu \(same signature\)/);
    // eu's builds are other packages (a fresh workspace: views read snapshots, not the folder):
    // still not drift, but flagged as different builds.
    const other = demoCopy();
    const file = path.join(other, 'regions/eu/components/acme-erp.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('392962f0b4189d2043a0e851c7efb6fe10def8db', 'ffffffffffffffffffffffffffffffffffffffff').replace('e5cfcfea10d26dde5ff3dc1963263909993367f4', 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'));
    const rebuilt = await apiOn(other).api.call('diff.item', { kind: 'integrations', name: 'Order Sync', left: 'us', right: 'eu' });
    if (!rebuilt.ok) throw new Error(rebuilt.error.message);
    expect(rebuilt.value.report.summary.total).toBe(r.value.report.summary.total);
    expect(rebuilt.value.report.translations.find((t) => t.component === 'acme-erp')).toMatchObject({ left: 50, right: 2, basis: 'different-build' });
  });

  it('unfolds one collapsed stretch in full on request, beyond the context cap', async () => {
    const ws = demoCopy();
    // A long unchanged tail after a change, longer than any context the API allows.
    const file = path.join(ws, 'regions/eu/integrations/Order Sync.yaml');
    const tail = Array.from({ length: 300 }, (_, i) => `  k${i}: v${i}`).join('\n');
    writeFileSync(path.join(ws, 'regions/us/integrations/Order Sync.yaml'), `${readFileSync(path.join(ws, 'regions/us/integrations/Order Sync.yaml'), 'utf8')}extra:\n${tail}\n`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}extra:\n${tail}\n`);
    const { api } = apiOn(ws);
    const base = { kind: 'integrations' as const, name: 'Order Sync', left: 'us', right: 'eu' };
    const wide = await api.call('diff.item', { ...base, context: 50 });
    if (!wide.ok) throw new Error(wide.error.message);
    const last = wide.value.rows.at(-1)!;
    expect(last.kind).toBe('collapsed');
    expect(last.hidden).toBeGreaterThan(200);
    const opened = await api.call('diff.item', { ...base, context: 50, expand: [{ leftLine: last.leftLine!, count: last.hidden! }] });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.rows.at(-1)).toMatchObject({ kind: 'same', leftLine: wide.value.left.lineCount, right: `  k299: v299` });
    expect(opened.value.rows.filter((r) => r.kind === 'collapsed').length).toBe(wide.value.rows.filter((r) => r.kind === 'collapsed').length - 1);
    const bad = await api.callUnchecked('diff.item', { ...base, expand: [{ leftLine: 0, count: 5 }] });
    expect(bad.ok).toBe(false);
  });

  it('reports an item missing on one side as not existing', async () => {
    const { api } = apiOn(demoCopy());
    const r = await api.call('diff.item', { kind: 'integrations', name: 'Invoice Export', left: 'us', right: 'au' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.left.exists).toBe(true);
    expect(r.value.right).toMatchObject({ exists: false, lineCount: 0 });
  });
});

describe('workspace.open', () => {
  it('switches workspaces and keeps the current one when the new path is bad', async () => {
    const a = demoCopy();
    const b = mkdtempSync(path.join(tmpdir(), 'rs-api-b-'));
    dirs.push(b);
    mkdirSync(path.join(b, 'regions/x'), { recursive: true });
    writeFileSync(path.join(b, 'region-sync.yaml'), 'name: Other\nbaseline: x\nregions:\n  - id: x\n    kind: folder\n    path: regions/x\nignore: []\n');
    const { api } = apiOn(a);
    const events: string[] = [];
    api.onEvent((e) => events.push(e.type));
    const opened = await api.call('workspace.open', { path: b });
    expect(opened.ok && opened.value.name).toBe('Other');
    expect(events).toContain('workspace-changed');
    const bad = await api.call('workspace.open', { path: path.join(b, 'nope') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'WORKSPACE_NOT_FOUND' } });
    const still = await api.call('workspace.get', {});
    expect(still.ok && still.value.name).toBe('Other');
  });
});
