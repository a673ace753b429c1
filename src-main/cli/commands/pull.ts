/**
 * `pull [region…]`: refresh the snapshots of the workspace's regions (all by default), progress
 * per region on stderr. Headless use like prism: with PRISMATIC_URL + PRISM_REFRESH_TOKEN and no
 * workspace, pull that one stack and print its summary (or, with --format json, the snapshot).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { fail, formatError } from '../../core/errors';
import type { RegionConfig, Snapshot } from '../../core/model';
import { findPublicStack } from '../../core/stacks';
import type { ApiEvent } from '../../api/contract';
import type { PullRegionResult } from '../../api/views';
import { createPrismaticProvider, type PrismaticProvider } from '../../providers/prismatic';
import { MemorySecretStore } from '../../secrets/memory-store';
import { envStack } from '../../secrets/token-source';
import { EXIT_ERROR, EXIT_SAME, valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';

const CONFIG_FILE = 'region-sync.yaml';

/**
 * The stack named by prism's environment variables, when no workspace is in play (no --workspace
 * and no region-sync.yaml in the current folder); undefined otherwise.
 */
export function envProvider(cli: Cli, workspace: string | undefined): PrismaticProvider | undefined {
  if (workspace !== undefined || existsSync(path.join(cli.cwd, CONFIG_FILE))) return undefined;
  const stack = envStack(cli.env);
  if (!stack) return undefined;
  const region: RegionConfig = {
    id: findPublicStack(stack.url)?.id ?? 'env',
    kind: 'prismatic',
    url: stack.url,
    ...(stack.tenant ? { tenant: stack.tenant } : {}),
  };
  return createPrismaticProvider(region, { workspaceId: 'env', secrets: new MemorySecretStore(), env: cli.env });
}

export function summaryLine(r: PullRegionResult): string {
  if (!r.ok) return `${r.region}: failed — ${r.error ? formatError(r.error) : 'unknown error'}`;
  const c = r.counts;
  return `${r.region}: ${c?.components ?? 0} components, ${c?.integrations ?? 0} integrations, ${c?.customers ?? 0} customers, ${c?.instances ?? 0} instances (captured ${r.capturedAt})`;
}

async function pullFromEnv(cli: Cli, provider: PrismaticProvider, format: string): Promise<number> {
  const listeners = new Set<(e: ApiEvent) => void>();
  const stop = showProgress({ onEvent: (l) => (listeners.add(l), () => listeners.delete(l)) }, cli);
  let snapshot: Snapshot;
  try {
    snapshot = await provider.pull({ progress: (p) => listeners.forEach((l) => l({ type: 'progress', opId: 'pull', ...p })) });
  } finally {
    stop();
  }
  if (format === 'json') cli.out(JSON.stringify(snapshot, null, 2));
  else
    cli.out(
      summaryLine({
        region: `${snapshot.regionId} (${snapshot.source.url}${snapshot.source.org ? `, org ${snapshot.source.org}` : ''})`,
        ok: true,
        capturedAt: snapshot.capturedAt,
        counts: { components: snapshot.components.length, integrations: snapshot.integrations.length, customers: snapshot.customers.length, instances: snapshot.instances.length },
      }),
    );
  return EXIT_SAME;
}

export function register(program: Command, cli: Cli): void {
  program
    .command('pull')
    .description("refresh snapshots of the workspace's regions (all by default); with PRISMATIC_URL + PRISM_REFRESH_TOKEN and no workspace, pull that stack")
    .argument('[regions...]', 'region ids (default: every region)')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder)')
    .option('-f, --format <format>', 'text | json', 'text')
    .option('--json', 'same as --format json')
    .action(
      cli.run(async (regions: string[], opts: { workspace?: string; format: string; json?: boolean }) => {
        const format = opts.json ? 'json' : opts.format;
        if (format !== 'text' && format !== 'json') fail('INVALID_INPUT', `Unknown format "${format}".`, { hint: 'Use --format text or json.' });
        const fromEnv = envProvider(cli, opts.workspace);
        if (fromEnv) {
          if (regions.length) fail('INVALID_INPUT', 'Region ids need a workspace; with PRISMATIC_URL alone, pull takes no region.', { hint: 'Run it in a workspace folder or pass --workspace.' });
          return pullFromEnv(cli, fromEnv, format);
        }
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        let results: PullRegionResult[];
        try {
          results = valueOf(await api.call('snapshots.pull', regions.length ? { regions } : {})).results;
        } finally {
          stop();
        }
        if (format === 'json') cli.out(JSON.stringify({ results }, null, 2));
        else cli.out(results.map(summaryLine).join('\n'));
        return results.every((r) => r.ok) ? EXIT_SAME : EXIT_ERROR;
      }),
    );
}
