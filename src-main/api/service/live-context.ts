/**
 * The one real ServiceContext: holds the open workspace, a provider per region and the snapshot
 * cache, all created lazily so a host starts instantly and a broken config only fails the calls
 * that need it (and says why).
 */
import { fail } from '../../core/errors';
import type { ApiEvent } from '../contract';
import type { RegionProvider } from '../ports';
import type { OpenWorkspace, ServiceContext, ServiceDeps, SnapshotCache } from './context';
import { loadWorkspace } from './workspace-loader';
import { createSnapshotCache } from './snapshot-cache';

export function createLiveContext(deps: ServiceDeps, emit: (e: ApiEvent) => void): ServiceContext {
  let current: Promise<OpenWorkspace> | null = null;
  let requestedPath: string | undefined;
  let providers = new Map<string, RegionProvider>();
  let cache: SnapshotCache | null = null;
  let opCounter = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const open = (path?: string): Promise<OpenWorkspace> => {
    const next = loadWorkspace(deps, path);
    // Only a successful open replaces the workspace: a bad path leaves the current one in place.
    return next.then((ws) => {
      current = next;
      requestedPath = path;
      providers = new Map();
      cache = null;
      return ws;
    });
  };

  const workspace = (): Promise<OpenWorkspace> => {
    if (!current) {
      const attemptOpen = loadWorkspace(deps, requestedPath);
      current = attemptOpen;
      // A failed first open is not remembered, so fixing the file and retrying works.
      attemptOpen.catch(() => {
        if (current === attemptOpen) current = null;
      });
    }
    return current;
  };

  return {
    deps,
    workspace,
    async provider(regionId) {
      const ws = await workspace();
      const known = providers.get(regionId);
      if (known) return known;
      const region = ws.config.regions.find((r) => r.id === regionId);
      if (!region)
        fail('NOT_FOUND', `The workspace has no region "${regionId}".`, {
          hint: `Known regions: ${ws.config.regions.map((r) => r.id).join(', ') || '(none)'}.`,
          region: regionId,
        });
      const created = deps.providers.create(region, { workspaceRoot: ws.root, workspaceId: ws.id });
      providers.set(regionId, created);
      return created;
    },
    async snapshots() {
      const made = cache ?? createSnapshotCache((await workspace()).files);
      cache = made;
      return made;
    },
    emit,
    newOpId(prefix) {
      opCounter += 1;
      return `${prefix}-${deps.clock.now().getTime().toString(36)}-${opCounter}`;
    },
    openWorkspace: open,
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const run = queue.then(fn, fn);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
