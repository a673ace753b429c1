/**
 * The semantic diff's report, modelled on dyff's Report/Diff/Detail: comparison produces data,
 * output (text, markdown, json, the side-by-side view) is kept apart from it.
 */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** One step of a readable path: a map key, or a keyed list item (`flows[Customer Sync]`), or an index. */
export type PathSegment =
  | { type: 'key'; key: string }
  | { type: 'item'; key: string; by: string } // list item matched by identity field `by`
  | { type: 'index'; index: number };

export interface Change {
  kind: ChangeKind;
  /** e.g. `flows[Customer Sync].steps[API Call].inputs.url` */
  path: string;
  segments: PathSegment[];
  left?: unknown;
  right?: unknown;
  /** 1-based line of the node in the left / right text, when known. */
  leftLine?: number;
  rightLine?: number;
  /** For `moved`: old and new positions in the list. */
  from?: number;
  to?: number;
  /** True when an ignore rule matched: shown greyed, not counted as drift. */
  ignored?: boolean;
  /** The ignore rule that matched. */
  ignoredBy?: string;
}

/** "Acme v50 here ≡ v2 there": component versions are per-region counters, never drift. */
export interface VersionTranslation {
  component: string;
  isPublic: boolean;
  left: string | number;
  right: string | number;
  /**
   * How equivalence was established: same signature, LATEST, or unknown. `different-build`: both
   * builds are known and are not the same package — not drift (numbers are per region), but a
   * reviewer should look.
   */
  basis: 'signature' | 'latest' | 'unknown' | 'different-build';
  leftLine?: number;
  rightLine?: number;
}

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  moved: number;
  /** Changes an ignore rule silenced (not counted above). */
  ignored: number;
  /** added + removed + changed + moved */
  total: number;
}

export interface DiffReport {
  changes: Change[];
  summary: DiffSummary;
  translations: VersionTranslation[];
}

// ---- side-by-side display ---------------------------------------------------------------------

/** A run of text inside one line; `changed` runs get the intra-line highlight. */
export interface Segment {
  text: string;
  changed: boolean;
}

export type RowKind = 'same' | 'changed' | 'added' | 'removed' | 'collapsed';

export interface AlignedRow {
  kind: RowKind;
  leftLine?: number;
  rightLine?: number;
  left?: string;
  right?: string;
  /** Word-level highlight, only on `changed` rows. */
  leftSegments?: Segment[];
  rightSegments?: Segment[];
  /** Index into DiffReport.changes of the change this row belongs to, if any. */
  changeIndex?: number;
  /** For `collapsed`: how many unchanged lines this row stands for. */
  hidden?: number;
}
