/**
 * Promote one item from a source region to a target: create the plan (what will change, the
 * preflight findings), apply it with progress, then offer a rollback. Nothing is faked: when the
 * host cannot plan, its error is what the dialog shows.
 */
import type { DiffSummary, ItemKind } from '../api/types';
import { PlanRunState, type PlanRunPhase } from './plan-run.svelte';

export interface PromotionRequest {
  kind: ItemKind;
  name: string;
  label: string;
  from: string;
  to: string;
}

export type PromotionPhase = PlanRunPhase;

export class PromotionState extends PlanRunState {
  request = $state.raw<PromotionRequest | null>(null);
  summary = $state.raw<DiffSummary | null>(null);
  /**
   * Integrations only: also move the target's instances of it to the newly published version and
   * deploy them. Off by default — a promotion changes the definition; moving customers' running
   * instances is a second, deliberate choice, and the plan shows exactly which ones.
   */
  moveInstances = $state(false);

  async open(request: PromotionRequest): Promise<void> {
    this.moveInstances = false;
    await this.#plan(request);
  }

  async #plan(request: PromotionRequest): Promise<void> {
    this.request = request;
    this.summary = null;
    const { kind, name, from, to } = request;
    const instances = kind === 'integrations' && this.moveInstances ? 'all' : 'none';
    const diff = this.api.call('diff.item', { kind, name, left: from, right: to, context: 0 });
    const current = await this.loadPlan(() => this.api.call('plan.create', { items: [{ kind, name }], from, to: [to], instances }));
    const diffReply = await diff;
    if (current && this.request === request && diffReply.ok) this.summary = diffReply.value.report.summary;
  }

  /** Re-plans with or without the instance moves; the reviewed plan is always the one applied. */
  async setMoveInstances(move: boolean): Promise<void> {
    if (!this.request || this.run || this.busy) return;
    this.moveInstances = move;
    await this.#plan(this.request);
  }

  close(): void {
    this.request = null;
  }
}
