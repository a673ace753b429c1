/**
 * Tokens never leave the process: pull through the CLI and the service (snapshots written to the
 * workspace cache), write through the provider, provoke errors (wrong token, HTML page, refused
 * mutation, a stack that echoes the token back), then search every file written and everything
 * printed for the refresh token and every access token issued. None may appear.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCli } from '../../src-main/cli/kit';
import * as pull from '../../src-main/cli/commands/pull';
import * as whoami from '../../src-main/cli/commands/whoami';
import { AppFailure } from '../../src-main/core/errors';
import { createPrismaticProvider } from '../../src-main/providers/prismatic';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import { startStack, type StackHandle } from '../prismatic-server/server';

const canary = `LEAKCANARY-${randomBytes(16).toString('hex')}`;
const accessTokens: string[] = [];
const realFetch = globalThis.fetch;
let stack: StackHandle;
let dir: string;
const printed: string[] = [];

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = path.join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  stack = await startStack({ port: 0, tls: false, refreshToken: canary });
  dir = mkdtempSync(path.join(tmpdir(), 'rs-leak-'));
  writeFileSync(path.join(dir, 'region-sync.yaml'), `id: leak\nname: Leak Test\nbaseline: eu\nregions:\n  - id: eu\n    kind: prismatic\n    url: ${stack.url}\n`);
  // Tee the token exchange so the test knows every access token that was issued to us.
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const res = await realFetch(input, init);
    if (String(input).endsWith('/auth/refresh') && res.ok) {
      const body = (await res.clone().json()) as { access_token?: string };
      if (body.access_token) accessTokens.push(body.access_token);
    }
    return res;
  }) as typeof fetch;
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runCli(args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  const cli = createCli({ env: { ...env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg') }, cwd, secrets: new MemorySecretStore() });
  cli.out = (t) => void printed.push(t);
  cli.err = (t) => void printed.push(t);
  cli.stderrIsTTY = false;
  const program = new Command('region-sync').exitOverride();
  pull.register(program, cli);
  whoami.register(program, cli);
  await program.parseAsync(['node', 'region-sync', ...args]);
  return cli.exitCode;
}

describe('no token anywhere', () => {
  it('leaves no token in snapshots, cache, output or errors', async () => {
    const env = { PRISMATIC_URL: stack.url, PRISM_REFRESH_TOKEN: canary };
    // Workspace pull (service + snapshot cache), JSON output, and the headless env pull.
    expect(await runCli(['pull', '-w', dir], dir, env)).toBe(0);
    expect(await runCli(['pull', '-w', dir, '--json'], dir, env)).toBe(0);
    const elsewhere = mkdtempSync(path.join(dir, 'cwd-'));
    expect(await runCli(['pull', '--format', 'json'], elsewhere, env)).toBe(0);
    expect(await runCli(['whoami', '--json'], elsewhere, env)).toBe(0);
    // Errors: a wrong token, then an HTML page instead of the API.
    expect(await runCli(['pull', '-w', dir], dir, { PRISMATIC_URL: stack.url, PRISM_REFRESH_TOKEN: `${canary}-wrong` })).toBe(2);
    stack.faults.set({ rules: [{ kind: 'html', match: { path: '/api' }, times: Infinity }] });
    expect(await runCli(['pull', '-w', dir], dir, env)).toBe(2);
    stack.faults.clear();

    // Writes, and their failures, straight through the provider.
    const p = createPrismaticProvider({ id: 'eu', kind: 'prismatic', url: stack.url }, { workspaceId: 'leak', secrets: new MemorySecretStore(), env, limits: { retries: 1, baseDelayMs: 1 } });
    const snap = await p.pull();
    const source = snap.integrations.find((i) => !i.isCodeNative)!;
    const outcomes: unknown[] = [];
    const attempt = async (f: () => Promise<unknown>) => {
      try {
        outcomes.push(await f());
      } catch (e) {
        outcomes.push(e instanceof AppFailure ? e.error : String(e));
      }
    };
    await attempt(() => p.write({ op: 'importIntegration', name: source.name, yaml: source.yaml, mode: 'overwrite-draft' }));
    await attempt(() => p.write({ op: 'importIntegration', name: 'Broken', yaml: 'definitionVersion: 7\nname: Broken\nflows: 1\n', mode: 'create' }));
    await attempt(() => p.write({ op: 'upsertCustomer', customer: { externalId: 'leak-1', name: 'Leak Co' } }));
    await attempt(() => p.write({ op: 'deployInstance', instance: { customer: 'nobody', integration: 'x', name: 'y' } }));
    printed.push(JSON.stringify(outcomes));

    expect(accessTokens.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => (o as { code?: string }).code === 'REMOTE_VALIDATION')).toBe(true);
    const files = filesUnder(dir);
    expect(files.some((f) => f.includes(`${path.sep}.region-sync${path.sep}snapshots${path.sep}`))).toBe(true);
    const haystacks = [...files.map((f) => ({ where: f, text: readFileSync(f, 'latin1') })), { where: 'printed output', text: printed.join('\n') }];
    // Positive control: the search does see what was pulled and printed.
    expect(haystacks.some((h) => h.where !== 'printed output' && h.text.includes(stack.state.org.name))).toBe(true);
    expect(printed.join('\n')).toContain('refused the refresh token');
    expect(printed.filter((t) => t.length < 2000).join('\n'), printed.filter((t) => t.length < 2000).join('\n')).toContain('HTML');
    for (const secret of [canary, ...accessTokens]) {
      const found = haystacks.filter((h) => h.text.includes(secret)).map((h) => h.where);
      expect(found, `token found in ${found.join(', ')}`).toEqual([]);
    }
    // The canary must also not appear as its distinctive prefix (e.g. a truncated echo).
    expect(haystacks.filter((h) => h.text.includes('LEAKCANARY')).map((h) => h.where)).toEqual([]);
  });
});
