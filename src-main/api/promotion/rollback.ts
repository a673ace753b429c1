/**
 * runs.rollback: put each target back as it was in `before-<region>.json`, for the items the run
 * wrote. Drafts it overwrote are re-imported (and published again when the old draft was the
 * published one), instances go back to their previous version and deploy state, and paused or
 * running instances are paused or resumed again. The rollback is itself a plan run through the
 * journal, so it resumes like any apply. What no API can undo (a created integration, instance or
 * customer, a published component) is listed as a warning, never silently left.
 */
import { fail } from '../../core/errors';
import { canonicalItem } from '../../core/identity';
import { instanceKey, type InstanceRecord, type Snapshot } from '../../core/model';
import { regionFingerprint } from '../../core/plan/compute';
import { definitionHash, fingerprint } from '../../core/plan/fingerprint';
import { planHash } from '../../core/plan/hash';
import type { Plan, PlanStep, PreflightFinding, RegionWrite, RunRecord, StepTag } from '../../core/plan/types';
import type { Handler, ServiceContext } from '../service/context';
import { newRunId, writeBefore } from './apply';
import { pullFresh } from './regions';
import { executeRun } from './runner';
import { listRuns, loadBefore, loadRun, loadRunPlan, readJournal, saveRun } from './store';

const latest = <T extends { number: number }>(vs: readonly T[]): T | undefined => (vs.length ? vs.reduce((a, b) => (b.number > a.number ? b : a)) : undefined);

/** Steps that make `now` look like `before` for the items `ran` wrote. */
export function rollbackSteps(runId: string, ran: PlanStep[], before: Snapshot, now: Snapshot): { steps: PlanStep[]; warnings: PreflightFinding[] } {
  const t = before.regionId;
  const steps: PlanStep[] = [];
  const warnings: PreflightFinding[] = [];
  const add = (write: RegionWrite, description: string, tag: StepTag = 'updates') => {
    const id = `t:${t}#${steps.length + 1}`;
    steps.push({ id, target: t, write, description, tag, ...(steps.length ? { after: [steps[steps.length - 1].id] } : {}) });
  };
  const warn = (item: string, message: string, hint: string) => warnings.push({ level: 'warning', code: 'UNSUPPORTED', target: t, item, message, hint });

  const integrations = new Set<string>();
  const instances = new Set<string>();
  const customers = new Set<string>();
  for (const { write: w } of ran) {
    if (w.op === 'importIntegration' || w.op === 'publishIntegration') integrations.add(w.name);
    else if (w.op === 'upsertCustomer') customers.add(w.customer.externalId);
    else if (w.op === 'createInstance') instances.add(instanceKey(w.instance));
    else if (w.op === 'publishComponent')
      warn(`components/${w.key}`, `Component ${w.key} (signature ${w.signature.slice(0, 12)}) stays published in ${t}: published versions cannot be removed.`, 'Nothing to do unless it must go; then remove it in the region by hand.');
    else instances.add(instanceKey(w.instance));
  }

  for (const externalId of customers) {
    const was = before.customers.find((c) => c.externalId === externalId);
    const is = now.customers.find((c) => c.externalId === externalId);
    if (!was) warn(`customers/${externalId}`, `Customer ${externalId} was created by run ${runId} and stays in ${t}.`, 'Delete it in the region by hand if it must go.');
    else if (!is || canonicalItem('customers', is, []).hash !== canonicalItem('customers', was, []).hash) {
      const { remoteId: _r, ...customer } = was;
      add({ op: 'upsertCustomer', customer }, `Restore customer ${externalId} in ${t}.`);
    }
  }
  for (const name of integrations) {
    const was = before.integrations.find((i) => i.name === name);
    const is = now.integrations.find((i) => i.name === name);
    if (!was) {
      warn(`integrations/${name}`, `Integration ${name} was created by run ${runId} and stays in ${t} (no API deletes it here).`, 'Delete it in the region by hand if it must go.');
      continue;
    }
    const sameDraft = is && canonicalItem('integrations', is, []).hash === canonicalItem('integrations', was, []).hash;
    if (!sameDraft) add({ op: 'importIntegration', name, yaml: was.yaml, mode: is ? 'overwrite-draft' : 'create' }, `Re-import the previous draft of ${name} into ${t}.`, 'overwrites-draft');
    const wasLatest = latest(was.versions);
    const oldHash = definitionHash(was.yaml);
    const draftWasPublished = wasLatest?.definitionHash === oldHash && !was.hasUnpublishedChanges;
    if (draftWasPublished && latest(is?.versions ?? [])?.definitionHash !== oldHash)
      add({ op: 'publishIntegration', name, comment: `Rolled back by region-sync, run ${runId}`, definitionHash: oldHash }, `Publish the previous definition of ${name} in ${t} again.`);
  }
  for (const key of instances) {
    const was = before.instances.find((i) => instanceKey(i) === key);
    const is = now.instances.find((i) => instanceKey(i) === key);
    if (!is) continue;
    const ref = { customer: is.customer, integration: is.integration, name: is.name };
    if (!was) {
      warn(`instances/${key}`, `Instance ${key} was created by run ${runId} and stays in ${t}${is.enabled ? ' (paused by the rollback)' : ''}.`, 'Delete it in the region by hand if it must go.');
      if (is.enabled) add({ op: 'setInstanceEnabled', instance: ref, enabled: false }, `Pause instance ${key} in ${t}.`);
      continue;
    }
    restoreInstance(was, is, ref, t, add);
  }
  return { steps, warnings };
}

