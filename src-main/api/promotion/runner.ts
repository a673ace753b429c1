/**
 * Runs a checked plan step by step with a write-ahead journal: `started` is fsynced before the
 * region is touched and `done` (with the outcome) right after, so after a crash, a kill -9 or a
 * failed call the same run can be resumed: `done` steps are skipped, and a step that was started
 * but not finished is first re-checked against the region (recheck.ts). Apply, rollback and
 * bundle apply all run through here.
 */
import { appError, toAppError } from '../../core/errors';
import { instanceKey, type Snapshot } from '../../core/model';
import { resolveWrite } from '../../core/plan/hash';
import type { JournalEntry, Plan, PlanStep, RunRecord, RunStepResult } from '../../core/plan/types';
import type { ServiceContext } from '../service/context';
import { recheckStep } from './recheck';
import { appendJournal, audit, readJournal, saveRun, writeJson, runDir } from './store';

/**
 * Test seam for crash tests: called after each journal line is durable. The CLI installs one
 * from REGION_SYNC_TEST_CRASH_AFTER; nothing else sets it.
 */
type JournalHook = (stepId: string, state: JournalEntry['state']) => void;
let journalHook: JournalHook | undefined;
export function setJournalHook(hook: JournalHook | undefined): void {
  journalHook = hook;
}

export interface RunSpec {
  runId: string;
  plan: Plan;
  kind: RunRecord['kind'];
  rollbackOf?: string;
  bundle?: RunRecord['bundle'];
  /** When set, the run already has a journal to continue. */
  resume: boolean;
  auditAction: 'apply' | 'rollback' | 'bundle-apply';
}

export async function executeRun(ctx: ServiceContext, spec: RunSpec): Promise<RunRecord> {
  const ws = await ctx.workspace();
  const files = ws.files;
  const { plan, runId } = spec;
  const now = () => ctx.deps.clock.now().toISOString();
  const journal = spec.resume ? await readJournal(files, runId) : new Map<string, JournalEntry>();
  const previous = spec.resume ? await files.readText(`${runDir(runId)}/run.json`) : null;
  const startedAt = previous ? (JSON.parse(previous) as RunRecord).startedAt : now();
  const run: RunRecord = {
    runId,
    planHash: plan.hash,
    status: 'partially-applied',
    steps: plan.steps.map((s) => ({ stepId: s.id, status: 'pending' })),
    startedAt,
    kind: spec.kind,
    source: plan.source.region,
    targets: plan.targets.map((t) => t.region),
    ...(ctx.deps.actor ? { actor: ctx.deps.actor } : {}),
    ...(spec.rollbackOf ? { rollbackOf: spec.rollbackOf } : {}),
    ...(spec.bundle ? { bundle: spec.bundle } : {}),
  };
  if (!spec.resume) await writeJson(files, `${runDir(runId)}/plan.json`, plan);
  await saveRun(files, run);

  const total = plan.steps.length;
  const progress = (step: PlanStep, done: number, message: string) =>
    ctx.emit({ type: 'progress', opId: runId, region: step.target, phase: spec.kind, done, total, message });
  const journalLine = async (entry: JournalEntry) => {
    await appendJournal(files, runId, entry);
    journalHook?.(entry.step, entry.state);
  };
  /** Version each instance was moved to in this run, so a resumed deploy checks the right one. */
  const movedTo = new Map<string, number>();
  const fresh = new Map<string, Snapshot>();

  for (let n = 0; n < plan.steps.length; n++) {
    const step = plan.steps[n];
    const result: RunStepResult = run.steps[n];
    const prior = journal.get(step.id);
    if (prior?.state === 'done') {
      result.status = 'done';
      if (prior.outcome) result.outcome = prior.outcome;
      noteMove(step, prior.outcome?.version, movedTo);
      progress(step, n + 1, `${step.description} (done earlier)`);
      continue;
    }
    if (step.tag === 'no-change') {
      result.status = 'skipped';
      progress(step, n + 1, step.description);
      continue;
    }
    progress(step, n, step.description);
    try {
      const provider = await ctx.provider(step.target);
      let write = resolveWrite(step.write, plan.hash);
      if (prior) {
        // Started (or failed) before: look at the region before doing it again.
        const region = fresh.get(step.target) ?? (await provider.pull());
        fresh.set(step.target, region);
        const check = recheckStep(write, region, instanceRefVersion(step, movedTo));
        if (check.write) write = check.write;
        if (check.done) {
          await journalLine({ step: step.id, state: 'done', at: now(), outcome: check.done });
          result.status = 'done';
          result.outcome = check.done;
          noteMove(step, check.done.version, movedTo);
          progress(step, n + 1, `${step.description} (already in ${step.target})`);
          continue;
        }
      }
      await journalLine({ step: step.id, state: 'started', at: now() });
      result.status = 'running';
      const outcome = await provider.write(write, { progress: (p) => ctx.emit({ type: 'progress', opId: runId, ...p, region: step.target }) });
      fresh.delete(step.target);
      await journalLine({ step: step.id, state: 'done', at: now(), outcome });
      result.status = 'done';
      result.outcome = outcome;
      noteMove(step, outcome.version, movedTo);
      progress(step, n + 1, step.description);
    } catch (e) {
      const error = { ...toAppError(e), region: step.target };
      fresh.delete(step.target);
      result.status = 'failed';
      result.error = error;
      run.status = 'failed';
      run.failedStep = step.id;
      await journalLine({ step: step.id, state: 'failed', at: now(), error }).catch(() => undefined);
      progress(step, n, `failed: ${error.message}`);
      break;
    }
  }
  if (run.status !== 'failed') run.status = 'succeeded';
  run.finishedAt = now();
  await saveRun(files, run);
  await audit(files, {
    at: run.finishedAt,
    actor: ctx.deps.actor ?? 'unknown',
    action: spec.auditAction,
    from: plan.source.region,
    to: run.targets,
    planHash: plan.hash,
    runId,
    result: run.status,
    ...(run.failedStep ? { error: `${run.failedStep}: ${run.steps.find((s) => s.stepId === run.failedStep)?.error?.message ?? ''}` } : {}),
  });
  return run;
}

function noteMove(step: PlanStep, version: number | undefined, movedTo: Map<string, number>): void {
  if (step.write.op === 'setInstanceVersion' && version !== undefined) movedTo.set(`${step.target}\u0000${instanceKey(step.write.instance)}`, version);
  if (step.write.op === 'createInstance' && version !== undefined) movedTo.set(`${step.target}\u0000${instanceKey(step.write.instance)}`, version);
}

function instanceRefVersion(step: PlanStep, movedTo: Map<string, number>): number | undefined {
  if (step.write.op !== 'deployInstance') return undefined;
  return movedTo.get(`${step.target}\u0000${instanceKey(step.write.instance)}`);
}

export function runFailure(run: RunRecord) {
  const failed = run.steps.find((s) => s.status === 'failed');
  return appError('APPLY_FAILED', `Step ${run.failedStep} failed: ${failed?.error?.message ?? 'unknown error'}`, {
    hint: 'Fix the cause and apply the same plan again: finished steps are skipped and the run resumes.',
    details: { runId: run.runId, step: run.failedStep ?? null },
  });
}
