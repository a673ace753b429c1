/**
 * Reading snapshots for views. Folder regions are read on first use (cheap, local); a live region
 * without a snapshot stays without one until the user pulls (a view must not hit the network).
 */
import { AppFailure, fail } from '../../core/errors';
import type { ComponentRecord, ItemKind, RegionConfig, Snapshot } from '../../core/model';
import { itemIdentity, itemToYaml } from '../../core/identity';
import type { OpenWorkspace, ServiceContext } from './context';
import { lastPullError, pullRegions } from './pull-handler';

/**
 * `refreshFolders`: re-read folder regions even when cached — a folder is a live directory (a git
 * checkout, a promotion target), and reading it is cheap, so the drift view never shows an old copy.
 */
export async function loadSnapshots(
  ctx: ServiceContext,
  ws: OpenWorkspace,
  regions: RegionConfig[] = ws.config.regions,
  opts: { refreshFolders?: boolean } = {},
): Promise<Map<string, Snapshot>> {
  const cache = await ctx.snapshots();
  const loaded = new Map<string, Snapshot>();
  const toRead: string[] = [];
  await Promise.all(
    regions.map(async (r) => {
      if (r.kind === 'folder' && opts.refreshFolders) return void toRead.push(r.id);
      const snap = await cache.load(r.id).catch(() => null);
      if (snap) loaded.set(r.id, snap);
      else if (r.kind === 'folder') toRead.push(r.id);
    }),
  );
  if (toRead.length) {
    const { snapshots } = await pullRegions(ctx, toRead);
    for (const [id, snap] of snapshots) loaded.set(id, snap);
  }
  return loaded;
}

export function recordsOf(snap: Snapshot, kind: ItemKind): readonly unknown[] {
  return snap[kind];
}

export function findRecord(snap: Snapshot, kind: ItemKind, name: string): unknown {
  return recordsOf(snap, kind).find((r) => itemIdentity(kind, r) === name);
}

export interface ItemSide {
  region: string;
  exists: boolean;
  text: string;
  capturedAt?: string;
  /** The region's components, so a diff can resolve pinned version numbers to their builds. */
  components?: readonly ComponentRecord[];
}

/** The YAML text of one item in one region, '' when the region does not have it. */
export async function itemSide(ctx: ServiceContext, ws: OpenWorkspace, regionId: string, kind: ItemKind, name: string): Promise<ItemSide> {
  const region = ws.config.regions.find((r) => r.id === regionId);
  if (!region)
    fail('NOT_FOUND', `The workspace has no region "${regionId}".`, {
      region: regionId,
      hint: `Known regions: ${ws.config.regions.map((r) => r.id).join(', ') || '(none)'}.`,
    });
  const snap = (await loadSnapshots(ctx, ws, [region])).get(regionId);
  const pullError = lastPullError(ctx, regionId);
  if (!snap && pullError) throw new AppFailure(pullError);
  if (!snap)
    fail('NOT_FOUND', `There is no snapshot of region "${regionId}" yet.`, {
      region: regionId,
      hint: `Pull it first (region-sync pull ${regionId}).`,
    });
  const record = findRecord(snap, kind, name);
  return {
    region: regionId,
    exists: record !== undefined,
    text: record === undefined ? '' : itemToYaml(kind, record),
    capturedAt: snap.capturedAt,
    components: snap.components,
  };
}
