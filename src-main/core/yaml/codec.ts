/**
 * The one YAML codec: js-yaml 5 with the safe core schema (no `!!js/*`, no `<<` merge — prism uses
 * js-yaml 5 too, so both sides read a file the same way), and limits that make hostile files fail
 * fast with a coded error instead of exhausting memory later (baselines.md §2).
 */
import { constructFromEvents, dump, parseEvents, YAMLException, type Event } from 'js-yaml';
import { appError, err, ok, type AppError, type ErrorCode, type Result } from '../errors';
import type { PathSegment } from '../diff/types';
import { listIdentities } from '../normalize/list-identity';
import { buildPositions, lineLocator, type PosNode } from './positions';

export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliases: number;
}

/** Real Prismatic exports are well under 1 MiB, nest about 8 deep and use no aliases. */
export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 20 * 1024 * 1024, maxDepth: 100, maxAliases: 100 };

/**
 * Aliases are shared references, so a 300-byte file can stand for 387 million nodes while staying
 * under any alias-count limit (the 9×9 billion-laughs has only 72 aliases). Anything that walks
 * the value would then hang; so the expanded size is checked too.
 */
const MAX_EXPANDED_NODES = 2_000_000;

export interface ParsedYaml {
  value: unknown;
  text: string;
  file?: string;
  /** 1-based line of the node at that path (for a mapping entry: the line of its key). */
  lineOf(segments: PathSegment[]): number | undefined;
}

export interface YamlPositions {
  root: PosNode | undefined;
  line(offset: number): number;
}

const positionsOf = new WeakMap<ParsedYaml, () => YamlPositions>();

/** The position tree behind `lineOf`, for walkers (the diff) that descend alongside the value. */
export function yamlPositions(parsed: ParsedYaml): YamlPositions | undefined {
  return positionsOf.get(parsed)?.();
}

const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

/** True when the text holds NUL or other control characters no YAML file of ours contains. */
export function looksBinary(text: string): boolean {
  return CONTROL_CHAR.test(text);
}

function utf8Length(text: string, stopAfter: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function classify(reason: string): { code: ErrorCode; hint: string } {
  if (reason.startsWith('duplicated mapping key'))
    return { code: 'YAML_DUPLICATE_KEY', hint: 'Remove or rename one of the two keys; a YAML mapping may hold each key once.' };
  if (reason.startsWith('aliases exceeded'))
    return { code: 'YAML_ALIAS_LIMIT', hint: 'The file uses too many aliases (*name); exports from Prismatic use none.' };
  if (reason.startsWith('nesting exceeded'))
    return { code: 'YAML_TOO_DEEP', hint: 'The file nests deeper than any integration definition; check it is the right file.' };
  if (reason.startsWith('null byte') || reason.startsWith('the stream contains non-printable'))
    return { code: 'YAML_BINARY', hint: 'The file holds binary or control characters; save it as plain UTF-8 text.' };
  if (reason.startsWith('unknown') && reason.includes('tag'))
    return { code: 'YAML_SYNTAX', hint: 'Custom tags (such as !!js/function) are not allowed; use plain values.' };
  if (reason.includes('single document'))
    return { code: 'YAML_SYNTAX', hint: 'Keep one document per file (remove the extra `---`).' };
  return { code: 'YAML_SYNTAX', hint: 'Fix the YAML at that line and column (indentation, quotes, brackets).' };
}

function fromException(e: YAMLException, file: string | undefined): AppError {
  const { code, hint } = classify(e.reason);
  const where = e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : { line: 1, column: 1 };
  return appError(code, `${code === 'YAML_DUPLICATE_KEY' ? 'Duplicate key' : 'Invalid YAML'}: ${e.reason}`, { file, ...where, hint });
}

/** Counts nodes as a walker would see them, sharing work across aliased (shared) values. */
function expandedSize(value: unknown, memo: Map<object, number>, budget: number): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let size = 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    size += expandedSize(child, memo, budget);
    if (size > budget) break;
  }
  memo.set(value, size);
  return size;
}

/**
 * The same definition text is read several times per user action — the folder provider checks
 * it, the diff parses it, drift and plans look at it again — and a 50k-line file costs ~130 ms a
 * parse. Successful parses are kept, keyed by the exact text (and file and limits), up to a
 * budget of source bytes; least recently used go first. Parsed values are shared: every caller
 * treats them as read-only (normalization, diff and plans build new values, never edit these).
 */
const CACHE_MAX_CHARS = 48 * 1024 * 1024;
const CACHE_MAX_ENTRIES = 4096;
const parseCache = new Map<string, { text: string; parsed: ParsedYaml }>();
let cachedChars = 0;

