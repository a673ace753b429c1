/**
 * Fingerprints bind a plan to the state it was computed from: apply re-reads each target and
 * refuses when anything changed since (a stale plan). Item hashes here are stricter than drift's
 * canonical hashes: besides the normalized content they include the region state promotion acts
 * on — published versions, the version an instance runs, deploy state — since a plan made before
 * someone else published or deployed is stale even though no definition differs.
 */
import { canonicalJson, sha256Hex } from '../hash';
import { canonicalItem } from '../identity';
import type { ComponentRecord, IntegrationRecord, InstanceRecord, ItemKind, Snapshot } from '../model';
import { componentKey, instanceKey } from '../model';

/** `<kind>/<identity>`: the key of one item in a snapshot. */
export type ItemRef = string;

export function itemRef(kind: ItemKind, name: string): ItemRef {
  return `${kind}/${name}`;
}

/** The hash of an integration definition as published: what `publishIntegration` records. */
export function definitionHash(yaml: string): string {
  return canonicalItem('integrations', { name: '', yaml, versions: [] }, []).hash;
}

function regionState(kind: ItemKind, record: unknown): unknown {
  switch (kind) {
    case 'components':
      return (record as ComponentRecord).versions.map((v) => v.signature);
    case 'integrations': {
      const r = record as IntegrationRecord;
      return { v: r.versions.map((v) => [v.number, v.definitionHash ?? null]), u: r.hasUnpublishedChanges ?? null };
    }
    case 'instances': {
      const r = record as InstanceRecord;
      return [r.version, r.deployed, r.needsDeploy ?? null, r.enabled];
    }
    default:
      return null;
  }
}

/** Every item of a snapshot by `<kind>/<identity>`, with its state hash. */
export function itemHashes(snapshot: Snapshot): Map<ItemRef, string> {
  const out = new Map<ItemRef, string>();
  const add = (kind: ItemKind, name: string, record: unknown) => {
    const content = canonicalItem(kind, record, []).hash;
    out.set(itemRef(kind, name), sha256Hex(`${content}\n${canonicalJson(regionState(kind, record))}`));
  };
  for (const c of snapshot.components) add('components', componentKey(c), c);
  for (const i of snapshot.integrations) add('integrations', i.name, i);
  for (const c of snapshot.customers) add('customers', c.externalId, c);
  for (const i of snapshot.instances) add('instances', instanceKey(i), i);
  return out;
}

/**
 * sha256 over the sorted `<item>=<hash>` lines of a snapshot; items in `except` are left out
 * (resume compares only what the run itself did not touch).
 */
export function fingerprint(snapshot: Snapshot, except?: ReadonlySet<ItemRef>): string {
  const lines: string[] = [];
  for (const [ref, hash] of itemHashes(snapshot)) if (!except?.has(ref)) lines.push(`${ref}=${hash}`);
  lines.sort();
  return sha256Hex(lines.join('\n'));
}
