/**
 * Text → lines, and lines → small integers. Aligning compares lines many times over; comparing
 * interned ids is one integer compare instead of a string compare, and the ids index typed arrays
 * in the anchor search (no Map allocation per gap).
 */

/** Lines without their terminators. A final newline ends the last line; it does not start another. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // Windows line ends: the \r is not part of what the user reads, and must not make
  // otherwise equal lines differ between a CRLF export and an LF one.
  if (!text.includes('\r')) return lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

export interface InternedPair {
  left: Int32Array;
  right: Int32Array;
  /** Number of distinct lines across both sides (ids are 0 … distinct-1). */
  distinct: number;
}

export function internLines(left: readonly string[], right: readonly string[]): InternedPair {
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]): Int32Array => {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      out[i] = id;
    }
    return out;
  };
  const l = intern(left);
  const r = intern(right);
  return { left: l, right: r, distinct: ids.size };
}