export function parseYaml(text: string, opts: { file?: string; limits?: Partial<YamlLimits> } = {}): Result<ParsedYaml> {
  // Keyed by text and limits, not by file name: the folder provider and the diff name the same
  // text differently. A hit under another name gets a view carrying that name.
  const cacheKey = `${opts.limits ? JSON.stringify(opts.limits) : ''}\u0000${text}`;
  const hit = parseCache.get(cacheKey);
  if (hit) {
    parseCache.delete(cacheKey); // move to the most recently used end
    parseCache.set(cacheKey, hit);
    if (hit.parsed.file === opts.file) return ok(hit.parsed);
    const { file: _file, ...rest } = hit.parsed;
    const view: ParsedYaml = { ...rest, ...(opts.file ? { file: opts.file } : {}) };
    const positions = positionsOf.get(hit.parsed);
    if (positions) positionsOf.set(view, positions);
    return ok(view);
  }
  const result = parseYamlUncached(text, opts);
  if (result.ok && text.length <= CACHE_MAX_CHARS / 4) {
    parseCache.set(cacheKey, { text, parsed: result.value });
    cachedChars += text.length;
    for (const [k, v] of parseCache) {
      if (cachedChars <= CACHE_MAX_CHARS && parseCache.size <= CACHE_MAX_ENTRIES) break;
      parseCache.delete(k);
      cachedChars -= v.text.length;
    }
  }
  return result;
}

function parseYamlUncached(text: string, opts: { file?: string; limits?: Partial<YamlLimits> }): Result<ParsedYaml> {
  const limits = { ...DEFAULT_YAML_LIMITS, ...opts.limits };
  const file = opts.file;
  if (text.length > limits.maxBytes || (text.length * 3 > limits.maxBytes && utf8Length(text, limits.maxBytes) > limits.maxBytes)) {
    return err(
      appError('YAML_TOO_LARGE', `The file is larger than ${limits.maxBytes} bytes.`, {
        file,
        line: 1,
        column: 1,
        hint: 'Integration definitions are far smaller; check this is the right file, or raise the limit.',
        details: { maxBytes: limits.maxBytes },
      }),
    );
  }
  const control = CONTROL_CHAR.exec(text);
  if (control) {
    const where = lineColumnAt(text, control.index);
    const shown = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return err(
      appError('YAML_BINARY', `The file holds a control character (${shown}), so it is not a text YAML file.`, {
        file,
        ...where,
        hint: 'Save the file as plain UTF-8 text; binary files and UTF-16 cannot be compared.',
      }),
    );
  }

  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { maxDepth: limits.maxDepth, ...(file ? { filename: file } : {}) });
    documents = constructFromEvents(events, { source: text, maxAliases: limits.maxAliases, ...(file ? { filename: file } : {}) });
  } catch (e) {
    if (e instanceof YAMLException) return err(fromException(e, file));
    if (e instanceof RangeError)
      return err(appError('YAML_TOO_DEEP', 'The file nests too deeply to read.', { file, line: 1, column: 1, hint: 'Check this is an integration definition.' }));
    throw e;
  }
  if (documents.length > 1)
    return err(fromException(new YAMLException('expected a single document in the stream, but found more'), file));
  const value = documents.length === 0 ? null : documents[0];

  if (events.some((e) => e.type === 5 /* EVENT_ID.ALIAS */)) {
    const size = expandedSize(value, new Map(), MAX_EXPANDED_NODES);
    if (size > MAX_EXPANDED_NODES)
      return err(
        appError('YAML_ALIAS_LIMIT', `Aliases in the file expand to more than ${MAX_EXPANDED_NODES} values (an "alias bomb").`, {
          file,
          line: 1,
          column: 1,
          hint: 'Remove the aliases (*name); exports from Prismatic use none.',
        }),
      );
  }

  let positions: YamlPositions | undefined;
  const getPositions = (): YamlPositions => {
    if (!positions) positions = { root: buildPositions(text, events), line: lineLocator(text) };
    return positions;
  };
  const parsed: ParsedYaml = {
    value,
    text,
    ...(file ? { file } : {}),
    lineOf: (segments) => lineOfPath(value, getPositions(), segments),
  };
  positionsOf.set(parsed, getPositions);
  return ok(parsed);
}

function lineOfPath(value: unknown, positions: YamlPositions, segments: readonly PathSegment[]): number | undefined {
  let node = positions.root;
  let current: unknown = value;
  for (let depth = 0; depth < segments.length; depth++) {
    if (!node) return undefined;
    // An alias has no position children: the nodes under it are where the alias is.
    if (!node.map && !node.seq) return current !== undefined && typeof current === 'object' ? positions.line(node.off) : undefined;
    const seg = segments[depth];
    if (seg.type === 'key') {
      node = node.map?.get(seg.key);
      current = current && typeof current === 'object' && Object.hasOwn(current, seg.key) ? (current as Record<string, unknown>)[seg.key] : undefined;
    } else {
      if (!Array.isArray(current)) return undefined;
      let index = -1;
      if (seg.type === 'index') index = seg.index;
      else {
        const ids = listIdentities(segments.slice(0, depth), current);
        index = ids ? ids.findIndex((id) => id.key === seg.key) : -1;
      }
      if (index < 0 || index >= current.length) return undefined;
      node = node.seq?.[index];
      current = current[index];
    }
  }
  return node ? positions.line(node.off) : undefined;
}

/** Stable YAML for a value: no anchors (shared values are written out), no line folding. */
export function dumpYaml(value: unknown): string {
  return dump(value, { noRefs: true, lineWidth: -1 });
}
