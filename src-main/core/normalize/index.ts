/**
 * Normalization before comparing (design.md "Normalization"): one entry point per item kind.
 * Integrations take the parsed definition (IntegrationRecord.yaml, parsed); the other kinds take
 * their record (or the value parsed back from its readable YAML — the same shape).
 */
import type { VersionTranslation } from '../diff/types';
import type { ItemKind } from '../model';
import { formatPath } from '../diff/path';
import { normalizeIntegration, type ComponentRefVersion } from './integration';
import { componentLatest, normalizeRecord } from './records';

export type { ComponentRefVersion } from './integration';
export { readableRecord } from './records';

export interface NormalizedItem {
  value: unknown;
  /**
   * The component versions taken out of the value, one per reference. From a single document
   * each entry has `left === right` (the version seen); {@link pairTranslations} pairs two sides.
   */
  translations: VersionTranslation[];
}

function basisOf(version: string | number | undefined, signature: string | undefined): VersionTranslation['basis'] {
  if (version === 'LATEST') return 'latest';
  if (signature !== undefined) return 'signature';
  return 'unknown';
}

function refToTranslation(ref: ComponentRefVersion): VersionTranslation {
  const seen = ref.version ?? ref.signature ?? '';
  return { component: ref.component, isPublic: ref.isPublic, left: seen, right: seen, basis: basisOf(ref.version, ref.signature) };
}

/** Normalized value plus the component refs (with their paths), for callers that need the paths. */
export function normalizeItemDetailed(kind: ItemKind, value: unknown): { value: unknown; refs: ComponentRefVersion[] } {
  if (kind === 'integrations') return normalizeIntegration(value);
  const normalized = normalizeRecord(kind, value);
  if (kind !== 'components') return { value: normalized, refs: [] };
  const latest = componentLatest(value);
  const rec = value as { key?: unknown; isPublic?: unknown };
  if (typeof rec?.key !== 'string' || latest.number === undefined) return { value: normalized, refs: [] };
  return {
    value: normalized,
    refs: [{ component: rec.key, isPublic: rec.isPublic !== false, version: latest.number, ...(latest.signature ? { signature: latest.signature } : {}), segments: [{ type: 'key', key: 'latest' }] }],
  };
}

export function normalizeItem(kind: ItemKind, value: unknown): { value: unknown; translations: VersionTranslation[] } {
  const { value: normalized, refs } = normalizeItemDetailed(kind, value);
  return { value: normalized, translations: refs.map(refToTranslation) };
}

/**
 * "slack v50 here ≡ v2 there": refs at the same path on both sides whose versions differ give one
 * translation per (component, left version, right version). Basis: `latest` when either side
 * says LATEST; `signature` when both sides carry the same signature (CNI refs, component
 * records); otherwise `unknown` — the numbers differ and nothing here proves the content is the
 * same.
 */
export function pairTranslations(
  left: readonly ComponentRefVersion[],
  right: readonly ComponentRefVersion[],
  lineOf?: { left?: (ref: ComponentRefVersion) => number | undefined; right?: (ref: ComponentRefVersion) => number | undefined },
): VersionTranslation[] {
  const rightByPath = new Map<string, ComponentRefVersion>();
  for (const ref of right) rightByPath.set(formatPath(ref.segments), ref);
  const out: VersionTranslation[] = [];
  const seen = new Set<string>();
  for (const lr of left) {
    const rr = rightByPath.get(formatPath(lr.segments));
    if (!rr || rr.component !== lr.component || rr.isPublic !== lr.isPublic) continue;
    const lv = lr.version ?? lr.signature;
    const rv = rr.version ?? rr.signature;
    if (lv === undefined || rv === undefined || lv === rv) continue;
    const pairKey = `${lr.component}\u0000${lr.isPublic}\u0000${lv}\u0000${rv}`;
    if (seen.has(pairKey)) continue;
    seen.add(pairKey);
    const basis: VersionTranslation['basis'] =
      lr.version === 'LATEST' || rr.version === 'LATEST'
        ? 'latest'
        : lr.signature !== undefined && lr.signature === rr.signature
          ? 'signature'
          : 'unknown';
    const leftLine = lineOf?.left?.(lr);
    const rightLine = lineOf?.right?.(rr);
    out.push({
      component: lr.component,
      isPublic: lr.isPublic,
      left: lv,
      right: rv,
      basis,
      ...(leftLine !== undefined ? { leftLine } : {}),
      ...(rightLine !== undefined ? { rightLine } : {}),
    });
  }
  return out;
}
