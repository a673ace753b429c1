/**
 * Promote one item from a source region to a target: create the plan (what will change, the
 * preflight findings), apply it with progress, then offer a rollback. Nothing is faked: when the
 * host cannot plan, its error is what the dialog shows.
 */
import type { ApiClient, AppError, DiffSummary, ItemKind, ParamsOf, Plan, ProgressEvent, RunResult } from '../api/types';
import type { ProgressState } from './progress.svelte';

export interface PromotionRequest {
  kind: ItemKind;
  name: string;
  label: string;
  from: string;
  to: string;
}

export type PromotionPhase = 'planning' | 'planned' | 'applying' | 'applied' | 'rolling-back' | 'rolled-back';

export class PromotionState {
  request = $state.raw<PromotionRequest | null>(null);
  phase = $state<PromotionPhase>('planning');
  plan = $state.raw<Plan | null>(null);
  summary = $state.raw<DiffSummary | null>(null);
  error = $state.raw<AppError | null>(null);
  run = $state.raw<RunResult | null>(null);
  /**
   * Integrations only: also move the target's instances of it to the newly published version and
   * deploy them. Off by default — a promotion changes the definition; moving customers' running
   * instances is a second, deliberate choice, and the plan shows exactly which ones.
   */
  moveInstances = $state(false);
  rollbackRun = $state.raw<RunResult | null>(null);
  #progressMark = $state(0);
  /** Set when the run's reply arrives: later events (the refresh pulls) are not the run's. */
  #progressEnd = $state<number | undefined>(undefined);
  readonly #api: ApiClient;
  readonly #progress: ProgressState;
  readonly #afterChange: (regions: string[]) => Promise<void>;

  constructor(api: ApiClient, progress: ProgressState, afterChange: (regions: string[]) => Promise<void>) {
    this.#api = api;
    this.#progress = progress;
    this.#afterChange = afterChange;
  }

  /** Preflight errors block Apply; warnings are shown but do not. */
  blocking = $derived(this.plan?.preflight.filter((f) => f.level === 'error') ?? []);
  warnings = $derived(this.plan?.preflight.filter((f) => f.level === 'warning') ?? []);
  canApply = $derived(this.phase === 'planned' && this.plan !== null && this.blocking.length === 0);

  /** Events that arrived since Apply (or Roll back) was pressed. */
  events = $derived.by<ProgressEvent[]>(() => {
    if (!(this.phase === 'applying' || this.phase === 'rolling-back' || this.run)) return [];
    const all = this.#progress.since(this.#progressMark);
    if (this.#progressEnd === undefined) return all;
    // Events travel apart from the reply and may trail it: keep the operations seen while it ran.
    const ops = new Set(this.#progress.since(this.#progressMark, this.#progressEnd).map((e) => e.opId));
    return all.filter((e) => ops.has(e.opId));
  });

  async open(request: PromotionRequest): Promise<void> {
    this.moveInstances = false;
    await this.#plan(request);
  }

  async #plan(request: PromotionRequest): Promise<void> {
    this.request = request;
    this.phase = 'planning';
    this.plan = null;
    this.summary = null;
    this.error = null;
    this.run = null;
    this.rollbackRun = null;
    const { kind, name, from, to } = request;
    const [planReply, diffReply] = await Promise.all([
      this.#api.call('plan.create', { items: [{ kind, name }], from, to: [to], instances: kind === 'integrations' && this.moveInstances ? 'all' : 'none' }),
      this.#api.call('diff.item', { kind, name, left: from, right: to, context: 0 }),
    ]);
    if (this.request !== request) return;
    if (diffReply.ok) this.summary = diffReply.value.report.summary;
    if (!planReply.ok) {
      this.error = planReply.error;
      return;
    }
    this.plan = planReply.value;
    this.phase = 'planned';
  }

  /** Re-plans with or without the instance moves; the reviewed plan is always the one applied. */
  async setMoveInstances(move: boolean): Promise<void> {
    if (!this.request || this.run || this.phase === 'applying') return;
    this.moveInstances = move;
    await this.#plan(this.request);
  }

  async apply(): Promise<void> {
    const plan = this.plan;
    if (!plan || !this.canApply) return;
    const targets = plan.targets.map((t) => t.region);
    this.phase = 'applying';
    this.error = null;
    this.#progressMark = this.#progress.mark();
    this.#progressEnd = undefined;
    // Plan is a closed interface; the contract validates it as an open JSON object.
    const reply = await this.#api.call('plan.apply', { plan: plan as unknown as ParamsOf<'plan.apply'>['plan'] });
    this.#progressEnd = this.#progress.mark();
    if (reply.ok) this.run = reply.value;
    else this.error = reply.error;
    this.phase = 'applied';
    await this.#afterChange(targets);
  }

  async rollback(): Promise<void> {
    const run = this.run;
    if (!run) return;
    const targets = this.plan?.targets.map((t) => t.region) ?? [];
    this.phase = 'rolling-back';
    this.error = null;
    this.#progressMark = this.#progress.mark();
    this.#progressEnd = undefined;
    const reply = await this.#api.call('runs.rollback', { runId: run.runId });
    this.#progressEnd = this.#progress.mark();
    if (reply.ok) this.rollbackRun = reply.value;
    else this.error = reply.error;
    this.phase = 'rolled-back';
    await this.#afterChange(targets);
  }

  close(): void {
    this.request = null;
  }
}
