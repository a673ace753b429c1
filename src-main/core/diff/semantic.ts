/**
 * The semantic diff (dyff's Report/Diff model): both sides are normalized (core/normalize), then
 * walked together. Maps compare by key; keyed lists by identity, so an edit deep inside a flow is
 * one change at `flows[Customer Sync].steps[API Call].inputs.url` and a flow that changed place is
 * one `moved` change, never the index-shift explosion of a positional diff (baselines.md: 64,951
 * changes for one moved block). Every change carries the lines of its node on each side.
 */
import type { IgnoreRule } from '../ignore';
import { ignoreMatcher, residualMatcher } from '../ignore';
import type { ItemKind } from '../model';
import { normalizeItemDetailed, pairTranslations, type ComponentBuilds } from '../normalize';
import { listIdentities } from '../normalize/list-identity';
import { isPlainObject } from '../normalize/common';
import type { PosNode } from '../yaml/positions';
import { parseYaml, yamlPositions, type ParsedYaml } from '../yaml/codec';
import { itemToYaml } from '../identity';
import { AppFailure } from '../errors';
import { alignKeyed, alignUnkeyed } from './lists';
import { formatPath } from './path';
import type { Change, ChangeKind, DiffReport, DiffSummary, PathSegment } from './types';

interface SideCursor {
  pos: PosNode | undefined;
  line: (offset: number) => number;
}

class Walker {
  readonly changes: Change[] = [];
  private readonly segs: PathSegment[] = [];

  constructor(
    private readonly left: SideCursor,
    private readonly right: SideCursor,
    private readonly ignoredBy: (segments: PathSegment[]) => IgnoreRule | undefined,
    private readonly ignoredBelow: (segments: PathSegment[], left: unknown, right: unknown) => IgnoreRule | undefined,
  ) {}

  private emit(kind: ChangeKind, l: unknown, r: unknown, lpos: PosNode | undefined, rpos: PosNode | undefined, extra?: Partial<Change>): void {
    const segments = this.segs.slice();
    const change: Change = { kind, path: formatPath(segments), segments };
    if (kind !== 'added' && kind !== 'moved') change.left = l;
    if (kind !== 'removed' && kind !== 'moved') change.right = r;
    if (lpos) change.leftLine = this.left.line(lpos.off);
    if (rpos) change.rightLine = this.right.line(rpos.off);
    if (extra) Object.assign(change, extra);
    const rule = this.ignoredBy(segments) ?? (kind === 'moved' ? undefined : this.ignoredBelow(segments, l, r));
    if (rule) {
      change.ignored = true;
      change.ignoredBy = rule.source;
    }
    this.changes.push(change);
  }

  walk(l: unknown, r: unknown, lpos: PosNode | undefined, rpos: PosNode | undefined): void {
    if (l === r) return;
    if (Array.isArray(l) && Array.isArray(r)) return this.walkList(l, r, lpos, rpos);
    if (isPlainObject(l) && isPlainObject(r)) return this.walkMap(l, r, lpos, rpos);
    if (typeof l === 'number' && typeof r === 'number' && Number.isNaN(l) && Number.isNaN(r)) return;
    // A whole document on one side only (an item missing from a region): added or removed.
    if (this.segs.length === 0 && l == null) return this.emit('added', undefined, r, undefined, rpos);
    if (this.segs.length === 0 && r == null) return this.emit('removed', l, undefined, lpos, undefined);
    this.emit('changed', l, r, lpos, rpos);
  }

  private walkMap(l: Record<string, unknown>, r: Record<string, unknown>, lpos: PosNode | undefined, rpos: PosNode | undefined): void {
    for (const key of Object.keys(l)) {
      this.segs.push({ type: 'key', key });
      const lchild = lpos?.map?.get(key);
      if (Object.hasOwn(r, key)) this.walk(l[key], r[key], lchild, rpos?.map?.get(key));
      else this.emit('removed', l[key], undefined, lchild, undefined);
      this.segs.pop();
    }
    for (const key of Object.keys(r)) {
      if (Object.hasOwn(l, key)) continue;
      this.segs.push({ type: 'key', key });
      this.emit('added', undefined, r[key], undefined, rpos?.map?.get(key));
      this.segs.pop();
    }
  }

