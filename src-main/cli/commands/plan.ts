/**
 * `plan <kind>/<name>… --from R --to R[,R…] [--instances all|none|<externalId>…] --out plan.json`:
 * compute a reviewable plan (steps + preflight) and save it; exit 0 when it is clean, 1 when it
 * would change something, 2 when preflight found errors.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { fail } from '../../core/errors';
import { EXIT_DIFFERS, EXIT_ERROR, EXIT_SAME, valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';
import { describePlan, parseItemRef } from './promote';

function parseInstances(values: string[] | undefined): 'all' | 'none' | string[] {
  if (!values || values.length === 0) return 'none';
  if (values.length === 1 && (values[0] === 'all' || values[0] === 'none')) return values[0];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function register(program: Command, cli: Cli): void {
  program
    .command('plan')
    .description('compute a promotion plan (like terraform plan): steps, preflight findings, a hash to approve')
    .argument('<items...>', '<kind>/<name>, e.g. integrations/"Order Sync"')
    .requiredOption('--from <region>', 'source region')
    .requiredOption('--to <regions>', 'target region(s), comma separated')
    .option('--instances <which...>', 'instances to move: all | none | customer external ids', ['none'])
    .option('-o, --out <file>', 'write the plan here (JSON)')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('--json', 'print the plan as JSON on stdout')
    .action(
      cli.run(async (refs: string[], opts: { from: string; to: string; instances?: string[]; out?: string; workspace?: string; json?: boolean }) => {
        const items = refs.map(parseItemRef);
        const to = opts.to.split(',').map((s) => s.trim()).filter(Boolean);
        if (to.length === 0) fail('INVALID_INPUT', 'No target region given.', { hint: 'Pass --to <region>[,<region>…].' });
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        try {
          const plan = valueOf(await api.call('plan.create', { items, from: opts.from, to, instances: parseInstances(opts.instances) }));
          if (opts.out) await writeFile(path.resolve(cli.cwd, opts.out), `${JSON.stringify(plan, null, 2)}\n`);
          if (opts.json) cli.out(JSON.stringify(plan, null, 2));
          else {
            cli.out(`Plan ${plan.hash.slice(0, 12)}: ${items.map((i) => `${i.kind}/${i.name}`).join(', ')} from ${opts.from} to ${to.join(', ')}`);
            cli.out(describePlan(plan));
            if (opts.out) cli.out(`Saved to ${opts.out}. Review it, then: region-sync apply ${opts.out}`);
          }
          if (plan.preflight.some((f) => f.level === 'error')) return EXIT_ERROR;
          return plan.steps.some((s) => s.tag !== 'no-change') ? EXIT_DIFFERS : EXIT_SAME;
        } finally {
          stop();
        }
      }),
    );
}
