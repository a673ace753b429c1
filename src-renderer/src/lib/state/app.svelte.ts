/**
 * Wires the state classes to one API client and to each other's refreshes. Views get it from
 * context (`useApp()`); components below views take plain props.
 */
import { getContext, setContext } from 'svelte';
import type { ApiClient } from '../api/types';
import { BundlesState } from './bundles.svelte';
import { DiffState } from './diff.svelte';
import { DriftState } from './drift.svelte';
import { InstancesState } from './instances.svelte';
import { ProgressState } from './progress.svelte';
import { PromotionState } from './promotion.svelte';
import { WorkspaceState } from './workspace.svelte';

export class AppState {
  readonly workspace: WorkspaceState;
  readonly drift: DriftState;
  readonly diff: DiffState;
  readonly progress: ProgressState;
  readonly promotion: PromotionState;
  readonly instances: InstancesState;
  readonly bundles: BundlesState;
  addingRegion = $state(false);

  constructor(api: ApiClient) {
    this.workspace = new WorkspaceState(api);
    this.drift = new DriftState(api);
    this.diff = new DiffState(api);
    this.progress = new ProgressState(api, (e) => {
      if (e.type === 'workspace-changed') void this.refresh();
      // Reading drift may itself refresh folder snapshots and announce it, so reloading the matrix
      // here would loop; only the regions bar (snapshot ages) follows these events.
      if (e.type === 'snapshot-updated') this.#scheduleWorkspaceReload();
    });
    this.promotion = new PromotionState(api, this.progress, (regions) => this.refreshAfterChange(regions));
    this.instances = new InstancesState(api, this.progress, (regions) => this.refreshAfterChange(regions));
    this.bundles = new BundlesState(api, this.progress, (regions) => this.refreshAfterChange(regions));
  }

  #reloadTimer: ReturnType<typeof setTimeout> | undefined;

  #scheduleWorkspaceReload(): void {
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.workspace.load(), 300);
  }

  async refresh(): Promise<void> {
    await this.workspace.load();
    await this.drift.load();
  }

  async pull(): Promise<void> {
    this.progress.clearRegions();
    await this.workspace.pull();
    await this.drift.load();
  }

  /**
   * After an apply or rollback: re-read the changed regions (their cached snapshots predate the
   * writes), so the drift matrix and an open diff show the new state.
   */
  private async refreshAfterChange(regions: string[]): Promise<void> {
    if (regions.length > 0) await this.workspace.pull(regions);
    await this.drift.load();
    const target = this.diff.target;
    if (target) await this.diff.open(target);
  }
}

const KEY = Symbol('region-sync.app');

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
