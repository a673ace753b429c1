/**
 * What every command module gets: output streams, the environment, a way to open the API on a
 * workspace, and `run`, which turns a command's outcome into the exit code (0 same / 1 differs /
 * 2 error) and prints errors as one clear message (never a stack).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createApi, type Api } from '../api/dispatch';
import type { Reply, OperationName, Results } from '../api/contract';
import type { SecretStore } from '../api/ports';
import { AppFailure, formatError, toAppError, type AppError } from '../core/errors';
import { findAppRoot } from '../composition/app-root';
import { createNodeDeps, demoSourceIn } from '../composition/node-deps';

export const EXIT_SAME = 0;
export const EXIT_DIFFERS = 1;
export const EXIT_ERROR = 2;

export interface Cli {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The app folder (package.json, dist/, resources/). */
  appRoot: string;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  stdin: NodeJS.ReadableStream;
  /** The API on a workspace (default: cwd's, else the demo). */
  openApi(workspace?: string): Api;
  /** Wraps a command action: its return value becomes the exit code; a failure prints and exits 2. */
  run<A extends unknown[]>(fn: (...args: A) => Promise<number>): (...args: A) => Promise<void>;
  exitCode: number;
}

/** Unwraps a reply or throws its error, for commands that stop at the first failure. */
export function valueOf<Op extends OperationName>(reply: Reply<Op>): Results[Op] {
  if (!reply.ok) throw new AppFailure(reply.error);
  return reply.value;
}

export type RegisterCommand = (program: Command, cli: Cli) => void;

function moduleDir(): string {
  // Bundled: dist/cli.mjs; from source (tsx): src-main/cli/kit.ts. Both lead up to the app root.
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return process.cwd();
  }
}

export function createCli(opts: { secrets?: SecretStore; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Cli {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const appRoot = env.REGION_SYNC_APP_ROOT ?? findAppRoot(moduleDir()) ?? cwd;
  const cli: Cli = {
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env,
    cwd,
    appRoot,
    stdinIsTTY: !!process.stdin.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    stdin: process.stdin,
    openApi: (workspace) => createApi(createNodeDeps({ workspace, env, cwd, demoSource: demoSourceIn(appRoot), ...(opts.secrets && { secrets: opts.secrets }) })),
    run: (fn) => async (...args) => {
      try {
        cli.exitCode = await fn(...args);
      } catch (e) {
        reportError(cli, toAppError(e));
        cli.exitCode = EXIT_ERROR;
      }
    },
    exitCode: 0,
  };
  return cli;
}

export function reportError(cli: Pick<Cli, 'err'>, e: AppError): void {
  cli.err(`error: ${formatError(e)}`);
}
