/** Reading regions for promotion: always fresh from the provider, so fingerprints are current. */
import { fail } from '../../core/errors';
import { parseIgnoreRules, type IgnoreRule } from '../../core/ignore';
import type { Snapshot } from '../../core/model';
import type { OpenWorkspace, ServiceContext } from '../service/context';

export function requireRegion(ws: OpenWorkspace, id: string): void {
  if (!ws.config.regions.some((r) => r.id === id))
    fail('NOT_FOUND', `The workspace has no region "${id}".`, {
      region: id,
      hint: `Known regions: ${ws.config.regions.map((r) => r.id).join(', ') || '(none)'}.`,
    });
}

/** Pulls a region through its provider and refreshes the snapshot cache with it. */
export async function pullFresh(ctx: ServiceContext, region: string, opId: string): Promise<Snapshot> {
  const provider = await ctx.provider(region);
  ctx.emit({ type: 'progress', opId, region, phase: 'pull', done: 0 });
  const snap = await provider.pull({ progress: (p) => ctx.emit({ type: 'progress', opId, ...p, region }) });
  await (await ctx.snapshots()).save(snap);
  ctx.emit({ type: 'snapshot-updated', region });
  return snap;
}

export function ignoreRules(ws: OpenWorkspace): IgnoreRule[] {
  const parsed = parseIgnoreRules(ws.config.ignore ?? []);
  if (!parsed.ok) fail(parsed.error.code, parsed.error.message, { ...parsed.error, file: 'region-sync.yaml' });
  return parsed.value;
}

/**
 * What every plan computed in this workspace is bound to and checked against: the workspace's
 * identity, its regions, residency policy and ignore rules, and the time of planning.
 */
export function planEnvironment(ctx: ServiceContext, ws: OpenWorkspace) {
  return {
    workspace: { name: ws.config.name, id: ws.id },
    regions: ws.config.regions,
    policy: ws.config.policy,
    ignore: ignoreRules(ws),
    now: ctx.deps.clock.now(),
  };
}
