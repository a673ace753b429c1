/**
 * Promotion to a live Prismatic region (the Prismatic-protocol test server): a fault at every
 * mutation — 500, 429 with Retry-After, an unanswered request, a reset connection, an answer cut
 * off after the stack did the work — either absorbed by the provider or resumed by applying the
 * same plan again, always ending in the state of an uninterrupted run with nothing done twice;
 * kill -9 of the CLI at every journal line, then resume; rollback to the previous versions.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, RunResult } from '../../src-main/core/plan/types';
import { asParam, call } from '../helpers/promotion';
import { repoRoot } from '../helpers/workspaces';
import { startStack, type StackHandle } from '../prismatic-server/server';
import type { FaultKind } from '../prismatic-server/types';
import { effective, euSeed, INTEGRATION, liveHarness, stackFacts, usSeed, type LiveHarness } from './apply-prismatic-kit';

const ITEMS = [
  { kind: 'integrations' as const, name: INTEGRATION },
  { kind: 'instances' as const, name: `initech-fr/${INTEGRATION}/Initech Orders` },
];
/** Every mutation the plan makes, by its GraphQL field. */
const MUTATIONS = ['importIntegration', 'publishIntegration', 'updateInstance', 'deployInstance', 'createCustomer', 'createInstance'] as const;
const KINDS: FaultKind[] = ['status500', 'rateLimit', 'timeout', 'reset', 'truncated'];
const RETRY_AFTER_SECONDS = 2;

let us: StackHandle;
const opened: Array<{ close(): Promise<void> } | LiveHarness> = [];
let reference: { facts: Record<string, unknown>; counts: Record<string, number>; ops: string[] };

async function freshEu(): Promise<StackHandle> {
  const eu = await startStack({ port: 0, tls: false, seed: euSeed() });
  opened.push(eu);
  return eu;
}

async function setup(sleeps?: number[]): Promise<{ eu: StackHandle; h: LiveHarness; plan: Plan }> {
  const eu = await freshEu();
  const h = await liveHarness([{ id: 'us', stack: us }, { id: 'eu', stack: eu }], { sleeps });
  opened.push(h);
  const plan = await call(h.api.call('plan.create', { items: ITEMS, from: 'us', to: ['eu'], instances: 'all' }));
  return { eu, h, plan };
}

const counts = (eu: StackHandle) => Object.fromEntries(MUTATIONS.map((m) => [m, effective(eu.requests, m)]));

/** Nothing done twice: each mutation reached the stack as often as in the clean run, except
 * that a request whose answer was cut off may have been repeated — and only imports repeat a
 * write (overwriting the draft with the same definition); every other write re-reads first. */
function expectNothingDoubled(eu: StackHandle, cut?: string) {
  const got = counts(eu);
  for (const m of MUTATIONS) {
    if (m === 'importIntegration' && cut === m) expect(got[m], m).toBeGreaterThanOrEqual(reference.counts[m]);
    else expect(got[m], `${m} reached the stack ${got[m]} time(s), ${reference.counts[m]} in the clean run`).toBe(reference.counts[m]);
  }
}

beforeAll(async () => {
  us = await startStack({ port: 0, tls: false, seed: usSeed() });
  const { eu, h, plan } = await setup();
  const run = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
  expect(run.status).toBe('succeeded');
  reference = { facts: stackFacts(eu), counts: counts(eu), ops: plan.steps.map((s) => s.write.op) };
  console.log(`clean run: ${plan.steps.length} steps (${reference.ops.join(', ')}); mutations ${JSON.stringify(reference.counts)}`);
}, 60_000);

afterAll(async () => {
  for (const o of opened.splice(0)) 'api' in o ? await rm(o.dir, { recursive: true, force: true }) : await o.close();
  await us?.close();
});

