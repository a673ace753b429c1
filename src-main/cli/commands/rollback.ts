/** `rollback <run>`: restore the targets of a run from its pre-apply snapshots (itself a journaled run). */
import type { Command } from 'commander';
import { valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';
import { reportRun } from './apply';
import { mayProceed } from './promote';

export function register(program: Command, cli: Cli): void {
  program
    .command('rollback')
    .description('undo a run: re-import previous drafts, move instances back, pause/resume again')
    .argument('<run>', 'run id (see region-sync runs)')
    .option('-y, --yes', 'roll back without asking')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .action(
      cli.run(async (runId: string, opts: { yes?: boolean; workspace?: string }) => {
        if (!(await mayProceed(cli, opts.yes, `Roll back run ${runId}?`))) return 2;
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        try {
          return reportRun(cli, valueOf(await api.call('runs.rollback', { runId })));
        } finally {
          stop();
        }
      }),
    );
  program
    .command('runs')
    .description('list promotion runs')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('--json', 'print JSON')
    .action(
      cli.run(async (opts: { workspace?: string; json?: boolean }) => {
        const { runs } = valueOf(await cli.openApi(opts.workspace).call('runs.list', {}));
        if (opts.json) cli.out(JSON.stringify(runs, null, 2));
        else for (const r of runs) cli.out(`${r.runId}  ${r.status.padEnd(17)} ${r.source} → ${r.targets.join(',')}  ${r.startedAt}${r.canRollback ? '' : '  (no rollback)'}`);
        return 0;
      }),
    );
}
