/**
 * The FileStore port over a real directory (a workspace folder). Every path is relative and
 * `/`-separated and is checked before use, so a name that came from a file or a bundle can never
 * reach outside the root; every write is atomic (see atomic.ts).
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { AppFailure, fail, type AppError } from '../../core/errors';
import type { FileStore } from '../../api/ports';
import { appendLineDurable, isTempName, writeFileAtomic } from './atomic';
import { ioError, readTextStrict } from './read';

/**
 * Resolves `rel` under `root`, refusing anything that could escape it: absolute paths, drive
 * letters, backslashes (a separator on Windows), `.`/`..` and empty segments, NUL.
 */
export function resolveInside(root: string, rel: string): string {
  const bad = (why: string): never =>
    fail('INVALID_INPUT', `Refused path "${rel}": ${why}.`, { hint: 'Use a relative path inside the workspace, with / between folders.' });
  if (typeof rel !== 'string' || rel.length === 0) bad('it is empty');
  if (rel.includes('\0')) bad('it contains a NUL character');
  if (rel.includes('\\')) bad('it contains a backslash');
  if (rel.startsWith('/') || /^[a-zA-Z]:/.test(rel)) bad('it is absolute');
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) bad('it has an empty, "." or ".." segment');
  const base = resolve(root);
  const full = resolve(base, ...parts);
  if (full !== base && !full.startsWith(base + sep)) bad('it leaves the workspace folder');
  return full;
}

export class NodeFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async readText(path: string): Promise<string | null> {
    const full = resolveInside(this.root, path);
    const read = await readTextStrict(full, { displayName: path });
    if (read.ok) return read.value;
    if (read.error.code === 'NOT_FOUND') return null;
    throw failOf(read.error);
  }

  async writeText(path: string, text: string): Promise<void> {
    const full = resolveInside(this.root, path);
    try {
      await mkdir(dirname(full), { recursive: true });
      await writeFileAtomic(full, text);
    } catch (e) {
      throw failOf(ioError(e, path));
    }
  }

  async appendLine(path: string, line: string): Promise<void> {
    const full = resolveInside(this.root, path);
    try {
      await mkdir(dirname(full), { recursive: true });
      await appendLineDurable(full, line);
    } catch (e) {
      if (isAppFailure(e)) throw e;
      throw failOf(ioError(e, path));
    }
  }

  /** Entry names directly under `dir` (files and folders), sorted; [] when it does not exist. */
  async list(dir: string): Promise<string[]> {
    const full = dir === '' || dir === '.' ? this.root : resolveInside(this.root, dir);
    try {
      const names = await readdir(full);
      return names.filter((n) => !isTempName(n)).sort();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw failOf(ioError(e, dir));
    }
  }

  async remove(path: string): Promise<void> {
    const full = resolveInside(this.root, path);
    try {
      await rm(full, { force: true });
    } catch (e) {
      throw failOf(ioError(e, path));
    }
  }
}

function failOf(error: AppError): AppFailure {
  return new AppFailure(error);
}

function isAppFailure(e: unknown): e is AppFailure {
  return e instanceof AppFailure;
}

