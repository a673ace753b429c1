/**
 * The Instances screen: every customer's instances across regions (instances.byCustomer), and one
 * action at a time — upgrade, pin back, pause, unpause, relocate — planned by the host, shown for
 * confirmation, applied with plan.apply (same journal, same rollback as a promotion).
 */
import type { ApiClient, AppError } from '../api/types';
import type { ProgressState } from './progress.svelte';
import { PlanRunState, type PlanRunPhase } from './plan-run.svelte';

export type InstanceActionKind = 'upgrade' | 'pin' | 'pause' | 'unpause';

export type InstanceActionRequest =
  | { kind: InstanceActionKind; customer: string; integration: string; name: string; region: string; version?: number; title: string }
  | { kind: 'relocate'; customer: string; from: string; to: string; title: string };

export type ActionPhase = PlanRunPhase;

export const ACTION_WORDS: Record<InstanceActionRequest['kind'], string> = {
  upgrade: 'Upgrade',
  pin: 'Pin back',
  pause: 'Pause',
  unpause: 'Unpause',
  relocate: 'Relocate',
};

export class InstanceActionState extends PlanRunState {
  request = $state.raw<InstanceActionRequest | null>(null);

  /** Connections a relocation leaves to be re-entered, by instance. */
  reenter = $derived.by(() => {
    const out: { instance: string; key: string }[] = [];
    for (const s of this.plan?.steps ?? [])
      if (s.write.op === 'createInstance')
        for (const cv of s.write.instance.configVars)
          if (cv.kind === 'connection' || cv.secret !== undefined) out.push({ instance: `${s.write.instance.customer}/${s.write.instance.integration}/${s.write.instance.name}`, key: cv.key });
    return out;
  });

  async open(request: InstanceActionRequest): Promise<void> {
    this.request = request;
    await this.loadPlan(() => {
      if (request.kind === 'relocate') return this.api.call('instances.relocate', { customer: request.customer, from: request.from, to: request.to });
      const { customer, integration, name, region, kind, version } = request;
      return this.api.call('instances.plan', { region, changes: [{ instance: { customer, integration, name }, action: kind, ...(version !== undefined ? { version } : {}) }] });
    });
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
