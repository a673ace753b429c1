/**
 * The Instances screen: every customer's instances across regions (instances.byCustomer), and one
 * action at a time — upgrade, pin back, pause, unpause, relocate — planned by the host, shown for
 * confirmation, applied with plan.apply (same journal, same rollback as a promotion).
 */
import type { ApiClient, AppError, ParamsOf, Plan, ProgressEvent, Reply, RunResult } from '../api/types';
import type { ProgressState } from './progress.svelte';

export type InstanceActionKind = 'upgrade' | 'pin' | 'pause' | 'unpause';

export type InstanceActionRequest =
  | { kind: InstanceActionKind; customer: string; integration: string; name: string; region: string; version?: number; title: string }
  | { kind: 'relocate'; customer: string; from: string; to: string; title: string };

export type ActionPhase = 'planning' | 'planned' | 'applying' | 'applied' | 'rolling-back' | 'rolled-back';

export const ACTION_WORDS: Record<InstanceActionRequest['kind'], string> = {
  upgrade: 'Upgrade',
  pin: 'Pin back',
  pause: 'Pause',
  unpause: 'Unpause',
  relocate: 'Relocate',
};

export class InstanceActionState {
  request = $state.raw<InstanceActionRequest | null>(null);
  phase = $state<ActionPhase>('planning');
  plan = $state.raw<Plan | null>(null);
  error = $state.raw<AppError | null>(null);
  run = $state.raw<RunResult | null>(null);
  rollbackRun = $state.raw<RunResult | null>(null);
  #mark = $state(0);
  #end = $state<number | undefined>(undefined);
  readonly #api: ApiClient;
  readonly #progress: ProgressState;
  readonly #afterChange: (regions: string[]) => Promise<void>;

  constructor(api: ApiClient, progress: ProgressState, afterChange: (regions: string[]) => Promise<void>) {
    this.#api = api;
    this.#progress = progress;
    this.#afterChange = afterChange;
  }

  blocking = $derived(this.plan?.preflight.filter((f) => f.level === 'error') ?? []);
  canApply = $derived(this.phase === 'planned' && this.plan !== null && this.blocking.length === 0 && this.plan.steps.length > 0);
  /** Connections a relocation leaves to be re-entered, by instance. */
  reenter = $derived.by(() => {
    const out: { instance: string; key: string }[] = [];
    for (const s of this.plan?.steps ?? [])
      if (s.write.op === 'createInstance')
        for (const cv of s.write.instance.configVars)
          if (cv.kind === 'connection' || cv.secret !== undefined) out.push({ instance: `${s.write.instance.customer}/${s.write.instance.integration}/${s.write.instance.name}`, key: cv.key });
    return out;
  });
  events = $derived.by<ProgressEvent[]>(() => {
    if (!(this.phase === 'applying' || this.phase === 'rolling-back' || this.run)) return [];
    const all = this.#progress.since(this.#mark);
    if (this.#end === undefined) return all;
    const ops = new Set(this.#progress.since(this.#mark, this.#end).map((e) => e.opId));
    return all.filter((e) => ops.has(e.opId));
  });

  async open(request: InstanceActionRequest): Promise<void> {
    this.request = request;
    this.phase = 'planning';
    this.plan = null;
    this.error = null;
    this.run = null;
    this.rollbackRun = null;
    let reply: Reply<'instances.plan'> | Reply<'instances.relocate'>;
    if (request.kind === 'relocate') reply = await this.#api.call('instances.relocate', { customer: request.customer, from: request.from, to: request.to });
    else {
      const { customer, integration, name, region, kind, version } = request;
      reply = await this.#api.call('instances.plan', { region, changes: [{ instance: { customer, integration, name }, action: kind, ...(version !== undefined ? { version } : {}) }] });
    }
    if (this.request !== request) return;
    if (!reply.ok) {
      this.error = reply.error;
      return;
    }
    this.plan = reply.value;
    this.phase = 'planned';
  }

  async apply(): Promise<void> {
    const plan = this.plan;
    if (!plan || !this.canApply) return;
    this.phase = 'applying';
    this.error = null;
    this.#mark = this.#progress.mark();
    this.#end = undefined;
    const reply = await this.#api.call('plan.apply', { plan: plan as unknown as ParamsOf<'plan.apply'>['plan'] });
    this.#end = this.#progress.mark();
    if (reply.ok) this.run = reply.value;
    else this.error = reply.error;
    this.phase = 'applied';
    await this.#afterChange(plan.targets.map((t) => t.region));
  }

  async rollback(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.phase = 'rolling-back';
    this.error = null;
    this.#mark = this.#progress.mark();
    this.#end = undefined;
    const reply = await this.#api.call('runs.rollback', { runId: run.runId });
    this.#end = this.#progress.mark();
    if (reply.ok) this.rollbackRun = reply.value;
    else this.error = reply.error;
    this.phase = 'rolled-back';
    await this.#afterChange(this.plan?.targets.map((t) => t.region) ?? []);
  }

  close(): void {
    this.request = null;
  }
}

export class InstancesState {
  view = $state.raw<import('../api/types').InstancesView | null>(null);
  error = $state.raw<AppError | null>(null);
  loading = $state(false);
  search = $state('');
  readonly action: InstanceActionState;
  readonly #api: ApiClient;

  constructor(api: ApiClient, progress: ProgressState, afterChange: (regions: string[]) => Promise<void>) {
    this.#api = api;
    this.action = new InstanceActionState(api, progress, async (regions) => {
      await afterChange(regions);
      await this.load();
    });
  }

  /** Customers whose name or external id, or an instance's integration, matches the search. */
  visible = $derived.by(() => {
    const customers = this.view?.customers ?? [];
    const q = this.search.trim().toLowerCase();
    if (!q) return customers;
    return customers.filter((c) => c.name.toLowerCase().includes(q) || c.externalId.toLowerCase().includes(q) || c.rows.some((r) => r.integration.toLowerCase().includes(q)));
  });

  async load(): Promise<void> {
    this.loading = true;
    const reply = await this.#api.call('instances.byCustomer', {});
    this.loading = false;
    if (reply.ok) {
      this.view = reply.value;
      this.error = null;
    } else this.error = reply.error;
  }
}
