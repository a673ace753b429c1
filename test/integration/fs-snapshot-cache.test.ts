import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotCache } from '../../src-main/api/service/snapshot-cache';
import { AppFailure } from '../../src-main/core/errors';
import type { Snapshot } from '../../src-main/core/model';
import { NodeFileStore } from '../../src-main/providers/fs/file-store';
import { demoSnapshot } from '../../scripts/demo/tenant';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rs-cache-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function loadError(region: string) {
  try {
    await createSnapshotCache(new NodeFileStore(root)).load(region);
  } catch (e) {
    if (e instanceof AppFailure) return e.error;
    throw e;
  }
  throw new Error('load succeeded');
}

describe('snapshot cache', () => {
  it('saves and loads a snapshot at .region-sync/snapshots/<region>.json', async () => {
    const cache = createSnapshotCache(new NodeFileStore(root));
    const snap = demoSnapshot('eu');
    expect(await cache.load('eu')).toBeNull();
    await cache.save(snap);
    expect(await cache.load('eu')).toEqual(snap);
    expect(JSON.parse(await readFile(path.join(root, '.region-sync/snapshots/eu.json'), 'utf8')).format).toBe(1);
  });

  it('never writes tokens, stray fields or secret values', async () => {
    const cache = createSnapshotCache(new NodeFileStore(root));
    const snap = demoSnapshot('us') as Snapshot & { token?: string };
    snap.token = 'prism-refresh-SECRET';
    (snap.source as unknown as Record<string, unknown>).accessToken = 'eyJ-SECRET';
    snap.instances[0].configVars.push({ key: 'Api Key', secret: 'set', value: 'sk_live_SECRET' });
    await cache.save(snap);
    const text = await readFile(path.join(root, '.region-sync/snapshots/us.json'), 'utf8');
    expect(text).not.toMatch(/SECRET/);
    const loaded = await cache.load('us');
    expect(loaded?.instances[0].configVars.at(-1)).toEqual({ key: 'Api Key', secret: 'set' });
  });

  it.each([
    ['not JSON', '{"format": 1, "snap'],
    ['the wrong shape', JSON.stringify({ format: 1, snapshot: { regionId: 'us', capturedAt: 'x' } })],
    ['an unknown format', JSON.stringify({ format: 99, snapshot: demoSnapshot('us') })],
    ['another region', JSON.stringify({ format: 1, snapshot: demoSnapshot('eu') })],
  ])('a cache file with %s is a coded error naming the file', async (_what, text) => {
    await mkdir(path.join(root, '.region-sync/snapshots'), { recursive: true });
    await writeFile(path.join(root, '.region-sync/snapshots/us.json'), text);
    const e = await loadError('us');
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.file).toBe('.region-sync/snapshots/us.json');
    expect(e.hint).toMatch(/Pull the region again/);
  });

  it('a binary cache file is YAML_BINARY, and region ids cannot make paths', async () => {
    await mkdir(path.join(root, '.region-sync/snapshots'), { recursive: true });
    await writeFile(path.join(root, '.region-sync/snapshots/us.json'), Buffer.from([0x7b, 0, 0x7d]));
    expect((await loadError('us')).code).toBe('YAML_BINARY');
    expect((await loadError('../../etc/passwd')).code).toBe('INVALID_INPUT');
  });
});
