/**
 * The line-level edit script the aligner produces: runs of equal, removed (left only) and added
 * (right only) lines, in order. Adjacent runs of the same kind are merged as they are pushed.
 */
export const SAME = 0;
export const REMOVED = 1;
export const ADDED = 2;
export type OpKind = typeof SAME | typeof REMOVED | typeof ADDED;

export class EditScript {
  readonly kinds: OpKind[] = [];
  readonly counts: number[] = [];

  push(kind: OpKind, count: number): void {
    if (count <= 0) return;
    const last = this.kinds.length - 1;
    if (last >= 0 && this.kinds[last] === kind) this.counts[last] += count;
    else {
      this.kinds.push(kind);
      this.counts.push(count);
    }
  }
}
