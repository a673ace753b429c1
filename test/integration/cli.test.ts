/**
 * The CLI as a process (node dist/cli.mjs): exit codes 0 same / 1 differs / 2 error, JSON shapes,
 * drift and promote on private copies of the demo, hostile input refused with one message and
 * nothing written. Fixtures are read in place from ../shared; workspaces live in temp folders.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.resolve(repo, '../shared/fixtures/prismatic');
const cliPath = path.join(repo, 'dist/cli.mjs');
const DRIFT_STATES = ['same', 'differs', 'missing', 'extra', 'stale', 'unknown'];

let scratch: string;

function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? scratch,
    input: opts.input ?? '',
    encoding: 'utf8',
    // A private data folder, so the demo copy never lands in the real home directory.
    env: { ...process.env, XDG_DATA_HOME: path.join(scratch, 'xdg'), PRISM_REFRESH_TOKEN: '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copyDemo(): string {
  const dir = mkdtempSync(path.join(scratch, 'demo-'));
  cpSync(path.join(repo, 'resources/demo'), dir, { recursive: true });
  return dir;
}

/** A digest of every file under dir: proves "nothing written". */
function treeDigest(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${path.relative(dir, p)}\0`).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

function expectOneCleanError(r: { code: number | null; stderr: string; stdout: string }) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(r.stderr.match(/^error: /gm)).toHaveLength(1);
}

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(repo, 'scripts/build.mjs')], { cwd: repo, encoding: 'utf8', env: { ...process.env, REGION_SYNC_SKIP_RENDERER: '1' } });
  expect(built.status, built.stderr).toBe(0);
  scratch = mkdtempSync(path.join(tmpdir(), 'rs-cli-test-'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('diff', () => {
  const fixture = path.join(fixtures, '06-hubspot-example-integration.yml');

  it('exits 0 for a file against itself', () => {
    const r = cli(['diff', fixture, fixture]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No differences/);
  });

  it('exits 1 with the documented --json shape for a modified copy', () => {
    const original = readFileSync(fixture, 'utf8');
    const nameLine = original.split('\n').findIndex((l) => l.startsWith('name:'));
    expect(nameLine).toBeGreaterThanOrEqual(0);
    const lines = original.split('\n');
    lines[nameLine] = 'name: Changed by the CLI test';
    const modified = path.join(scratch, 'modified.yml');
    writeFileSync(modified, lines.join('\n'));

    const r = cli(['diff', fixture, modified, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['changes', 'summary']));
    const change = out.changes.find((c: { path: string }) => c.path === 'name');
    expect(change).toMatchObject({ kind: 'changed', right: 'Changed by the CLI test', leftLine: nameLine + 1, rightLine: nameLine + 1 });
    expect(typeof change.left).toBe('string');
    expect(out.summary.total).toBe(out.changes.filter((c: { ignored?: boolean }) => !c.ignored).length);
  });

  it('--ignore silences a change and turns the verdict to same', () => {
    const modified = path.join(scratch, 'modified-desc.yml');
    writeFileSync(modified, readFileSync(fixture, 'utf8').replace(/^name:.*$/m, 'name: ignored difference'));
    expect(cli(['diff', fixture, modified]).code).toBe(1);
    const r = cli(['diff', fixture, modified, '--ignore', 'name', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ total: 0, ignored: 1 });
  });

  it('writes markdown for a change ticket', () => {
    const modified = path.join(scratch, 'modified-md.yml');
    writeFileSync(modified, readFileSync(fixture, 'utf8').replace(/^name:.*$/m, 'name: markdown'));
    const r = cli(['diff', fixture, modified, '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^#/m);
    expect(r.stdout).toContain('name');
  });

  it('diffs one item across two regions of a workspace', () => {
    const ws = copyDemo();
    const r = cli(['diff', 'us/integrations/Order Sync', 'eu/integrations/Order Sync', '--workspace', ws, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.total).toBeGreaterThan(0);
    // Each side's snapshot resolves the pinned numbers: same build, so proven by signature.
    expect(JSON.parse(r.stdout).translations).toContainEqual(expect.objectContaining({ component: 'acme-erp', left: 50, right: 2, basis: 'signature' }));
    expect(cli(['diff', 'us/integrations/Slack Alerts', 'eu/integrations/Slack Alerts', '--workspace', ws]).code).toBe(0);
  });

  it.each([
    ['an alias bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n'],
    ['a duplicate key', 'name: A\nname: B\n'],
    ['binary bytes', 'name: \u0000\u0001\u0002'],
    ['deep nesting', `${'['.repeat(500)}${']'.repeat(500)}\n`],
  ])('refuses %s with exit 2 and one clear message', (_what, text) => {
    const hostile = path.join(scratch, `hostile-${_what.replace(/\W+/g, '-')}.yml`);
    writeFileSync(hostile, text);
    const r = cli(['diff', path.join(fixtures, '01-sample-integration.yml'), hostile]);
    expectOneCleanError(r);
    expect(r.stderr).toContain(path.basename(hostile));
  });

  it('refuses invalid UTF-8 rather than guessing', () => {
    const hostile = path.join(scratch, 'latin1.yml');
    writeFileSync(hostile, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expectOneCleanError(cli(['diff', hostile, hostile]));
  });

  it('exits 2 for a missing file, an unknown format and an unknown option', () => {
    expectOneCleanError(cli(['diff', 'no-such-file.yml', path.join(fixtures, '01-sample-integration.yml')]));
    expectOneCleanError(cli(['diff', path.join(fixtures, '01-sample-integration.yml'), path.join(fixtures, '01-sample-integration.yml'), '--format', 'xml']));
    expect(cli(['diff', '--bogus']).code).toBe(2);
  });
});

describe('drift', () => {
  it('on the demo (no workspace here) exits 1 and lists every item state per region', () => {
    const empty = mkdtempSync(path.join(scratch, 'cwd-'));
    const r = cli(['drift', '--format', 'json'], { cwd: empty });
    expect(r.code).toBe(1);
    const m = JSON.parse(r.stdout);
    const regionIds = m.regions.map((x: { id: string }) => x.id);
    expect(regionIds.length).toBeGreaterThanOrEqual(2);
    expect(regionIds).toContain(m.baseline);
    expect(m.rows.length).toBeGreaterThan(0);
    for (const row of m.rows) {
      expect(Object.keys(row.cells).sort()).toEqual([...regionIds].sort());
      for (const cell of Object.values(row.cells) as { state: string }[]) expect(DRIFT_STATES).toContain(cell.state);
    }
    expect(m.rows.some((row: { drifted: boolean }) => row.drifted)).toBe(true);
  });

  it('prints an aligned text table with one column per region, and filters by kind', () => {
    const ws = copyDemo();
    const r = cli(['drift', '--workspace', ws, '--kind', 'integrations']);
    expect(r.code).toBe(1);
    const [header, ...rest] = r.stdout.split('\n');
    expect(header).toMatch(/^KIND\s+ITEM\s+us\*\s+eu\s+gov\s+au$/);
    const body = rest.filter((l) => l.startsWith('integrations'));
    expect(body.length).toBeGreaterThan(0);
    expect(rest.some((l) => /^(components|customers|instances)\s/.test(l))).toBe(false);
  });

  it('words absences the residency policy expects as facts, not as missing', () => {
    const r = cli(['drift', '--workspace', copyDemo(), '--kind', 'instances']);
    const row = (label: string) => r.stdout.split('\n').find((l) => l.includes(label)) ?? '';
    // acme-retail is a US customer: not being in eu is what the policy wants.
    expect(row('acme-retail / Order Sync')).toMatch(/not here, home: us/);
    expect(row('acme-retail / Order Sync')).not.toMatch(/missing/);
    // bergmann-gmbh (DE) belongs in eu: its absence there is real drift and keeps the word.
    expect(row('bergmann-gmbh / Order Sync')).toMatch(/same, misplaced\s+missing\s/);
  });

  it('exits 2 with the file and line of a broken workspace file, writing nothing', () => {
    const ws = copyDemo();
    writeFileSync(path.join(ws, 'region-sync.yaml'), 'name: Broken\nbaseline: us\nregions:\n  - id: us\n    kind: satellite\n');
    const before = treeDigest(ws);
    const r = cli(['drift', '--workspace', ws]);
    expectOneCleanError(r);
    expect(r.stderr).toMatch(/region-sync\.yaml:\d+/);
    expect(treeDigest(ws)).toBe(before);
  });
});

describe('promote', () => {
  function driftState(ws: string, name: string, region: string): string {
    const r = cli(['drift', '--workspace', ws, '--kind', 'integrations', '--json']);
    const row = JSON.parse(r.stdout).rows.find((x: { id: string }) => x.id === name);
    return row.cells[region].state;
  }

  it('with --yes makes the target match the source', () => {
    const ws = copyDemo();
    const target = path.join(ws, 'regions/eu/integrations/Slack Alerts.yaml');
    writeFileSync(target, readFileSync(target, 'utf8').replace(/^description: .*$/m, 'description: Edited by hand in EU.'));
    expect(driftState(ws, 'Slack Alerts', 'eu')).toBe('differs');

    const r = cli(['promote', 'integrations/Slack Alerts', '--from', 'us', '--to', 'eu', '--workspace', ws, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(driftState(ws, 'Slack Alerts', 'eu')).toBe('same');
    expect(readFileSync(target, 'utf8')).not.toContain('Edited by hand in EU.');
  });

  it('without a terminal and without --yes exits 2 with a hint and changes nothing', () => {
    const ws = copyDemo();
    const target = path.join(ws, 'regions/eu/integrations/Slack Alerts.yaml');
    writeFileSync(target, readFileSync(target, 'utf8').replace(/^description: .*$/m, 'description: Edited by hand in EU.'));
    const regionsBefore = treeDigest(path.join(ws, 'regions'));
    const r = cli(['promote', 'integrations/Slack Alerts', '--from', 'us', '--to', 'eu', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
    expect(treeDigest(path.join(ws, 'regions'))).toBe(regionsBefore);
  });

  it('refuses a malformed item reference', () => {
    expectOneCleanError(cli(['promote', 'widgets/Thing', '--from', 'us', '--to', 'eu', '--workspace', copyDemo(), '--yes']));
  });
});

it('every command answers --help with exit 0', () => {
  for (const c of ['diff', 'drift', 'promote', 'serve']) {
    const r = cli([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`region-sync ${c}`);
  }
});
