/**
 * Identity across regions (design.md): ids and version numbers differ per region, so items are
 * matched on what the user chose — integrations by name, components by (key, isPublic),
 * customers by externalId, instances by (customer, integration, name) — and lists inside them by
 * the rules in normalize/list-identity.ts. `canonicalItem` gives the normalized, ignore-filtered
 * value of an item and its hash, so drift over thousands of items compares hashes and only diffs
 * the items whose hashes differ.
 */
import type { ItemKind } from './model';
import { componentKey, instanceKey, type ComponentRecord, type InstanceRecord, type IntegrationRecord } from './model';
import { canonicalJson, sha256Hex } from './hash';
import { removeIgnored, rulesFor, type IgnoreRule } from './ignore';
import { normalizeItem, readableRecord } from './normalize';
import { dumpYaml, parseYaml } from './yaml/codec';

export { listItemIdentity, listIdentities, type ListItemId } from './normalize/list-identity';

/** The cross-region identity of a record of `kind` (the key drift rows are matched on). */
export function itemIdentity(kind: ItemKind, record: unknown): string {
  const r = (record ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'integrations':
      return String(r.name ?? '');
    case 'components':
      return componentKey({ key: String(r.key ?? ''), isPublic: r.isPublic !== false } as Pick<ComponentRecord, 'key' | 'isPublic'>);
    case 'customers':
      return String(r.externalId ?? '');
    case 'instances':
      return instanceKey(r as unknown as Pick<InstanceRecord, 'customer' | 'integration' | 'name'>);
  }
}

export interface CanonicalItem {
  /** Normalized, with ignored paths removed; null when an integration's YAML does not parse. */
  value: unknown;
  /**
   * sha256 of the canonical JSON (customers and instances: of JSON.stringify over their
   * key-sorted normalized form — deterministic, and cheaper); `invalid:<sha256 of the text>`
   * when an integration's YAML does not parse.
   */
  hash: string;
}

interface CanonicalCache {
  byRecord: WeakMap<object, CanonicalItem>;
  /** Regions usually hold byte-identical exports: parse each distinct text once. */
  byYaml: Map<string, CanonicalItem>;
}

const NO_RULES: IgnoreRule[] = [];
const caches = new WeakMap<IgnoreRule[], Map<ItemKind, CanonicalCache>>();
const MAX_YAML_CACHE = 20_000;

function cacheFor(kind: ItemKind, ignore: IgnoreRule[]): CanonicalCache {
  const key = ignore.length === 0 ? NO_RULES : ignore;
  let perKind = caches.get(key);
  if (!perKind) caches.set(key, (perKind = new Map()));
  let cache = perKind.get(kind);
  if (!cache) perKind.set(kind, (cache = { byRecord: new WeakMap(), byYaml: new Map() }));
  return cache;
}

function computeCanonical(kind: ItemKind, record: unknown, ignore: IgnoreRule[], cache: CanonicalCache): CanonicalItem {
  let source: unknown = record;
  if (kind === 'integrations') {
    const yaml = String((record as IntegrationRecord | undefined)?.yaml ?? '');
    const cached = cache.byYaml.get(yaml);
    if (cached) return cached;
    const parsed = parseYaml(yaml);
    let result: CanonicalItem;
    if (!parsed.ok) result = { value: null, hash: `invalid:${sha256Hex(yaml)}` };
    else result = finish(kind, itemIdentity(kind, record), parsed.value.value, ignore);
    if (cache.byYaml.size >= MAX_YAML_CACHE) cache.byYaml.clear();
    cache.byYaml.set(yaml, result);
    return result;
  }
  return finish(kind, itemIdentity(kind, record), source, ignore);
}

function finish(kind: ItemKind, name: string, value: unknown, ignore: IgnoreRule[]): CanonicalItem {
  let normalized = normalizeItem(kind, value).value;
  const rules = ignore.length === 0 ? NO_RULES : rulesFor(ignore, kind, name);
  if (rules.length > 0) normalized = removeIgnored(normalized, rules);
  // Normalized records are built with sorted keys (normalize/records.ts), so JSON.stringify is
  // already deterministic for them and ~5× cheaper than canonicalJson on 80k instances.
  const text = kind === 'integrations' || kind === 'components' ? canonicalJson(normalized) : JSON.stringify(normalized) ?? 'null';
  return { value: normalized, hash: sha256Hex(text) };
}

/**
 * Normalized value and hash of one item. Results are cached per record object and rule list
 * (snapshot records are never mutated), and per YAML text for integrations, so repeated drift
 * computations over the same snapshots cost a lookup.
 */
export function canonicalItem(kind: ItemKind, record: unknown, ignore: IgnoreRule[]): CanonicalItem {
  const cache = cacheFor(kind, ignore);
  const isObject = typeof record === 'object' && record !== null;
  if (isObject) {
    const hit = cache.byRecord.get(record);
    if (hit) return hit;
  }
  const result = computeCanonical(kind, record, ignore, cache);
  if (isObject) cache.byRecord.set(record, result);
  return result;
}

/**
 * The readable YAML of an item for the diff view: an integration's own definition text; for the
 * other kinds the record without region ids, its lists in a stable order.
 */
export function itemToYaml(kind: ItemKind, record: unknown): string {
  if (kind === 'integrations') return String((record as IntegrationRecord | undefined)?.yaml ?? '');
  return dumpYaml(readableRecord(kind, record));
}
