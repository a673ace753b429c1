import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBundleIO } from '../../src-main/providers/bundle';
import { createFolderProvider } from '../../src-main/providers/folder';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import { parseWorkspaceConfig } from '../../src-main/core/workspace/config';
import { asParam, call, canonicalState, euSnapshot, makeHarness, usSnapshot, type Harness } from '../helpers/promotion';

let work: string;
let connected: Harness;
let airGapped: Harness;
let bundlePath: string;
let signer: string;
let publicKey: string;
const io = createBundleIO();

const govSnapshot = () => ({ ...euSnapshot(), regionId: 'gov' });
const pullGov = (dir: string) => createFolderProvider({ id: 'gov', kind: 'folder', path: 'regions/gov' }, { workspaceRoot: dir }).pull();
const leftoverTemps = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('region-sync-bundle-')).length;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'region-sync-bundle-test-'));
  // Commercial side: the source and a mirror of gov for planning.
  connected = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'gov', snapshot: govSnapshot() }] }, { secrets: new MemorySecretStore() });
  const plan = await call(connected.api.call('plan.create', { items: [{ kind: 'integrations', name: 'Order Sync' }], from: 'us', to: ['gov'], instances: 'all' }));
  bundlePath = path.join(work, 'orders.rsb');
  const created = await call(connected.api.call('bundle.create', { plan: asParam(plan), out: bundlePath }));
  expect(created.manifest.sequence).toBe(1);
  const config = parseWorkspaceConfig(await readFile(path.join(connected.dir, 'region-sync.yaml'), 'utf8'), 'region-sync.yaml');
  if (!config.ok) throw new Error(config.error.message);
  [[signer, publicKey]] = Object.entries(config.value.trustedSigners ?? {});
  // GovCloud side: another workspace that only has gov, and trusts the commercial signer.
  airGapped = await makeHarness({ id: 'acme-gov', regions: [{ id: 'gov', snapshot: govSnapshot() }], trustedSigners: { [signer]: publicKey } });
});

afterAll(async () => {
  await connected?.dispose();
  await airGapped?.dispose();
  await rm(work, { recursive: true, force: true });
});

async function repack(mutate: (dir: string) => Promise<void>, name: string): Promise<string> {
  const dir = path.join(work, `x-${name}`);
  await mkdir(dir, { recursive: true });
  await tar.x({ file: bundlePath, cwd: dir });
  await mutate(dir);
  const out = path.join(work, `${name}.rsb`);
  await tar.c({ file: out, cwd: dir, gzip: true }, await readdir(dir));
  return out;
}

describe('bundle round trip', () => {
  it('the signing key lives in the secret store and the public key is trusted by the workspace', () => {
    expect(signer).toBe('acme@testhost');
    expect(publicKey).toContain('BEGIN PUBLIC KEY');
  });

  it('inspects with no network and applies into another workspace with no access to the source region', async () => {
    const inspection = await call(airGapped.api.call('bundle.inspect', { path: bundlePath }));
    expect(inspection.signature).toMatchObject({ valid: true, trusted: true, signer });
    expect(inspection.intact).toBe(true);
    expect(inspection.manifest.files.map((f) => f.path)).toEqual(['integrations/Order Sync.yaml', 'plan.json', 'report.md', 'snapshot/source.json']);
    expect(inspection.planSummary.length).toBeGreaterThan(0);
    const before = await leftoverTemps();
    const run = await call(airGapped.api.call('bundle.apply', { path: bundlePath, to: 'gov' }));
    expect(run.status).toBe('succeeded');
    expect(await leftoverTemps()).toBe(before);
    // gov now matches what a direct promotion does
    const direct = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'gov', snapshot: govSnapshot() }] });
    const p = await call(direct.api.call('plan.create', { items: [{ kind: 'integrations', name: 'Order Sync' }], from: 'us', to: ['gov'], instances: 'all' }));
    await call(direct.api.call('plan.apply', { plan: asParam(p) }));
    expect(canonicalState(await pullGov(airGapped.dir))).toEqual(canonicalState(await pullGov(direct.dir)));
    await direct.dispose();
    const audit = (await readFile(path.join(airGapped.dir, '.region-sync/audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ action: 'bundle-apply', result: 'succeeded', to: ['gov'] });
    // replay: the same bundle again is refused
    const replay = await airGapped.api.call('bundle.apply', { path: bundlePath, to: 'gov' });
    expect(!replay.ok && replay.error.code).toBe('BUNDLE_REPLAYED');
  });

  it('never writes the signing key or a secret into the bundle', async () => {
    const dir = path.join(work, 'peek');
    await mkdir(dir, { recursive: true });
    await tar.x({ file: bundlePath, cwd: dir });
    for (const f of ['plan.json', 'snapshot/source.json', 'report.md', 'MANIFEST.json']) expect(await readFile(path.join(dir, f), 'utf8')).not.toContain('PRIVATE KEY');
  });
});

