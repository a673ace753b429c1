/**
 * Which field identifies an item of a list, by where the list sits (design.md "Identity across
 * regions"). Ids and version numbers differ per region, so lists are matched on names and keys
 * the user chose; a list whose items lack a usable identity, or repeat one, is compared as a
 * plain list instead (matching on a repeated name would pair the wrong items).
 */
import type { PathSegment } from '../diff/types';

export interface ListItemId {
  /** The field the identity came from, e.g. `name`, `stableKey`, `key`. */
  by: string;
  key: string;
}

type Rule = (item: Record<string, unknown>) => ListItemId | undefined;

const field =
  (...names: string[]): Rule =>
  (item) => {
    for (const name of names) {
      const v = item[name];
      if (typeof v === 'string' && v !== '') return { by: name, key: v };
      if (typeof v === 'number') return { by: name, key: String(v) };
    }
    return undefined;
  };

/** Components are one thing per (key, isPublic): a private `slack` is not the public `slack`. */
const componentRef: Rule = (item) => {
  const key = item.key;
  if (typeof key !== 'string' || key === '') return undefined;
  return { by: 'key', key: item.isPublic === false ? `${key} (private)` : key };
};

const instanceRule: Rule = (item) => {
  const { customer, integration, name } = item;
  if (typeof customer !== 'string' || typeof integration !== 'string' || typeof name !== 'string') return undefined;
  return { by: 'instanceKey', key: `${customer}/${integration}/${name}` };
};

const RULES: Record<string, Rule> = {
  flows: field('stableKey', 'name'),
  steps: field('name'),
  branches: field('name'),
  requiredConfigVars: field('stableKey', 'key'),
  configPages: field('name'),
  elements: field('value'),
  actions: field('key'),
  triggers: field('key'),
  dataSources: field('key'),
  connections: field('key'),
  inputs: field('key'),
  configVars: field('key'),
  flowConfigs: field('flow'),
  supplementalComponents: componentRef,
  components: componentRef,
  customers: field('externalId'),
  instances: instanceRule,
};

/** Lists not named above still match by a string `name` when every item has a distinct one. */
const FALLBACK: Rule = field('name');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ruleFor(parentSegments: readonly PathSegment[]): Rule {
  const last = parentSegments[parentSegments.length - 1];
  if (last && last.type === 'key') return RULES[last.key] ?? FALLBACK;
  return FALLBACK;
}

/** The identity of one item of the list at `parentSegments`, or undefined when it has none. */
export function listItemIdentity(parentSegments: readonly PathSegment[], item: unknown): ListItemId | undefined {
  if (!isPlainObject(item)) return undefined;
  return ruleFor(parentSegments)(item);
}

/**
 * Identities for every item of a list, or undefined when the list cannot be keyed (an item has
 * no identity, or two items share one). Both sides of a diff call this independently.
 */
export function listIdentities(parentSegments: readonly PathSegment[], items: readonly unknown[]): ListItemId[] | undefined {
  if (items.length === 0) return [];
  const rule = ruleFor(parentSegments);
  const ids: ListItemId[] = new Array(items.length);
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isPlainObject(item)) return undefined;
    const id = rule(item);
    if (!id || seen.has(id.key)) return undefined;
    seen.add(id.key);
    ids[i] = id;
  }
  return ids;
}
