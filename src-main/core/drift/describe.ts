/**
 * The region-specific facts a cell shows beside its state: version counters ("v50"; they differ
 * per region by design and are never drift on their own) and short notes ("disabled",
 * "needs deploy", "pinned v3 (latest v5)").
 */
import type { ComponentRecord, InstanceRecord, IntegrationRecord, ItemKind } from '../model';

/** Per region: integration name → its latest published version number. */
export type LatestVersions = Map<string, number>;

export function latestPublished(integrations: readonly IntegrationRecord[]): LatestVersions {
  const out: LatestVersions = new Map();
  for (const integration of integrations) {
    let latest: number | undefined;
    for (const v of integration.versions ?? []) if (latest === undefined || v.number > latest) latest = v.number;
    if (latest !== undefined) out.set(integration.name, latest);
  }
  return out;
}

export function latestComponentVersion(component: ComponentRecord): ComponentRecord['versions'][number] | undefined {
  let latest: ComponentRecord['versions'][number] | undefined;
  for (const v of component.versions ?? []) if (!latest || v.number > latest.number) latest = v;
  return latest;
}

/** `v12` strings: one per number, not one per cell (tens of thousands of cells share a few). */
const versionLabels = new Map<number, string>();
function vLabel(n: number): string {
  let label = versionLabels.get(n);
  if (label === undefined) {
    label = `v${n}`;
    if (versionLabels.size < 10_000) versionLabels.set(n, label);
  }
  return label;
}

export function versionText(kind: ItemKind, record: unknown, latest: LatestVersions): string | undefined {
  switch (kind) {
    case 'components': {
      const v = latestComponentVersion(record as ComponentRecord);
      return v ? vLabel(v.number) : undefined;
    }
    case 'integrations': {
      const n = latest.get((record as IntegrationRecord).name);
      return n === undefined ? 'unpublished' : vLabel(n);
    }
    case 'instances': {
      const version = (record as InstanceRecord).version;
      return version === null || version === undefined ? undefined : vLabel(version);
    }
    default:
      return undefined;
  }
}

/** An instance running an older published version than its region's latest one. */
export function pinnedBehind(instance: InstanceRecord, latest: LatestVersions): string | undefined {
  const newest = latest.get(instance.integration);
  if (instance.version === null || instance.version === undefined || newest === undefined) return undefined;
  return instance.version < newest ? `pinned v${instance.version} (latest v${newest})` : undefined;
}

const NO_NOTES: readonly string[] = Object.freeze([]);

/**
 * Notes for a record; `pinned` is pinnedBehind's answer when the caller already has it. Returns
 * one shared empty list when there is nothing to say (most cells), so check the length.
 */
export function recordNotes(kind: ItemKind, record: unknown, latest: LatestVersions, pinned?: string | null): readonly string[] {
  let notes: string[] | undefined;
  if (kind === 'integrations' && (record as IntegrationRecord).hasUnpublishedChanges) notes = ['unpublished changes'];
  if (kind === 'instances') {
    const instance = record as InstanceRecord;
    if (!instance.enabled) (notes ??= []).push('disabled');
    if (instance.needsDeploy) (notes ??= []).push('needs deploy');
    else if (!instance.deployed) (notes ??= []).push('not deployed');
    const behind = pinned === undefined ? pinnedBehind(instance, latest) : pinned;
    if (behind) (notes ??= []).push(behind);
  }
  return notes ?? NO_NOTES;
}
