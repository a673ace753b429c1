/** `whoami [region]`: who a region's token logs in as, like `prism me`. */
import type { Command } from 'commander';
import { fail } from '../../core/errors';
import type { RegionIdentityView } from '../../api/views';
import { EXIT_SAME, valueOf, type Cli } from '../kit';
import { envProvider } from './pull';

export function identityText(v: RegionIdentityView): string {
  const rows: Array<[string, string | undefined]> = [
    ['Region', v.region],
    ['Name', v.name],
    ['Email', v.email],
    ['Organization', v.org],
    ['Tenant ID', v.tenant],
    ['Endpoint URL', v.endpoint],
    ['Authentication source', v.authSource === 'keychain' ? 'OS keychain' : 'environment (PRISM_REFRESH_TOKEN)'],
  ];
  return rows
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([k, value]) => `${k}: ${value}`)
    .join('\n');
}

export function register(program: Command, cli: Cli): void {
  program
    .command('whoami')
    .description("show who a region's token logs in as (name, email, org, tenant, endpoint, auth source)")
    .argument('[region]', 'region id (optional with PRISMATIC_URL + PRISM_REFRESH_TOKEN and no workspace)')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder)')
    .option('--json', 'print JSON')
    .action(
      cli.run(async (regionId: string | undefined, opts: { workspace?: string; json?: boolean }) => {
        let view: RegionIdentityView;
        const fromEnv = regionId === undefined ? envProvider(cli, opts.workspace) : undefined;
        if (fromEnv) {
          const who = await fromEnv.whoami();
          view = { region: fromEnv.region.id, authSource: 'env', ...who };
          delete (view as { orgId?: string }).orgId;
        } else {
          if (regionId === undefined) fail('INVALID_INPUT', 'Which region?', { hint: 'Give a region id, or set PRISMATIC_URL and PRISM_REFRESH_TOKEN outside a workspace.' });
          view = valueOf(await cli.openApi(opts.workspace).call('regions.whoami', { region: regionId }));
        }
        cli.out(opts.json ? JSON.stringify(view, null, 2) : identityText(view));
        return EXIT_SAME;
      }),
    );
}
