/**
 * Looking items up by their cross-region identity, and the small facts about a region's state
 * that plan and preflight both need.
 */
import { fail } from '../errors';
import type { ComponentRecord, ComponentVersion, InstanceRecord, IntegrationRecord, ItemKind, Snapshot } from '../model';
import { componentKey, instanceKey } from '../model';
import { parseYaml } from '../yaml/codec';
import { definitionNeeds, type ComponentRef, type DefinitionNeeds } from './references';

export function findComponent(s: Snapshot, key: string, isPublic?: boolean): ComponentRecord | undefined {
  return s.components.find((c) => (c.key === key || componentKey(c) === key) && (isPublic === undefined || c.isPublic === isPublic));
}

export function findIntegration(s: Snapshot, name: string): IntegrationRecord | undefined {
  return s.integrations.find((i) => i.name === name);
}

export function findInstance(s: Snapshot, key: string): InstanceRecord | undefined {
  return s.instances.find((i) => instanceKey(i) === key);
}

export function latestOf(c: ComponentRecord | undefined): ComponentVersion | undefined {
  if (!c || c.versions.length === 0) return undefined;
  return c.versions.reduce((a, b) => (b.number > a.number ? b : a));
}

export function latestPublished(i: IntegrationRecord | undefined): IntegrationRecord['versions'][number] | undefined {
  if (!i || i.versions.length === 0) return undefined;
  return i.versions.reduce((a, b) => (b.number > a.number ? b : a));
}

/** The version a ref resolves to among `versions` (ascending): LATEST/absent → newest. */
export function resolveRef(ref: ComponentRef, versions: readonly ComponentVersion[]): ComponentVersion | undefined {
  if (ref.signature !== undefined) return versions.find((v) => v.signature === ref.signature);
  if (typeof ref.version === 'number') return versions.find((v) => v.number === ref.version);
  return versions.length ? versions.reduce((a, b) => (b.number > a.number ? b : a)) : undefined;
}

/** The parsed needs of an integration; a definition that does not parse is the plan's error. */
export function needsOf(region: string, record: IntegrationRecord): DefinitionNeeds {
  const parsed = parseYaml(record.yaml, { file: `${region}/integrations/${record.name}` });
  if (!parsed.ok) fail(parsed.error.code, parsed.error.message, { ...parsed.error, region });
  const needs = definitionNeeds(parsed.value.value);
  return record.isCodeNative ? { ...needs, isCodeNative: true } : needs;
}

export function missingItem(kind: ItemKind, name: string, region: string): never {
  return fail('NOT_FOUND', `${kind}/${name} is not in ${region}.`, {
    region,
    hint: `Pull ${region} again, or check the name (integrations by name, components by key, customers by external id, instances as customer/integration/name).`,
  });
}
