import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderProvider } from '../../src-main/providers/folder';
import type { Plan, RunResult } from '../../src-main/core/plan/types';
import { asParam, call, canonicalState, euSnapshot, makeHarness, usSnapshot, type Harness } from '../helpers/promotion';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

async function setup(): Promise<Harness> {
  const h = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'eu', snapshot: euSnapshot() }] });
  harnesses.push(h);
  return h;
}

const items = [{ kind: 'integrations' as const, name: 'Order Sync' }];
const pullEu = (h: Harness) => createFolderProvider({ id: 'eu', kind: 'folder', path: 'regions/eu' }, { workspaceRoot: h.dir }).pull();

describe('plan.apply on folder regions', () => {
  it('applies a plan, journals every step, writes the audit log and the pre-apply snapshot', async () => {
    const h = await setup();
    const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
    const saved = JSON.parse(await readFile(path.join(h.dir, '.region-sync/plans', `${plan.hash}.json`), 'utf8')) as Plan;
    expect(saved.hash).toBe(plan.hash);
    const run = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((s) => s.status)).toEqual(plan.steps.map(() => 'done'));
    const journal = (await readFile(path.join(h.dir, '.region-sync/runs', run.runId, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(journal.map((e) => `${e.step}:${e.state}`)).toEqual(plan.steps.flatMap((s) => [`${s.id}:started`, `${s.id}:done`]));
    const eu = await pullEu(h);
    expect(eu.integrations[0].yaml).toBe(usSnapshot().integrations[0].yaml);
    expect(eu.integrations[0].versions.at(-1)?.comment).toBe(`Promoted from us by region-sync, plan ${plan.hash.slice(0, 8)}`);
    expect(eu.instances[0]).toMatchObject({ version: 2, deployed: true });
    expect(eu.components[0].versions.map((v) => v.signature)).toEqual(['sig-erp-1', 'sig-erp-2']);
    const audit = (await readFile(path.join(h.dir, '.region-sync/audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ actor: 'tester@testhost', action: 'apply', from: 'us', to: ['eu'], planHash: plan.hash, result: 'succeeded', runId: run.runId });
    const before = JSON.parse(await readFile(path.join(h.dir, '.region-sync/runs', run.runId, 'before-eu.json'), 'utf8'));
    expect(canonicalState(before)).toEqual(canonicalState(euSnapshot()));
    const runs = await call(h.api.call('runs.list', {}));
    expect(runs.runs.map((r) => [r.runId, r.status, r.canRollback])).toEqual([[run.runId, 'succeeded', true]]);
    // the same plan again is refused: it was applied
    const again = await h.api.call('plan.apply', { plan: asParam(plan) });
    expect(!again.ok && again.error.code).toBe('STALE_PLAN');
  });

  it('refuses a stale plan (the target changed after planning) and changes nothing', async () => {
    const h = await setup();
    const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
    const file = path.join(h.dir, 'regions/eu/integrations');
    const provider = createFolderProvider({ id: 'eu', kind: 'folder', path: 'regions/eu' }, { workspaceRoot: h.dir });
    await provider.write({ op: 'setInstanceEnabled', instance: { customer: 'ACME-1', integration: 'Order Sync', name: 'Orders' }, enabled: false });
    const before = canonicalState(await pullEu(h));
    const r = await h.api.call('plan.apply', { plan: asParam(plan) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('STALE_PLAN');
      expect(r.error.message).toContain('stale plan');
      expect(r.error.message).toContain('re-plan and review again');
    }
    expect(canonicalState(await pullEu(h))).toEqual(before);
    expect(h.writes).toEqual([]);
    expect(file).toBeTruthy();
    const audit = (await readFile(path.join(h.dir, '.region-sync/audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ result: 'refused' });
  });

  it('refuses a hand-edited plan (PLAN_INVALID) and a plan from another workspace', async () => {
    const h = await setup();
    const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
    const edited = structuredClone(plan);
    (edited.steps[1].write as { yaml: string }).yaml = (edited.steps[1].write as { yaml: string }).yaml.replace('high', 'low');
    const r = await h.api.call('plan.apply', { plan: asParam(edited) });
    expect(!r.ok && r.error.code).toBe('PLAN_INVALID');
    const dropped = { ...structuredClone(plan), steps: plan.steps.slice(0, 2) };
    expect(((await h.api.call('plan.apply', { plan: asParam(dropped) })) as { ok: boolean; error?: { code: string } }).error?.code).toBe('PLAN_INVALID');
    const foreign = structuredClone(plan);
    foreign.workspace.id = 'other';
    const { hash: _h, ...body } = foreign;
    const { planHash } = await import('../../src-main/core/plan/hash');
    const rehashed = { ...body, hash: planHash(body) };
    const r2 = await h.api.call('plan.apply', { plan: asParam(rehashed) });
    expect(!r2.ok && r2.error.code).toBe('PLAN_INVALID');
    expect(h.writes).toEqual([]);
  });

  it('refuses a plan with preflight errors (PREFLIGHT_FAILED)', async () => {
    const h = await makeHarness({
      regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'eu', snapshot: { ...euSnapshot(), source: { kind: 'folder', org: 'Wrong Org' } }, org: 'Acme Corp' }],
    });
    harnesses.push(h);
    await writeFile(path.join(h.dir, 'regions/eu/region.yaml'), 'id: eu\norg: Wrong Org\n');
    const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
    expect(plan.preflight.map((f) => f.code)).toContain('WRONG_TENANT');
    const r = await h.api.call('plan.apply', { plan: asParam(plan) });
    expect(!r.ok && r.error.code).toBe('PREFLIGHT_FAILED');
    expect(h.writes).toEqual([]);
  });
});

describe('faults at each step, then resume', () => {
  async function uninterrupted(): Promise<{ state: Record<string, unknown>; writes: number }> {
    const h = await setup();
    const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
    const run: RunResult = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(run.status).toBe('succeeded');
    return { state: canonicalState(await pullEu(h)), writes: h.writes.length };
  }

  it('a failure at step k (before or after it reached the region) then resume reaches the same end state, nothing doubled', async () => {
    const reference = await uninterrupted();
    const ops = ['publishComponent', 'importIntegration', 'publishIntegration', 'setInstanceVersion', 'deployInstance'] as const;
    const codes = ['REMOTE_ERROR', 'RATE_LIMITED', 'TIMEOUT'] as const;
    let n = 0;
    for (const op of ops)
      for (const phase of ['before', 'after'] as const) {
        const code = codes[n++ % codes.length];
        const h = await setup();
        const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
        h.faults.push({ when: (w) => w.op === op, phase, code, once: true });
        const failed = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
        expect(failed.status, `${op} ${phase}`).toBe('failed');
        const failedStep = failed.steps.find((s) => s.status === 'failed');
        expect(failedStep?.error?.code).toBe(code);
        const resumed = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
        expect(resumed.runId).toBe(failed.runId);
        expect(resumed.status, `${op} ${phase}`).toBe('succeeded');
        const eu = await pullEu(h);
        expect(canonicalState(eu), `${op} ${phase}`).toEqual(reference.state);
        // published versions: exactly one new integration version and one new component version
        expect(eu.integrations[0].versions.map((v) => v.number)).toEqual([1, 2]);
        expect(eu.components[0].versions).toHaveLength(2);
        // a fault after the write means the region saw it once; the resume must not write it again
        expect(h.writes.length, `${op} ${phase}`).toBe(reference.writes);
        await h.dispose();
        harnesses.splice(harnesses.indexOf(h), 1);
      }
  });
});
