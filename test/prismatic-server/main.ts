// `npm run stack -- --port 4100 [--seed <file>] [--refresh-token <tok>] [--latency <ms>] [--page-size <n>]`
// Starts one Prismatic-protocol stack and runs until Ctrl-C.
import { Command } from 'commander';
import { loadSeedFile } from './seed';
import { startStack } from './server';

const program = new Command('stack')
  .description('Run a local Prismatic-protocol test stack')
  .option('--port <port>', 'port on 127.0.0.1 (0 = random)', '4100')
  .option('--seed <file>', 'StackSeed YAML/JSON file (default: the built-in demo seed)')
  .option('--refresh-token <token>', 'refresh token the stack accepts (default: random)')
  .option('--latency <ms>', 'added latency per request, in milliseconds', '0')
  .option('--page-size <n>', 'default Relay page size', '20')
  .option('--org <name>', 'organization name');

async function main(): Promise<void> {
  program.parse();
  const o = program.opts<{ port: string; seed?: string; refreshToken?: string; latency: string; pageSize: string; org?: string }>();
  const stack = await startStack({
    port: Number(o.port),
    seed: o.seed ? loadSeedFile(o.seed) : undefined,
    refreshToken: o.refreshToken,
    org: o.org,
    pageSize: Number(o.pageSize),
    faults: Number(o.latency) > 0 ? { latencyMs: Number(o.latency) } : undefined,
  });
  const lines = [
    `Prismatic test stack "${stack.state.org.name}" listening on ${stack.url} (HTTP and TLS)`,
    `Refresh token: ${stack.refreshToken}`,
    '',
    'Point prism at it:',
    `  PRISMATIC_URL=${stack.url} PRISM_REFRESH_TOKEN=${stack.refreshToken} NODE_EXTRA_CA_CERTS=${stack.caCertPath} npx prism me`,
    'Point region-sync at it: a region with kind: prismatic and url: ' + stack.url + ',',
    `  with the token in the keychain, or headless: PRISMATIC_URL=${stack.url} PRISM_REFRESH_TOKEN=${stack.refreshToken}`,
    '',
    'Ctrl-C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => {
    void stack.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`stack: ${(e as Error).message}\n`);
  process.exit(2);
});
