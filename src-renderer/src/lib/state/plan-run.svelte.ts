/**
 * The lifecycle every reviewed change shares in the UI — a promotion, an instance upgrade, a
 * relocation: ask the host for a plan, show it with its preflight, apply exactly that plan with
 * progress, then offer a rollback. Subclasses say only how the plan is asked for.
 */
import type { ApiClient, AppError, Plan, ProgressEvent, Reply, RunResult } from '../api/types';
import type { ProgressState } from './progress.svelte';

export type PlanRunPhase = 'planning' | 'planned' | 'applying' | 'applied' | 'rolling-back' | 'rolled-back';

export class PlanRunState {
  phase = $state<PlanRunPhase>('planning');
  plan = $state.raw<Plan | null>(null);
  error = $state.raw<AppError | null>(null);
  run = $state.raw<RunResult | null>(null);
  rollbackRun = $state.raw<RunResult | null>(null);
  #mark = $state(0);
  /** Set when the run's reply arrives: later events (the refresh pulls) are not the run's. */
  #end = $state<number | undefined>(undefined);
  /** Bumped by every new plan request, so a slow answer to an older one is dropped. */
  #generation = 0;
  protected readonly api: ApiClient;
  readonly #progress: ProgressState;
  readonly #afterChange: (regions: string[]) => Promise<void>;

  constructor(api: ApiClient, progress: ProgressState, afterChange: (regions: string[]) => Promise<void>) {
    this.api = api;
    this.#progress = progress;
    this.#afterChange = afterChange;
  }

  /** Preflight errors block Apply; warnings are shown but do not. */
  blocking = $derived(this.plan?.preflight.filter((f) => f.level === 'error') ?? []);
  warnings = $derived(this.plan?.preflight.filter((f) => f.level === 'warning') ?? []);
  canApply = $derived(this.phase === 'planned' && this.plan !== null && this.blocking.length === 0 && this.plan.steps.length > 0);
  busy = $derived(this.phase === 'applying' || this.phase === 'rolling-back');

  /** Events that arrived since Apply (or Roll back) was pressed. */
  events = $derived.by<ProgressEvent[]>(() => {
    if (!(this.busy || this.run)) return [];
    const all = this.#progress.since(this.#mark);
    if (this.#end === undefined) return all;
    // Events travel apart from the reply and may trail it: keep the operations seen while it ran.
    const ops = new Set(this.#progress.since(this.#mark, this.#end).map((e) => e.opId));
    return all.filter((e) => ops.has(e.opId));
  });

  /** Starts over with a fresh plan; returns false when a newer request overtook this one. */
  protected async loadPlan(ask: () => Promise<Reply<'plan.create'> | { ok: false; error: AppError }>): Promise<boolean> {
    const generation = ++this.#generation;
    this.phase = 'planning';
    this.plan = null;
    this.error = null;
    this.run = null;
    this.rollbackRun = null;
    const reply = await ask();
    if (generation !== this.#generation) return false;
    if (!reply.ok) {
      this.error = reply.error;
      return true;
    }
    this.plan = reply.value;
    this.phase = 'planned';
    return true;
  }

  async apply(): Promise<void> {
    const plan = this.plan;
    if (!plan || !this.canApply) return;
    await this.#track('applying', 'applied', () => this.api.call('plan.apply', { plan }), (run) => (this.run = run), plan);
  }

  async rollback(): Promise<void> {
    const run = this.run;
    if (!run || !this.plan) return;
    await this.#track('rolling-back', 'rolled-back', () => this.api.call('runs.rollback', { runId: run.runId }), (r) => (this.rollbackRun = r), this.plan);
  }

  async #track(during: PlanRunPhase, after: PlanRunPhase, call: () => Promise<Reply<'plan.apply'>>, keep: (r: RunResult) => void, plan: Plan): Promise<void> {
    this.phase = during;
    this.error = null;
    this.#mark = this.#progress.mark();
    this.#end = undefined;
    const reply = await call();
    this.#end = this.#progress.mark();
    if (reply.ok) keep(reply.value);
    else this.error = reply.error;
    this.phase = after;
    await this.#afterChange(plan.targets.map((t) => t.region));
  }
}
