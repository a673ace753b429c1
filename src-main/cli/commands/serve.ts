/** `serve`: the app's UI for a browser, from the loopback host, until Ctrl-C. */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { startHttpHost } from '../../hosts/http';
import { EXIT_SAME, valueOf, type Cli } from '../kit';
import { openBrowser } from '../open-browser';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (s: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(s);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

export function register(program: Command, cli: Cli): void {
  program
    .command('serve')
    .description('serve the app to a browser from a loopback host (127.0.0.1, random port, per-launch token)')
    .option('-w, --workspace <dir>', 'workspace folder (holding region-sync.yaml); default: current folder, else the demo')
    .option('-p, --port <n>', 'port to listen on (default: a random free port)', parsePort)
    .option('--no-open', 'do not open the browser')
    .action(
      cli.run(async (opts: { workspace?: string; port?: number; open: boolean }) => {
        const api = cli.openApi(opts.workspace);
        // Open the workspace now, so a broken config fails here with its file and line, not in the browser.
        valueOf(await api.call('workspace.get', {}));
        const host = await startHttpHost(api, { port: opts.port, staticDir: path.join(cli.appRoot, 'dist', 'renderer') });
        cli.out(host.url);
        if (opts.open) openBrowser(host.url, (m) => cli.err(`note: ${m}`));
        await waitForSignal();
        await host.close();
        return EXIT_SAME;
      }),
    );
}
