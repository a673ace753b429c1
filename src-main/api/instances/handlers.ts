/**
 * instances.byCustomer / instances.plan / instances.relocate. The view reads snapshots like the
 * drift view (folders re-read, live regions as last pulled); plans read their regions fresh, so
 * their fingerprints are current, and are saved like any plan so plan.apply, the journal and
 * runs.rollback treat them exactly as promotions.
 */
import { buildInstancesView } from '../../core/instances/view';
import { planInstanceChanges } from '../../core/instances/changes';
import { planRelocation } from '../../core/instances/relocate';
import { planEnvironment, pullFresh, requireRegion } from '../promotion/regions';
import { savePlan } from '../promotion/store';
import type { Handler, HandlerTable } from '../service/context';
import { loadSnapshots } from '../service/snapshot-access';

export const instancesByCustomer: Handler<'instances.byCustomer'> = async ({ customer }, ctx) => {
  const ws = await ctx.workspace();
  const snapshots = await loadSnapshots(ctx, ws, ws.config.regions, { refreshFolders: true });
  return buildInstancesView({
    regions: ws.config.regions,
    snapshots: Object.fromEntries(snapshots),
    policy: ws.config.policy,
    ...(customer !== undefined ? { customer } : {}),
  });
};

export const instancesPlan: Handler<'instances.plan'> = async ({ region, changes }, ctx) => {
  const ws = await ctx.workspace();
  requireRegion(ws, region);
  const snapshot = await pullFresh(ctx, region, ctx.newOpId('plan'));
  const plan = planInstanceChanges({ workspace: { name: ws.config.name, id: ws.id }, region: snapshot, changes, now: ctx.deps.clock.now() });
  await savePlan(ws.files, plan);
  return plan;
};

export const instancesRelocate: Handler<'instances.relocate'> = async ({ customer, from, to }, ctx) => {
  const ws = await ctx.workspace();
  requireRegion(ws, from);
  requireRegion(ws, to);
  const opId = ctx.newOpId('plan');
  const [source, target] = await Promise.all([pullFresh(ctx, from, opId), pullFresh(ctx, to, opId)]);
  const plan = planRelocation({
    ...planEnvironment(ctx, ws),
    customer,
    from: source,
    to: target,
  });
  await savePlan(ws.files, plan);
  return plan;
};

export type InstancesOps = 'instances.byCustomer' | 'instances.plan' | 'instances.relocate';

export const instancesHandlers: Pick<HandlerTable, InstancesOps> = {
  'instances.byCustomer': instancesByCustomer,
  'instances.plan': instancesPlan,
  'instances.relocate': instancesRelocate,
};
