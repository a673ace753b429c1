/** workspace.get / workspace.open: which workspace is open, its regions and their state. */
import type { WorkspaceView } from '../views';
import type { Handler, OpenWorkspace, ServiceContext } from './context';
import { regionView } from './region-view';

export async function workspaceView(ctx: ServiceContext, ws: OpenWorkspace): Promise<WorkspaceView> {
  const view: WorkspaceView = {
    id: ws.id,
    name: ws.config.name,
    path: ws.root,
    isDemo: ws.isDemo,
    baseline: ws.config.baseline,
    regions: await Promise.all(ws.config.regions.map((r) => regionView(ctx, ws, r))),
    ignore: [...ws.config.ignore],
  };
  if (ws.config.policy) view.policy = ws.config.policy;
  return view;
}

export const workspaceGet: Handler<'workspace.get'> = async (_params, ctx) => workspaceView(ctx, await ctx.workspace());

export const workspaceOpen: Handler<'workspace.open'> = async ({ path }, ctx) => {
  if (!ctx.openWorkspace) throw new Error('This host cannot switch workspaces.');
  const ws = await ctx.openWorkspace(path);
  ctx.emit({ type: 'workspace-changed' });
  return workspaceView(ctx, ws);
};
