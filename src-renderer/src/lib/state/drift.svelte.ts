/**
 * The drift matrix and its filters. The matrix is a large immutable payload: `$state.raw`, so
 * thousands of rows are never wrapped in proxies; filtering is `$derived` from it.
 */
import type { ApiClient, AppError, DriftMatrix, DriftRow, ItemKind } from '../api/types';
import { cellWords } from '../format';

export type RowsByKind = Record<ItemKind, DriftRow[]>;

const emptyByKind = (): RowsByKind => ({ components: [], integrations: [], instances: [], customers: [] });

export class DriftState {
  matrix = $state.raw<DriftMatrix | null>(null);
  error = $state.raw<AppError | null>(null);
  loading = $state(false);
  /** Chosen baseline; undefined = the workspace's. */
  baseline = $state<string | undefined>(undefined);
  search = $state('');
  onlyDrifted = $state(false);
  readonly #api: ApiClient;
  #requestSeq = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** Every row grouped by kind, before filters (the counts in headings use it). */
  allByKind = $derived.by<RowsByKind>(() => {
    const grouped = emptyByKind();
    for (const row of this.matrix?.rows ?? []) grouped[row.kind]?.push(row);
    return grouped;
  });

  /** Rows after search and the "only drifted" toggle. */
  visibleByKind = $derived.by<RowsByKind>(() => {
    const needle = this.search.trim().toLowerCase();
    const onlyDrifted = this.onlyDrifted;
    if (!needle && !onlyDrifted) return this.allByKind;
    const grouped = emptyByKind();
    for (const row of this.matrix?.rows ?? []) {
      if (onlyDrifted && !row.drifted) continue;
      if (needle && !matches(row, needle)) continue;
      grouped[row.kind]?.push(row);
    }
    return grouped;
  });

  async load(baseline = this.baseline): Promise<void> {
    const seq = ++this.#requestSeq;
    this.loading = true;
    const reply = await this.#api.call('drift.matrix', baseline ? { baseline } : {});
    if (seq !== this.#requestSeq) return; // a newer request (e.g. another baseline) wins
    this.loading = false;
    if (reply.ok) {
      this.matrix = reply.value;
      this.error = null;
    } else {
      this.error = reply.error;
    }
  }

  chooseBaseline(region: string): Promise<void> {
    this.baseline = region;
    return this.load(region);
  }
}

/** Search matches the item name or id, and the words of any cell ("missing", "v50", "disabled"). */
function matches(row: DriftRow, needle: string): boolean {
  if (row.label.toLowerCase().includes(needle) || row.id.toLowerCase().includes(needle)) return true;
  for (const cell of Object.values(row.cells)) {
    if (cellWords(cell).includes(needle)) return true;
    if (cell.version?.toLowerCase().includes(needle)) return true;
    if (cell.notes?.some((n) => n.toLowerCase().includes(needle))) return true;
  }
  return false;
}
