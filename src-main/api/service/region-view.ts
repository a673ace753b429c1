/** Builds the RegionView the UI shows: config, snapshot age and counts, where the token comes from. */
import type { ItemKind, RegionConfig, Snapshot } from '../../core/model';
import type { AuthView, RegionView, SnapshotView } from '../views';
import type { SecretStoreStatus } from '../ports';
import type { OpenWorkspace, ServiceContext } from './context';
import { lastPullError } from './pull-handler';

/** Snapshots older than this are stale unless the region says otherwise. */
export const DEFAULT_MAX_AGE_MINUTES = 24 * 60;

export function secretAccount(ws: Pick<OpenWorkspace, 'id'>, regionId: string): string {
  return `${ws.id}/${regionId}`;
}

export function snapshotView(region: RegionConfig, snap: Snapshot | null, now: Date): SnapshotView | null {
  if (!snap) return null;
  const captured = Date.parse(snap.capturedAt);
  const ageMinutes = Number.isFinite(captured) ? Math.max(0, Math.floor((now.getTime() - captured) / 60_000)) : 0;
  // Folder regions are re-read at will, so only live regions go stale.
  const stale = region.kind === 'prismatic' && ageMinutes > (region.maxAgeMinutes ?? DEFAULT_MAX_AGE_MINUTES);
  const counts: Record<ItemKind, number> = {
    components: snap.components.length,
    integrations: snap.integrations.length,
    customers: snap.customers.length,
    instances: snap.instances.length,
  };
  return { capturedAt: snap.capturedAt, ageMinutes, stale, counts };
}

async function authView(ctx: ServiceContext, ws: OpenWorkspace, region: RegionConfig): Promise<AuthView> {
  const fromEnv = ctx.deps.authFromEnv?.(region) ?? false;
  const status = await ctx.deps.secrets.status().catch((e: unknown): SecretStoreStatus => ({ available: false, reason: String(e) }));
  if (!status.available) {
    return { source: fromEnv ? 'env' : 'none', stored: false, keychainProblem: [status.reason ?? 'The OS keychain is not available.', status.hint].filter(Boolean).join('. ') };
  }
  let stored = false;
  try {
    stored = (await ctx.deps.secrets.get(secretAccount(ws, region.id))) !== null;
  } catch (e) {
    return { source: fromEnv ? 'env' : 'none', stored: false, keychainProblem: e instanceof Error ? e.message : String(e) };
  }
  return { source: stored ? 'keychain' : fromEnv ? 'env' : 'none', stored };
}

export async function regionView(ctx: ServiceContext, ws: OpenWorkspace, region: RegionConfig): Promise<RegionView> {
  const cache = await ctx.snapshots();
  const snap = await cache.load(region.id).catch(() => null);
  const view: RegionView = {
    id: region.id,
    label: region.label ?? region.id,
    kind: region.kind,
    snapshot: snapshotView(region, snap, ctx.deps.clock.now()),
  };
  if (region.url) view.url = region.url;
  if (region.path) view.path = region.path;
  if (region.tenant) view.tenant = region.tenant;
  if (region.geography) view.geography = region.geography;
  if (region.kind === 'prismatic') view.auth = await authView(ctx, ws, region);
  const lastError = lastPullError(ctx, region.id);
  if (lastError) view.lastError = lastError;
  return view;
}
