import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../src-main/core/errors';
import { appendLineDurable, writeFileAtomic } from '../../src-main/providers/fs/atomic';
import { NodeFileStore, resolveInside } from '../../src-main/providers/fs/file-store';
import { readTextStrict } from '../../src-main/providers/fs/read';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rs-fs-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.error.code;
    return `thrown:${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
  return 'no error';
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFileAtomic(file, 'one\n');
    await writeFileAtomic(file, 'two\n');
    expect(await readFile(file, 'utf8')).toBe('two\n');
    expect(await readdir(dir)).toEqual(['a.yaml']);
  });

  it('a failing write leaves the old file intact and removes its temp file', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFileAtomic(file, 'old\n');
    // Renaming a file over a directory fails after the temp file was written.
    const target = path.join(dir, 'sub');
    await mkdir(target);
    await writeFile(path.join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old\n');
    expect((await readdir(dir)).sort()).toEqual(['a.yaml', 'sub']);
  });

  // root ignores permissions, so this one only runs as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('fails without touching anything when the folder is not writable', async () => {
    const file = path.join(dir, 'a.yaml');
    await writeFileAtomic(file, 'old\n');
    await chmod(dir, 0o555);
    await expect(writeFileAtomic(file, 'new\n')).rejects.toThrow();
    await chmod(dir, 0o755);
    expect(await readFile(file, 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['a.yaml']);
  });
});

describe('appendLineDurable', () => {
  it('appends whole lines and refuses a line with a newline inside', async () => {
    const file = path.join(dir, 'journal.jsonl');
    await appendLineDurable(file, '{"a":1}');
    await appendLineDurable(file, '{"b":2}\n');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(await codeOf(appendLineDurable(file, 'x\ny'))).toBe('INVALID_INPUT');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe('readTextStrict', () => {
  const read = async (bytes: Uint8Array | string, maxBytes?: number) => {
    const file = path.join(dir, 'in.yaml');
    await writeFile(file, bytes);
    return readTextStrict(file, { displayName: 'regions/us/in.yaml', ...(maxBytes ? { maxBytes } : {}) });
  };

  it('reads UTF-8 and strips a BOM', async () => {
    const r = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name: Zürich 日本\n')]));
    expect(r).toEqual({ ok: true, value: 'name: Zürich 日本\n' });
  });

  it('bad UTF-8 is YAML_ENCODING naming the file (not silently U+FFFD)', async () => {
    const r = await read(Buffer.from([0x6e, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('YAML_ENCODING');
      expect(r.error.file).toBe('regions/us/in.yaml');
      expect(r.error.message).toContain('regions/us/in.yaml');
    }
  });

  it('binary (NUL bytes, UTF-16) is YAML_BINARY', async () => {
    const r = await read(Buffer.from('name: x\n', 'utf16le'));
    expect(r.ok || r.error.code).toBe('YAML_BINARY');
  });

  it('an oversize file is YAML_TOO_LARGE, checked before reading', async () => {
    const r = await read('x'.repeat(2000), 1000);
    expect(r.ok || [r.error.code, r.error.details?.size]).toEqual(['YAML_TOO_LARGE', 2000]);
  });

  it('a missing file is NOT_FOUND', async () => {
    const r = await readTextStrict(path.join(dir, 'nope.yaml'));
    expect(r.ok || r.error.code).toBe('NOT_FOUND');
  });
});

describe('NodeFileStore', () => {
  it('writes, reads, appends, lists and removes inside its root', async () => {
    const store = new NodeFileStore(dir);
    await store.writeText('.region-sync/snapshots/us.json', '{}');
    await store.appendLine('.region-sync/runs/r1/journal.jsonl', '{"step":"a"}');
    expect(await store.readText('.region-sync/snapshots/us.json')).toBe('{}');
    expect(await store.readText('.region-sync/snapshots/eu.json')).toBeNull();
    expect(await store.list('.region-sync')).toEqual(['runs', 'snapshots']);
    expect(await store.list('missing')).toEqual([]);
    await store.remove('.region-sync/snapshots/us.json');
    expect(await store.readText('.region-sync/snapshots/us.json')).toBeNull();
  });

  it.each(['../outside.txt', 'a/../../outside.txt', '/etc/passwd', 'a\\..\\b', 'C:/x', 'a//b', './a', 'a/\0b', ''])(
    'refuses the path %j',
    async (p) => {
      const store = new NodeFileStore(path.join(dir, 'ws'));
      expect(await codeOf(store.writeText(p, 'x'))).toBe('INVALID_INPUT');
      expect(await codeOf(store.readText(p))).toBe('INVALID_INPUT');
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('resolveInside keeps nested paths under the root', () => {
    expect(resolveInside('/tmp/ws', 'a/b.yaml')).toBe(path.resolve('/tmp/ws/a/b.yaml'));
  });

  it('reading a hostile file gives its coded error', async () => {
    await writeFile(path.join(dir, 'bin.yaml'), Buffer.from([1, 0, 2]));
    expect(await codeOf(new NodeFileStore(dir).readText('bin.yaml'))).toBe('YAML_BINARY');
  });
});