  private walkList(l: unknown[], r: unknown[], lpos: PosNode | undefined, rpos: PosNode | undefined): void {
    const lids = listIdentities(this.segs, l);
    const rids = listIdentities(this.segs, r);
    const lseq = lpos?.seq;
    const rseq = rpos?.seq;
    if (lids && rids) {
      const a = alignKeyed(
        lids.map((id) => id.key),
        rids.map((id) => id.key),
      );
      // Report in left order: removals and pairs as they come, then additions.
      const pairAt = new Map<number, number>();
      a.pairs.forEach(([i], k) => pairAt.set(i, k));
      for (let i = 0; i < l.length; i++) {
        const id = lids[i];
        this.segs.push({ type: 'item', key: id.key, by: id.by });
        const k = pairAt.get(i);
        if (k === undefined) this.emit('removed', l[i], undefined, lseq?.[i], undefined);
        else {
          const j = a.pairs[k][1];
          if (a.moved.has(k)) this.emit('moved', undefined, undefined, lseq?.[i], rseq?.[j], { from: i, to: j });
          this.walk(l[i], r[j], lseq?.[i], rseq?.[j]);
        }
        this.segs.pop();
      }
      for (const j of a.added) {
        const id = rids[j];
        this.segs.push({ type: 'item', key: id.key, by: id.by });
        this.emit('added', undefined, r[j], undefined, rseq?.[j]);
        this.segs.pop();
      }
      return;
    }
    if (l.length === r.length && l.every((v, i) => v === r[i])) return;
    for (const op of alignUnkeyed(l, r)) {
      switch (op.op) {
        case 'same':
          break;
        case 'pair':
          this.segs.push({ type: 'index', index: op.left });
          this.walk(l[op.left], r[op.right], lseq?.[op.left], rseq?.[op.right]);
          this.segs.pop();
          break;
        case 'moved':
          this.segs.push({ type: 'index', index: op.left });
          this.emit('moved', undefined, undefined, lseq?.[op.left], rseq?.[op.right], { from: op.left, to: op.right });
          this.segs.pop();
          break;
        case 'removed':
          this.segs.push({ type: 'index', index: op.left });
          this.emit('removed', l[op.left], undefined, lseq?.[op.left], undefined);
          this.segs.pop();
          break;
        case 'added':
          this.segs.push({ type: 'index', index: op.right });
          this.emit('added', undefined, r[op.right], undefined, rseq?.[op.right]);
          this.segs.pop();
          break;
      }
    }
  }
}

export function summarize(changes: readonly Change[]): DiffSummary {
  const s: DiffSummary = { added: 0, removed: 0, changed: 0, moved: 0, ignored: 0, total: 0 };
  for (const c of changes) {
    if (c.ignored) s.ignored++;
    else {
      s[c.kind]++;
      s.total++;
    }
  }
  return s;
}

export interface DiffOptions {
  kind: ItemKind;
  name: string;
  ignore?: IgnoreRule[];
  /**
   * Each side's components (its region's snapshot), so a pinned number resolves to its build and
   * a translation can say "same signature" or "different builds" instead of "not proven".
   */
  components?: { left?: ComponentBuilds; right?: ComponentBuilds };
}

export function diffYaml(left: ParsedYaml, right: ParsedYaml, opts: DiffOptions): DiffReport {
  const l = normalizeItemDetailed(opts.kind, left.value);
  const r = normalizeItemDetailed(opts.kind, right.value);
  const lp = yamlPositions(left);
  const rp = yamlPositions(right);
  const walker = new Walker(
    { pos: lp?.root, line: lp?.line ?? (() => 0) },
    { pos: rp?.root, line: rp?.line ?? (() => 0) },
    ignoreMatcher(opts.ignore ?? [], opts.kind, opts.name),
    residualMatcher(opts.ignore ?? [], opts.kind, opts.name),
  );
  walker.walk(l.value, r.value, lp?.root, rp?.root);
  const translations = pairTranslations(l.refs, r.refs, {
    left: (ref) => left.lineOf(ref.segments),
    right: (ref) => right.lineOf(ref.segments),
    ...(opts.components ? { components: opts.components } : {}),
  });
  return { changes: walker.changes, summary: summarize(walker.changes), translations };
}

/**
 * Diff of two records of any kind. Records go through their readable YAML (itemToYaml) and back,
 * so every kind gets line numbers for the side-by-side view. A side that is missing (undefined)
 * reads as an empty document. Throws AppFailure only if a YAML text does not parse (an
 * integration's stored definition); callers at a boundary convert it with toAppError.
 */
export function diffItems(kind: ItemKind, name: string, left: unknown, right: unknown, ignore?: IgnoreRule[], components?: DiffOptions['components']): DiffReport {
  const parse = (record: unknown, side: string): ParsedYaml => {
    const text = record === undefined ? '' : itemToYaml(kind, record);
    const parsed = parseYaml(text, { file: `${side}/${kind}/${name}` });
    if (!parsed.ok) throw new AppFailure(parsed.error);
    return parsed.value;
  };
  return diffYaml(parse(left, 'left'), parse(right, 'right'), { kind, name, ...(ignore ? { ignore } : {}), ...(components ? { components } : {}) });
}
