/**
 * One item's side-by-side diff between two regions. Rows can be 50k+ long: held in `$state.raw`
 * and only ever replaced, never mutated, so the virtual list slices them without proxies.
 */
import type { AlignedRow, ApiClient, AppError, DiffView, ItemKind } from '../api/types';

export interface DiffTarget {
  kind: ItemKind;
  name: string;
  left: string;
  right: string;
}

export class DiffState {
  target = $state.raw<DiffTarget | null>(null);
  view = $state.raw<DiffView | null>(null);
  error = $state.raw<AppError | null>(null);
  loading = $state(false);
  /**
   * Stretches the user unfolded ("Show more context" on a fold): left-line ranges the host shows
   * in full, however long. Replaced, never mutated, like the payload.
   */
  expanded = $state.raw<{ leftLine: number; count: number }[]>([]);
  /** Index into report.changes of the change in focus; -1 = none yet. */
  current = $state(-1);
  /** Clipboard status of "Copy review report". */
  copyStatus = $state<'idle' | 'copying' | 'copied' | 'failed'>('idle');
  copyError = $state.raw<AppError | null>(null);
  /** The report text when the clipboard refused it, shown for manual copying. */
  reportFallback = $state<string | null>(null);
  readonly #api: ApiClient;
  #seq = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  rows = $derived<AlignedRow[]>(this.view?.rows ?? []);
  changes = $derived(this.view?.report.changes ?? []);

  /** First row of each change, so n/p and the change list can scroll straight to it. */
  firstRowOfChange = $derived.by(() => {
    const first = new Map<number, number>();
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i].changeIndex;
      if (c !== undefined && !first.has(c)) first.set(c, i);
    }
    return first;
  });

  /** Changes you can step through with n/p: the ones with a row; ignored ones included, shown greyed. */
  navigable = $derived.by(() => [...this.firstRowOfChange.keys()].sort((a, b) => a - b));

  async open(target: DiffTarget): Promise<void> {
    performance.mark('diff:open');
    this.target = target;
    this.view = null;
    this.current = -1;
    this.expanded = [];
    this.copyStatus = 'idle';
    this.reportFallback = null;
    await this.#fetch();
  }

  close(): void {
    this.#seq++;
    this.target = null;
    this.view = null;
    this.error = null;
    this.loading = false;
  }

  /**
   * Shows every line of one collapsed stretch. The rows before it keep their indexes, so the view
   * stays where it was; the virtual list keeps even a 50k-line stretch cheap to show.
   */
  async expandStretch(row: AlignedRow): Promise<void> {
    if (row.kind !== 'collapsed' || row.leftLine === undefined || !row.hidden) return;
    this.expanded = [...this.expanded, { leftLine: row.leftLine, count: row.hidden }];
    await this.#fetch();
  }

  /** Moves to the next (+1) or previous (-1) change; returns the row index to scroll to. */
  step(direction: 1 | -1): number | null {
    const list = this.navigable;
    if (list.length === 0) return null;
    let next: number;
    if (this.current < 0) next = direction > 0 ? list[0] : list[list.length - 1];
    else {
      const at = list.indexOf(this.current);
      const pos = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + direction));
      next = list[pos];
    }
    return this.select(next);
  }

  /** Focuses a change; returns its first row, or null when it has no row (e.g. a pure move). */
  select(changeIndex: number): number | null {
    this.current = changeIndex;
    return this.firstRowOfChange.get(changeIndex) ?? null;
  }

  async copyReport(): Promise<void> {
    const target = this.target;
    if (!target) return;
    this.copyStatus = 'copying';
    this.copyError = null;
    const reply = await this.#api.call('diff.report', { ...target, format: 'markdown' });
    if (!reply.ok) {
      this.copyStatus = 'failed';
      this.copyError = reply.error;
      return;
    }
    try {
      await navigator.clipboard.writeText(reply.value.text);
      this.copyStatus = 'copied';
      this.reportFallback = null;
    } catch {
      // No clipboard permission (e.g. a browser tab not in focus): show the text to copy by hand.
      this.copyStatus = 'failed';
      this.reportFallback = reply.value.text;
    }
  }

  async #fetch(): Promise<void> {
    const target = this.target;
    if (!target) return;
    const seq = ++this.#seq;
    this.loading = true;
    this.error = null;
    const reply = await this.#api.call('diff.item', this.expanded.length ? { ...target, expand: this.expanded } : target);
    if (seq !== this.#seq) return;
    this.loading = false;
    if (reply.ok) {
      performance.mark('diff:data');
      this.view = reply.value;
    } else {
      this.error = reply.error;
    }
  }
}
