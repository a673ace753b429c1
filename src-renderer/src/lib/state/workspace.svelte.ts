/** The open workspace, its regions, pulling snapshots and adding regions (tokens go straight to the host). */
import type { ApiClient, AppError, ParamsOf, PullRegionResult, RegionView, WorkspaceView } from '../api/types';

export class WorkspaceState {
  view = $state.raw<WorkspaceView | null>(null);
  error = $state.raw<AppError | null>(null);
  loading = $state(false);
  pulling = $state(false);
  /** Per-region outcome of the last pull (errors are shown next to the region). */
  pullResults = $state.raw<Record<string, PullRegionResult>>({});
  pullError = $state.raw<AppError | null>(null);

  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  regions = $derived<RegionView[]>(this.view?.regions ?? []);

  async load(): Promise<void> {
    this.loading = true;
    const reply = await this.#api.call('workspace.get', {});
    this.loading = false;
    if (reply.ok) {
      this.view = reply.value;
      this.error = null;
    } else {
      this.error = reply.error;
    }
  }

  /** Pulls every region (or the given ones); resolves to true when at least one snapshot changed. */
  async pull(regions?: string[]): Promise<boolean> {
    this.pulling = true;
    this.pullError = null;
    const reply = await this.#api.call('snapshots.pull', regions ? { regions } : {});
    this.pulling = false;
    if (!reply.ok) {
      this.pullError = reply.error;
      return false;
    }
    this.pullResults = Object.fromEntries(reply.value.results.map((r) => [r.region, r]));
    await this.load();
    return reply.value.results.some((r) => r.ok);
  }

  /** Adds a region; the token (if any) is sent once and never kept here. */
  async addRegion(region: ParamsOf<'regions.add'>['region'], token?: string): Promise<{ ok: true; region: RegionView } | { ok: false; error: AppError }> {
    const reply = await this.#api.call('regions.add', token ? { region, token } : { region });
    if (!reply.ok) return reply;
    await this.load();
    return { ok: true, region: this.regions.find((r) => r.id === reply.value.id) ?? reply.value };
  }

  async setToken(region: string, token: string): Promise<{ ok: true; region?: RegionView } | { ok: false; error: AppError }> {
    const reply = await this.#api.call('regions.setToken', { region, token });
    if (!reply.ok) return reply;
    await this.load();
    return { ok: true, region: this.regions.find((r) => r.id === region) };
  }
}
