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
import { isEmptyValue, isPlainObject } from './common';

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

/**
 * `path` is one stack shared by the whole walk (pushed and popped around each child), not a new
 * array per node; refs get their own copy. Empty values are left out as they are met rather than
 * deleted afterwards, which keeps the copies fast-mode objects for the diff that walks them next.
 */
function walk(value: unknown, path: PathSegment[], refs: ComponentRefVersion[]): unknown {
  if (Array.isArray(value)) {
    const ids = listIdentities(path, value);
    const parent = path[path.length - 1];
    const inSupplemental = parent?.type === 'key' && parent.key === 'supplementalComponents';
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const id = ids?.[i];
      path.push(id ? { type: 'item', key: id.key, by: id.by } : { type: 'index', index: i });
      const normalized = walk(value[i], path, refs);
      out[i] = inSupplemental && isComponentRef(normalized) ? stripVersion(normalized, path.slice(), refs) : normalized;
      path.pop();
    }
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    path.push({ type: 'key', key });
    let child = walk(value[key], path, refs);
    if (key === 'component' && isComponentRef(child)) child = stripVersion(child, path.slice(), refs);
    path.pop();
    // An empty `__proto__` is still assigned (it sets the prototype, as it always did).
    if (isEmptyValue(child) && key !== '__proto__') continue;
    out[key] = child;
  }
  if (path.length === 0) {
    dropDefaults(out, TOP_LEVEL_DEFAULTS);
    if (isDefaultConfigPages(out.configPages)) delete out.configPages;
  } else if (path.length === 2 && path[0].type === 'key' && path[0].key === 'flows') {
    dropDefaults(out, FLOW_DEFAULTS);
  }
  return out;
}

/** A normalized copy of a definition, and the component refs whose versions were taken out. */
export function normalizeIntegration(definition: unknown): { value: unknown; refs: ComponentRefVersion[] } {
  const refs: ComponentRefVersion[] = [];
  const value = walk(definition, [], refs);
  return { value, refs };
}
