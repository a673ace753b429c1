/**
 * The number of semantic changes between two records, ignored ones excluded. Only items that are
 * not plainly equal get here (compare.ts), yet at drift scale these diffs are most of the cost,
 * nearly all of it YAML parsing. So:
 * - the diff runs on values, not texts: other kinds' records are diffed as they are (no dump and
 *   re-parse), and each integration definition text is parsed once and its value kept (the same
 *   baseline text is compared with every region), with no positions, which a count does not need;
 * - a region's definition that differs from the baseline's only in component version numbers
 *   (the usual case: each region numbers its own builds) is settled by a line scan and the
 *   baseline's parse, which every region shares (version-blind.ts), so its own text is never parsed;
 * - counts are cached per (rules, baseline record, region record): snapshot records are never
 *   mutated, so a matrix recomputed over the same snapshots costs lookups.
 */
import { diffYaml } from '../diff/semantic';
import type { IgnoreRule } from '../ignore';
import type { IntegrationRecord, ItemKind } from '../model';
import { parseYaml, type ParsedYaml } from '../yaml/codec';
import { onlyComponentVersionsDiffer } from './version-blind';

/** `invalid`: a side did not parse (a broken integration definition), so there is no count. */
export type ChangeCount = number | 'invalid';

const NO_RULES: IgnoreRule[] = [];
const counts = new WeakMap<IgnoreRule[], WeakMap<object, WeakMap<object, ChangeCount>>>();

/** Parsed definition values by text; bounded, since texts are not objects a WeakMap could hold. */
const definitions = new Map<string, ParsedYaml | null>();
const MAX_DEFINITIONS = 5_000;

const noLines = (): undefined => undefined;

function valueOnly(value: unknown): ParsedYaml {
  return { value, text: '', lineOf: noLines };
}

function textOf(record: object): string {
  return String((record as IntegrationRecord).yaml ?? '');
}

function definitionOf(record: IntegrationRecord): ParsedYaml | null {
  const text = textOf(record);
  let parsed = definitions.get(text);
  if (parsed === undefined) {
    const result = parseYaml(text);
    parsed = result.ok ? valueOnly(result.value.value) : null;
    if (definitions.size >= MAX_DEFINITIONS) definitions.clear();
    definitions.set(text, parsed);
  }
  return parsed;
}

export function countChanges(kind: ItemKind, id: string, baseline: object, other: object, ignore: IgnoreRule[]): ChangeCount {
  const rulesKey = ignore.length === 0 ? NO_RULES : ignore;
  let byBaseline = counts.get(rulesKey);
  if (!byBaseline) counts.set(rulesKey, (byBaseline = new WeakMap()));
  let byOther = byBaseline.get(baseline);
  if (!byOther) byBaseline.set(baseline, (byOther = new WeakMap()));
  const hit = byOther.get(other);
  if (hit !== undefined) return hit;
  let count: ChangeCount;
  if (kind === 'integrations') {
    const left = definitionOf(baseline as IntegrationRecord);
    if (left && onlyComponentVersionsDiffer(textOf(baseline), textOf(other)) && versionsAreComponentRefs(left.value)) count = 0;
    else {
      const right = definitionOf(other as IntegrationRecord);
      count = left && right ? diffYaml(left, right, { kind, name: id, ignore }).summary.total : 'invalid';
    }
  } else {
    count = diffYaml(valueOnly(baseline), valueOnly(other), { kind, name: id, ignore }).summary.total;
  }
  byOther.set(other, count);
  return count;
}

const refsChecked = new WeakMap<object, boolean>();

/**
 * The line scan blanks `version:` under every block `component:` mapping; normalization drops a
 * version only where that mapping is a component reference (it has a string `key`). Equal blanked
 * texts have the same structure and keys, so checking the baseline's value settles both sides.
 */
function versionsAreComponentRefs(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const known = refsChecked.get(value);
  if (known !== undefined) return known;
  const ok = allRefs(value);
  refsChecked.set(value, ok);
  return ok;
}

function allRefs(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(allRefs);
  if (typeof value !== 'object' || value === null) return true;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'component' && typeof child === 'object' && child !== null && !Array.isArray(child) && Object.hasOwn(child, 'version')) {
      if (typeof (child as { key?: unknown }).key !== 'string') return false;
    }
    if (!allRefs(child)) return false;
  }
  return true;
}
