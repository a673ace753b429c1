/**
 * `diff <left> <right>`: semantic diff of two YAML files, or of one item in two regions
 * (`<region>/<kind>/<name>`), or one of each. Exit 0 same, 1 differs, 2 error.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { createLiveContext } from '../../api/service/live-context';
import { diffTexts, ignoreRulesOf, renderReport, sideComponents } from '../../api/service/diff-handlers';
import { maskReport } from '../../api/service/masking';
import { itemSide } from '../../api/service/snapshot-access';
import type { ServiceContext } from '../../api/service/context';
import { createNodeDeps, demoSourceIn } from '../../composition/node-deps';
import { AppFailure, fail } from '../../core/errors';
import { ITEM_KINDS, type ComponentRecord, type ItemKind } from '../../core/model';
import { readTextStrict } from '../../providers/fs/read';
import { EXIT_DIFFERS, EXIT_SAME, type Cli } from '../kit';

const ITEM_REF = new RegExp(`^([A-Za-z0-9][A-Za-z0-9_-]{0,31})/(${ITEM_KINDS.join('|')})/(.+)$`);

interface Side {
  text: string;
  label: string;
  kind?: ItemKind;
  name: string;
  regionRef?: { region: string; kind: ItemKind; name: string };
  /** The region's components, for a region reference: pinned numbers resolve to builds. */
  components?: readonly ComponentRecord[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `--ignore` takes full rules (`integrations/*: path`) or bare paths, which apply to every kind. */
export function ignorePatterns(given: string[]): string[] {
  return given.map((p) => (/^\s*[^/\s]+\/.+?:\s+\S/.test(p) ? p : `*/*: ${p.trim()}`));
}

async function resolveSide(arg: string, cli: Cli, ctx: () => ServiceContext): Promise<Side> {
  const abs = path.resolve(cli.cwd, arg);
  if (isFile(abs)) {
    const read = await readTextStrict(abs, { displayName: arg });
    if (!read.ok) throw new AppFailure(read.error);
    return { text: read.value, label: arg, name: path.basename(arg).replace(/\.ya?ml$/i, '') };
  }
  const ref = ITEM_REF.exec(arg);
  if (!ref)
    fail('NOT_FOUND', `No such file, and not a <region>/<kind>/<name> reference.`, {
      file: arg,
      hint: `Give a YAML file path, or an item such as us/integrations/Orders (kinds: ${ITEM_KINDS.join(', ')}).`,
    });
  const [, region, kind, name] = ref;
  const c = ctx();
  const side = await itemSide(c, await c.workspace(), region, kind as ItemKind, name);
  if (!side.exists) cli.err(`note: ${arg} does not exist in region ${region}; comparing against nothing`);
  return { text: side.text, label: arg, kind: kind as ItemKind, name, regionRef: { region, kind: kind as ItemKind, name }, ...(side.components ? { components: side.components } : {}) };
}

export function register(program: Command, cli: Cli): void {
  program
    .command('diff')
    .description('semantic diff of two YAML files or of one item in two regions (exit 0 same, 1 differs, 2 error)')
    .argument('<left>', 'a YAML file, or <region>/<kind>/<name> in the workspace')
    .argument('<right>', 'a YAML file, or <region>/<kind>/<name> in the workspace')
    .option('-f, --format <format>', 'text | markdown | json', 'text')
    .option('--json', 'same as --format json')
    .option('-i, --ignore <pattern>', 'ignore rule ("integrations/*: flows[*].steps[*].inputs.debugLogging") or path; repeatable', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('-w, --workspace <dir>', 'workspace folder for region references (default: current folder, else the demo)')
    .action(
      cli.run(async (left: string, right: string, opts: { format: string; json?: boolean; ignore: string[]; workspace?: string }) => {
        const format = opts.json ? 'json' : opts.format;
        if (format !== 'text' && format !== 'markdown' && format !== 'json')
          fail('INVALID_INPUT', `Unknown format "${format}".`, { hint: 'Use --format text, markdown or json.' });
        const extra = ignoreRulesOf(ignorePatterns(opts.ignore));
        let context: ServiceContext | undefined;
        const ctx = () =>
          (context ??= createLiveContext(
            createNodeDeps({ workspace: opts.workspace, env: cli.env, cwd: cli.cwd, demoSource: demoSourceIn(cli.appRoot) }),
            () => undefined,
          ));
        const [l, r] = [await resolveSide(left, cli, ctx), await resolveSide(right, cli, ctx)];
        const kind = l.kind ?? r.kind ?? 'integrations';
        const name = l.regionRef?.name ?? r.regionRef?.name ?? l.name;
        const wsIgnore = context ? ignoreRulesOf((await context.workspace()).config.ignore) : [];
        const report = maskReport(diffTexts(l.text, r.text, { kind, name, ignore: [...wsIgnore, ...extra], leftFile: l.label, rightFile: r.label, components: sideComponents(l, r) }));
        cli.out(renderReport(report, format, { kind, name, left: l.label, right: r.label }));
        return report.summary.total > 0 ? EXIT_DIFFERS : EXIT_SAME;
      }),
    );
}
