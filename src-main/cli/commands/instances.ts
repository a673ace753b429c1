/**
 * `instances`: every customer's instances across regions (version against the region's latest,
 * enabled/paused, deployed/needs deploy, differing config vars, secrets as set/unset), and the
 * changes made to them: `instances upgrade|pin|pause|unpause <customer>/<integration>/<instance>
 * --region R` and `instances relocate <customer> --from R --to R`. Changes are plans: shown,
 * confirmed, then applied with plan.apply (journal, rollback) like any promotion.
 */
import type { Command } from 'commander';
import type { Api } from '../../api/dispatch';
import type { ParamsOf } from '../../api/contract';
import { AppFailure, fail, formatError } from '../../core/errors';
import type { InstanceAction } from '../../core/instances/changes';
import { connectionsToReenter } from '../../core/instances/relocate';
import type { Plan } from '../../core/plan/types';
import { EXIT_ERROR, EXIT_SAME, valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';
import { describePlan, mayProceed } from './promote';
import { instancesText } from './instances-format';

export function parseInstanceRef(ref: string): { customer: string; integration: string; name: string } {
  // The customer's external id comes first and the instance name last; the integration name
  // between them may itself hold a slash.
  const first = ref.indexOf('/');
  const last = ref.lastIndexOf('/');
  const parts = { customer: ref.slice(0, first), integration: ref.slice(first + 1, last), name: ref.slice(last + 1) };
  if (first < 1 || last <= first + 1 || !parts.name)
    fail('INVALID_INPUT', `"${ref}" is not an instance reference.`, { hint: 'Write <customer externalId>/<integration>/<instance name>, e.g. northwind/"Order Sync"/"Order Sync".' });
  return parts;
}

/** Shows the plan, refuses on preflight errors, confirms, applies; returns the exit code. */
async function confirmAndApply(cli: Cli, api: Api, plan: Plan, what: string, yes: boolean | undefined, region: string): Promise<number> {
  cli.err(`Plan ${plan.hash.slice(0, 12)}: ${what}`);
  cli.err(describePlan(plan));
  if (plan.preflight.some((f) => f.level === 'error')) fail('PREFLIGHT_FAILED', 'Preflight found problems; nothing was changed.', { hint: 'Fix the errors listed above, then try again.' });
  const changing = plan.steps.filter((s) => s.tag !== 'no-change');
  if (changing.length === 0) {
    cli.out(`Nothing to change in ${region}.`);
    return EXIT_SAME;
  }
  if (!(await mayProceed(cli, yes, `Apply ${changing.length} change(s) to ${region}?`))) {
    cli.err('Cancelled; nothing was changed.');
    return EXIT_ERROR;
  }
  const run = valueOf(await api.call('plan.apply', { plan: plan as unknown as ParamsOf<'plan.apply'>['plan'] }));
  if (run.status !== 'succeeded') {
    for (const s of run.steps) if (s.error) cli.err(`  ${s.stepId}: ${formatError(s.error)}`);
    throw new AppFailure({ code: 'APPLY_FAILED', message: `Run ${run.runId} ended ${run.status}.`, hint: `See \`region-sync rollback ${run.runId}\`.` });
  }
  cli.out(`Applied ${changing.length} change(s) to ${region} (run ${run.runId}; undo with region-sync rollback ${run.runId}).`);
  return EXIT_SAME;
}

function registerChange(parent: Command, cli: Cli, action: InstanceAction, description: string): void {
  const cmd = parent
    .command(action)
    .description(description)
    .argument('<instance>', '<customer>/<integration>/<instance>')
    .requiredOption('-r, --region <region>', 'the region the instance lives in')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('-y, --yes', 'apply without asking');
  if (action === 'upgrade' || action === 'pin') cmd.option('--version <n>', action === 'upgrade' ? 'version to move to (default: the latest published)' : 'version to pin to (default: the one before the current)');
  cmd.action(
    cli.run(async (ref: string, opts: { region: string; workspace?: string; yes?: boolean; version?: string }) => {
      const instance = parseInstanceRef(ref);
      let version: number | undefined;
      if (opts.version !== undefined) {
        version = Number(opts.version.replace(/^v/i, ''));
        if (!Number.isInteger(version) || version < 1) fail('INVALID_INPUT', `"${opts.version}" is not a version number.`, { hint: 'Pass --version 3 (the region\'s published version number).' });
      }
      const api = cli.openApi(opts.workspace);
      const stop = showProgress(api, cli);
      try {
        const plan = valueOf(await api.call('instances.plan', { region: opts.region, changes: [{ instance, action, ...(version !== undefined ? { version } : {}) }] }));
        return await confirmAndApply(cli, api, plan, `${action} ${ref} in ${opts.region}`, opts.yes, opts.region);
      } finally {
        stop();
      }
    }),
  );
}

export function register(program: Command, cli: Cli): void {
  const instances = program
    .command('instances')
    .description("customers' instances across regions (version, paused, deploy state, differing config); upgrade, pin, pause, unpause, relocate")
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('-c, --customer <id>', 'only this customer (external id)')
    .option('-f, --format <format>', 'text | json', 'text')
    .option('--json', 'same as --format json')
    .action(
      cli.run(async (opts: { workspace?: string; customer?: string; format: string; json?: boolean }) => {
        const format = opts.json ? 'json' : opts.format;
        if (format !== 'text' && format !== 'json') fail('INVALID_INPUT', `Unknown format "${format}".`, { hint: 'Use --format text or json.' });
        const api = cli.openApi(opts.workspace);
        const view = valueOf(await api.call('instances.byCustomer', opts.customer !== undefined ? { customer: opts.customer } : {}));
        if (opts.customer !== undefined && view.customers.length === 0)
          fail('NOT_FOUND', `No region knows customer "${opts.customer}".`, { hint: 'Customers are named by external id; run region-sync instances to list them.' });
        cli.out(format === 'json' ? JSON.stringify(view, null, 2) : instancesText(view));
        return EXIT_SAME;
      }),
    );
  registerChange(instances, cli, 'upgrade', "move an instance to the region's latest (or --version) and deploy it");
  registerChange(instances, cli, 'pin', 'move an instance back to an earlier version (default: the one before)');
  registerChange(instances, cli, 'pause', 'disable an instance');
  registerChange(instances, cli, 'unpause', 'enable a paused instance');
  instances
    .command('relocate')
    .description("create a customer's instances in another region, unconfigured (connections are re-entered there)")
    .argument('<customer>', 'customer external id')
    .requiredOption('--from <region>', 'the region the customer lives in now')
    .requiredOption('--to <region>', 'the region to move to')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('-y, --yes', 'apply without asking')
    .action(
      cli.run(async (customer: string, opts: { from: string; to: string; workspace?: string; yes?: boolean }) => {
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        try {
          const plan = valueOf(await api.call('instances.relocate', { customer, from: opts.from, to: opts.to }));
          const reenter = connectionsToReenter(plan);
          if (reenter.length) {
            cli.err(`Connections to re-enter in ${opts.to} (secrets never leave ${opts.from}):`);
            for (const r of reenter) cli.err(`  ${r.instance}: ${r.key}`);
          }
          return await confirmAndApply(cli, api, plan, `relocate ${customer} from ${opts.from} to ${opts.to}`, opts.yes, opts.to);
        } finally {
          stop();
        }
      }),
    );
}
