import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderProvider } from '../../src-main/providers/folder';
import { asParam, call, canonicalState, euSnapshot, makeHarness, usSnapshot, type Harness } from '../helpers/promotion';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

const pullEu = (dir: string) => createFolderProvider({ id: 'eu', kind: 'folder', path: 'regions/eu' }, { workspaceRoot: dir }).pull();

/** The state a rollback can restore: everything but the history it cannot erase (versions, published components). */
function restorable(state: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) {
    if (k.startsWith('components/')) continue;
    const { c, extra } = v as { c: unknown; extra: unknown };
    out[k] = k.startsWith('integrations/') ? c : k.startsWith('instances/') ? { c, extra } : v;
  }
  return out;
}

describe('runs.rollback', () => {
  it('restores the previous definitions and instance versions exactly, as its own journaled run', async () => {
    const eu = euSnapshot();
    eu.instances[0].enabled = false; // paused before the apply; the plan's instance item resumes it
    const h = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'eu', snapshot: eu }] });
    harnesses.push(h);
    const before = canonicalState(await pullEu(h.dir));
    const plan = await call(
      h.api.call('plan.create', { items: [{ kind: 'integrations', name: 'Order Sync' }, { kind: 'instances', name: 'ACME-1/Order Sync/Orders' }], from: 'us', to: ['eu'] }),
    );
    expect(plan.steps.map((s) => s.write.op)).toContain('setInstanceEnabled');
    const run = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(run.status).toBe('succeeded');
    const after = await pullEu(h.dir);
    expect(after.instances[0]).toMatchObject({ version: 2, enabled: true });

    const rb = await call(h.api.call('runs.rollback', { runId: run.runId }));
    expect(rb.status).toBe('succeeded');
    const restored = await pullEu(h.dir);
    expect(restorable(canonicalState(restored))).toEqual(restorable(before));
    expect(restored.instances[0]).toMatchObject({ version: 1, enabled: false, deployed: true });
    // the old definition is the latest published one again
    expect(restored.integrations[0].versions.at(-1)?.definitionHash).toBe(eu.integrations[0].versions[0].definitionHash);
    expect(restored.integrations[0].versions.at(-1)?.comment).toBe(`Rolled back by region-sync, run ${run.runId}`);

    const runs = (await call(h.api.call('runs.list', {}))).runs;
    expect(runs.map((r) => [r.runId, r.status])).toEqual([
      [run.runId, 'rolled-back'],
      [rb.runId, 'succeeded'],
    ]);
    const journal = await readFile(path.join(h.dir, '.region-sync/runs', rb.runId, 'journal.jsonl'), 'utf8');
    expect(journal.trim().split('\n').length).toBe(2 * rb.steps.filter((s) => s.status === 'done').length);
    const again = await h.api.call('runs.rollback', { runId: run.runId });
    expect(!again.ok && again.error.code).toBe('INVALID_INPUT');
    const missing = await h.api.call('runs.rollback', { runId: '../../etc' });
    expect(!missing.ok && missing.error.code).toBe('RUN_NOT_FOUND');
  });

  it('rolls back a failed run: only the steps that reached the region are undone', async () => {
    const h = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'eu', snapshot: euSnapshot() }] });
    harnesses.push(h);
    const before = canonicalState(await pullEu(h.dir));
    const plan = await call(h.api.call('plan.create', { items: [{ kind: 'integrations', name: 'Order Sync' }], from: 'us', to: ['eu'], instances: 'all' }));
    h.faults.push({ when: (w) => w.op === 'deployInstance', phase: 'before' });
    const run = await call(h.api.call('plan.apply', { plan: asParam(plan) }));
    expect(run.status).toBe('failed');
    h.faults.length = 0;
    const rb = await call(h.api.call('runs.rollback', { runId: run.runId }));
    expect(rb.status).toBe('succeeded');
    expect(restorable(canonicalState(await pullEu(h.dir)))).toEqual(restorable(before));
  });
});
