import { mkdtemp, readdir, readFile, rm, writeFile, truncate, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../src-main/core/errors';
import { componentKey, instanceKey, type RegionConfig, type Snapshot } from '../../src-main/core/model';
import { dumpYaml } from '../../src-main/core/yaml/codec';
import { createFolderProvider, writeFolderRegion } from '../../src-main/providers/folder';
import { decodeName, encodeName } from '../../src-main/providers/folder/names';
import { demoSnapshot } from '../../scripts/demo/tenant';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rs-folder-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const region = (p = 'regions/x'): RegionConfig => ({ id: 'x', kind: 'folder', path: p });
const pull = (p = 'regions/x') => createFolderProvider(region(p), { workspaceRoot: root }).pull();

async function pullError(p = 'regions/x'): Promise<AppError> {
  try {
    await pull(p);
  } catch (e) {
    if (e instanceof AppFailure) return e.error;
    throw e;
  }
  throw new Error('pull succeeded');
}

const definition = (name: string, extra: Record<string, unknown> = {}) =>
  dumpYaml({ definitionVersion: 7, name, description: 'test', flows: [{ name: 'Main', steps: [{ name: 'Trigger', isTrigger: true, action: { key: 'webhook', component: { key: 'webhook-triggers', version: 'LATEST', isPublic: true } } }] }], ...extra });

/** A snapshot with every awkward case: names needing escapes, a key shared by a public and a private component, one instance name under two integrations. */
function awkwardSnapshot(): Snapshot {
  const base = demoSnapshot('us');
  const names = ['Orders / EU: v2', '..', '.hidden', 'Ünïcødé 日本', 'Foo.versions', '100% done', 'CON', 'trailing. '];
  const integrations = [
    ...base.integrations,
    ...names.map((name) => ({ name, yaml: definition(name), versions: [], hasUnpublishedChanges: true })),
    {
      name: 'Unhashed',
      yaml: definition('Unhashed'),
      versions: [{ number: 1, publishedAt: '2025-01-01T00:00:00.000Z', comment: 'from a live region without hashes' }],
      hasUnpublishedChanges: false,
    },
  ];
  const components = [...base.components, { ...base.components.find((c) => c.key === 'http')!, isPublic: false, label: 'Our own http' }];
  const customers = [...base.customers, { externalId: 'a/b:../c', name: 'Slashy Ltd', country: 'GB' }];
  const instances = [
    ...base.instances,
    { customer: 'a/b:../c', integration: 'Orders / EU: v2', name: 'Main', version: null, enabled: false, deployed: false, labels: [], configVars: [] },
    { customer: 'a/b:../c', integration: 'Ünïcødé 日本', name: 'Main', version: null, enabled: true, deployed: false, labels: ['x'], configVars: [{ key: 'k', value: null }] },
    { customer: 'a/b:../c', integration: '..', name: 'main', version: null, enabled: true, deployed: false, labels: [], configVars: [], flowConfigs: [{ flow: 'Main', webhookUrl: 'https://hooks.example/abc' }] },
  ];
  return { ...base, regionId: 'x', source: { kind: 'folder', path: 'regions/x', url: base.source.url, org: base.source.org }, integrations, components, customers, instances };
}

function sorted(s: Snapshot): Snapshot {
  const by = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    ...s,
    components: [...s.components].sort(by(componentKey)),
    integrations: [...s.integrations].sort(by((i) => i.name)),
    customers: [...s.customers].sort(by((c) => c.externalId)),
    instances: [...s.instances].sort(by(instanceKey)),
  };
}

