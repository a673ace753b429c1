/**
 * Ignore rules from the workspace file: `<kind>/<name glob>: <path pattern>`, e.g.
 *   integrations/*: flows[*].steps[*].inputs.debugLogging
 *   instances/*: labels
 *   integrations/Orders Sync: description
 * A rule changes the verdict, not only the display: matched changes are kept in the report
 * (marked ignored) but not counted, and canonical hashes leave the matched values out.
 * Path patterns read the syntax of report paths (core/diff/path.ts): `key`, `."quoted key"`,
 * `*` any key, `[*]` any list item, `[Name]` / `["Name"]` a keyed item, `[3]` an index.
 * A rule covers everything below the path it names.
 */
import type { PathSegment } from './diff/types';
import { appError, err, ok, type Result } from './errors';
import { ITEM_KINDS, type ItemKind } from './model';
import { listIdentities } from './normalize/list-identity';
import { cloneData, isEmptyValue } from './normalize/common';
import { canonicalJson } from './hash';

export type PathPatternSegment =
  | { type: 'key'; key: string }
  | { type: 'anyKey' }
  | { type: 'anyItem' }
  | { type: 'item'; key: string }
  | { type: 'index'; index: number };

export interface IgnoreRule {
  /** The rule as written, shown next to what it silenced. */
  source: string;
  kind: ItemKind | '*';
  /** Glob over item names: `*` any run of characters (including `/`), `?` one character. */
  name: string;
  path: PathPatternSegment[];
}

const RULE = /^\s*([^/\s]+)\/(.+?):\s+(\S.*?)\s*$/;

export function parseIgnoreRules(rules: string[]): Result<IgnoreRule[]> {
  const parsed: IgnoreRule[] = [];
  for (const source of rules) {
    const bad = (why: string) =>
      err<IgnoreRule[]>(
        appError('INVALID_INPUT', `Ignore rule "${source}" is not valid: ${why}.`, {
          hint: 'Write rules as "<kind>/<name glob>: <path>", e.g. "integrations/*: flows[*].steps[*].inputs.debugLogging".',
          details: { rule: source },
        }),
      );
    if (typeof source !== 'string') return bad('it is not text');
    const m = RULE.exec(source);
    if (!m) return bad('expected "<kind>/<name glob>: <path>"');
    const [, kind, name, pathText] = m;
    if (kind !== '*' && !(ITEM_KINDS as readonly string[]).includes(kind))
      return bad(`unknown kind "${kind}" (use one of ${ITEM_KINDS.join(', ')} or *)`);
    const path = parsePathPattern(pathText);
    if (typeof path === 'string') return bad(path);
    parsed.push({ source, kind: kind as ItemKind | '*', name: name.trim(), path });
  }
  return ok(parsed);
}

/** Parses a path pattern, or returns why it cannot. */
export function parsePathPattern(text: string): PathPatternSegment[] | string {
  const out: PathPatternSegment[] = [];
  let i = 0;
  const readQuoted = (): string | undefined => {
    // A JSON string: find its closing quote, skipping escapes, then let JSON.parse decode it.
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) return undefined;
    try {
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      i = j + 1;
      return s;
    } catch {
      return undefined;
    }
  };
  const readKey = (): string | undefined => {
    if (text[i] === '"') return readQuoted();
    const start = i;
    while (i < text.length && text[i] !== '.' && text[i] !== '[') i++;
    const key = text.slice(start, i).trim();
    return key === '' ? undefined : key;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      i++;
      let inner: string | undefined;
      let quoted = false;
      if (text[i] === '"') {
        inner = readQuoted();
        quoted = true;
      } else {
        const close = text.indexOf(']', i);
        if (close === -1) return `unclosed "[" at character ${i}`;
        inner = text.slice(i, close);
        i = close;
      }
      if (inner === undefined || text[i] !== ']') return `bad "[...]" at character ${i}`;
      i++;
      if (!quoted && inner === '*') out.push({ type: 'anyItem' });
      else if (!quoted && /^\d+$/.test(inner)) out.push({ type: 'index', index: Number(inner) });
      else if (inner === '') return 'empty "[]"';
      else out.push({ type: 'item', key: inner });
    } else {
      if (c === '.') {
        if (out.length === 0) return 'a path cannot start with "."';
        i++;
      } else if (out.length > 0) return `expected "." or "[" at character ${i}`;
      const quoted = text[i] === '"';
      const key = readKey();
      if (key === undefined) return `missing key at character ${i}`;
      out.push(!quoted && key === '*' ? { type: 'anyKey' } : { type: 'key', key });
    }
  }
  if (out.length === 0) return 'the path is empty';
  return out;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function segmentMatches(p: PathPatternSegment, s: PathSegment): boolean {
  switch (p.type) {
    case 'key':
      return s.type === 'key' && s.key === p.key;
    case 'anyKey':
      return s.type === 'key';
    case 'anyItem':
      return s.type === 'item' || s.type === 'index';
    case 'item':
      return s.type === 'item' && s.key === p.key;
    case 'index':
      return s.type === 'index' && s.index === p.index;
  }
}

