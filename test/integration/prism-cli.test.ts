// Proof of fidelity: the REAL prism CLI (node_modules/.bin/prism) run as a process against the
// Prismatic-protocol test server. Where prism and the server disagree, the server is wrong.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type StackHandle } from '../prismatic-server/server';

const PRISM = resolve(__dirname, '../../node_modules/.bin/prism');
const FIXTURES = resolve(__dirname, '../../../shared/fixtures/prismatic');

let stack: StackHandle;
let home: string;

interface PrismRun {
  code: number;
  stdout: string;
  stderr: string;
}

function prism(args: string[], env: Record<string, string> = {}): Promise<PrismRun> {
  return new Promise((done) => {
    execFile(
      PRISM,
      args,
      {
        timeout: 90_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home, // prism's config file must not be the developer's
          PRISMATIC_URL: stack.url,
          PRISM_REFRESH_TOKEN: stack.refreshToken,
          NODE_EXTRA_CA_CERTS: stack.caCertPath,
          ...env,
        },
      },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const drafts = () => [...stack.state.integrations.values()].filter((i) => i.isDraft);
const draftNamed = (name: string) => drafts().find((i) => i.name === name)!;

beforeAll(async () => {
  stack = await startStack({});
  home = mkdtempSync(join(tmpdir(), 'prism-home-'));
});

afterAll(async () => {
  await stack?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('real prism CLI against the test stack', () => {
  it('me: exchanges the refresh token over TLS at https://{domain}/oauth/token and prints the profile', async () => {
    const before = stack.requests.length;
    const run = await prism(['me']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Name: ${stack.state.currentUser.name}`);
    expect(run.stdout).toContain(`Organization: ${stack.state.org.name}`);
    expect(run.stdout).toContain(`Tenant ID: ${stack.state.org.tenantId}`);
    expect(run.stdout).toContain(`Endpoint URL: ${stack.url}`);
    const seen = stack.requests.slice(before);
    expect(seen.find((r) => r.path === '/oauth/token')).toMatchObject({ method: 'POST', tls: true, status: 200 });
    expect(seen.find((r) => r.path === '/api')).toMatchObject({ operation: 'whoami', tls: false, status: 200 });
    expect(JSON.stringify(seen)).not.toContain(stack.refreshToken);
  });

  it('me: a wrong refresh token fails', async () => {
    const run = await prism(['me'], { PRISM_REFRESH_TOKEN: 'not-the-token' });
    expect(run.code).not.toBe(0);
  });

  it('integrations:list returns every integration of the stack', async () => {
    const run = await prism(['integrations:list', '--output', 'json', '-x']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; name: string; versionNumber: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual(drafts().map((d) => d.id).sort());
    const sample = draftNamed('Sample E-commerce Integration');
    expect(Number(rows.find((r) => r.id === sample.id)?.versionNumber)).toBe(sample.versionNumber);
  });

  it('integrations:export --latest-components prints the definition with LATEST component versions', async () => {
    const gmail = draftNamed('Gmail with Webhooks');
    const run = await prism(['integrations:export', gmail.id, '--latest-components']);
    expect(run.code).toBe(0);
    const exported = load(run.stdout) as any;
    const original = load(readFileSync(join(FIXTURES, '03-gmail-with-webhooks.yml'), 'utf8')) as any;
    expect(exported.name).toBe(original.name);
    expect(exported.flows.map((f: any) => f.name)).toEqual(original.flows.map((f: any) => f.name));
    const versions = exported.flows.flatMap((f: any) => f.steps.map((s: any) => s.action.component.version));
    expect(new Set(versions)).toEqual(new Set(['LATEST']));
    expect(exported.endpointType).toBe('flow_specific');
    expect(exported.defaultInstanceProfile).toBe('Default Instance Profile');
  });

  it('integrations:export without the flag pins concrete component versions', async () => {
    const run = await prism(['integrations:export', draftNamed('Gmail with Webhooks').id]);
    expect(run.code).toBe(0);
    const exported = load(run.stdout) as any;
    const trigger = exported.flows[0].steps[0].action.component;
    const latest = stack.state.componentVersions(trigger.key, true).at(-1)!.versionNumber;
    expect(trigger.version).toBe(latest);
  });

  it('integrations:import --path imports a real fixture as a new integration', async () => {
    const count = drafts().length;
    const run = await prism(['integrations:import', '--path', join(FIXTURES, '09-slack-interactivity-router.yaml')]);
    expect(run.code).toBe(0);
    const id = run.stdout.trim();
    const rec = stack.state.integrations.get(id);
    expect(rec?.isDraft).toBe(true);
    expect(rec?.name).toBe('Slack Interactivity Router');
    expect(drafts().length).toBe(count + 1);
  });

  it('integrations:import of a definition whose component the stack lacks fails, naming it', async () => {
    const run = await prism(['integrations:import', '--path', join(FIXTURES, '11-GENERATED-spectral-cni-example.yml')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toContain('f97581a1-0d37-41d3-a924-0f05e3f89c49');
  });

  it('integrations:publish creates version N+1 with the comment', async () => {
    const sample = draftNamed('Sample E-commerce Integration');
    const before = sample.versionNumber;
    const run = await prism(['integrations:publish', sample.id, '--comment', 'Published by prism']);
    expect(run.code).toBe(0);
    const version = stack.state.integrations.get(run.stdout.trim());
    expect(version).toMatchObject({ isDraft: false, versionNumber: before + 1, versionComment: 'Published by prism' });
    expect(draftNamed('Sample E-commerce Integration').versionNumber).toBe(before + 1);
  });

  it('components:list pages through every component (more than one page)', async () => {
    const before = stack.requests.length;
    const run = await prism(['components:list', '--output', 'json', '-x']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; key: string; versionNumber: string }[];
    const latest = stack.state.latestComponents().filter((c) => !c.forCodeNativeIntegration);
    expect(rows.map((r) => r.id).sort()).toEqual(latest.map((c) => c.id).sort());
    for (const c of latest) expect(Number(rows.find((r) => r.id === c.id)?.versionNumber)).toBe(c.versionNumber);
    const pages = stack.requests.slice(before).filter((r) => r.operation === 'listComponents');
    expect(pages.length).toBe(Math.ceil(latest.length / 20));
  });

  it('customers:list lists the non-system customers', async () => {
    const run = await prism(['customers:list', '--output', 'json', '-x']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { name: string; externalId: string }[];
    const expected = [...stack.state.customers.values()].filter((c) => !c.isSystem);
    expect(rows.map((r) => r.externalId).sort()).toEqual(expected.map((c) => c.externalId).sort());
  });

  it('instances:list lists the non-system instances with their customers', async () => {
    const run = await prism(['instances:list', '--output', 'json', '-x']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, string>[];
    const expected = [...stack.state.instances.values()].filter((i) => !i.isSystem);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((i) => i.id).sort());
    const umbrella = expected.find((i) => i.name === 'Umbrella Queue')!;
    expect(rows.find((r) => r.id === umbrella.id)).toMatchObject({ enabled: String(umbrella.enabled) });
  });
});
