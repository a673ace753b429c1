/**
 * plan.create and plan.apply. Apply checks, in order: the plan is this workspace's and unedited
 * (PLAN_INVALID), preflight has no errors (PREFLIGHT_FAILED), every target is still in the state
 * the plan was computed from (STALE_PLAN); then it snapshots each target (for rollback) and runs
 * the steps with the journal. Applying a plan whose run is unfinished resumes that run.
 */
import { fail } from '../../core/errors';
import type { Snapshot } from '../../core/model';
import { computePlan, preflightErrors } from '../../core/plan/compute';
import { fingerprint } from '../../core/plan/fingerprint';
import { touchedItems } from '../../core/plan/touched';
import type { Plan, RunRecord } from '../../core/plan/types';
import type { Handler, ServiceContext } from '../service/context';
import { checkPlan } from './plan-schema';
import { planEnvironment, pullFresh, requireRegion } from './regions';
import { executeRun, type RunSpec } from './runner';
import { audit, beforePath, listRuns, loadBefore, readJournal, runDir, savePlan, writeJson } from './store';

export const planCreate: Handler<'plan.create'> = async (params, ctx) => {
  const ws = await ctx.workspace();
  requireRegion(ws, params.from);
  const to = [...new Set(params.to)];
  for (const t of to) requireRegion(ws, t);
  const opId = ctx.newOpId('plan');
  const [source, ...targets] = await Promise.all([params.from, ...to].map((r) => pullFresh(ctx, r, opId)));
  const plan = computePlan({
    ...planEnvironment(ctx, ws),
    source,
    targets,
    items: params.items,
    instances: params.instances ?? 'none',
  });
  await savePlan(ws.files, plan);
  return plan;
};

export async function newRunId(ctx: ServiceContext, hash: string, prefix = ''): Promise<string> {
  const ws = await ctx.workspace();
  const stamp = ctx.deps.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = `${prefix}${stamp}-${hash.slice(0, 8)}`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if ((await ws.files.readText(`${runDir(id)}/run.json`)) === null) return id;
  }
}

export interface ApplyOptions {
  auditAction: RunSpec['auditAction'];
  bundle?: RunRecord['bundle'];
  /** Continue this run (bundle apply finds its own unfinished run by bundle, not by plan hash). */
  resumeRunId?: string;
  /** For a plan re-made from a bundle: it is stored, not reviewed, so its hash alone binds it. */
}

async function refuse(ctx: ServiceContext, plan: Plan, opts: ApplyOptions, code: 'PREFLIGHT_FAILED' | 'STALE_PLAN' | 'PLAN_INVALID', message: string, hint: string, details?: Record<string, unknown>): Promise<never> {
  const ws = await ctx.workspace();
  await audit(ws.files, {
    at: ctx.deps.clock.now().toISOString(),
    actor: ctx.deps.actor ?? 'unknown',
    action: opts.auditAction,
    from: plan.source.region,
    to: plan.targets.map((t) => t.region),
    planHash: plan.hash,
    result: 'refused',
    error: `${code}: ${message}`,
  });
  return fail(code, message, { hint, ...(details ? { details } : {}) });
}

/** Applies a checked plan: preflight, stale check, pre-apply snapshots, journaled steps. */
export async function applyPlan(ctx: ServiceContext, plan: Plan, opts: ApplyOptions): Promise<RunRecord> {
  const ws = await ctx.workspace();
  const files = ws.files;
  if (plan.workspace.id !== ws.id)
    return refuse(ctx, plan, opts, 'PLAN_INVALID', `The plan belongs to workspace "${plan.workspace.name}" (${plan.workspace.id}), not "${ws.config.name}" (${ws.id}).`, 'Open the workspace the plan was made in, or make a new plan here.');
  for (const t of plan.targets) requireRegion(ws, t.region);
  const blocking = preflightErrors(plan);
  if (blocking.length)
    return refuse(ctx, plan, opts, 'PREFLIGHT_FAILED', `Preflight found ${blocking.length} problem(s): ${blocking.map((f) => f.message).join(' ')}`, blocking[0].hint ?? 'Fix the findings and plan again.', {
      findings: blocking.map((f) => ({ code: f.code, target: f.target, item: f.item ?? null, message: f.message })),
    });

  const runs = (await listRuns(files)).filter((r) => r.planHash === plan.hash && r.kind === 'apply');
  const finished = runs.find((r) => r.status === 'succeeded' || r.status === 'rolled-back');
  if (finished && !opts.resumeRunId)
    return refuse(ctx, plan, opts, 'STALE_PLAN', `This plan was already applied (run ${finished.runId}).`, 'Re-plan and review again to promote newer changes.');
  const unfinishedId = opts.resumeRunId ?? runs.find((r) => r.status === 'failed' || r.status === 'partially-applied')?.runId;
  const journal = unfinishedId ? await readJournal(files, unfinishedId) : new Map();

  const opId = ctx.newOpId('apply');
  const current = await Promise.all(plan.targets.map((t) => pullFresh(ctx, t.region, opId)));
  const stale: string[] = [];
  for (let i = 0; i < plan.targets.length; i++) {
    const t = plan.targets[i];
    const steps = plan.steps.filter((s) => s.target === t.region);
    const changedByRun = unfinishedId && steps.some((s) => journal.has(s.id));
    if (changedByRun) {
      // The run itself changed this target: what it touched is re-checked step by step; the rest
      // must be as it was when the run began.
      const before = await loadBefore(files, unfinishedId, t.region);
      const touched = touchedItems(steps);
      if (!before || fingerprint(before, touched) !== fingerprint(current[i], touched)) stale.push(t.region);
    } else if (fingerprint(current[i]) !== t.fingerprint) stale.push(t.region);
  }
  if (stale.length)
    return refuse(ctx, plan, opts, 'STALE_PLAN', `stale plan: ${stale.join(', ')} changed since the plan was made; re-plan and review again.`, 'Run region-sync plan again and review the new plan.', { regions: stale });

  const runId = unfinishedId ?? (await newRunId(ctx, plan.hash));
  if (!unfinishedId) await writeBefore(ctx, runId, current);
  return executeRun(ctx, { runId, plan, kind: 'apply', resume: !!unfinishedId, auditAction: opts.auditAction, ...(opts.bundle ? { bundle: opts.bundle } : {}) });
}

export async function writeBefore(ctx: ServiceContext, runId: string, snapshots: Snapshot[]): Promise<void> {
  const ws = await ctx.workspace();
  for (const s of snapshots) await writeJson(ws.files, beforePath(runId, s.regionId), s);
}

export const planApply: Handler<'plan.apply'> = async (params, ctx) => {
  const plan = checkPlan(params.plan);
  return applyPlan(ctx, plan, { auditAction: 'apply' });
};
