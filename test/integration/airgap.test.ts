/**
 * keychain: serial — the CLI signs the bundle with a key it keeps in the real OS keychain.
 *
 * The air gap, end to end across two test stacks. Commercial side: a workspace with the live `us`
 * stack and the last known GovCloud snapshot (a folder region, carried out earlier), a plan and a
 * signed bundle. Then the us stack is closed and the GovCloud side runs in a process inside
 * `unshare -n` — its own network namespace, with no route to anything outside it — where it
 * starts its own gov stack and runs `bundle inspect`, `bundle verify --trust`, `bundle apply` as
 * CLI processes. The gov stack must end up with the integration, published once.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkspaceConfig } from '../../src-main/core/workspace/config';
import { createPrismaticProvider } from '../../src-main/providers/prismatic';
import { writeFolderRegion } from '../../src-main/providers/folder';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import { asParam, call } from '../helpers/promotion';
import { repoRoot } from '../helpers/workspaces';
import { startStack, type StackHandle } from '../prismatic-server/server';
import { euSeed, INTEGRATION, liveHarness, usSeed } from './apply-prismatic-kit';

function namespacesWork(): string | null {
  if (!existsSync(path.join(repoRoot, 'dist/cli.mjs'))) return 'dist/cli.mjs missing: run `node scripts/build.mjs`';
  try {
    execFileSync('unshare', ['-n', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' });
    return null;
  } catch {
    return '`unshare -n` is not permitted here (needs root or user namespaces)';
  }
}
const unavailable = namespacesWork();
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}
interface GovSide {
  commercial: string;
  interfaces: string[];
  inspect: CliRun;
  verify: CliRun;
  apply: CliRun;
  replay: CliRun;
  before: { integrations: Array<{ name: string; versions: Array<{ def: string }> }> };
  after: { integrations: Array<{ name: string; draft: string; versions: Array<{ def: string }> }>; instances: Array<{ key: string; version: number; deployed: number }> };
  publishes: number;
  imports: number;
  token: string;
}

function runIsolated(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-n', process.execPath, '--import', 'tsx', path.join(repoRoot, 'test/integration/airgap-gov-side.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, PRISMATIC_URL: '', PRISM_REFRESH_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!!unavailable)(`bundle across an air gap between two test stacks${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('plans and signs on the commercial side, then inspects, verifies and applies with no route back', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'region-sync-airgap-'));
    cleanup.push(() => rm(work, { recursive: true, force: true }));
    const commercialDir = path.join(work, 'commercial');
    const govDir = path.join(work, 'gov');
    execFileSync('mkdir', ['-p', commercialDir, govDir]);

    // The last GovCloud snapshot, carried out earlier: pulled from a stack seeded like gov.
    const mirror = await startStack({ port: 0, tls: false, seed: euSeed() });
    const secrets = new MemorySecretStore();
    const govSnapshot = { ...(await createPrismaticProvider({ id: 'gov', kind: 'prismatic', url: mirror.url }, { workspaceId: 'x', secrets, env: {} }, { refreshToken: mirror.refreshToken, source: 'keychain' }).pull()), regionId: 'gov' };
    await mirror.close();
    await writeFolderRegion(path.join(commercialDir, 'regions/gov'), govSnapshot, { region: { id: 'gov' } as never });

    const us: StackHandle = await startStack({ port: 0, tls: false, seed: usSeed() });
    let usOpen = true;
    cleanup.push(() => (usOpen ? us.close() : Promise.resolve()));
    await writeFile(
      path.join(commercialDir, 'region-sync.yaml'),
      ['id: acme-live', 'name: Acme Corp', 'baseline: us', 'regions:', `  - { id: us, kind: prismatic, url: "${us.url}" }`, '  - { id: gov, kind: folder, path: regions/gov }', ''].join('\n'),
    );
    const h = await liveHarness([{ id: 'us', stack: us }], { dir: commercialDir });
    const plan = await call(h.api.call('plan.create', { items: [{ kind: 'integrations', name: INTEGRATION }], from: 'us', to: ['gov'], instances: 'all' }));
    const bundle = path.join(work, 'acme-orders.rsb');
    const created = await call(h.api.call('bundle.create', { plan: asParam(plan), out: bundle }));
    const config = parseWorkspaceConfig(await readFile(path.join(commercialDir, 'region-sync.yaml'), 'utf8'), 'region-sync.yaml');
    if (!config.ok) throw new Error(config.error.message);
    const [[signer, publicKey]] = Object.entries(config.value.trustedSigners ?? {});
    expect(signer).toBe(created.manifest.signer);
    const keyFile = path.join(work, 'commercial-signer.pem');
    await writeFile(keyFile, publicKey);

    // Cut the source off: it is not needed again, and must not be.
    await us.close();
    usOpen = false;

    const ran = await runIsolated([bundle, keyFile, signer, us.url, govDir]);
    expect(ran.code, ran.stderr).toBe(0);
    const gov = JSON.parse(ran.stdout.trim().split('\n').at(-1)!) as GovSide;
    console.log(
      [
        `GovCloud side ran in its own network namespace (interfaces: ${gov.interfaces.join(', ')}); commercial stack ${us.url}: ${gov.commercial}`,
        `$ region-sync bundle inspect ${path.basename(bundle)}   (exit ${gov.inspect.code})`,
        gov.inspect.stdout.trimEnd(),
        `$ region-sync bundle verify ${path.basename(bundle)} --trust ${path.basename(keyFile)}   (exit ${gov.verify.code})`,
        gov.verify.stdout.trimEnd(),
        `$ region-sync bundle apply ${path.basename(bundle)} --to gov --yes   (exit ${gov.apply.code})`,
        gov.apply.stdout.trimEnd(),
        gov.apply.stderr.trimEnd(),
      ].join('\n'),
    );

    // No route: the namespace has only its loopback, and the commercial stack is not on it.
    expect(gov.interfaces).toEqual(['lo']);
    expect(gov.commercial).toMatch(/^unreachable/);

    expect(gov.inspect.code, gov.inspect.stderr).toBe(0);
    expect(gov.inspect.stdout).toContain(`from us (org Acme Corp) to gov, sequence ${created.manifest.sequence}`);
    expect(gov.inspect.stdout).toContain(`signature: valid, by trusted signer ${signer}`);
    expect(gov.inspect.stdout).toContain('files: all match the manifest');
    expect(gov.inspect.stdout).toContain(INTEGRATION);
    expect(gov.verify.code, gov.verify.stderr).toBe(0);
    expect(gov.verify.stdout).toContain(`signed by ${signer} with the given key`);
    expect(gov.apply.code, gov.apply.stderr).toBe(0);
    expect(gov.apply.stdout).toMatch(/Run \S+ succeeded/);

    // The gov stack got the new definition, published once, and its instance moved and deployed.
    const before = gov.before.integrations.find((i) => i.name === INTEGRATION)!;
    const after = gov.after.integrations.find((i) => i.name === INTEGRATION)!;
    expect(after.versions.length).toBe(before.versions.length + 1);
    expect(after.versions.at(-1)!.def).toContain('createOrder');
    expect(before.versions.at(-1)!.def).not.toContain('createOrder');
    expect(gov.publishes).toBe(1);
    expect(gov.imports).toBe(1);
    expect(gov.after.instances.find((i) => i.key.startsWith('globex-de/'))).toMatchObject({ version: after.versions.length, deployed: after.versions.length });

    // The same bundle again is a replay: refused, nothing applied twice.
    expect(gov.replay.code).toBe(2);
    expect(gov.replay.stderr).toContain('is not newer than the last one applied here');

    const everything = JSON.stringify(gov);
    expect(everything.replace(JSON.stringify(gov.token), '')).not.toContain(gov.token);
    expect(everything).not.toContain(us.refreshToken);
  }, 120_000);
});