/** True when `pattern` names `segments` or one of its ancestors. */
export function patternCovers(pattern: readonly PathPatternSegment[], segments: readonly PathSegment[]): boolean {
  if (pattern.length > segments.length) return false;
  for (let i = 0; i < pattern.length; i++) if (!segmentMatches(pattern[i], segments[i])) return false;
  return true;
}

/** The rules that apply to one item. */
export function rulesFor(rules: readonly IgnoreRule[], kind: ItemKind, itemName: string): IgnoreRule[] {
  return rules.filter((r) => (r.kind === '*' || r.kind === kind) && globToRegExp(r.name).test(itemName));
}

export function ignoreMatcher(rules: IgnoreRule[], kind: ItemKind, itemName: string): (segments: PathSegment[]) => IgnoreRule | undefined {
  const applicable = rulesFor(rules, kind, itemName);
  if (applicable.length === 0) return () => undefined;
  return (segments) => applicable.find((r) => patternCovers(r.path, segments));
}

/**
 * Removes every value the rules name, in place (callers pass a fresh normalized copy), so the
 * canonical hash of an item does not see ignored differences. Matched list items are dropped;
 * maps left empty are dropped too.
 */
export function removeIgnored(value: unknown, rules: readonly IgnoreRule[]): unknown {
  let root = value;
  for (const rule of rules) root = removePath(root, rule.path, 0, []);
  // A map emptied by a removal equals an absent one, as everywhere in normalization.
  return root === REMOVED ? null : pruneEmpty(root);
}

const REMOVED = Symbol('removed');

function removePath(value: unknown, pattern: readonly PathPatternSegment[], depth: number, segs: PathSegment[]): unknown {
  if (depth === pattern.length) return REMOVED;
  if (typeof value !== 'object' || value === null) return value;
  const p = pattern[depth];
  if (Array.isArray(value)) {
    if (p.type === 'key' || p.type === 'anyKey') return value;
    const ids = p.type === 'index' ? undefined : listIdentities(segs, value);
    const keep: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const id = ids?.[i];
      const hit =
        p.type === 'anyItem' || (p.type === 'index' && p.index === i) || (p.type === 'item' && id !== undefined && id.key === p.key);
      if (!hit) {
        keep.push(value[i]);
        continue;
      }
      const seg: PathSegment = id ? { type: 'item', key: id.key, by: id.by } : { type: 'index', index: i };
      const next = removePath(value[i], pattern, depth + 1, [...segs, seg]);
      if (next !== REMOVED) keep.push(next);
    }
    return keep;
  }
  if (p.type !== 'key' && p.type !== 'anyKey') return value;
  const obj = value as Record<string, unknown>;
  for (const key of p.type === 'key' ? (Object.hasOwn(obj, p.key) ? [p.key] : []) : Object.keys(obj)) {
    const next = removePath(obj[key], pattern, depth + 1, [...segs, { type: 'key', key }]);
    if (next === REMOVED) delete obj[key];
    else obj[key] = next;
  }
  return obj;
}

/**
 * For a change above an ignored path — a step's whole `inputs` added when the rule names
 * `inputs.debugLogging` — the rule that explains it: with everything the rules name below the
 * change removed, both sides are the same (an emptied map counts as absent, as in normalization).
 */
export function residualMatcher(
  rules: IgnoreRule[],
  kind: ItemKind,
  itemName: string,
): (segments: PathSegment[], left: unknown, right: unknown) => IgnoreRule | undefined {
  const applicable = rulesFor(rules, kind, itemName);
  if (applicable.length === 0) return () => undefined;
  return (segments, left, right) => {
    if ((typeof left !== 'object' || left === null) && (typeof right !== 'object' || right === null)) return undefined;
    const below = applicable.filter((r) => r.path.length > segments.length && patternCovers(r.path.slice(0, segments.length), segments));
    if (below.length === 0) return undefined;
    const strip = (v: unknown): string => {
      let out = cloneData(v);
      for (const r of below) out = removePath(out, r.path, segments.length, [...segments]);
      return out === REMOVED || isEmptyValue(out) ? '' : canonicalJson(pruneEmpty(out));
    };
    return strip(left) === strip(right) ? below[0] : undefined;
  };
}

/** Drops maps and lists left empty by a removal, bottom-up (empty equals absent). */
function pruneEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneEmpty);
  if (typeof v !== 'object' || v === null) return v;
  const obj = v as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    obj[key] = pruneEmpty(obj[key]);
    if (isEmptyValue(obj[key])) delete obj[key];
  }
  return obj;
}
