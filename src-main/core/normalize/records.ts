/**
 * Normalizes the non-integration records of a snapshot (model.ts) for comparison across regions:
 * region ids (`remoteId`), per-region counters and timestamps are not drift; lists whose order
 * means nothing (labels, config vars, a component's actions) are sorted; secrets compare only as
 * set/unset. The same shaping gives the readable YAML of a record (`readableRecord`), so the
 * lines of the diff view and the normalized value walk the same lists in the same order.
 *
 * Instances: `version` is a per-region counter of published integration versions, so it is NOT
 * compared here; whether an instance runs the latest published version of its region or is
 * pinned behind is a drift-level fact (it needs the region's integration versions) and is left
 * to the drift matrix. `needsDeploy` is transient deploy state and is not compared either.
 */
import type { ItemKind } from '../model';
import { byStringField, cloneData, isEmptyValue, isPlainObject, sortedStrings } from './common';

const SURFACE_LISTS = ['actions', 'triggers', 'dataSources', 'connections'] as const;

function sortList(v: unknown, field: string): unknown {
  return Array.isArray(v) ? [...v].sort(byStringField(field)) : v;
}

/** The latest version of a component record, or the `latest` of its readable form. */
function latestVersion(record: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isPlainObject(record.latest) && !('versions' in record)) return record.latest;
  const versions = record.versions;
  if (!Array.isArray(versions) || versions.length === 0) return undefined;
  // Ascending by number per model.ts; pick the highest in case a provider did not sort.
  let latest = versions[versions.length - 1];
  for (const v of versions) if (isPlainObject(v) && isPlainObject(latest) && Number(v.number) > Number(latest.number)) latest = v;
  return isPlainObject(latest) ? latest : undefined;
}

/**
 * What a reader sees of a record: ids dropped, lists in a stable order; a component shows its
 * latest version only, as `latest` (older versions are history, not state). Fresh copies.
 */
export function readableRecord(kind: ItemKind, record: unknown): unknown {
  if (!isPlainObject(record)) return cloneData(record);
  const { remoteId: _remoteId, ...rest } = cloneData(record) as Record<string, unknown>;
  switch (kind) {
    case 'components': {
      const latest = latestVersion(rest);
      delete rest.versions;
      if (latest) {
        for (const list of SURFACE_LISTS) if (list in latest) latest[list] = sortList(latest[list], 'key');
        rest.latest = latest;
      }
      return rest;
    }
    case 'customers':
      if ('labels' in rest) rest.labels = sortedStrings(rest.labels);
      return rest;
    case 'instances':
      if ('labels' in rest) rest.labels = sortedStrings(rest.labels);
      if ('configVars' in rest) rest.configVars = sortList(rest.configVars, 'key');
      if ('flowConfigs' in rest) rest.flowConfigs = sortList(rest.flowConfigs, 'flow');
      return rest;
    default:
      return rest;
  }
}

function normalizeComponent(rec: Record<string, unknown>): Record<string, unknown> {
  // The signature is the content identity across regions; the version number is a counter.
  if (isPlainObject(rec.latest)) {
    const { number: _number, ...latest } = rec.latest;
    rec.latest = latest;
  }
  rec.isPublic = rec.isPublic !== false;
  return rec;
}

function normalizeConfigVar(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  // A secret compares as set/unset only; a value that slipped in next to it is never compared.
  if ((v.secret === 'set' || v.secret === 'unset') && 'value' in v) {
    const { value: _value, ...rest } = v;
    return rest;
  }
  return v;
}

const REGION_TIMESTAMP = /^[a-z]\w*At$/;

/**
 * Timestamps (`…At`), ids and webhook URLs are region facts, never drift. Returns a fresh copy
 * whose keys are inserted in sorted order, so JSON.stringify of a normalized record is already
 * deterministic (see canonicalItem: the fast path for tens of thousands of records).
 */
function dropRegionFacts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropRegionFacts);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === 'remoteId' || key === 'webhookUrl' || key === 'webhookUrls' || REGION_TIMESTAMP.test(key)) continue;
    const v = dropRegionFacts(value[key]);
    if (!isEmptyValue(v)) out[key] = v;
  }
  return out;
}

export function normalizeRecord(kind: Exclude<ItemKind, 'integrations'>, record: unknown): unknown {
  if (kind === 'components') {
    const readable = readableRecord(kind, record);
    return isPlainObject(readable) ? dropRegionFacts(normalizeComponent(readable)) : readable;
  }
  // Customers and instances run by the tens of thousands in a drift: one copy, then the rules.
  const out = dropRegionFacts(record);
  if (!isPlainObject(out)) return out;
  if (Array.isArray(out.labels)) out.labels = sortedStrings(out.labels);
  if (kind === 'instances') {
    delete out.version; // per-region counter: see the module comment
    delete out.needsDeploy;
    if (Array.isArray(out.configVars)) out.configVars = sortList(out.configVars.map(normalizeConfigVar), 'key');
    if (Array.isArray(out.flowConfigs)) out.flowConfigs = sortList(out.flowConfigs, 'flow');
  }
  return out;
}

/** The latest version number and signature of a component record, for its version translation. */
export function componentLatest(record: unknown): { number?: number; signature?: string } {
  if (!isPlainObject(record)) return {};
  const latest = latestVersion(record);
  if (!latest) return {};
  return {
    ...(typeof latest.number === 'number' ? { number: latest.number } : {}),
    ...(typeof latest.signature === 'string' ? { signature: latest.signature } : {}),
  };
}
