/**
 * Normalization before comparing (design.md "Normalization"): one entry point per item kind.
 * Integrations take the parsed definition (IntegrationRecord.yaml, parsed); the other kinds take
 * their record (or the value parsed back from its readable YAML — the same shape).
 */
import type { VersionTranslation } from '../diff/types';
import type { ComponentRecord, ItemKind } from '../model';
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

/** The component builds a region holds, to resolve a ref's version number to its package signature. */
export type ComponentBuilds = readonly Pick<ComponentRecord, 'key' | 'isPublic' | 'versions'>[];

export interface PairOptions {
  left?: (ref: ComponentRefVersion) => number | undefined;
  right?: (ref: ComponentRefVersion) => number | undefined;
  /** Each side's components (its snapshot): without them a number proves nothing about content. */
  components?: { left?: ComponentBuilds; right?: ComponentBuilds };
}

/** The package signature a ref names: its own, else the build its number has in that region. */
function signatureOf(ref: ComponentRefVersion, builds: ComponentBuilds | undefined): string | undefined {
  if (ref.signature !== undefined) return ref.signature;
  const n = typeof ref.version === 'number' ? ref.version : typeof ref.version === 'string' && /^\d+$/.test(ref.version) ? Number(ref.version) : undefined;
  if (n === undefined || !builds) return undefined;
  return builds.find((c) => c.key === ref.component && c.isPublic === ref.isPublic)?.versions.find((v) => v.number === n)?.signature;
}

function pairBasis(lr: ComponentRefVersion, rr: ComponentRefVersion, ls: string | undefined, rs: string | undefined): VersionTranslation['basis'] {
  if (lr.version === 'LATEST' || rr.version === 'LATEST') return 'latest';
  if (ls === undefined || rs === undefined) return 'unknown';
  return ls === rs ? 'signature' : 'different-build';
}

/**
 * "slack v50 here ≡ v2 there": refs at the same path on both sides whose versions differ give one
 * translation per (component, left version, right version). Basis: `latest` when either side
 * says LATEST; `signature` when both sides name the same package signature (CNI refs, component
 * records, or a number resolved through that side's components); `different-build` when both
 * signatures are known and differ — then a pin with the same number on both sides is reported
 * too, since the same number naming two builds is exactly what a reviewer must see; otherwise
 * `unknown`: the numbers differ and nothing here proves the content is the same.
 */
export function pairTranslations(left: readonly ComponentRefVersion[], right: readonly ComponentRefVersion[], opts: PairOptions = {}): VersionTranslation[] {
  const rightByPath = new Map<string, ComponentRefVersion>();
  for (const ref of right) rightByPath.set(formatPath(ref.segments), ref);
  const out: VersionTranslation[] = [];
  const seen = new Set<string>();
  for (const lr of left) {
    const rr = rightByPath.get(formatPath(lr.segments));
    if (!rr || rr.component !== lr.component || rr.isPublic !== lr.isPublic) continue;
    const lv = lr.version ?? lr.signature;
    const rv = rr.version ?? rr.signature;
    if (lv === undefined || rv === undefined) continue;
    const ls = signatureOf(lr, opts.components?.left);
    const rs = signatureOf(rr, opts.components?.right);
    const basis = pairBasis(lr, rr, ls, rs);
    if (lv === rv && basis !== 'different-build') continue;
    const pairKey = `${lr.component}\u0000${lr.isPublic}\u0000${lv}\u0000${rv}`;
    if (seen.has(pairKey)) continue;
    seen.add(pairKey);
    const leftLine = opts.left?.(lr);
    const rightLine = opts.right?.(rr);
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
