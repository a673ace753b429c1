import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderProvider } from '../../src-main/providers/folder';
import { asParam, call, canonicalState, euSnapshot, makeHarness, usSnapshot, type Harness } from '../helpers/promotion';

const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const child = path.join(repo, 'test/helpers/apply-child.ts');
const items = [{ kind: 'integrations' as const, name: 'Order Sync' }];

async function setup(): Promise<Harness> {
  const h = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'eu', snapshot: euSnapshot() }] });
  harnesses.push(h);
  return h;
}

function applyInChild(dir: string, planFile: string, crashAt?: string) {
  // node itself (not the tsx wrapper) so the SIGKILL is seen as the child's own death.
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, dir, planFile], { cwd: repo, env: { ...process.env, ...(crashAt ? { REGION_SYNC_TEST_CRASH_AFTER: crashAt } : {}) }, encoding: 'utf8', timeout: 60_000 });
  return { signal: r.signal, status: r.status, out: r.stdout.trim(), err: r.stderr };
}

const pullEu = (dir: string) => createFolderProvider({ id: 'eu', kind: 'folder', path: 'regions/eu' }, { workspaceRoot: dir }).pull();

describe('kill -9 between journal entries, then resume', () => {
  it('resumes to the same end state as an uninterrupted run, with no step done twice', async () => {
    const ref = await setup();
    const refPlan = await call(ref.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
    expect((await call(ref.api.call('plan.apply', { plan: asParam(refPlan) }))).status).toBe('succeeded');
    const expected = canonicalState(await pullEu(ref.dir));

    // Crash points: after "started" of the integration publish (the write never ran) and after
    // "done" of the instance move; and after "started" of the deploy.
    const ids = refPlan.steps.map((s) => s.id);
    const crashes = [`${ids[2]}:started`, `${ids[3]}:done`, `${ids[4]}:started`];
    for (const crashAt of crashes) {
      const h = await setup();
      const plan = await call(h.api.call('plan.create', { items, from: 'us', to: ['eu'], instances: 'all' }));
      const planFile = path.join(h.dir, 'plan.json');
      await writeFile(planFile, JSON.stringify(plan));
      const killed = applyInChild(h.dir, planFile, crashAt);
      expect(killed.signal, killed.err).toBe('SIGKILL');
      // the crashed run never reached its audit line
      expect(await readFile(path.join(h.dir, '.region-sync/audit.jsonl'), 'utf8').catch(() => null)).toBeNull();
      const resumed = applyInChild(h.dir, planFile);
      expect(resumed.status, resumed.err).toBe(0);
      expect(JSON.parse(resumed.out)).toMatchObject({ status: 'succeeded' });
      const eu = await pullEu(h.dir);
      expect(canonicalState(eu), crashAt).toEqual(expected);
      expect(eu.integrations[0].versions.map((v) => v.number)).toEqual([1, 2]);
      // one run, whose journal shows the interrupted step once started and once done
      const runs = await call(h.api.call('runs.list', {}));
      expect(runs.runs).toHaveLength(1);
      const lines = (await readFile(path.join(h.dir, '.region-sync/runs', runs.runs[0].runId, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      for (const id of ids) expect(lines.filter((l) => l.step === id && l.state === 'done'), `${crashAt} ${id}`).toHaveLength(1);
    }
  });
});
