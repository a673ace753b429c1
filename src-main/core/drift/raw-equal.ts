/**
 * A cheap first test before canonical hashes. Most items are identical across regions, and two
 * records that are deep-equal (apart from fields that are region facts by definition) have equal
 * canonical values whatever the ignore rules, since normalization and ignore rules are functions
 * of the record. Checking that costs a walk without allocation, where a canonical hash costs a
 * normalized copy, its JSON and a sha256 — at 4 regions × 20,000 instances that difference is
 * most of the drift bar. Records that are not raw-equal go on to the canonical comparison, so a
 * false "not equal" here is only slower, never wrong.
 */
import type { ItemKind } from '../model';

/**
 * Never drift anywhere (design.md "Normalization"): region ids and webhook URLs (isFact).
 * Per kind, top-level fields that are per-region counters: an instance's version number. */
const TOP_LEVEL_FACTS: Partial<Record<ItemKind, ReadonlySet<string>>> = { instances: new Set(['version']) };

export function rawEqual(kind: ItemKind, a: unknown, b: unknown): boolean {
  return equal(a, b, TOP_LEVEL_FACTS[kind]);
}

function equal(a: unknown, b: unknown, skip: ReadonlySet<string> | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i], undefined)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const xKeys = Object.keys(x);
  const yKeys = Object.keys(y);
  let xCount = 0;
  for (let i = 0; i < xKeys.length; i++) {
    const key = xKeys[i];
    if (isFact(key, skip)) continue;
    xCount++;
    const yv = y[key];
    if (yv === undefined && !Object.hasOwn(y, key)) return false;
    if (!equal(x[key], yv, undefined)) return false;
  }
  let yCount = 0;
  for (let i = 0; i < yKeys.length; i++) if (!isFact(yKeys[i], skip)) yCount++;
  return xCount === yCount;
}

function isFact(key: string, skip: ReadonlySet<string> | undefined): boolean {
  return key === 'remoteId' || key === 'webhookUrl' || (skip !== undefined && skip.has(key));
}