describe('the clean run (reference)', () => {
  it('makes every mutation the faults below target, once each', () => {
    for (const m of MUTATIONS) expect(reference.counts[m], m).toBeGreaterThanOrEqual(1);
    expect(reference.counts.publishIntegration).toBe(1);
    const facts = reference.facts as { integrations: Array<{ name: string; versions: unknown[] }>; instances: Array<{ key: string; version: number; deployed: number; needsDeploy: boolean }> };
    expect(facts.integrations.map((i) => [i.name, i.versions.length])).toEqual([[INTEGRATION, 2]]);
    expect(facts.instances.find((i) => i.key.startsWith('globex-de/'))).toMatchObject({ version: 2, deployed: 2, needsDeploy: false });
    expect(facts.instances.find((i) => i.key.startsWith('initech-fr/'))).toMatchObject({ version: 2 });
  });
});

describe.each(MUTATIONS)('a fault at %s', (field) => {
  it.each(KINDS)('%s once: absorbed by the provider, same end state, nothing doubled', async (kind) => {
    const sleeps: number[] = [];
    const { eu, h, plan } = await setup(sleeps);
    eu.faults.set({ rules: [{ kind, match: { field }, retryAfterSeconds: RETRY_AFTER_SECONDS }] });
    const run = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(eu.faults.fired[kind], 'the fault fired').toBe(1);
    expect(run.status).toBe('succeeded');
    expect(stackFacts(eu)).toEqual(reference.facts);
    expectNothingDoubled(eu, kind === 'truncated' ? field : undefined);
    if (kind === 'rateLimit') expect(Math.max(...sleeps), 'Retry-After was honoured').toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
  }, 30_000);

  it.each(KINDS)('%s until the run stops: applying the same plan again resumes to the same end state', async (kind) => {
    const { eu, h, plan } = await setup();
    eu.faults.set({ rules: [{ kind, match: { field }, times: Infinity, retryAfterSeconds: 0 }] });
    const first = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(eu.faults.fired[kind]).toBeGreaterThanOrEqual(1);
    if (kind !== 'truncated') {
      // The stack never did it: the run stops at that step, the steps after it untouched.
      expect(first.status).not.toBe('succeeded');
      const failed = first.steps.find((s) => s.status === 'failed');
      expect(failed, JSON.stringify(first.steps)).toBeDefined();
      expect(plan.steps.find((s) => s.id === failed!.stepId)!.write.op).toBe(opFor(field, plan, failed!.stepId));
      const after = first.steps.slice(first.steps.indexOf(failed!) + 1);
      expect(after.every((s) => s.status !== 'done')).toBe(true);
      expect(stackFacts(eu)).not.toEqual(reference.facts);
    }
    eu.faults.clear();
    const second: RunResult = first.status === 'succeeded' ? first : await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(second.status).toBe('succeeded');
    if (first.status !== 'succeeded') expect(second.runId, 'the same run was resumed').toBe(first.runId);
    expect(stackFacts(eu)).toEqual(reference.facts);
    expectNothingDoubled(eu, kind === 'truncated' ? field : undefined);
  }, 30_000);
});

/** The write op a mutation field belongs to (updateInstance serves setInstanceVersion here). */
function opFor(field: string, plan: Plan, stepId: string): string {
  const op = plan.steps.find((s) => s.id === stepId)!.write.op;
  const byField: Record<string, string[]> = {
    importIntegration: ['importIntegration'],
    publishIntegration: ['publishIntegration'],
    updateInstance: ['setInstanceVersion', 'setInstanceEnabled'],
    deployInstance: ['deployInstance'],
    createCustomer: ['upsertCustomer'],
    createInstance: ['createInstance'],
  };
  expect(byField[field]).toContain(op);
  return op;
}

