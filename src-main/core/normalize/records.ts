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
import { byStringField, cloneData, dropEmptyKeys, isPlainObject, sortedStrings } from './common';

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
  const out = { ...v };
  // A secret compares as set/unset only; a value that slipped in next to it is never compared.
  if (out.secret === 'set' || out.secret === 'unset') delete out.value;
  return dropEmptyKeys(out);
}

function normalizeInstance(rec: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, needsDeploy: _needsDeploy, ...out } = rec;
  if (Array.isArray(out.configVars)) out.configVars = out.configVars.map(normalizeConfigVar);
  if (Array.isArray(out.flowConfigs))
    out.flowConfigs = out.flowConfigs.map((fc) => {
      if (!isPlainObject(fc)) return fc;
      const { webhookUrl: _url, ...kept } = fc; // regenerated per region and instance
      return kept;
    });
  return dropEmptyKeys(out);
}

/** Timestamps (`…At`) and webhook URLs are region facts, never drift. */
function dropRegionFacts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropRegionFacts);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === 'remoteId' || key === 'webhookUrl' || key === 'webhookUrls' || /^[a-z]\w*At$/.test(key)) continue;
    out[key] = dropRegionFacts(value[key]);
  }
  return dropEmptyKeys(out);
}

export function normalizeRecord(kind: Exclude<ItemKind, 'integrations'>, record: unknown): unknown {
  const readable = readableRecord(kind, record);
  if (!isPlainObject(readable)) return readable;
  switch (kind) {
    case 'components':
      return dropRegionFacts(normalizeComponent(readable));
    case 'instances':
      return dropRegionFacts(normalizeInstance(readable));
    case 'customers':
      return dropRegionFacts(readable);
  }
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
