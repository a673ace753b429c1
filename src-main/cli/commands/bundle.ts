/**
 * `bundle create|inspect|verify|apply|key`: signed bundles for crossing an air gap. inspect and
 * verify need no network; verify can trust a public key file instead of the workspace's signers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { BundleInspection } from '../../api/bundle-views';
import { ensureSigningKey } from '../../api/promotion/bundle-keys';
import { requireVerified } from '../../api/promotion/bundle-handlers';
import { createLiveContext } from '../../api/service/live-context';
import { createNodeDeps, demoSourceIn } from '../../composition/node-deps';
import { fail } from '../../core/errors';
import { createBundleIO } from '../../providers/bundle';
import { EXIT_ERROR, EXIT_SAME, valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';
import { installCrashHook, readPlanFile, reportRun } from './apply';
import { mayProceed } from './promote';

function printInspection(cli: Cli, i: BundleInspection): void {
  const m = i.manifest;
  cli.out(`Bundle ${i.path}`);
  cli.out(`  from ${m.source.region}${m.source.org ? ` (org ${m.source.org})` : ''} to ${m.target.join(', ')}, sequence ${m.sequence}, created ${m.createdAt}`);
  cli.out(`  plan ${m.planHash.slice(0, 12)}, ${m.files.length} file(s)`);
  cli.out(`  signature: ${i.signature.valid ? `valid, by trusted signer ${i.signature.signer}` : `NOT VALID (${i.signature.reason ?? 'unknown'})`}`);
  cli.out(`  files: ${i.intact ? 'all match the manifest' : 'DO NOT MATCH the manifest'}`);
  for (const p of i.problems) cli.out(`  problem: ${p}`);
  for (const s of i.planSummary) cli.out(`  step: ${s}`);
}

export function register(program: Command, cli: Cli): void {
  const bundle = program.command('bundle').description('signed bundles for crossing an air gap');
  const ws = (c: Command) => c.option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)');

  ws(bundle.command('create').description('sign a reviewed plan and the source items it needs into a bundle'))
    .requiredOption('--plan <file>', 'plan.json from region-sync plan --out')
    .requiredOption('--out <file>', 'bundle to write (.rsb)')
    .action(
      cli.run(async (opts: { plan: string; out: string; workspace?: string }) => {
        const plan = await readPlanFile(cli, opts.plan);
        const created = valueOf(await cli.openApi(opts.workspace).call('bundle.create', { plan, out: path.resolve(cli.cwd, opts.out) }));
        cli.out(`Wrote ${created.path} (sequence ${created.manifest.sequence}, signed by ${created.manifest.signer}, ${created.manifest.files.length} files).`);
        return EXIT_SAME;
      }),
    );

  ws(bundle.command('inspect').description('show what a bundle holds and whether it verifies (no network)'))
    .argument('<bundle>', '.rsb file')
    .option('--json', 'print JSON')
    .action(
      cli.run(async (file: string, opts: { workspace?: string; json?: boolean }) => {
        const i = valueOf(await cli.openApi(opts.workspace).call('bundle.inspect', { path: path.resolve(cli.cwd, file) }));
        if (opts.json) cli.out(JSON.stringify(i, null, 2));
        else printInspection(cli, i);
        return i.signature.valid && i.intact ? EXIT_SAME : EXIT_ERROR;
      }),
    );

  bundle
    .command('verify')
    .description('verify a bundle against a public key file (no workspace, no network)')
    .argument('<bundle>', '.rsb file')
    .requiredOption('--trust <file>', 'public key (PEM) of the expected signer')
    .action(
      cli.run(async (file: string, opts: { trust: string }) => {
        const key = await readFile(path.resolve(cli.cwd, opts.trust), 'utf8').catch(() => fail('NOT_FOUND', `There is no key file ${opts.trust}.`, { file: opts.trust }));
        const io = createBundleIO();
        const peek = await io.inspect(path.resolve(cli.cwd, file), {});
        const inspection = await io.inspect(path.resolve(cli.cwd, file), { [peek.manifest.signer]: key });
        requireVerified(inspection);
        cli.out(`OK: ${file} is signed by ${inspection.manifest.signer} with the given key and every file matches its manifest.`);
        return EXIT_SAME;
      }),
    );

  ws(bundle.command('apply').description('verify a bundle and apply it to a region here (journaled, resumable)'))
    .argument('<bundle>', '.rsb file')
    .requiredOption('--to <region>', 'target region')
    .option('-y, --yes', 'apply without asking')
    .action(
      cli.run(async (file: string, opts: { to: string; yes?: boolean; workspace?: string }) => {
        installCrashHook(cli.env);
        const api = cli.openApi(opts.workspace);
        const i = valueOf(await api.call('bundle.inspect', { path: path.resolve(cli.cwd, file) }));
        printInspection(cli, i);
        if (!(await mayProceed(cli, opts.yes, `Apply bundle ${i.manifest.sequence} to ${opts.to}?`))) return EXIT_ERROR;
        const stop = showProgress(api, cli);
        try {
          return reportRun(cli, valueOf(await api.call('bundle.apply', { path: path.resolve(cli.cwd, file), to: opts.to })));
        } finally {
          stop();
        }
      }),
    );

  ws(bundle.command('key').description('print this workspace’s bundle signing public key (made on first use)')).action(
    cli.run(async (opts: { workspace?: string }) => {
      const deps = { ...createNodeDeps({ workspace: opts.workspace, env: cli.env, cwd: cli.cwd, demoSource: demoSourceIn(cli.appRoot) }), bundles: createBundleIO() };
      const ctx = createLiveContext(deps, () => undefined);
      const key = await ensureSigningKey(ctx);
      cli.out(`# signer: ${key.signer}`);
      cli.out(key.publicKeyPem.trim());
      return EXIT_SAME;
    }),
  );
}
