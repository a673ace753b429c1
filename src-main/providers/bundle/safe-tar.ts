/**
 * Reading an untrusted tar safely (baselines.md §4): npm `tar` skips `..` entries and strips a
 * leading `/` but still *resolves* the promise and only reports through `onwarn`; it creates
 * symlinks (with stripped targets) and hardlinks. So nothing in an entry is trusted before it is
 * listed and checked: only plain files and folders, relative paths without `..`, a size and a
 * count cap; then extraction into a fresh temp dir with links filtered out and any warning
 * treated as a rejection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { AppFailure, appError, fail } from '../../core/errors';

export const MAX_ENTRY_BYTES = 50 * 1024 * 1024;
export const MAX_ENTRIES = 10_000;

export interface ListedEntry {
  path: string;
  type: string;
  size: number;
}

function unsafe(file: string, entry: string, why: string): AppFailure {
  return new AppFailure(
    appError('BUNDLE_UNSAFE_ENTRY', `The bundle has an unsafe entry "${entry.slice(0, 200)}": ${why}. Nothing was extracted.`, {
      file,
      hint: 'Do not use this bundle; ask its sender for a new one made with region-sync bundle create.',
    }),
  );
}

/** Why a path may not be used, or undefined when it is a plain relative path. */
export function pathProblem(p: string): string | undefined {
  if (p.length === 0) return 'it has an empty name';
  if (p.includes('\0')) return 'its name contains NUL';
  if (p.includes('\\')) return 'its name contains a backslash';
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) return 'its path is absolute';
  const parts = p.replace(/\/+$/, '').split('/');
  if (parts.some((s) => s === '..')) return "its path contains '..'";
  if (parts.some((s) => s === '' || s === '.')) return 'its path has an empty or "." segment';
  return undefined;
}

/** Lists every entry and refuses the archive at the first unsafe one. */
export async function listChecked(file: string): Promise<ListedEntry[]> {
  const entries: ListedEntry[] = [];
  const warnings: string[] = [];
  let problem: AppFailure | undefined;
  const seen = new Set<string>();
  try {
    await tar.t({
      file,
      onwarn: (code, message) => void warnings.push(`${code}: ${message}`),
      onReadEntry: (entry) => {
        entry.resume();
        if (problem) return;
        const p = entry.path;
        const type = entry.type;
        if (entries.length >= MAX_ENTRIES) problem = unsafe(file, p, `the bundle has more than ${MAX_ENTRIES} entries`);
        else if (type !== 'File' && type !== 'Directory') problem = unsafe(file, p, `it is a ${type}, and bundles hold only files and folders`);
        else if (pathProblem(p)) problem = unsafe(file, p, pathProblem(p) as string);
        else if ((entry.size ?? 0) > MAX_ENTRY_BYTES) problem = unsafe(file, p, `it is ${entry.size} bytes (limit ${MAX_ENTRY_BYTES})`);
        else if (type === 'File' && seen.has(p)) problem = unsafe(file, p, 'it appears twice');
        else {
          seen.add(p);
          entries.push({ path: p.replace(/\/+$/, ''), type, size: entry.size ?? 0 });
        }
      },
    });
  } catch (e) {
    fail('BUNDLE_INVALID', `${path.basename(file)} is not a readable bundle: ${(e as Error).message}`, { file, hint: 'Check that the file is a .rsb made by region-sync bundle create.' });
  }
  if (problem) throw problem;
  if (warnings.length) throw unsafe(file, '(archive)', `reading it warned: ${warnings[0]}`);
  if (entries.length === 0) fail('BUNDLE_INVALID', `${path.basename(file)} is empty or not a tar archive.`, { file, hint: 'Check that the file is a .rsb made by region-sync bundle create.' });
  return entries;
}

/**
 * Extracts a listed-and-checked archive into a fresh temp dir and returns it. On any warning the
 * dir is removed and the bundle refused. The caller removes the dir when done.
 */
export async function extractChecked(file: string): Promise<string> {
  await listChecked(file);
  const dir = await mkdtemp(path.join(tmpdir(), 'region-sync-bundle-'));
  const warnings: string[] = [];
  try {
    await tar.x({
      file,
      cwd: dir,
      // Never preservePaths; links are dropped even though listing already refused them.
      filter: (_p, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory'),
      onwarn: (code, message) => void warnings.push(`${code}: ${message}`),
      preserveOwner: false,
      noMtime: true,
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    fail('BUNDLE_INVALID', `${path.basename(file)} could not be extracted: ${(e as Error).message}`, { file });
  }
  if (warnings.length) {
    await rm(dir, { recursive: true, force: true });
    throw unsafe(file, '(archive)', `extracting it warned: ${warnings[0]}`);
  }
  return dir;
}
