/**
 * Air-gap bundles on the receiving side: inspect a bundle file (no network), choose a target
 * region, apply it with progress. The host does every check again on apply (signature, files,
 * replay), so the UI only mirrors them to explain why Apply is disabled; whatever the host
 * refuses comes back as its error value and is shown as is.
 */
import type { ApiClient, AppError, BundleCreated, BundleInspection, Plan, ProgressEvent, RunResult } from '../api/types';
import type { ProgressState } from './progress.svelte';

/** Why this inspection may not be applied, in words; null when it may. */
export function blockReason(i: BundleInspection): string | null {
  if (!i.signature.valid) return `The signature is not valid${i.signature.reason ? `: ${i.signature.reason}` : ''}.`;
  if (!i.signature.trusted) return `The signer ${i.signature.signer ?? i.manifest.signer} is not trusted in this workspace (trustedSigners in region-sync.yaml).`;
  if (!i.intact) return 'The files do not match the signed manifest.';
  return null;
}

export class BundlesState {
  path = $state('');
  target = $state('');
  inspecting = $state(false);
  applying = $state(false);
  inspection = $state.raw<BundleInspection | null>(null);
  inspectError = $state.raw<AppError | null>(null);
  run = $state.raw<RunResult | null>(null);
  applyError = $state.raw<AppError | null>(null);
  #mark = $state(0);
  #end = $state<number | undefined>(undefined);
  #started = $state(false);
  readonly #api: ApiClient;
  readonly #progress: ProgressState;
  readonly #afterChange: (regions: string[]) => Promise<void>;

  constructor(api: ApiClient, progress: ProgressState, afterChange: (regions: string[]) => Promise<void>) {
    this.#api = api;
    this.#progress = progress;
    this.#afterChange = afterChange;
  }

  /** A fresh "save as signed bundle" for one reviewed plan (the sending side). */
  newSave(): BundleSaveState {
    return new BundleSaveState(this.#api);
  }

  blocked = $derived(this.inspection ? blockReason(this.inspection) : null);
  /** Once applied, this inspection is spent: the host would refuse it as a replay anyway. */
  applied = $derived(this.run?.status === 'succeeded');
  canApply = $derived(this.inspection !== null && this.blocked === null && this.target !== '' && !this.applying && !this.inspecting && !this.applied);

  /** Events of the apply: those after Apply was pressed, of the operations seen while it ran. */
  events = $derived.by<ProgressEvent[]>(() => {
    if (!this.#started) return [];
    const all = this.#progress.since(this.#mark);
    if (this.#end === undefined) return all;
    const ops = new Set(this.#progress.since(this.#mark, this.#end).map((e) => e.opId));
    return all.filter((e) => ops.has(e.opId));
  });

  /** Reads the bundle afresh; a previous result or error is forgotten. */
  async inspect(regionIds: string[]): Promise<void> {
    const path = this.path.trim();
    if (!path || this.applying) return;
    this.inspecting = true;
    this.inspection = null;
    this.inspectError = null;
    this.run = null;
    this.applyError = null;
    this.#started = false;
    const reply = await this.#api.call('bundle.inspect', { path });
    this.inspecting = false;
    if (!reply.ok) {
      this.inspectError = reply.error;
      return;
    }
    this.inspection = reply.value;
    // Preselect the region the bundle was made for when this workspace has it.
    const known = reply.value.manifest.target.find((t) => regionIds.includes(t));
    this.target = known ?? (regionIds.includes(this.target) ? this.target : '');
  }

  async apply(): Promise<void> {
    const inspection = this.inspection;
    if (!inspection || !this.canApply) return;
    const to = this.target;
    this.applying = true;
    this.applyError = null;
    this.run = null;
    this.#mark = this.#progress.mark();
    this.#end = undefined;
    this.#started = true;
    const reply = await this.#api.call('bundle.apply', { path: inspection.path, to });
    this.#end = this.#progress.mark();
    if (reply.ok) this.run = reply.value;
    else this.applyError = reply.error;
    this.applying = false;
    if (reply.ok) await this.#afterChange([to]);
  }
}

/** Default file for a plan's bundle, inside the workspace: `bundles/<item>-<planhash8>.rsb`. */
export function defaultBundlePath(itemLabel: string, plan: Plan): string {
  const slug = itemLabel.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'bundle';
  return `bundles/${slug}-${plan.hash.slice(0, 8)}.rsb`;
}

/** "Save as signed bundle…" on a reviewed plan: one bundle.create, its answer or error kept. */
export class BundleSaveState {
  open = $state(false);
  out = $state('');
  saving = $state(false);
  created = $state.raw<BundleCreated | null>(null);
  error = $state.raw<AppError | null>(null);
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  start(itemLabel: string, plan: Plan): void {
    this.open = true;
    this.out = defaultBundlePath(itemLabel, plan);
    this.created = null;
    this.error = null;
  }

  reset(): void {
    this.open = false;
    this.created = null;
    this.error = null;
  }

  async save(plan: Plan): Promise<BundleCreated | null> {
    const out = this.out.trim();
    if (!out || this.saving) return null;
    this.saving = true;
    this.error = null;
    const reply = await this.#api.call('bundle.create', { plan, out });
    this.saving = false;
    if (!reply.ok) {
      this.error = reply.error;
      return null;
    }
    this.created = reply.value;
    return reply.value;
  }
}
