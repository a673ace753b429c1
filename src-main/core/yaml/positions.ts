/**
 * Where each node of a parsed document sits in its text, built from js-yaml's event stream (js-yaml
 * 5 has no `listener` option; `parseEvents` gives offsets instead). Built lazily on first use:
 * most parses (hashing for drift) never ask for a line, and a diff asks for many.
 */
import { EVENT_ID, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';

export interface PosNode {
  /** Offset of the node: for a mapping value, the offset of its key (that is the line a reader looks at). */
  off: number;
  map?: Map<string, PosNode>;
  seq?: PosNode[];
}

interface Frame {
  node: PosNode;
  /** Mapping frames alternate key, value; this holds the key just read. */
  key?: { text: string; off: number };
  /** A collection used as a mapping key (rare, and never in Prismatic files): tracked, then dropped. */
  isKey: boolean;
}

function eventStart(e: Event): number {
  if ('tagStart' in e && e.tagStart !== -1) return e.tagStart;
  if ('anchorStart' in e && e.anchorStart !== -1) return e.anchorStart;
  if ('valueStart' in e) return e.valueStart;
  if ('start' in e) return e.start;
  return 0;
}

/** The position tree of the first document of `events`, or undefined for an empty stream. */
export function buildPositions(source: string, events: readonly Event[]): PosNode | undefined {
  let root: PosNode | undefined;
  const stack: Frame[] = [];

  // Attaches a finished or opening node to its parent; returns whether it sits in a key slot.
  const attach = (node: PosNode, scalarKey: string | undefined): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!root) root = node;
      return false;
    }
    if (top.node.seq) {
      top.node.seq.push(node);
      return false;
    }
    if (!top.node.map) return false;
    if (!top.key) {
      top.key = { text: scalarKey ?? '', off: node.off };
      return true;
    }
    node.off = top.key.off;
    if (!top.isKey && !top.node.map.has(top.key.text)) top.node.map.set(top.key.text, node);
    top.key = undefined;
    return false;
  };

  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        if (root) return root;
        break;
      case EVENT_ID.SCALAR: {
        const node: PosNode = { off: eventStart(e) };
        // Only a key's text is needed; decoding every value too was a third of this walk.
        const top = stack[stack.length - 1];
        const inKeySlot = top !== undefined && top.node.map !== undefined && top.key === undefined;
        attach(node, inKeySlot ? getScalarValue(source, e as ScalarEvent) : undefined);
        break;
      }
      case EVENT_ID.ALIAS:
        attach({ off: eventStart(e) }, undefined);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const node: PosNode = e.type === EVENT_ID.MAPPING ? { off: eventStart(e), map: new Map() } : { off: eventStart(e), seq: [] };
        const inKeySlot = attach(node, undefined);
        const parent = stack[stack.length - 1];
        stack.push({ node, isKey: inKeySlot || (parent?.isKey ?? false) });
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        break;
    }
  }
  return root;
}

/** 1-based line numbers for offsets, by binary search over line starts computed once. */
export function lineLocator(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset: number) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
