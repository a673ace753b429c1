/**
 * A folder region: a directory laid out like an export (a git repo of YAML, the offline side of
 * an air gap, the demo). Writes to one folder are serialized across every provider instance in
 * this process, because each is a read-modify-write of a file.
 */
import { isAbsolute, resolve } from 'node:path';
import type { OpContext, RegionIdentity, RegionProvider } from '../../api/ports';
import { fail } from '../../core/errors';
import type { RegionConfig, Snapshot } from '../../core/model';
import type { RegionWrite, WriteOutcome } from '../../core/plan/types';
import { FolderFiles } from './folder-io';
import { assertFolder, pullFolder, readRegionFile } from './read-region';
import { applyWrite } from './write-ops';

export interface FolderProviderEnv {
  workspaceRoot: string;
  /** The clock for capture and publish times; tests pass a fixed one. */
  now?: () => Date;
}

const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

function checkCancelled(ctx?: OpContext): void {
  if (ctx?.signal?.aborted) fail('CANCELLED', 'Cancelled.');
}

export class FolderProvider implements RegionProvider {
  readonly region: RegionConfig;
  private readonly files: FolderFiles;
  private readonly now: () => Date;

  constructor(region: RegionConfig, env: FolderProviderEnv) {
    if (!region.path)
      fail('WORKSPACE_INVALID', `Folder region "${region.id}" has no path.`, { region: region.id, hint: 'Add `path:` to the region in region-sync.yaml.' });
    this.region = region;
    const dir = isAbsolute(region.path) ? resolve(region.path) : resolve(env.workspaceRoot, region.path);
    this.files = new FolderFiles(dir, region.path);
    this.now = env.now ?? (() => new Date());
  }

  /** Absolute directory of the region. */
  get dir(): string {
    return this.files.dir;
  }

  async pull(ctx?: OpContext): Promise<Snapshot> {
    checkCancelled(ctx);
    ctx?.progress?.({ phase: 'reading folder', done: 0 });
    const snapshot = await serialized(this.dir, () => pullFolder(this.files, this.region, this.now()));
    ctx?.progress?.({
      phase: 'reading folder',
      done: 1,
      total: 1,
      message: `${snapshot.integrations.length} integrations, ${snapshot.instances.length} instances`,
    });
    return snapshot;
  }

  async whoami(ctx?: OpContext): Promise<RegionIdentity> {
    checkCancelled(ctx);
    await assertFolder(this.files);
    const meta = await readRegionFile(this.files);
    const org = meta.org ?? this.region.org;
    const tenant = meta.tenant ?? this.region.tenant;
    return { endpoint: this.dir, ...(org ? { org } : {}), ...(tenant ? { tenant } : {}), name: meta.label ?? this.region.label ?? this.region.id };
  }

  async write(w: RegionWrite, ctx?: OpContext): Promise<WriteOutcome> {
    checkCancelled(ctx);
    return serialized(this.dir, async () => {
      await assertFolder(this.files);
      return applyWrite(this.files, w, this.now());
    });
  }
}

export function createFolderProvider(region: RegionConfig, env: FolderProviderEnv): FolderProvider {
  return new FolderProvider(region, env);
}
