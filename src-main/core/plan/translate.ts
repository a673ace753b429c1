/**
 * Version-pin translation. A definition exported without "latest component versions" pins each
 * component ref to a number, and numbers are per-region counters ("Acme v50 in US ≡ v2 in EU").
 * Importing the source's text unchanged would make the target resolve v50 of *its* counter — a
 * different build, or none. So before import every numeric pin is rewritten to the target's
 * number for the same build, found by signature (prismatic-api.md §4). Pins that cannot be
 * translated are left as they are; preflight then names them.
 */
import type { PathSegment } from '../diff/types';
import type { ComponentRecord, Snapshot } from '../model';
import { componentKey } from '../model';
import { isPlainObject } from '../normalize/common';
import { dumpYaml, parseYaml } from '../yaml/codec';

export interface PinTranslation {
  component: string;
  from: number;
  to: number;
  signature: string;
}

/** Signatures the plan publishes to the target before the import, by component key. */
export type PlannedPublishes = ReadonlyMap<string, readonly string[]>;

interface Pin {
  segments: PathSegment[];
  key: string;
  isPublic: boolean;
  version: number;
}

/** Every `component: {key, version: <number>}` in a definition, wherever it sits. */
function findPins(value: unknown, segments: PathSegment[], out: Pin[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, index) => findPins(v, [...segments, { type: 'index', index }], out));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const here: PathSegment[] = [...segments, { type: 'key', key: k }];
    if (k === 'component' && isPlainObject(v) && typeof v.key === 'string') {
      const n = typeof v.version === 'number' ? v.version : typeof v.version === 'string' && /^\d+$/.test(v.version) ? Number(v.version) : undefined;
      if (n !== undefined && Number.isInteger(n)) out.push({ segments: [...here, { type: 'key', key: 'version' }], key: v.key, isPublic: v.isPublic !== false, version: n });
      continue;
    }
    findPins(v, here, out);
  }
}

function findComponent(s: Snapshot, key: string, isPublic: boolean): ComponentRecord | undefined {
  return s.components.find((c) => c.key === key && c.isPublic === isPublic);
}

/** The target number a source pin maps to, or undefined when the target cannot have that build. */
function targetNumber(pin: Pin, source: Snapshot, target: Snapshot, planned: PlannedPublishes): { to: number; signature: string } | undefined {
  const signature = findComponent(source, pin.key, pin.isPublic)?.versions.find((v) => v.number === pin.version)?.signature;
  if (!signature) return undefined;
  const have = findComponent(target, pin.key, pin.isPublic);
  const existing = have?.versions.find((v) => v.signature === signature);
  if (existing) return { to: existing.number, signature };
  // Published by this plan first: it becomes the next number in the target. The plan is bound to
  // the target's fingerprint, so no other publish can slip in between plan and apply.
  const queue = planned.get(componentKey({ key: pin.key, isPublic: pin.isPublic })) ?? [];
  const position = queue.indexOf(signature);
  if (position < 0) return undefined;
  const max = (have?.versions ?? []).reduce((n, v) => Math.max(n, v.number), 0);
  return { to: max + 1 + position, signature };
}

/**
 * Rewrites numeric pins for the target. The text is edited line by line where each pin sits, so
 * the reviewer's YAML keeps its layout and comments; only when a line cannot be edited
 * unambiguously (flow style with several pins on one line) is the whole definition re-dumped.
 */
export function translatePins(yaml: string, source: Snapshot, target: Snapshot, planned: PlannedPublishes): { yaml: string; translations: PinTranslation[] } {
  const parsed = parseYaml(yaml);
  if (!parsed.ok) return { yaml, translations: [] };
  const pins: Pin[] = [];
  findPins(parsed.value.value, [], pins);
  const translations: PinTranslation[] = [];
  const edits = new Map<number, { from: number; to: number }[]>();
  for (const pin of pins) {
    const mapped = targetNumber(pin, source, target, planned);
    if (!mapped || mapped.to === pin.version) continue;
    translations.push({ component: componentKey(pin), from: pin.version, to: mapped.to, signature: mapped.signature });
    const line = parsed.value.lineOf(pin.segments);
    if (line !== undefined) edits.set(line, [...(edits.get(line) ?? []), { from: pin.version, to: mapped.to }]);
    else edits.set(-1, []); // no position: fall back to re-dumping
  }
  if (translations.length === 0) return { yaml, translations };
  const lines = yaml.split('\n');
  let textEdit = !edits.has(-1);
  for (const [line, changes] of edits) {
    if (!textEdit) break;
    const text = lines[line - 1];
    const pattern = /(\bversion\s*:\s*)(["']?)(\d+)\2/g;
    const found = text === undefined ? [] : [...text.matchAll(pattern)];
    if (changes.length !== 1 || found.length !== 1 || Number(found[0][3]) !== changes[0].from) {
      textEdit = false;
      break;
    }
    lines[line - 1] = text.replace(pattern, (_m, lead: string, q: string) => `${lead}${q}${changes[0].to}${q}`);
  }
  if (textEdit) {
    const edited = lines.join('\n');
    // The edit must mean exactly the translated definition; otherwise trust the structural route.
    if (parseYaml(edited).ok) return { yaml: edited, translations };
  }
  return { yaml: rewriteStructurally(parsed.value.value, pins, translations), translations };
}

function rewriteStructurally(value: unknown, pins: Pin[], translations: PinTranslation[]): string {
  const copy = structuredCloneJson(value);
  const byKey = new Map(translations.map((t) => [`${t.component}@${t.from}`, t.to]));
  for (const pin of pins) {
    const to = byKey.get(`${componentKey(pin)}@${pin.version}`);
    if (to === undefined) continue;
    let node: unknown = copy;
    for (const seg of pin.segments.slice(0, -1)) node = seg.type === 'index' ? (node as unknown[])[seg.index] : (node as Record<string, unknown>)[seg.type === 'key' ? seg.key : ''];
    (node as Record<string, unknown>).version = to;
  }
  return dumpYaml(copy);
}

/** Definitions are plain YAML data (no dates or binaries under the safe schema we load with). */
function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