describe('names', () => {
  it('keeps readable names readable and escapes only what is unsafe, reversibly', () => {
    expect(encodeName('Order Sync')).toBe('Order Sync');
    expect(encodeName('Ünïcødé 日本')).toBe('Ünïcødé 日本');
    expect(encodeName('a/b:c')).toBe('a%2Fb%3Ac');
    expect(encodeName('..')).toBe('%2E%2E');
    for (const n of ['Orders / EU: v2', '..', '.x', '100%', 'CON', 'Foo.versions', 'x\ny', ' a ', 'a%2Fb']) {
      expect(decodeName(encodeName(n))).toBe(n);
      expect(encodeName(n)).not.toMatch(/[/\\:*?"<>|\n]|^\.|\.versions$/);
    }
  });
});

describe('snapshot → folder → pull', () => {
  it('gives back the same snapshot, including awkward names', async () => {
    const snapshot = awkwardSnapshot();
    await writeFolderRegion(path.join(root, 'regions/x'), snapshot);
    const pulled = await pull();
    expect(pulled).toEqual(sorted(snapshot));
    // Nothing escaped the region folder and no temp folder is left next to it.
    expect(await readdir(root)).toEqual(['regions']);
    expect(await readdir(path.join(root, 'regions'))).toEqual(['x']);
    const integrationFiles = await readdir(path.join(root, 'regions/x/integrations'));
    expect(integrationFiles).toContain('Orders %2F EU%3A v2.yaml');
    expect(integrationFiles).toContain('%2E%2E.yaml');
    expect(integrationFiles).toContain('Foo%2Eversions.yaml');
    expect(await readdir(path.join(root, 'regions/x/components'))).toContain('http (private).yaml');
  });

  it('never writes secret values, even if a record carries one', async () => {
    const snapshot = demoSnapshot('us');
    snapshot.instances[0].configVars.push({ key: 'Leaky', kind: 'connection', value: 'sk_live_SECRET' }, { key: 'WriteOnly', secret: 'set', value: 'hunter2' });
    await writeFolderRegion(path.join(root, 'regions/x'), { ...snapshot, regionId: 'x' });
    const file = await readFile(path.join(root, 'regions/x/instances/acme-retail/Order Sync.yaml'), 'utf8');
    expect(file).not.toContain('sk_live_SECRET');
    expect(file).not.toContain('hunter2');
    const pulled = await pull();
    const vars = pulled.instances.find((i) => i.customer === 'acme-retail' && i.integration === 'Order Sync')!.configVars;
    expect(vars.filter((v) => v.key === 'Leaky' || v.key === 'WriteOnly')).toEqual([
      { key: 'Leaky', kind: 'connection', secret: 'set' },
      { key: 'WriteOnly', secret: 'set' },
    ]);
  });

  it('refuses to write over a non-empty folder unless asked to replace it', async () => {
    const dir = path.join(root, 'regions/x');
    await writeFolderRegion(dir, demoSnapshot('eu'));
    await expect(writeFolderRegion(dir, demoSnapshot('us'))).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((await pull()).customers.map((c) => c.externalId)).toContain('schmidt-logistik');
    await writeFolderRegion(dir, demoSnapshot('us'), { replace: true });
    expect((await pull()).customers.map((c) => c.externalId)).not.toContain('schmidt-logistik');
    expect(await readdir(path.join(root, 'regions'))).toEqual(['x']);
  });

  it('reports capturedAt from region.yaml, else now', async () => {
    await writeFolderRegion(path.join(root, 'regions/x'), demoSnapshot('us'));
    expect((await pull()).capturedAt).toBe('2025-06-01T00:00:00.000Z');
    await writeFolderRegion(path.join(root, 'regions/y'), demoSnapshot('us'), { recordCapturedAt: false });
    const now = new Date('2030-01-02T03:04:05.000Z');
    const snap = await createFolderProvider({ id: 'y', kind: 'folder', path: 'regions/y' }, { workspaceRoot: root, now: () => now }).pull();
    expect(snap.capturedAt).toBe(now.toISOString());
  });
});

describe('hostile files in a folder region', () => {
  const dir = () => path.join(root, 'regions/x');
  async function withFile(rel: string, content: string | Uint8Array) {
    await writeFolderRegion(dir(), demoSnapshot('us'));
    await mkdir(path.dirname(path.join(dir(), rel)), { recursive: true });
    await writeFile(path.join(dir(), rel), content);
  }

  it('bad UTF-8 is YAML_ENCODING naming the file', async () => {
    await withFile('integrations/Bad.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const e = await pullError();
    expect([e.code, e.file]).toEqual(['YAML_ENCODING', 'regions/x/integrations/Bad.yaml']);
  });

  it('a binary file is YAML_BINARY naming the file', async () => {
    await withFile('components/blob.yaml', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    const e = await pullError();
    expect([e.code, e.file]).toEqual(['YAML_BINARY', 'regions/x/components/blob.yaml']);
  });

  it('an oversize file is YAML_TOO_LARGE without being read', async () => {
    await withFile('customers.yaml', 'customers: []\n');
    await truncate(path.join(dir(), 'customers.yaml'), 64 * 1024 * 1024); // sparse: costs no disk
    const e = await pullError();
    expect([e.code, e.file]).toEqual(['YAML_TOO_LARGE', 'regions/x/customers.yaml']);
  });

  it('a duplicate key is YAML_DUPLICATE_KEY with its line', async () => {
    await withFile('instances/northwind/Dup.yaml', 'integration: Order Sync\nversion: 2\nenabled: true\nenabled: false\ndeployed: true\n');
    const e = await pullError();
    expect([e.code, e.file, e.line]).toEqual(['YAML_DUPLICATE_KEY', 'regions/x/instances/northwind/Dup.yaml', 4]);
  });

  it('a bad field is INVALID_INPUT with the file and the line of the field', async () => {
    await withFile('instances/northwind/Bad.yaml', 'integration: Order Sync\nversion: 2\nenabled: yes please\ndeployed: true\n');
    const e = await pullError();
    expect([e.code, e.file, e.line]).toEqual(['INVALID_INPUT', 'regions/x/instances/northwind/Bad.yaml', 3]);
    expect(e.message).toContain('enabled');
  });

  it('an unknown field in a component file is reported at its line', async () => {
    await withFile('components/extra.yaml', 'key: extra\nisPublic: true\nversions:\n  - number: 1\n    signature: abc\n    actionz: []\n');
    const e = await pullError();
    expect([e.code, e.line]).toEqual(['INVALID_INPUT', 6]);
    expect(e.message).toContain('actionz');
  });

  it('an integration file whose name does not match is refused with a hint', async () => {
    await withFile('integrations/Renamed.yaml', definition('Original'));
    const e = await pullError();
    expect([e.code, e.file, e.line]).toEqual(['INVALID_INPUT', 'regions/x/integrations/Renamed.yaml', 2]);
    expect(e.hint).toContain('Original.yaml');
  });

  it('a YAML file that is not a definition is YAML_NOT_A_DEFINITION', async () => {
    await withFile('integrations/List.yaml', '- a\n- b\n');
    expect((await pullError()).code).toBe('YAML_NOT_A_DEFINITION');
  });

  it('two files for one component name both', async () => {
    await writeFolderRegion(dir(), demoSnapshot('us'));
    await writeFile(path.join(dir(), 'components/http copy.yaml'), await readFile(path.join(dir(), 'components/http.yaml')));
    const e = await pullError();
    expect(e.message).toContain('regions/x/components/http.yaml');
    expect(e.message).toContain('regions/x/components/http copy.yaml');
  });

  it('an alias bomb is refused', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    await withFile('integrations/Bomb.yaml', `${bomb.join('\n')}\nname: Bomb\n`);
    expect((await pullError()).code).toBe('YAML_ALIAS_LIMIT');
  });

  it('a missing region folder is REGION_UNREACHABLE', async () => {
    expect((await pullError('regions/none')).code).toBe('REGION_UNREACHABLE');
  });
});
