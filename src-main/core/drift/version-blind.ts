/**
 * Regions hold the same integration with different component version numbers by design (each
 * region numbers its own builds), so at drift scale most unequal definition texts differ only in
 * `version:` lines under `component:` — and parsing both texts to learn "0 changes" was most of a
 * cold drift matrix. A cheap line scan blanks exactly those values; two texts whose blanked forms
 * are equal differ in nothing else.
 *
 * The scan is conservative: anything it cannot read with certainty line by line (tabs, CR, quoted
 * or flow values spanning lines, anchors/aliases/tags on the way) makes it answer `undefined`,
 * and the caller falls back to the full diff. Text inside block scalars (`|`, `>`) is never
 * touched, so a script that mentions `component:` / `version:` stays a real difference.
 */

/** The text with component version values blanked, or undefined when the scan cannot be sure. */
export function blankComponentVersions(text: string): string | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const lines = text.split('\n');
  /** Inside a block scalar: lines indented more than this (and blank lines) are its content. */
  let scalarAbove: number | undefined;
  /** Inside a `component:` mapping: its key column, and the column of its own keys once seen. */
  let componentAt = -1;
  let childAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = leadingSpaces(line);
    if (indent === line.length || line[indent] === '#') {
      continue; // blank or comment line: no structure
    }
    if (scalarAbove !== undefined) {
      if (indent > scalarAbove) continue;
      scalarAbove = undefined;
    }
    const column = keyColumn(line, indent);
    if (componentAt >= 0 && column <= componentAt) componentAt = childAt = -1;
    const rest = line.slice(column);
    if (!readableLine(rest)) return undefined;
    if (componentAt >= 0) {
      // A `component:` holding a list (`- ` first) is not a component reference: blank nothing in it.
      if (childAt === -1) childAt = column === indent ? column : NOT_A_MAPPING;
      if (column === childAt && column === indent) {
        const m = VERSION_LINE.exec(rest);
        if (m) {
          lines[i] = `${line.slice(0, column)}version: ~`;
          continue;
        }
      }
    }
    if (COMPONENT_LINE.test(rest)) {
      componentAt = column;
      childAt = -1;
    } else if (BLOCK_SCALAR_START.test(rest)) {
      // Its content is indented deeper than its parent: the key's mapping (`key: |`), or for a
      // bare `- |` the sequence whose dash precedes it.
      scalarAbove = rest[0] === '|' || rest[0] === '>' ? column - 2 : column;
    }
  }
  return lines.join('\n');
}

/** True when the two texts differ, if at all, only in component version values. */
export function onlyComponentVersionsDiffer(left: string, right: string): boolean {
  if (left === right) return true;
  // Most unequal pairs are real changes: a walk over the differing lines alone says so without
  // blanking (splitting, scanning) both whole texts.
  if (!differOnlyInVersionLikeLines(left, right)) return false;
  const a = blankComponentVersions(left);
  return a !== undefined && a === blankComponentVersions(right);
}

/**
 * False when the texts surely differ after blanking: they have different line counts (blanking
 * keeps every line break), or a pair of differing lines where neither line could be blanked (its
 * text after indentation and `- ` is no VERSION_LINE, the one shape blanking rewrites). True
 * leaves the answer to the full blanking.
 */
function differOnlyInVersionLikeLines(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && j < b.length && a.charCodeAt(i) === b.charCodeAt(j)) {
      i++;
      j++;
    }
    if (i === a.length && j === b.length) return true;
    // Both walks restarted at line starts and advanced together, so the differing lines start
    // at the same distance back in each text.
    const aStart = i === 0 ? 0 : a.lastIndexOf('\n', i - 1) + 1;
    const bStart = j - (i - aStart);
    const aEnd = lineEnd(a, i);
    const bEnd = lineEnd(b, j);
    if (!versionLike(a.slice(aStart, aEnd)) && !versionLike(b.slice(bStart, bEnd))) return false;
    const aDone = aEnd === a.length;
    const bDone = bEnd === b.length;
    if (aDone || bDone) return aDone && bDone;
    i = aEnd + 1;
    j = bEnd + 1;
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

function versionLike(line: string): boolean {
  return VERSION_LINE.test(line.slice(keyColumn(line, leadingSpaces(line))));
}

/** `version: 12` or `version: LATEST` (plain or quoted): values whose change alters no structure. */
const VERSION_LINE = /^version:[ ]+(?:\d+|LATEST|"LATEST"|'LATEST'|"\d+"|'\d+')[ ]*$/;
const COMPONENT_LINE = /^component:[ ]*$/;
const NOT_A_MAPPING = -2;
/** A value that is a block scalar header: `key: |`, `key: >-`, `- |2` and the like. */
const BLOCK_SCALAR_START = /(?:^|:[ ]+|^-[ ]+)[|>][-+1-9]{0,2}[ ]*(?:#.*)?$/;

function leadingSpaces(line: string): number {
  let n = 0;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
}

/** The column of the line's key or value, past any `- ` sequence indicators. */
function keyColumn(line: string, indent: number): number {
  let c = indent;
  while (line[c] === '-' && line[c + 1] === ' ') {
    c += 2;
    while (line[c] === ' ') c++;
  }
  return c;
}

/**
 * Whether the line's structure is plain to see: no value that goes on past the line (an open
 * quote, an open flow collection), and no anchor, alias or tag that could make two equal-looking
 * texts mean different things.
 */
function readableLine(rest: string): boolean {
  const first0 = rest[0];
  if (first0 === '?' || first0 === '&' || first0 === '*' || first0 === '!' || first0 === '%') return false;
  const colon = rest.search(/:(?: |$)/);
  const value = (colon >= 0 && !/^["']/.test(rest) ? rest.slice(colon + 1) : rest).trim();
  if (value === '') return true;
  const first = value[0];
  if (first === '&' || first === '*' || first === '!') return false;
  if (first === '"') return value.length > 1 && value.endsWith('"') && !value.endsWith('\\"');
  if (first === "'") return value.length > 1 && value.endsWith("'");
  if (first === '{') return value.endsWith('}');
  if (first === '[') return value.endsWith(']');
  return true;
}
