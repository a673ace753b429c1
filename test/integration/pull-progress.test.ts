/**
 * `region-sync pull` as a process on a workspace of two live test stacks and one region whose
 * port is closed: progress per region on stderr, the good regions' snapshots saved, the bad one
 * named with a hint, exit code 2 (some regions failed), and nothing half-written in the cache.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/workspaces';
import { startStack, type StackHandle } from '../prismatic-server/server';

const haveKeyring = process.env.REGION_SYNC_KEYRING === '1';
const skipReason = 'needs a Secret Service for `login`: run under `npm test` (dbus-run-session + unlocked gnome-keyring, REGION_SYNC_KEYRING=1)';
const cliPath = path.join(repoRoot, 'dist/cli.mjs');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async on purpose: the stacks live in this process and must keep answering while the CLI runs. */
function runCli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, PRISMATIC_URL: '', PRISM_REFRESH_TOKEN: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe.skipIf(!haveKeyring)(`pull from two live stacks and one unreachable region${haveKeyring ? '' : ` (skipped: ${skipReason})`}`, () => {
  let us: StackHandle;
  let eu: StackHandle;
  let dir: string;
  let downUrl: string;
  const wsId = `pull-progress-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    expect(existsSync(cliPath), 'dist/cli.mjs missing: run `node scripts/build.mjs`').toBe(true);
    us = await startStack({ port: 0, tls: false, org: 'Acme Corp' });
    eu = await startStack({ port: 0, tls: false, org: 'Acme Corp', seed: { org: { name: 'Acme Corp' }, includeFixtureComponents: true } });
    downUrl = `http://127.0.0.1:${await closedPort()}`;
    dir = await mkdtemp(path.join(tmpdir(), 'region-sync-pull-progress-'));
    await writeFile(
      path.join(dir, 'region-sync.yaml'),
      [
        `id: ${wsId}`,
        'name: Pull progress',
        'baseline: us',
        'regions:',
        `  - { id: us, kind: prismatic, url: "${us.url}" }`,
        `  - { id: eu, kind: prismatic, url: "${eu.url}" }`,
        `  - { id: down, kind: prismatic, url: "${downUrl}" }`,
        '',
      ].join('\n'),
    );
    for (const [region, stack] of [['us', us], ['eu', eu]] as const) {
      const login = await runCli(['login', region, '--workspace', dir], { input: `${stack.refreshToken}\n` });
      expect(login.code, login.stderr).toBe(0);
    }
  }, 60_000);

  afterAll(async () => {
    if (dir) {
      for (const region of ['us', 'eu']) await runCli(['logout', region, '--workspace', dir]);
      await rm(dir, { recursive: true, force: true });
    }
    await us?.close();
    await eu?.close();
  });

  it('saves the two good snapshots, names the bad region with a hint, exits 2', async () => {
    // The unreachable region has a token (from the environment, as prism reads it), so the
    // failure is the closed port itself, not a missing login.
    const ran = await runCli(['pull', '--workspace', dir], { env: { PRISMATIC_URL: downUrl, PRISM_REFRESH_TOKEN: 'rt-for-a-closed-port' } });
    console.log(`region-sync pull → exit ${ran.code}\n--- stderr ---\n${ran.stderr}--- stdout ---\n${ran.stdout}`);

    expect(ran.code).toBe(2);
    // Progress per region on stderr, stdout keeps the summary.
    for (const region of ['us', 'eu', 'down']) expect(ran.stderr).toMatch(new RegExp(`^${region}: start`, 'm'));
    expect(ran.stderr).toMatch(/^us: done/m);
    expect(ran.stderr).toMatch(/^eu: done/m);
    expect(ran.stderr).toMatch(/^down: failed/m);
    expect(ran.stderr).not.toMatch(/^(us|eu): failed/m);

    const lines = ran.stdout.trim().split('\n');
    const usLine = lines.find((l) => l.startsWith('us:'))!;
    const euLine = lines.find((l) => l.startsWith('eu:'))!;
    const downLine = lines.find((l) => l.startsWith('down:'))!;
    expect(usLine).toMatch(new RegExp(`${us.state.latestComponents().length} components, ${[...us.state.families.keys()].length} integrations`));
    expect(euLine).toMatch(/0 integrations/);
    expect(downLine).toMatch(/failed/);
    expect(downLine).toContain('"down"');
    expect(downLine).toContain('ECONNREFUSED');
    // The hint follows the failure line, saying what to do.
    expect(lines[lines.indexOf(downLine) + 1]).toMatch(/→ Check the region URL/);
    expect(`${ran.stdout}${ran.stderr}`).not.toContain('rt-for-a-closed-port');
    expect(`${ran.stdout}${ran.stderr}`).not.toContain(us.refreshToken);

    // The cache holds exactly the two good snapshots, each complete JSON, no temp leftovers.
    const cacheDir = path.join(dir, '.region-sync/snapshots');
    const files = (await readdir(cacheDir)).sort();
    expect(files).toEqual(['eu.json', 'us.json']);
    const saved = JSON.parse(await readFile(path.join(cacheDir, 'us.json'), 'utf8'));
    expect(saved.snapshot?.regionId ?? saved.regionId).toBe('us');
    const savedEu = JSON.parse(await readFile(path.join(cacheDir, 'eu.json'), 'utf8'));
    expect((savedEu.snapshot ?? savedEu).integrations).toEqual([]);
    const all = JSON.stringify([saved, savedEu]);
    expect(all).not.toContain(us.refreshToken);
    expect(all).not.toContain(eu.refreshToken);
    // Nothing else under the workspace cache (no *.tmp from an interrupted write).
    const leftovers = (await readdir(path.join(dir, '.region-sync'), { recursive: true })).filter((f) => /tmp|partial/i.test(String(f)));
    expect(leftovers).toEqual([]);
  }, 60_000);

  it('pulling only the good regions exits 0', async () => {
    const ran = await runCli(['pull', 'us', 'eu', '--workspace', dir]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^us: /m);
    expect(ran.stdout).not.toMatch(/^down: /m);
  }, 60_000);
});
