/**
 * snapshots.pull: every chosen region at once. Each region's outcome is reported on its own, so
 * one unreachable stack never blocks (or fails) the others.
 */
import { fail, toAppError } from '../../core/errors';
import type { ItemKind, Snapshot } from '../../core/model';
import type { PullRegionResult } from '../views';
import type { AppError } from '../../core/errors';
import type { Handler, ServiceContext } from './context';

/** The last pull failure of each region, per service instance, shown in the region view until a pull succeeds. */
const lastErrors = new WeakMap<ServiceContext, Map<string, AppError>>();

export function lastPullError(ctx: ServiceContext, region: string): AppError | undefined {
  return lastErrors.get(ctx)?.get(region);
}

function recordOutcome(ctx: ServiceContext, region: string, error: AppError | undefined): void {
  let errors = lastErrors.get(ctx);
  if (!errors) lastErrors.set(ctx, (errors = new Map()));
  if (error) errors.set(region, error);
  else errors.delete(region);
}

export function countsOf(snap: Snapshot): Record<ItemKind, number> {
  return { components: snap.components.length, integrations: snap.integrations.length, customers: snap.customers.length, instances: snap.instances.length };
}

async function pullOne(ctx: ServiceContext, regionId: string, opId: string): Promise<{ result: PullRegionResult; snapshot?: Snapshot }> {
  const progress = (p: { region?: string; phase: string; done: number; total?: number; message?: string }) =>
    ctx.emit({ type: 'progress', opId, ...p, region: regionId });
  try {
    progress({ phase: 'start', done: 0 });
    const provider = await ctx.provider(regionId);
    const snapshot = await provider.pull({ progress });
    await (await ctx.snapshots()).save(snapshot);
    progress({ phase: 'done', done: 1, total: 1 });
    recordOutcome(ctx, regionId, undefined);
    ctx.emit({ type: 'snapshot-updated', region: regionId });
    return { result: { region: regionId, ok: true, capturedAt: snapshot.capturedAt, counts: countsOf(snapshot) }, snapshot };
  } catch (e) {
    const error = { ...toAppError(e), region: regionId };
    recordOutcome(ctx, regionId, error);
    progress({ phase: 'failed', done: 1, total: 1, message: error.message });
    return { result: { region: regionId, ok: false, error } };
  }
}

/** Pulls the regions in parallel; also used by drift to read folder regions on first use. */
export async function pullRegions(ctx: ServiceContext, regionIds: string[]): Promise<{ results: PullRegionResult[]; snapshots: Map<string, Snapshot> }> {
  const opId = ctx.newOpId('pull');
  const outcomes = await Promise.all(regionIds.map((id) => pullOne(ctx, id, opId)));
  const snapshots = new Map<string, Snapshot>();
  for (const o of outcomes) if (o.snapshot) snapshots.set(o.result.region, o.snapshot);
  return { results: outcomes.map((o) => o.result), snapshots };
}

export const snapshotsPull: Handler<'snapshots.pull'> = async ({ regions }, ctx) => {
  const ws = await ctx.workspace();
  const known = new Set(ws.config.regions.map((r) => r.id));
  const chosen = regions ? [...new Set(regions)] : [...known];
  const unknown = chosen.filter((id) => !known.has(id));
  if (unknown.length)
    fail('NOT_FOUND', `The workspace has no region ${unknown.map((u) => `"${u}"`).join(', ')}.`, {
      hint: `Known regions: ${[...known].join(', ') || '(none)'}.`,
    });
  const { results } = await pullRegions(ctx, chosen);
  return { results };
};
