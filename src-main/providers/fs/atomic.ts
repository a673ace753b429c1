/**
 * Durable file writes. A reader (or a crash) must only ever see the old file or the new one, never
 * half of either: write a temp file beside the target, fsync it, rename over the target (atomic on
 * one filesystem, which "beside" guarantees), then fsync the directory so the rename itself
 * survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail } from '../../core/errors';

/** Temp names start with this, so a listing can skip leftovers from a killed process. */
export const TEMP_PREFIX = '.rs-tmp-';

export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

async function fsyncDir(dir: string): Promise<void> {
  // Some filesystems (and Windows) refuse fsync on a directory; the rename is still atomic there.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

export async function writeFileAtomic(absPath: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(absPath);
  const temp = join(dir, `${TEMP_PREFIX}${basename(absPath).slice(0, 64)}-${randomBytes(6).toString('hex')}`);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, absPath);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir);
}

/** Appends one line (a newline is added) and fsyncs before resolving: journals rely on it. */
export async function appendLineDurable(absPath: string, line: string): Promise<void> {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  // One record per line is what makes a torn tail detectable; an embedded newline would split it.
  if (body.includes('\n')) fail('INVALID_INPUT', 'A journal line may not contain a newline.');
  const handle = await open(absPath, 'a', 0o644);
  let created = false;
  try {
    created = (await handle.stat()).size === 0;
    await handle.appendFile(`${body}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // A new file's directory entry must be durable too, or the whole journal can vanish.
  if (created) await fsyncDir(dirname(absPath));
}
