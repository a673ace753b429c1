/**
 * Reading and writing the files of one folder region. Every read is strict (size cap, UTF-8,
 * no binary) and every error names the file as the user knows it (relative to the workspace) and,
 * for a bad field, its line. Every write is atomic.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { AppFailure, appError, fail } from '../../core/errors';
import { dumpYaml, parseYaml, type ParsedYaml } from '../../core/yaml/codec';
import type { PathSegment } from '../../core/diff/types';
import { isTempName, writeFileAtomic } from '../fs/atomic';
import { resolveInside } from '../fs/file-store';
import { ioError, readTextStrict } from '../fs/read';

export class FolderFiles {
  /** Absolute directory of the region. */
  readonly dir: string;
  /** How the directory is shown in errors (e.g. `regions/us`). */
  readonly display: string;

  constructor(dir: string, display: string) {
    this.dir = dir;
    this.display = display.replace(/\/+$/, '');
  }

  name(rel: string): string {
    return `${this.display}/${rel}`;
  }

  abs(rel: string): string {
    return resolveInside(this.dir, rel);
  }

  /** The text of a file, or null when it does not exist; any other problem throws a coded error. */
  async readText(rel: string): Promise<string | null> {
    const read = await readTextStrict(this.abs(rel), { displayName: this.name(rel) });
    if (read.ok) return read.value;
    if (read.error.code === 'NOT_FOUND') return null;
    throw new AppFailure(read.error);
  }

  parse(rel: string, text: string): ParsedYaml {
    const parsed = parseYaml(text, { file: this.name(rel) });
    if (!parsed.ok) throw new AppFailure(parsed.error);
    return parsed.value;
  }

  /** Validates a parsed file against its schema; the error points at the line of the bad field. */
  validate<S extends z.ZodType>(rel: string, parsed: ParsedYaml, schema: S): z.infer<S> {
    const result = schema.safeParse(parsed.value ?? {});
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const full = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path;
    const segments: PathSegment[] = full.map((p) => (typeof p === 'number' ? { type: 'index', index: p } : { type: 'key', key: p }));
    let line: number | undefined;
    for (let n = segments.length; n >= 0 && line === undefined; n--) line = parsed.lineOf(segments.slice(0, n));
    const where = full.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(top level)';
    const message = issue.code === 'unrecognized_keys' ? `unknown field "${issue.keys[0]}"` : issue.message;
    throw new AppFailure(
      appError('INVALID_INPUT', `${this.name(rel)}: ${where}: ${message}`, {
        file: this.name(rel),
        line,
        hint: 'Fix that field; see design.md "Folder region layout" for the format of each file.',
      }),
    );
  }

  async readValidated<S extends z.ZodType>(rel: string, schema: S): Promise<z.infer<S> | null> {
    const text = await this.readText(rel);
    if (text === null) return null;
    return this.validate(rel, this.parse(rel, text), schema);
  }

  /** File and folder names directly under `rel`, sorted, without temp leftovers or hidden files. */
  async list(rel: string, opts: { dirs?: boolean } = {}): Promise<string[]> {
    const full = rel ? this.abs(rel) : this.dir;
    try {
      const entries = await readdir(full, { withFileTypes: true });
      return entries
        .filter((e) => !isTempName(e.name) && !e.name.startsWith('.') && (opts.dirs ? e.isDirectory() : e.isFile()))
        .map((e) => e.name)
        .sort();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw new AppFailure(ioError(e, this.name(rel)));
    }
  }

  async writeText(rel: string, text: string | Uint8Array): Promise<void> {
    const full = this.abs(rel);
    try {
      await mkdir(dirname(full), { recursive: true });
      await writeFileAtomic(full, text);
    } catch (e) {
      throw new AppFailure(ioError(e, this.name(rel)));
    }
  }

  writeYaml(rel: string, value: unknown): Promise<void> {
    return this.writeText(rel, dumpYaml(value));
  }
}

export function notAFolder(display: string): never {
  fail('REGION_UNREACHABLE', `Folder region ${display} does not exist or is not a folder.`, {
    file: display,
    hint: 'Check the region path in region-sync.yaml (relative to the workspace folder), or create the folder.',
  });
}
