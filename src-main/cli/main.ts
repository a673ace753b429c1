/**
 * The command line: the same service in-process. Exit codes: 0 same / 1 differs / 2 error.
 * One module per command under commands/; each exports `register(program, cli)`.
 */
import { Command, CommanderError } from 'commander';
import { createCli, EXIT_ERROR, type RegisterCommand } from './kit';
import { commandModules } from './registry';

export async function main(argv: string[]): Promise<number> {
  const cli = createCli();
  const program = new Command('region-sync')
    .description('Keep an embedded-iPaaS tenant in sync across regions: drift, semantic YAML diff, checked promotion, signed air-gap bundles.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  for (const register of commandModules as RegisterCommand[]) register(program, cli);
  // Subcommands (and their own subcommands, e.g. `bundle create`) only throw instead of calling
  // process.exit(1) when exitOverride is set on each of them: usage errors must exit 2.
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  try {
    await program.parseAsync(argv, { from: 'node' });
    return cli.exitCode;
  } catch (e) {
    // Commander already printed its message (usage errors) or the help text.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_ERROR;
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_ERROR;
  }
}

main(process.argv).then(
  (code) => {
    // Let pending stdout writes drain (pipes may be asynchronous) instead of process.exit().
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT_ERROR;
  },
);