const cliPath = path.join(repoRoot, 'dist/cli.mjs');

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe.skipIf(!existsSync(cliPath))('kill -9 of `region-sync apply` against a live region', () => {
  const crashPoints = () => {
    const points: string[] = [];
    // Step ids are t:eu#1..n in plan order; every journal line is a crash point.
    for (let n = 1; n <= reference.ops.length; n++) points.push(`t:eu#${n}:started`, `t:eu#${n}:done`);
    return points;
  };

  it('resumes from every journal line to the clean run’s end state, nothing done twice', async () => {
    const points = crashPoints();
    for (const at of points) {
      const { eu, h, plan } = await setup();
      const planFile = path.join(h.dir, 'plan.json');
      await writeFile(planFile, JSON.stringify(plan));
      // The eu token reaches the CLI the way prism takes it; the us stack is not needed to apply.
      const env = { PRISMATIC_URL: eu.url, PRISM_REFRESH_TOKEN: eu.refreshToken, REGION_SYNC_TEST_CRASH_AFTER: at };
      const crashed = await runCli(['apply', planFile, '--yes', '--workspace', h.dir], env);
      expect(crashed.signal, `${at}: ${crashed.stderr}`).toBe('SIGKILL');
      const [runId] = (await readFile(path.join(h.dir, '.region-sync/audit.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l).runId);
      expect(runId, 'a killed run writes no audit line').toBeUndefined();
      const resumed = await runCli(['apply', planFile, '--yes', '--workspace', h.dir], { ...env, REGION_SYNC_TEST_CRASH_AFTER: '' });
      expect(resumed.code, `${at}: ${resumed.stderr}`).toBe(0);
      expect(resumed.stdout).toMatch(/succeeded/);
      expect(stackFacts(eu), at).toEqual(reference.facts);
      expectNothingDoubled(eu, 'importIntegration');
      // A crash before the import's answer was journaled may repeat the import, never more.
      expect(effective(eu.requests, 'importIntegration'), at).toBeLessThanOrEqual(2);
      expect(`${crashed.stdout}${crashed.stderr}${resumed.stdout}${resumed.stderr}`).not.toContain(eu.refreshToken);
    }
    console.log(`kill -9 at ${points.length} journal lines (${points.join(', ')}): each resumed to the clean end state`);
  }, 180_000);
});

describe('rollback against a live region', () => {
  it('restores the previous definition and instance versions', async () => {
    const { eu, h, plan } = await setup();
    const before = stackFacts(eu) as { integrations: Array<{ draft: string; versions: Array<{ n: number; def: string }> }>; instances: Array<{ key: string; version: number; deployed: number }> };
    const run = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(run.status).toBe('succeeded');
    const publishesBefore = effective(eu.requests, 'publishIntegration');
    const back = await call(h.api.call('runs.rollback', { runId: run.runId }));
    expect(back.status).toBe('succeeded');
    const after = stackFacts(eu) as typeof before;
    const oldDefinition = before.integrations[0].versions.at(-1)!.def;
    const integration = after.integrations[0];
    // The previous definition is the latest published again (published anew: versions only grow).
    const latest = integration.versions.at(-1)!;
    expect(semantic(latest.def)).toEqual(semantic(oldDefinition));
    expect(semantic(integration.draft)).toEqual(semantic(before.integrations[0].draft));
    expect(effective(eu.requests, 'publishIntegration') - publishesBefore).toBeLessThanOrEqual(1);
    // The instance that was moved is back on the version it ran, and deployed.
    const globexBefore = before.instances.find((i) => i.key.startsWith('globex-de/'))!;
    const globexAfter = after.instances.find((i) => i.key.startsWith('globex-de/'))!;
    const runsOld = integration.versions.find((v) => v.n === globexAfter.version)!;
    expect(semantic(runsOld.def)).toEqual(semantic(oldDefinition));
    expect(globexAfter.deployed).toBe(globexAfter.version);
    // The created customer and instance stay (no API deletes them) — reported, not hidden.
    const runs = await call(h.api.call('runs.list', {}));
    expect(runs.runs.find((r) => r.runId === run.runId)?.status).toBe('rolled-back');
  }, 30_000);
});

/** A stored definition, compared without what the server fills in (defaults, empty
 * descriptions) or pins per region (component numbers), keys in one order. */
function semantic(json: string): string {
  const serverFilled = new Set(['category', 'configPages', 'defaultInstanceProfile', 'documentation', 'endpointType', 'endpointSecurityType', 'isAgentFlow']);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (serverFilled.has(k) || (k === 'version' && typeof x === 'number') || (k === 'description' && x === '')) continue;
      out[k] = walk(x);
    }
    return out;
  };
  return JSON.stringify(walk(JSON.parse(json)));
}
