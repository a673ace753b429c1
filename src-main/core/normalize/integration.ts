/**
 * Normalizes an integration definition (definitionVersion 7) so that what the server or the
 * region changes on its own is not drift (design.md "Normalization", prismatic-api.md §3.6):
 * - component `version` numbers and `LATEST` are per-region: removed, and recorded as refs so the
 *   diff can show a version translation ("slack v50 here ≡ v2 there"); a `signature` stays, since
 *   it is the content itself;
 * - defaults the server injects on read-back equal their absence (category "", the lone empty
 *   "Configuration" page, "Default Instance Profile", documentation "", endpointType
 *   flow_specific, per flow endpointSecurityType customer_optional and isAgentFlow false, step
 *   description "", an empty requiredConfigVars);
 * - generally, an empty value ("", null, [], {}) equals an absent key (tf's rule).
 * List order is kept: flows and steps run in order, and the diff reports moves.
 */
import type { PathSegment } from '../diff/types';
import { listIdentities } from './list-identity';
import { dropEmptyKeys, isPlainObject } from './common';

export interface ComponentRefVersion {
  component: string;
  isPublic: boolean;
  /** The region-specific number, `LATEST`, or undefined when the ref pins a signature instead. */
  version?: string | number;
  signature?: string;
  /** Where the ref sits (the `component` object, or a supplementalComponents item). */
  segments: PathSegment[];
}

const TOP_LEVEL_DEFAULTS: Record<string, unknown> = {
  defaultInstanceProfile: 'Default Instance Profile',
  endpointType: 'flow_specific',
};
const FLOW_DEFAULTS: Record<string, unknown> = {
  endpointSecurityType: 'customer_optional',
  isAgentFlow: false,
};

function dropDefaults(obj: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const key of Object.keys(defaults)) if (obj[key] === defaults[key]) delete obj[key];
}

/** The server adds `[{name: Configuration, elements: []}]` when a definition has no pages. */
function isDefaultConfigPages(pages: unknown): boolean {
  if (!Array.isArray(pages) || pages.length !== 1) return false;
  const page = pages[0];
  if (!isPlainObject(page)) return false;
  return Object.keys(page).every((k) => (k === 'name' ? page.name === 'Configuration' : false));
}

function isComponentRef(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && typeof v.key === 'string' && ('version' in v || 'signature' in v || 'isPublic' in v);
}

function stripVersion(ref: Record<string, unknown>, segments: PathSegment[], refs: ComponentRefVersion[]): Record<string, unknown> {
  const version = ref.version;
  refs.push({
    component: ref.key as string,
    isPublic: ref.isPublic !== false,
    ...(typeof version === 'string' || typeof version === 'number' ? { version } : {}),
    ...(typeof ref.signature === 'string' ? { signature: ref.signature } : {}),
    segments,
  });
  const { version: _dropped, ...rest } = ref;
  return rest;
}

function walk(value: unknown, segments: PathSegment[], refs: ComponentRefVersion[]): unknown {
  if (Array.isArray(value)) {
    const ids = listIdentities(segments, value);
    const parent = segments[segments.length - 1];
    const inSupplemental = parent?.type === 'key' && parent.key === 'supplementalComponents';
    return value.map((item, i) => {
      const id = ids?.[i];
      const seg: PathSegment = id ? { type: 'item', key: id.key, by: id.by } : { type: 'index', index: i };
      const itemSegments = [...segments, seg];
      const normalized = walk(item, itemSegments, refs);
      return inSupplemental && isComponentRef(normalized) ? stripVersion(normalized, itemSegments, refs) : normalized;
    });
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const childSegments = [...segments, { type: 'key', key } as PathSegment];
    let child = walk(value[key], childSegments, refs);
    if (key === 'component' && isComponentRef(child)) child = stripVersion(child, childSegments, refs);
    out[key] = child;
  }
  if (segments.length === 0) {
    dropDefaults(out, TOP_LEVEL_DEFAULTS);
    if (isDefaultConfigPages(out.configPages)) delete out.configPages;
  } else if (segments.length === 2 && segments[0].type === 'key' && segments[0].key === 'flows') {
    dropDefaults(out, FLOW_DEFAULTS);
  }
  return dropEmptyKeys(out);
}

/** A normalized copy of a definition, and the component refs whose versions were taken out. */
export function normalizeIntegration(definition: unknown): { value: unknown; refs: ComponentRefVersion[] } {
  const refs: ComponentRefVersion[] = [];
  const value = walk(definition, [], refs);
  return { value, refs };
}