describe('bundle verification refuses', () => {
  const trusted = () => ({ [signer]: publicKey });

  it('a tampered manifest (SIGNATURE_INVALID)', async () => {
    const bad = await repack(async (d) => {
      const m = JSON.parse(await readFile(path.join(d, 'MANIFEST.json'), 'utf8'));
      m.sequence = 99;
      await writeFile(path.join(d, 'MANIFEST.json'), `${JSON.stringify(m, null, 2)}\n`);
    }, 'manifest');
    const r = await airGapped.api.call('bundle.apply', { path: bad, to: 'gov' });
    expect(!r.ok && r.error.code).toBe('SIGNATURE_INVALID');
  });

  it('a tampered file, an extra file, a missing file (BUNDLE_TAMPERED)', async () => {
    const edited = await repack((d) => writeFile(path.join(d, 'integrations/Order Sync.yaml'), 'name: evil\n'), 'file');
    const extra = await repack((d) => writeFile(path.join(d, 'extra.yaml'), 'x: 1\n'), 'extra');
    const missing = await repack((d) => rm(path.join(d, 'report.md')), 'missing');
    for (const bad of [edited, extra, missing]) {
      const r = await airGapped.api.call('bundle.apply', { path: bad, to: 'gov' });
      expect(!r.ok && r.error.code, bad).toBe('BUNDLE_TAMPERED');
      const inspection = await io.inspect(bad, trusted());
      expect(inspection.intact).toBe(false);
      expect(inspection.content).toBeUndefined();
    }
  });

  it('a signature by another key under the same signer name (SIGNATURE_INVALID) and an unknown signer (SIGNER_UNKNOWN)', async () => {
    const other = generateKeyPairSync('ed25519');
    const forged = await repack(async (d) => {
      const bytes = await readFile(path.join(d, 'MANIFEST.json'));
      await writeFile(path.join(d, 'MANIFEST.sig'), sign(null, bytes, other.privateKey).toString('base64'));
    }, 'forged');
    const r = await airGapped.api.call('bundle.apply', { path: forged, to: 'gov' });
    expect(!r.ok && r.error.code).toBe('SIGNATURE_INVALID');
    const stranger = await makeHarness({ id: 'stranger', regions: [{ id: 'gov', snapshot: govSnapshot() }] });
    const r2 = await stranger.api.call('bundle.apply', { path: bundlePath, to: 'gov' });
    expect(!r2.ok && r2.error.code).toBe('SIGNER_UNKNOWN');
    expect(stranger.writes).toEqual([]);
    await stranger.dispose();
  });
});

/** A tar written by hand, so entries can be exactly as hostile as an attacker makes them. */
function rawTar(entries: Array<{ name: string; type: '0' | '1' | '2' | '5'; body?: string; linkname?: string; claimedSize?: number }>): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${(e.claimedSize ?? body.length).toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.type, 156);
    if (e.linkname) h.write(e.linkname, 157, 100);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

describe('hostile archives are refused before anything is extracted', () => {
  const cases: Array<[string, Parameters<typeof rawTar>[0], string]> = [
    ['dot-dot', [{ name: 'ok.txt', type: '0', body: 'ok' }, { name: '../escape.txt', type: '0', body: 'pwned' }], "contains '..'"],
    ['nested dot-dot', [{ name: 'a/../../escape.txt', type: '0', body: 'pwned' }], "contains '..'"],
    ['absolute path', [{ name: '/tmp/region-sync-abs-pwned.txt', type: '0', body: 'pwned' }], 'absolute'],
    ['symlink', [{ name: 'evil', type: '2', linkname: '/etc' }, { name: 'evil/pwned.txt', type: '0', body: 'pwned' }], 'SymbolicLink'],
    ['hardlink', [{ name: 'hl', type: '1', linkname: '/etc/passwd' }], 'Link'],
    ['oversize entry', [{ name: 'big.bin', type: '0', claimedSize: 60 * 1024 * 1024 }], 'limit'],
  ];
  for (const [name, entries, why] of cases)
    it(`${name}: BUNDLE_UNSAFE_ENTRY, nothing written outside a temp dir`, async () => {
      const dir = path.join(work, `hostile-${name.replace(/\W/g, '-')}`);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, 'bundle.rsb');
      await writeFile(file, rawTar(entries));
      const before = await leftoverTemps();
      const r = await airGapped.api.call('bundle.inspect', { path: file });
      expect(!r.ok && r.error.code).toBe('BUNDLE_UNSAFE_ENTRY');
      expect(!r.ok && r.error.message).toContain(why);
      expect(existsSync(path.join(dir, 'escape.txt'))).toBe(false);
      expect(existsSync(path.join(work, 'escape.txt'))).toBe(false);
      expect(existsSync('/tmp/region-sync-abs-pwned.txt')).toBe(false);
      expect(await readdir(dir)).toEqual(['bundle.rsb']);
      expect(await leftoverTemps()).toBe(before);
    });

  it('more than 10,000 entries', async () => {
    const file = path.join(work, 'many.rsb');
    await writeFile(file, rawTar(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, type: '0' as const }))));
    const r = await airGapped.api.call('bundle.inspect', { path: file });
    expect(!r.ok && r.error.code).toBe('BUNDLE_UNSAFE_ENTRY');
  });

  it('a file that is not a tar at all: BUNDLE_INVALID', async () => {
    const file = path.join(work, 'junk.rsb');
    await writeFile(file, 'definitely not a tar archive\n'.repeat(40));
    const r = await airGapped.api.call('bundle.inspect', { path: file });
    expect(!r.ok && ['BUNDLE_INVALID', 'BUNDLE_UNSAFE_ENTRY'].includes(r.error.code)).toBe(true);
  });
});
