/**
 * `apply plan.json [--yes]`: apply a reviewed plan. Refused when it was edited, is stale or has
 * preflight errors; a plan whose earlier run did not finish resumes that run.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { setJournalHook } from '../../api/promotion/handlers';
import { AppFailure, fail, formatError } from '../../core/errors';
import type { Plan, RunResult } from '../../core/plan/types';
import { EXIT_ERROR, EXIT_SAME, valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';
import { describePlan, mayProceed } from './promote';

/** The plan as read: checked in full (shape, hash, workspace) by the service, not here. */
export async function readPlanFile(cli: Cli, file: string): Promise<Plan & Record<string, unknown>> {
  const full = path.resolve(cli.cwd, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    return fail('NOT_FOUND', `There is no plan file ${file}.`, { file, hint: 'Create one with region-sync plan … --out plan.json.' });
  }
  try {
    return JSON.parse(text) as Plan & Record<string, unknown>;
  } catch {
    return fail('PLAN_INVALID', `${file} is not JSON.`, { file, hint: 'Create the plan again with region-sync plan.' });
  }
}

/** Crash tests only: REGION_SYNC_TEST_CRASH_AFTER=<stepId>:<started|done> kills the process there. */
export function installCrashHook(env: NodeJS.ProcessEnv): void {
  const at = env.REGION_SYNC_TEST_CRASH_AFTER;
  if (at) setJournalHook((step, state) => void (`${step}:${state}` === at && process.kill(process.pid, 'SIGKILL')));
}

export function reportRun(cli: Cli, run: RunResult): number {
  if (run.status === 'succeeded') {
    cli.out(`Run ${run.runId} succeeded (${run.steps.filter((s) => s.status === 'done').length} step(s) done).`);
    return EXIT_SAME;
  }
  for (const s of run.steps) if (s.error) cli.err(`  ${s.stepId}: ${formatError(s.error)}`);
  throw new AppFailure({ code: 'APPLY_FAILED', message: `Run ${run.runId} ended ${run.status}.`, hint: `Apply the same plan again to resume, or roll back with region-sync rollback ${run.runId}.` });
}

export function register(program: Command, cli: Cli): void {
  program
    .command('apply')
    .description('apply a reviewed plan file (journaled; re-running resumes an unfinished run)')
    .argument('<plan>', 'plan.json from region-sync plan --out')
    .option('-y, --yes', 'apply without asking')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .action(
      cli.run(async (file: string, opts: { yes?: boolean; workspace?: string }) => {
        const plan = await readPlanFile(cli, file);
        installCrashHook(cli.env);
        if (Array.isArray(plan.steps)) cli.err(describePlan(plan));
        if (!(await mayProceed(cli, opts.yes, `Apply plan ${String(plan.hash).slice(0, 12)}?`))) {
          cli.err('Cancelled; nothing was changed.');
          return EXIT_ERROR;
        }
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        try {
          return reportRun(cli, valueOf(await api.call('plan.apply', { plan })));
        } finally {
          stop();
        }
      }),
    );
}
