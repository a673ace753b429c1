/** `logout <region>`: remove the region's token from the OS keychain. */
import type { Command } from 'commander';
import { EXIT_SAME, valueOf, type Cli } from '../kit';

export function register(program: Command, cli: Cli): void {
  program
    .command('logout')
    .description("remove a region's Prismatic token from the OS keychain")
    .argument('<region>', 'region id from region-sync.yaml')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder)')
    .action(
      cli.run(async (regionId: string, opts: { workspace?: string }) => {
        const api = cli.openApi(opts.workspace);
        const { removed } = valueOf(await api.call('regions.clearToken', { region: regionId }));
        cli.out(removed ? `Token for region "${regionId}" removed from keychain.` : `No token was stored for region "${regionId}".`);
        return EXIT_SAME;
      }),
    );
}
