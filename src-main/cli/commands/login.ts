/**
 * `login <region>`: read a Prismatic refresh token (stdin when piped, else a hidden prompt), prove
 * it works by exchanging it once against that region's stack, then file it in the OS keychain.
 * The token is never echoed, printed, logged or written to a file.
 */
import type { Command } from 'commander';
import { fail } from '../../core/errors';
import type { RegionConfig } from '../../core/model';
import type { RegionView } from '../../api/views';
import { createPrismaticProvider } from '../../providers/prismatic';
import { MemorySecretStore } from '../../secrets/memory-store';
import { EXIT_SAME, valueOf, type Cli } from '../kit';

const MAX_TOKEN_CHARS = 8192;

async function readPiped(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.length > MAX_TOKEN_CHARS * 2) break;
  }
  return text;
}

/** A prompt that echoes nothing (not even asterisks, which would reveal the length). */
function readHidden(cli: Cli, prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    cli.err(prompt);
    let text = '';
    const done = (value: string | Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(text);
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else if (text.length < MAX_TOKEN_CHARS) text += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

export function regionConfigOf(view: RegionView): RegionConfig {
  return { id: view.id, kind: view.kind, ...(view.url ? { url: view.url } : {}), ...(view.tenant ? { tenant: view.tenant } : {}) };
}

export function register(program: Command, cli: Cli): void {
  program
    .command('login')
    .description('store a Prismatic refresh token for a region in the OS keychain (read from stdin, or a hidden prompt)')
    .argument('<region>', 'region id from region-sync.yaml')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder)')
    .action(
      cli.run(async (regionId: string, opts: { workspace?: string }) => {
        const api = cli.openApi(opts.workspace);
        const ws = valueOf(await api.call('workspace.get', {}));
        const region = ws.regions.find((r) => r.id === regionId);
        if (!region) fail('NOT_FOUND', `The workspace has no region "${regionId}".`, { hint: `Known regions: ${ws.regions.map((r) => r.id).join(', ') || '(none)'}.` });
        if (region.kind !== 'prismatic' || !region.url)
          fail('INVALID_INPUT', `Region "${regionId}" is a ${region.kind} region; only Prismatic stacks take a token.`, { region: regionId });

        let raw: string;
        if (cli.stdinIsTTY) {
          try {
            raw = await readHidden(cli, `Refresh token for ${regionId} (${region.url}), input hidden: `);
          } catch {
            fail('CANCELLED', 'Login cancelled; nothing was stored.');
          }
        } else raw = await readPiped(cli.stdin);
        const token = raw.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
        if (!token) fail('INVALID_INPUT', 'No token was given.', { hint: `Pipe it in: region-sync login ${regionId} < token.txt, or run in a terminal to be prompted.` });
        if (token.length > MAX_TOKEN_CHARS || /\s/.test(token))
          fail('INVALID_INPUT', 'That does not look like a refresh token (too long, or it contains spaces).', { hint: 'Paste only the token.' });

        // Exchange once before storing: a typo should fail here, not at the next pull.
        const probe = createPrismaticProvider(regionConfigOf(region), { workspaceId: ws.id, secrets: new MemorySecretStore(), env: {} }, { refreshToken: token, source: 'keychain' });
        await probe.verify();
        valueOf(await api.call('regions.setToken', { region: regionId, token }));
        cli.out(`Token for region "${regionId}" (${region.url}) verified and stored in keychain.`);
        return EXIT_SAME;
      }),
    );
}