function restoreInstance(was: InstanceRecord, is: InstanceRecord, ref: { customer: string; integration: string; name: string }, t: string, add: (w: RegionWrite, d: string, tag?: StepTag) => void): void {
  const key = instanceKey(was);
  const versionBack = was.version !== null && is.version !== was.version;
  if (versionBack) add({ op: 'setInstanceVersion', instance: ref, version: was.version as number }, `Move instance ${key} in ${t} back to v${was.version}.`);
  if (was.deployed && (versionBack || is.needsDeploy || !is.deployed)) add({ op: 'deployInstance', instance: ref }, `Deploy instance ${key} in ${t} at v${was.version}.`);
  if (is.enabled !== was.enabled) add({ op: 'setInstanceEnabled', instance: ref, enabled: was.enabled }, `${was.enabled ? 'Resume' : 'Pause'} instance ${key} in ${t} again.`);
}

export async function rollbackRun(ctx: ServiceContext, runId: string): Promise<RunRecord> {
  const ws = await ctx.workspace();
  const files = ws.files;
  const run = await loadRun(files, runId);
  const plan = run && (await loadRunPlan(files, runId));
  if (!run || !plan) return fail('RUN_NOT_FOUND', `There is no run "${runId}".`, { hint: 'List runs with region-sync runs.' });
  if (run.status === 'rolled-back') fail('INVALID_INPUT', `Run ${runId} was already rolled back.`, { hint: 'Apply a new plan to change the region again.' });
  // An unfinished rollback of this run resumes rather than starting over.
  const pending = (await listRuns(files)).find((r) => r.kind === 'rollback' && r.rollbackOf === runId && r.status !== 'succeeded');
  if (pending) {
    const pendingPlan = await loadRunPlan(files, pending.runId);
    if (pendingPlan) return finish(ctx, run, await executeRun(ctx, { runId: pending.runId, plan: pendingPlan, kind: 'rollback', rollbackOf: runId, resume: true, auditAction: 'rollback' }));
  }
  const journal = await readJournal(files, runId);
  const opId = ctx.newOpId('rollback');
  const steps: PlanStep[] = [];
  const warnings: PreflightFinding[] = [];
  const befores: Snapshot[] = [];
  const nows: Snapshot[] = [];
  for (const target of run.targets) {
    const before = await loadBefore(files, runId, target);
    if (!before) fail('RUN_NOT_FOUND', `Run ${runId} has no pre-apply snapshot of ${target}.`, { hint: 'Only runs that took one can be rolled back.' });
    const now = await pullFresh(ctx, target, opId);
    // Only steps that reached (or may have reached) the region are undone.
    const ran = plan.steps.filter((s) => s.target === target && journal.has(s.id));
    const part = rollbackSteps(runId, ran, before, now);
    steps.push(...part.steps);
    warnings.push(...part.warnings);
    befores.push(before);
    nows.push(now);
  }
  const body: Omit<Plan, 'hash'> = {
    format: 1,
    workspace: plan.workspace,
    createdAt: ctx.deps.clock.now().toISOString(),
    source: { region: run.targets.join(','), fingerprint: fingerprint(befores[0]), capturedAt: befores[0].capturedAt },
    targets: nows.map(regionFingerprint),
    items: plan.items,
    instances: plan.instances,
    steps,
    preflight: warnings,
  };
  const rollbackPlan: Plan = { ...body, hash: planHash(body) };
  const rbId = await newRunId(ctx, rollbackPlan.hash, 'rb-');
  await writeBefore(ctx, rbId, nows);
  return finish(ctx, run, await executeRun(ctx, { runId: rbId, plan: rollbackPlan, kind: 'rollback', rollbackOf: runId, resume: false, auditAction: 'rollback' }));
}

async function finish(ctx: ServiceContext, original: RunRecord, rb: RunRecord): Promise<RunRecord> {
  if (rb.status === 'succeeded') {
    const ws = await ctx.workspace();
    await saveRun(ws.files, { ...original, status: 'rolled-back' });
  }
  return rb;
}

export const runsRollback: Handler<'runs.rollback'> = ({ runId }, ctx) => rollbackRun(ctx, runId);

export const runsList: Handler<'runs.list'> = async (_params, ctx) => {
  const ws = await ctx.workspace();
  const runs = await listRuns(ws.files);
  return {
    runs: runs.map((r) => ({
      runId: r.runId,
      planHash: r.planHash,
      source: r.source,
      targets: r.targets,
      status: r.status,
      startedAt: r.startedAt,
      ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
      canRollback: r.status !== 'rolled-back' && r.steps.some((s) => s.status === 'done' || s.status === 'failed'),
    })),
  };
};
