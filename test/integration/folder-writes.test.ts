import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../src-main/core/errors';
import type { InstanceRecord, Snapshot } from '../../src-main/core/model';
import { definitionHash } from '../../src-main/core/plan/fingerprint';
import type { RegionWrite, WriteOutcome } from '../../src-main/core/plan/types';
import { createFolderProvider, type FolderProvider } from '../../src-main/providers/folder';

const DEMO = path.resolve(__dirname, '../../resources/demo');
const NOW = new Date('2031-05-06T07:08:09.000Z');

let root: string;
let us: FolderProvider;
let eu: FolderProvider;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rs-writes-'));
  await cp(DEMO, root, { recursive: true });
  us = createFolderProvider({ id: 'us', kind: 'folder', path: 'regions/us' }, { workspaceRoot: root, now: () => NOW });
  eu = createFolderProvider({ id: 'eu', kind: 'folder', path: 'regions/eu' }, { workspaceRoot: root, now: () => NOW });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.error.code;
    throw e;
  }
  return 'no error';
}

/** Every file under the region, with its text: to prove a refused write changed nothing. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = await readFile(full, 'utf8');
  }
  return out;
}

const integration = (s: Snapshot, name: string) => s.integrations.find((i) => i.name === name);
const instanceOf = (s: Snapshot, customer: string, name: string) => s.instances.find((i) => i.customer === customer && i.name === name);

describe('integration writes', () => {
  it('promotes Order Sync us → eu: overwrite the draft, publish, and a re-run changes nothing', async () => {
    const source = integration(await us.pull(), 'Order Sync')!;
    const before = await eu.pull();
    expect(integration(before, 'Order Sync')!.yaml).not.toBe(source.yaml);

    const hash = definitionHash(source.yaml);
    const steps: RegionWrite[] = [
      { op: 'importIntegration', name: 'Order Sync', yaml: source.yaml, mode: 'overwrite-draft' },
      { op: 'publishIntegration', name: 'Order Sync', comment: 'Promoted from us', definitionHash: hash },
    ];
    const first: WriteOutcome[] = [];
    for (const s of steps) first.push(await eu.write(s));
    expect(first[0].unchanged).toBeUndefined();
    expect(first[1]).toEqual({ version: 3 });

    const after = await eu.pull();
    const promoted = integration(after, 'Order Sync')!;
    expect(promoted.yaml).toBe(source.yaml);
    expect(promoted.versions.at(-1)).toEqual({ number: 3, publishedAt: NOW.toISOString(), comment: 'Promoted from us', definitionHash: hash });
    expect(promoted.hasUnpublishedChanges).toBe(false);

    // Resume after a crash: the same steps again are no-ops, and no version 4 appears.
    const again: WriteOutcome[] = [];
    for (const s of steps) again.push(await eu.write(s));
    expect(again.map((o) => o.unchanged)).toEqual([true, true]);
    expect(again[1].version).toBe(3);
    expect(integration(await eu.pull(), 'Order Sync')!.versions).toHaveLength(3);
  });

  it('create mode: new file; same again is unchanged; a different existing definition is refused', async () => {
    const yaml = integration(await us.pull(), 'Lead Router')!.yaml.replace('name: Lead Router', 'name: Lead Router 2');
    expect(await eu.write({ op: 'importIntegration', name: 'Lead Router 2', yaml, mode: 'create' })).toEqual({ detail: 'created' });
    expect(integration(await eu.pull(), 'Lead Router 2')).toMatchObject({ yaml, versions: [], hasUnpublishedChanges: true });
    expect((await eu.write({ op: 'importIntegration', name: 'Lead Router 2', yaml, mode: 'create' })).unchanged).toBe(true);
    const snapshot = await tree(path.join(root, 'regions/eu'));
    expect(await codeOf(eu.write({ op: 'importIntegration', name: 'Lead Router 2', yaml: `${yaml}# edited\n`, mode: 'create' }))).toBe('REMOTE_VALIDATION');
    expect(await tree(path.join(root, 'regions/eu'))).toEqual(snapshot);
  });

  it('refuses bad imports without writing anything', async () => {
    const snapshot = await tree(path.join(root, 'regions/eu'));
    const good = integration(await us.pull(), 'Order Sync')!.yaml;
    expect(await codeOf(eu.write({ op: 'importIntegration', name: 'Order Sync', yaml: 'name: [unclosed\n', mode: 'overwrite-draft' }))).toBe('YAML_SYNTAX');
    expect(await codeOf(eu.write({ op: 'importIntegration', name: 'Other Name', yaml: good, mode: 'create' }))).toBe('INVALID_INPUT');
    expect(await codeOf(eu.write({ op: 'importIntegration', name: 'Nope', yaml: good.replace('name: Order Sync', 'name: Nope'), mode: 'overwrite-draft' }))).toBe('NOT_FOUND');
    expect(await codeOf(eu.write({ op: 'publishIntegration', name: 'Nope', comment: '', definitionHash: 'a'.repeat(64) }))).toBe('NOT_FOUND');
    expect(await tree(path.join(root, 'regions/eu'))).toEqual(snapshot);
  });

  it('names with / and .. stay inside the region folder', async () => {
    const name = '../../escape/Orders: EU';
    const yaml = `definitionVersion: 7\nname: ${JSON.stringify(name)}\nflows: []\n`;
    await eu.write({ op: 'importIntegration', name, yaml, mode: 'create' });
    expect(await readdir(path.join(root, 'regions/eu/integrations'))).toContain('%2E.%2F..%2Fescape%2FOrders%3A EU.yaml');
    expect((await readdir(root)).filter((n) => !n.startsWith('.')).sort()).toEqual(['region-sync.yaml', 'regions']);
    expect((await readdir(path.join(root, 'regions'))).sort()).toEqual(['au', 'eu', 'gov', 'us']);
    expect(await readdir(path.join(root, 'regions/eu'))).not.toContain('escape');
    expect(integration(await eu.pull(), name)?.yaml).toBe(yaml);
  });
});

describe('component writes', () => {
  it('publishes a new signature once, keeps numbering per region, and stores the package', async () => {
    const pkg = path.join(root, 'acme-erp-2.2.0.zip');
    await writeFile(pkg, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const w: RegionWrite = { op: 'publishComponent', key: 'acme-erp', isPublic: false, signature: 'f'.repeat(40), packageFile: pkg };
    const outcome = await eu.write(w);
    expect(outcome.version).toBe(3);
    const erp = (await eu.pull()).components.find((c) => c.key === 'acme-erp')!;
    expect(erp.versions.map((v) => [v.number, v.signature.slice(0, 4)])).toEqual([
      [1, erp.versions[0].signature.slice(0, 4)],
      [2, erp.versions[1].signature.slice(0, 4)],
      [3, 'ffff'],
    ]);
    // The new version keeps the actions of the one it replaces (a write carries only the signature).
    expect(erp.versions[2].actions.map((a) => a.key)).toEqual(erp.versions[1].actions.map((a) => a.key));
    const stored = await readdir(path.join(root, 'regions/eu/components/packages'));
    expect(stored).toEqual([`acme-erp (private)@${'f'.repeat(40)}.zip`]);
    expect(await eu.write(w)).toMatchObject({ version: 3, unchanged: true });
    expect((await eu.pull()).components.find((c) => c.key === 'acme-erp')!.versions).toHaveLength(3);
  });

  it('a new component gets its own file; a missing package changes nothing', async () => {
    const snapshot = await tree(path.join(root, 'regions/eu'));
    const missing: RegionWrite = { op: 'publishComponent', key: 'acme-legacy-ftp', isPublic: false, signature: 'a'.repeat(40), packageFile: path.join(root, 'nope.zip') };
    expect(await codeOf(eu.write(missing))).toBe('NOT_FOUND');
    expect(await tree(path.join(root, 'regions/eu'))).toEqual(snapshot);
    expect(await eu.write({ op: 'publishComponent', key: 'acme-legacy-ftp', isPublic: false, signature: 'a'.repeat(40), label: 'Legacy FTP' })).toEqual({ version: 1 });
    const c = (await eu.pull()).components.find((x) => x.key === 'acme-legacy-ftp')!;
    expect(c).toMatchObject({ isPublic: false, label: 'Legacy FTP', versions: [{ number: 1, signature: 'a'.repeat(40), actions: [] }] });
  });
});

describe('customer and instance writes', () => {
  const ref = { customer: 'bergmann-gmbh', integration: 'Order Sync', name: 'Order Sync' };

  it('upsertCustomer creates, updates, and is unchanged when equal', async () => {
    const customer = { externalId: 'bergmann-gmbh', name: 'Bergmann GmbH', country: 'DE', labels: ['tier-2'] };
    expect(await eu.write({ op: 'upsertCustomer', customer })).toEqual({ detail: 'created' });
    expect(await eu.write({ op: 'upsertCustomer', customer })).toEqual({ unchanged: true });
    expect(await eu.write({ op: 'upsertCustomer', customer: { ...customer, name: 'Bergmann GmbH & Co. KG' } })).toEqual({ detail: 'updated' });
    const all = (await eu.pull()).customers;
    expect(all.filter((c) => c.externalId === 'bergmann-gmbh')).toEqual([{ ...customer, name: 'Bergmann GmbH & Co. KG' }]);
    expect(all).toHaveLength(4);
  });

  it('moves a misplaced instance us → eu: create on the latest published version, deploy; re-runs are no-ops', async () => {
    const source = instanceOf(await us.pull(), 'bergmann-gmbh', 'Order Sync')!;
    const customer = (await us.pull()).customers.find((c) => c.externalId === 'bergmann-gmbh')!;
    const planned: InstanceRecord = { ...source, version: null, deployed: false, needsDeploy: undefined };
    const steps: RegionWrite[] = [
      { op: 'upsertCustomer', customer },
      { op: 'createInstance', instance: planned, versionFromPublishOf: 'Order Sync' },
      { op: 'deployInstance', instance: ref },
    ];
    expect(await codeOf(eu.write(steps[1]))).toBe('NOT_FOUND'); // the customer is not there yet
    const outcomes: WriteOutcome[] = [];
    for (const s of steps) outcomes.push(await eu.write(s));
    expect(outcomes[1]).toEqual({ version: 2 });
    const moved = instanceOf(await eu.pull(), 'bergmann-gmbh', 'Order Sync')!;
    expect(moved).toMatchObject({ version: 2, deployed: true, needsDeploy: false, enabled: true });
    expect(moved.configVars).toEqual(source.configVars);
    for (const s of steps) expect((await eu.write(s)).unchanged).toBe(true);
  });

  it('setInstanceVersion resolves latest-published, marks a deployed instance for deploy, refuses unknown versions', async () => {
    const northwind = { customer: 'northwind', integration: 'Order Sync', name: 'Order Sync' };
    expect(instanceOf(await us.pull(), 'northwind', 'Order Sync')!.version).toBe(2);
    expect(await us.write({ op: 'setInstanceVersion', instance: northwind, version: 'latest-published' })).toEqual({ version: 3 });
    expect(instanceOf(await us.pull(), 'northwind', 'Order Sync')).toMatchObject({ version: 3, deployed: true, needsDeploy: true });
    expect(await us.write({ op: 'setInstanceVersion', instance: northwind, version: 3 })).toEqual({ version: 3, unchanged: true });
    expect(await codeOf(us.write({ op: 'setInstanceVersion', instance: northwind, version: 9 }))).toBe('NOT_FOUND');
    expect(await us.write({ op: 'deployInstance', instance: northwind })).toEqual({ version: 3 });
    expect(instanceOf(await us.pull(), 'northwind', 'Order Sync')).toMatchObject({ version: 3, deployed: true, needsDeploy: false });
  });

  it('setInstanceEnabled toggles and is idempotent; unknown instances are NOT_FOUND', async () => {
    const alerts = { customer: 'northwind', integration: 'Slack Alerts', name: 'Slack Alerts' };
    expect(instanceOf(await us.pull(), 'northwind', 'Slack Alerts')!.enabled).toBe(false);
    expect((await us.write({ op: 'setInstanceEnabled', instance: alerts, enabled: true })).unchanged).toBeUndefined();
    expect((await us.write({ op: 'setInstanceEnabled', instance: alerts, enabled: true })).unchanged).toBe(true);
    expect(instanceOf(await us.pull(), 'northwind', 'Slack Alerts')!.enabled).toBe(true);
    expect(await codeOf(us.write({ op: 'deployInstance', instance: { ...alerts, name: 'Nope' } }))).toBe('NOT_FOUND');
  });

  it('createInstance never stores a secret value', async () => {
    const inst: InstanceRecord = {
      customer: 'schmidt-logistik',
      integration: 'Slack Alerts',
      name: 'Slack Alerts',
      version: 1,
      enabled: true,
      deployed: false,
      labels: [],
      configVars: [{ key: 'Slack Connection', kind: 'connection', value: 'xoxb-SECRET' }, { key: 'Critical Channel', value: '#crit' }],
    };
    await eu.write({ op: 'createInstance', instance: inst });
    const text = await readFile(path.join(root, 'regions/eu/instances/schmidt-logistik/Slack Alerts.yaml'), 'utf8');
    expect(text).not.toContain('xoxb-SECRET');
    expect(instanceOf(await eu.pull(), 'schmidt-logistik', 'Slack Alerts')!.configVars[0]).toEqual({ key: 'Slack Connection', kind: 'connection', secret: 'set' });
  });
});

describe('region state', () => {
  it('a capture becomes live after a write, and no temp files are ever left', async () => {
    const regionFile = path.join(root, 'regions/eu/region.yaml');
    await writeFile(regionFile, `${await readFile(regionFile, 'utf8')}capturedAt: '2025-01-01T00:00:00.000Z'\n`);
    expect((await eu.pull()).capturedAt).toBe('2025-01-01T00:00:00.000Z');
    await eu.write({ op: 'setInstanceEnabled', instance: { customer: 'lumiere-sa', integration: 'Invoice Export', name: 'Invoice Export' }, enabled: false });
    expect((await eu.pull()).capturedAt).toBe(NOW.toISOString());
    const files = Object.keys(await tree(path.join(root, 'regions')));
    expect(files.filter((f) => f.includes('.rs-tmp-'))).toEqual([]);
  });

  it('whoami names the folder and the org from region.yaml', async () => {
    expect(await us.whoami()).toMatchObject({ endpoint: path.join(root, 'regions/us'), org: 'Acme Corp' });
  });

  it('concurrent writes to one folder do not lose each other', async () => {
    const customers = Array.from({ length: 8 }, (_, i) => ({ externalId: `c${i}`, name: `Customer ${i}`, country: 'DE' }));
    await Promise.all(customers.map((customer) => eu.write({ op: 'upsertCustomer', customer })));
    const ids = (await eu.pull()).customers.map((c) => c.externalId);
    for (const c of customers) expect(ids).toContain(c.externalId);
  });
});
