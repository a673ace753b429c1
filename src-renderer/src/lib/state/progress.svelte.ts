/**
 * Progress events from the host, kept small: the latest event per region (regions bar) and a
 * short log that a running operation (pull, apply) reads while it waits for its reply.
 */
import type { ApiClient, ApiEvent, ProgressEvent } from '../api/types';

const LOG_LIMIT = 200;

export class ProgressState {
  /** Latest progress per region, for the regions bar while pulling. */
  byRegion = $state.raw<Record<string, ProgressEvent>>({});
  /** Recent events, oldest first; `since(mark)` gives what arrived after a mark. */
  log = $state.raw<{ seq: number; event: ProgressEvent }[]>([]);
  #seq = 0;

  constructor(api: ApiClient, onOther: (e: Exclude<ApiEvent, ProgressEvent>) => void) {
    api.onEvent((e) => {
      if (e.type === 'progress') this.#receive(e);
      else onOther(e);
    });
  }

  #receive(e: ProgressEvent): void {
    this.#seq += 1;
    if (e.region) this.byRegion = { ...this.byRegion, [e.region]: e };
    const next = this.log.length >= LOG_LIMIT ? this.log.slice(1) : this.log.slice();
    next.push({ seq: this.#seq, event: e });
    this.log = next;
  }

  /** A sequence mark: events with a higher seq arrived after it. */
  mark(): number {
    return this.#seq;
  }

  /** Events after `from`, up to and including `to` when given. */
  since(from: number, to?: number): ProgressEvent[] {
    return this.log.filter((entry) => entry.seq > from && (to === undefined || entry.seq <= to)).map((entry) => entry.event);
  }

  clearRegions(): void {
    this.byRegion = {};
  }
}
