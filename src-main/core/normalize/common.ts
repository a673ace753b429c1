/** Small helpers shared by the normalizers. */

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * tf's rule (prismatic-api.md §3.6): "an empty value matches an absent key". The server drops
 * empty keys on read-back, so `""`, null, `[]` and `{}` are treated as not there.
 */
export function isEmptyValue(v: unknown): boolean {
  if (v === '' || v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const _ in v) return false;
    return true;
  }
  return false;
}

/** Deletes the keys whose value is empty (see {@link isEmptyValue}); returns the same object. */
export function dropEmptyKeys<T extends Record<string, unknown>>(obj: T): T {
  for (const key of Object.keys(obj)) if (isEmptyValue(obj[key])) delete obj[key];
  return obj;
}

export function byStringField<T>(field: string): (a: T, b: T) => number {
  return (a, b) => {
    const x = String((a as Record<string, unknown>)?.[field] ?? '');
    const y = String((b as Record<string, unknown>)?.[field] ?? '');
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Sorted copy of a list of strings (labels are sets: their order is not drift). */
export function sortedStrings(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return [...v].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/** A deep copy of plain data (YAML or JSON values), so normalizers may edit freely. */
export function cloneData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneData);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) out[key] = cloneData(v[key]);
    return out;
  }
  return v;
}
