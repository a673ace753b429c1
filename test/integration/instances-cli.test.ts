/**
 * `region-sync instances` as a process on private copies of the demo workspace: the view, upgrade
 * of the pinned instance, pin back, pause/unpause, relocation with connections to re-enter, and
 * residency refusals that write nothing to any region. Needs dist/ (node scripts/build.mjs).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstancesView } from '../../src-main/core/instances/types';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repo, 'dist/cli.mjs');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'rs-instances-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function copyDemo(): string {
  const dir = mkdtempSync(path.join(scratch, 'demo-'));
  cpSync(path.join(repo, 'resources/demo'), dir, { recursive: true });
  return dir;
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, XDG_DATA_HOME: path.join(scratch, 'xdg'), PRISM_REFRESH_TOKEN: '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A digest of every file under the regions folder: proves "nothing written" to any region. */
function regionsDigest(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${path.relative(dir, p)}\0`).update(readFileSync(p));
    }
  };
  walk(path.join(dir, 'regions'));
  return h.digest('hex');
}

const instanceFile = (dir: string, region: string, customer: string, name: string) => path.join(dir, 'regions', region, 'instances', customer, `${name}.yaml`);
const readInstance = (file: string) => load(readFileSync(file, 'utf8')) as { version: number | null; enabled: boolean; deployed: boolean; needsDeploy?: boolean; configVars: { key: string; secret?: string; value?: string }[] };
const latestOf = (dir: string, region: string, integration: string) =>
  Math.max(...(load(readFileSync(path.join(dir, 'regions', region, 'integrations', `${integration}.versions.yaml`), 'utf8')) as { versions: { number: number }[] }).versions.map((v) => v.number));

function view(dir: string, customer?: string): InstancesView {
  const r = cli(dir, ['instances', '--format', 'json', ...(customer ? ['--customer', customer] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as InstancesView;
}

describe('region-sync instances (demo workspace)', () => {
  it('lists every customer across regions: the pinned, the paused and the misplaced instance', () => {
    const dir = copyDemo();
    const v = view(dir);
    const ids = v.customers.map((c) => c.externalId);
    for (const id of ['acme-retail', 'northwind', 'bergmann-gmbh', 'schmidt-logistik', 'britannia-foods', 'ffa', 'kiwi-supply']) expect(ids).toContain(id);
    const northwind = v.customers.find((c) => c.externalId === 'northwind')!;
    const orders = northwind.rows.find((r) => r.integration === 'Order Sync')!.cells.us;
    expect(orders).toMatchObject({ version: 2, latest: latestOf(dir, 'us', 'Order Sync'), behind: true });
    expect(northwind.rows.find((r) => r.integration === 'Slack Alerts')!.cells.us).toMatchObject({ enabled: false, state: 'paused' });
    expect(v.customers.find((c) => c.externalId === 'bergmann-gmbh')!.rows[0].cells.us.misplaced).toMatch(/restriction #1/);
    const text = cli(dir, ['instances', '--customer', 'northwind']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/us: v2 \(latest v3\), enabled, deployed/);
    expect(text.stdout).not.toContain('acme-retail');
  });

  it('upgrades the pinned instance to the latest and deploys it, then pins it back', () => {
    const dir = copyDemo();
    const file = instanceFile(dir, 'us', 'northwind', 'Order Sync');
    const before = readInstance(file);
    const latest = latestOf(dir, 'us', 'Order Sync');
    expect(before.version).toBeLessThan(latest);
    const up = cli(dir, ['instances', 'upgrade', 'northwind/Order Sync/Order Sync', '--region', 'us', '--yes']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(`from v${before.version} to v${latest}`);
    expect(readInstance(file)).toMatchObject({ version: latest, deployed: true });
    expect(readInstance(file).needsDeploy ?? false).toBe(false);
    const back = cli(dir, ['instances', 'pin', 'northwind/Order Sync/Order Sync', '--region', 'us', '--yes']);
    expect(back.code, back.stderr).toBe(0);
    expect(readInstance(file)).toMatchObject({ version: latest - 1, deployed: true });
    // the runs are ordinary plan runs: listed, and the pin can be rolled back to the upgrade
    const runId = /run (\S+);/.exec(back.stdout)?.[1];
    expect(runId).toBeTruthy();
    const undo = cli(dir, ['rollback', runId!, '--yes']);
    expect(undo.code, undo.stderr + undo.stdout).toBe(0);
    expect(readInstance(file).version).toBe(latest);
  });

  it('pauses and unpauses an instance; a no-op pause changes nothing and says why', () => {
    const dir = copyDemo();
    const file = instanceFile(dir, 'us', 'northwind', 'Lead Router');
    expect(readInstance(file).enabled).toBe(true);
    expect(cli(dir, ['instances', 'pause', 'northwind/Lead Router/Lead Router', '--region', 'us', '--yes']).code).toBe(0);
    expect(readInstance(file).enabled).toBe(false);
    const digest = regionsDigest(dir);
    const again = cli(dir, ['instances', 'pause', 'northwind/Lead Router/Lead Router', '--region', 'us', '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already paused');
    expect(regionsDigest(dir)).toBe(digest);
    expect(cli(dir, ['instances', 'unpause', 'northwind/Lead Router/Lead Router', '--region', 'us', '--yes']).code).toBe(0);
    expect(readInstance(file).enabled).toBe(true);
  });

  it('refuses without --yes when there is no terminal, and rejects a malformed reference', () => {
    const dir = copyDemo();
    const digest = regionsDigest(dir);
    const r = cli(dir, ['instances', 'pause', 'northwind/Lead Router/Lead Router', '--region', 'us']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    const bad = cli(dir, ['instances', 'pause', 'northwind', '--region', 'us', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not an instance reference');
    expect(regionsDigest(dir)).toBe(digest);
  });

  it('relocates a GB customer from us to eu: instances created unconfigured, the plan lists connections to re-enter', () => {
    const dir = copyDemo();
    // A GB customer still served from us (the demo's own GB customer already lives in eu).
    const customers = path.join(dir, 'regions/us/customers.yaml');
    writeFileSync(customers, `${readFileSync(customers, 'utf8')}  - externalId: thames-tea\n    name: Thames Tea Ltd\n    country: GB\n`);
    const src = instanceFile(dir, 'us', 'thames-tea', 'Order Sync');
    cpSync(instanceFile(dir, 'us', 'acme-retail', 'Order Sync'), src);
    const connections = readInstance(src).configVars.filter((c) => c.secret !== undefined).map((c) => c.key);
    expect(connections.length).toBeGreaterThan(0);
    const r = cli(dir, ['instances', 'relocate', 'thames-tea', '--from', 'us', '--to', 'eu', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    for (const key of connections) expect(r.stderr).toContain(`thames-tea/Order Sync/Order Sync: ${key}`);
    const created = readInstance(instanceFile(dir, 'eu', 'thames-tea', 'Order Sync'));
    expect(created.version).toBe(latestOf(dir, 'eu', 'Order Sync'));
    expect(created.deployed).toBe(false);
    expect(created.configVars.filter((c) => c.secret !== undefined).map((c) => [c.key, c.secret])).toEqual(connections.map((k) => [k, 'unset']));
    expect(readFileSync(path.join(dir, 'regions/eu/customers.yaml'), 'utf8')).toContain('thames-tea');
    // the old instance keeps running until someone pauses it
    expect(readInstance(src).enabled).toBe(true);
  });

  it('refuses to relocate a DE customer out of the EU, with the rule, writing nothing', () => {
    const dir = copyDemo();
    const digest = regionsDigest(dir);
    const r = cli(dir, ['instances', 'relocate', 'schmidt-logistik', '--from', 'eu', '--to', 'au', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*RESIDENCY|forbidden by the residency policy/m);
    expect(r.stderr).toContain('restriction #1: customers in DE, FR only in [eu]');
    expect(regionsDigest(dir)).toBe(digest);
    expect(existsSync(instanceFile(dir, 'au', 'schmidt-logistik', 'Order Sync'))).toBe(false);
  });

  it('refuses to relocate a customer out of gov (keep), with the rule, writing nothing', () => {
    const dir = copyDemo();
    const digest = regionsDigest(dir);
    const r = cli(dir, ['instances', 'relocate', 'ffa', '--from', 'gov', '--to', 'us', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('restriction #2: data in [gov] never leaves (keep)');
    expect(regionsDigest(dir)).toBe(digest);
  });
});
