/**
 * Which workspace to open: an explicit folder (or its region-sync.yaml), else the current folder
 * when it has one, else the demo. The demo is copied to a per-user folder first, so promotions and
 * pulls never modify the read-only resources/demo that ships with the app.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fail } from '../core/errors';

export const CONFIG_FILE = 'region-sync.yaml';

export interface LocateOptions {
  cwd?: string;
  /** The demo shipped with the app (resources/demo). */
  demoSource?: string;
  env?: NodeJS.ProcessEnv;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Candidate per-user data folders, best first. */
export function userDataDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  if (env.XDG_DATA_HOME) dirs.push(path.join(env.XDG_DATA_HOME, 'region-sync'));
  else if (process.platform === 'darwin') dirs.push(path.join(homedir(), 'Library', 'Application Support', 'region-sync'));
  else if (process.platform === 'win32' && env.APPDATA) dirs.push(path.join(env.APPDATA, 'region-sync'));
  else dirs.push(path.join(homedir(), '.local', 'share', 'region-sync'));
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): a shared name is still better than failing.
  }
  dirs.push(path.join(tmpdir(), `region-sync-${user}`));
  return dirs;
}

/** Copies the demo once into a writable place; returns its folder. */
export function ensureDemoCopy(demoSource: string, env: NodeJS.ProcessEnv): string {
  if (!isFile(path.join(demoSource, CONFIG_FILE)))
    fail('WORKSPACE_NOT_FOUND', `The demo workspace is missing (${demoSource}).`, {
      hint: 'Reinstall the app, or pass --workspace with a folder holding region-sync.yaml.',
    });
  const problems: string[] = [];
  for (const base of userDataDirs(env)) {
    const target = path.join(base, 'demo');
    if (isFile(path.join(target, CONFIG_FILE))) return target;
    try {
      mkdirSync(base, { recursive: true });
      // Copy beside the target and rename, so an interrupted copy never looks like a complete demo.
      const staging = path.join(base, `.demo-${process.pid}-${Date.now()}`);
      cpSync(demoSource, staging, { recursive: true });
      try {
        renameSync(staging, target);
      } catch (e) {
        rmSync(staging, { recursive: true, force: true });
        // Another process won the race: its copy is just as good.
        if (!isFile(path.join(target, CONFIG_FILE))) throw e;
      }
      return target;
    } catch (e) {
      problems.push(`${base}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  fail('IO_ERROR', 'No writable folder for the demo workspace.', { hint: problems.join('; ') });
}

export function locateWorkspace(requested: string | undefined, opts: LocateOptions): { root: string; isDemo: boolean } {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  if (requested !== undefined) {
    const p = path.resolve(cwd, requested);
    if (isFile(p)) return { root: path.dirname(p), isDemo: false };
    if (isDir(p)) {
      if (!isFile(path.join(p, CONFIG_FILE)))
        fail('WORKSPACE_NOT_FOUND', `${p} has no ${CONFIG_FILE}.`, { file: path.join(p, CONFIG_FILE), hint: 'Pass the folder that holds region-sync.yaml.' });
      return { root: p, isDemo: false };
    }
    fail('WORKSPACE_NOT_FOUND', `No such workspace folder: ${p}.`, { hint: 'Pass a folder holding region-sync.yaml (or the file itself).' });
  }
  if (isFile(path.join(cwd, CONFIG_FILE))) return { root: path.resolve(cwd), isDemo: false };
  if (!opts.demoSource)
    fail('WORKSPACE_NOT_FOUND', `No ${CONFIG_FILE} in ${cwd}, and no demo is available.`, { hint: 'Pass --workspace with a folder holding region-sync.yaml.' });
  return { root: ensureDemoCopy(opts.demoSource, env), isDemo: true };
}
