import type { ItemKind, RegionKind } from '../model';

export type DriftState = 'same' | 'differs' | 'missing' | 'extra' | 'stale' | 'unknown';

export interface DriftCell {
  state: DriftState;
  /** differs: the number of semantic changes (ignored ones excluded). */
  changes?: number;
  /** stale: what the comparison said on the old snapshot. */
  underlying?: DriftState;
  /** Region-specific version shown for information, e.g. "v50" or "v3 (pinned, latest v5)". */
  version?: string;
  /** Short words for the cell beyond the state, e.g. "disabled", "needs deploy", "misplaced". */
  notes?: string[];
  /**
   * The residency policy explains this state, so it is not drift: `missing` from a region the
   * customer does not live in, or `extra` only in its home region. Notes say the home ("home: us").
   */
  expected?: true;
}

export interface DriftRow {
  kind: ItemKind;
  /** Cross-region identity key (see model.ts / identity.ts). */
  id: string;
  label: string;
  cells: Record<string, DriftCell>;
  /** True when any non-baseline cell is not `same`. */
  drifted: boolean;
  /** Residency findings for instances: region → rule text. */
  misplaced?: Record<string, string>;
}

export interface DriftRegionInfo {
  id: string;
  label: string;
  kind: RegionKind;
  capturedAt?: string;
  stale: boolean;
  available: boolean;
}

export interface DriftMatrix {
  baseline: string;
  regions: DriftRegionInfo[];
  rows: DriftRow[];
  counts: Record<ItemKind, { total: number; drifted: number }>;
}
