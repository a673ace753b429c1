/**
 * `promote <kind>/<name> --from R --to R`: plan, show what will change, confirm, apply.
 * Built on plan.create/plan.apply; where those are not available (UNSUPPORTED), integrations
 * are promoted to folder regions directly (import + publish) — the minimal path.
 */
import type { Command } from 'commander';
import type { ParamsOf } from '../../api/contract';
import type { Plan, RunResult } from '../../core/plan/types';
import { AppFailure, fail, formatError } from '../../core/errors';
import { ITEM_KINDS, type ItemKind } from '../../core/model';
import { EXIT_ERROR, EXIT_SAME, valueOf, type Cli } from '../kit';
import { confirm } from '../confirm';
import { showProgress } from '../progress';
import { promoteToFolder } from '../promote-folder';

export function parseItemRef(ref: string): { kind: ItemKind; name: string } {
  const slash = ref.indexOf('/');
  const kind = ref.slice(0, slash);
  const name = ref.slice(slash + 1);
  if (slash < 1 || !name || !(ITEM_KINDS as readonly string[]).includes(kind))
    fail('INVALID_INPUT', `"${ref}" is not an item reference.`, { hint: `Write <kind>/<name>, e.g. integrations/Orders (kinds: ${ITEM_KINDS.join(', ')}).` });
  return { kind: kind as ItemKind, name };
}

export function describePlan(plan: Plan): string {
  // The tag leads, as in the app: what kind of change this is, then what it does.
  const lines = plan.steps.map((s) => `  ${s.target}: [${s.tag.replace('-', ' ')}] ${s.description}`);
  for (const f of plan.preflight) lines.push(`  ${f.level}: [${f.target}] ${f.message}${f.hint ? ` — ${f.hint}` : ''}`);
  return lines.join('\n');
}

async function mayProceed(cli: Cli, yes: boolean | undefined, question: string): Promise<boolean> {
  if (yes) return true;
  if (!cli.stdinIsTTY)
    fail('INVALID_INPUT', 'Refusing to promote without confirmation: there is no terminal to ask.', { hint: 'Review the changes above and re-run with --yes.' });
  return confirm(cli, question);
}

export function register(program: Command, cli: Cli): void {
  program
    .command('promote')
    .description('make a target region match a source for one item: plan, confirm, apply')
    .argument('<item>', '<kind>/<name>, e.g. integrations/"Order Sync"')
    .requiredOption('--from <region>', 'source region')
    .requiredOption('--to <region>', 'target region')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('-y, --yes', 'apply without asking')
    .action(
      cli.run(async (ref: string, opts: { from: string; to: string; workspace?: string; yes?: boolean }) => {
        const item = parseItemRef(ref);
        if (opts.from === opts.to) fail('INVALID_INPUT', 'Source and target are the same region.', { hint: 'Pick another --to.' });
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        try {
          const planned = await api.call('plan.create', { items: [item], from: opts.from, to: [opts.to] });
          if (!planned.ok && planned.error.code === 'UNSUPPORTED') return await promoteToFolder(cli, item, opts);
          const plan = valueOf(planned);
          const changing = plan.steps.filter((s) => s.tag !== 'no-change');
          cli.err(`Plan ${plan.hash.slice(0, 12)}: ${item.kind}/${item.name} from ${opts.from} to ${opts.to}`);
          cli.err(describePlan(plan));
          if (plan.preflight.some((f) => f.level === 'error'))
            fail('PREFLIGHT_FAILED', 'Preflight found problems; nothing was changed.', { hint: 'Fix the errors listed above, then promote again.' });
          if (changing.length === 0) {
            cli.out(`${opts.to} already matches ${opts.from} for ${ref}; nothing to do.`);
            return EXIT_SAME;
          }
          if (!(await mayProceed(cli, opts.yes, `Apply ${changing.length} change(s) to ${opts.to}?`))) {
            cli.err('Cancelled; nothing was changed.');
            return EXIT_ERROR;
          }
          const run: RunResult = valueOf(await api.call('plan.apply', { plan: plan as unknown as ParamsOf<'plan.apply'>['plan'] }));
          if (run.status !== 'succeeded') {
            for (const s of run.steps) if (s.error) cli.err(`  ${s.stepId}: ${formatError(s.error)}`);
            throw new AppFailure({ code: 'APPLY_FAILED', message: `Run ${run.runId} ended ${run.status}.`, hint: `See \`region-sync rollback ${run.runId}\`.` });
          }
          cli.out(`Promoted ${ref} from ${opts.from} to ${opts.to} (run ${run.runId}).`);
          return EXIT_SAME;
        } finally {
          stop();
        }
      }),
    );
}

export { mayProceed };
