/** drift.matrix: the one-screen view of where regions disagree, computed from snapshots alone. */
import { computeDrift } from '../../core/drift/matrix';
import { AppFailure, fail } from '../../core/errors';
import { lastPullError } from './pull-handler';
import type { Handler } from './context';
import { ignoreRulesOf } from './diff-handlers';
import { DEFAULT_MAX_AGE_MINUTES } from './region-view';
import { loadSnapshots } from './snapshot-access';

export const driftMatrix: Handler<'drift.matrix'> = async ({ baseline }, ctx) => {
  const ws = await ctx.workspace();
  const chosen = baseline ?? ws.config.baseline;
  if (!ws.config.regions.some((r) => r.id === chosen))
    fail('NOT_FOUND', `The workspace has no region "${chosen}" to use as baseline.`, {
      region: chosen,
      hint: `Known regions: ${ws.config.regions.map((r) => r.id).join(', ')}.`,
    });
  const snapshots = await loadSnapshots(ctx, ws, ws.config.regions, { refreshFolders: true });
  // Without the baseline every cell would be `unknown`: say why instead of showing an empty matrix.
  if (!snapshots.has(chosen)) {
    const why = lastPullError(ctx, chosen);
    if (why) throw new AppFailure({ ...why, message: `The baseline region "${chosen}" cannot be read: ${why.message}` });
    fail('NOT_FOUND', `There is no snapshot of the baseline region "${chosen}" yet.`, { region: chosen, hint: `Pull it first (region-sync pull ${chosen}).` });
  }
  return computeDrift({
    // Folder regions are local files, re-read at will: like the region view, they never go stale.
    regions: ws.config.regions.map((r) => (r.kind === 'folder' && r.maxAgeMinutes === undefined ? { ...r, maxAgeMinutes: Number.MAX_SAFE_INTEGER } : r)),
    defaultMaxAgeMinutes: DEFAULT_MAX_AGE_MINUTES,
    snapshots: Object.fromEntries(snapshots),
    baseline: chosen,
    ignore: ignoreRulesOf(ws.config.ignore),
    now: ctx.deps.clock.now(),
    policy: ws.config.policy,
  });
};
