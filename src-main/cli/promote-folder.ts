/**
 * The minimal promotion path for folder regions, used while plan/apply is unavailable: show the
 * semantic diff, confirm, then import and publish the integration through the target's provider.
 */
import { createLiveContext } from '../api/service/live-context';
import { diffTexts, ignoreRulesOf, renderReport } from '../api/service/diff-handlers';
import { maskReport } from '../api/service/masking';
import { itemSide } from '../api/service/snapshot-access';
import { pullRegions } from '../api/service/pull-handler';
import { createNodeDeps, demoSourceIn } from '../composition/node-deps';
import { fail } from '../core/errors';
import { sha256Hex } from '../core/hash';
import type { ItemKind } from '../core/model';
import { EXIT_ERROR, EXIT_SAME, type Cli } from './kit';
import { mayProceed } from './commands/promote';

export async function promoteToFolder(
  cli: Cli,
  item: { kind: ItemKind; name: string },
  opts: { from: string; to: string; workspace?: string; yes?: boolean },
): Promise<number> {
  const ctx = createLiveContext(createNodeDeps({ workspace: opts.workspace, env: cli.env, cwd: cli.cwd, demoSource: demoSourceIn(cli.appRoot) }), () => undefined);
  const ws = await ctx.workspace();
  const target = ws.config.regions.find((r) => r.id === opts.to);
  if (!target) fail('NOT_FOUND', `The workspace has no region "${opts.to}".`, { region: opts.to });
  if (target.kind !== 'folder' || item.kind !== 'integrations')
    fail('UNSUPPORTED', 'This build can only promote integrations into folder regions.', { hint: 'Promotion to live regions needs plan/apply.' });
  const source = await itemSide(ctx, ws, opts.from, item.kind, item.name);
  if (!source.exists) fail('NOT_FOUND', `Region ${opts.from} has no ${item.kind}/${item.name}.`, { region: opts.from });
  const current = await itemSide(ctx, ws, opts.to, item.kind, item.name);
  const report = maskReport(
    diffTexts(current.text, source.text, { kind: item.kind, name: item.name, ignore: ignoreRulesOf(ws.config.ignore), leftFile: `${opts.to}`, rightFile: `${opts.from}` }),
  );
  if (current.exists && report.summary.total === 0) {
    cli.out(`${opts.to} already matches ${opts.from} for ${item.kind}/${item.name}; nothing to do.`);
    return EXIT_SAME;
  }
  cli.err(current.exists ? `Changes to ${opts.to} (${report.summary.total}):` : `${item.kind}/${item.name} will be created in ${opts.to}.`);
  if (current.exists) cli.err(renderReport(report, 'text', { kind: item.kind, name: item.name, left: opts.to, right: opts.from }));
  if (!(await mayProceed(cli, opts.yes, `Apply to ${opts.to}?`))) {
    cli.err('Cancelled; nothing was changed.');
    return EXIT_ERROR;
  }
  const provider = await ctx.provider(opts.to);
  await provider.write({ op: 'importIntegration', name: item.name, yaml: source.text, mode: current.exists ? 'overwrite-draft' : 'create' });
  await provider.write({ op: 'publishIntegration', name: item.name, comment: `Promoted from ${opts.from}`, definitionHash: sha256Hex(source.text) });
  // Refresh the cached snapshot so drift shows the new state at once.
  await pullRegions(ctx, [opts.to]);
  cli.out(`Promoted ${item.kind}/${item.name} from ${opts.from} to ${opts.to}.`);
  return EXIT_SAME;
}
