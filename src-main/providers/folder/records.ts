/**
 * Model records ↔ the values stored in folder-region files. Files leave out what is empty or
 * region-specific (remote ids), and never hold a secret: a config var that is a connection or a
 * write-only secret is stored as `secret: set|unset` with no value, whatever the record says.
 */
import type { z } from 'zod';
import { definitionHash } from '../../core/plan/fingerprint';
import type { ActionSpec, ComponentRecord, ConfigVarValue, CustomerRecord, InstanceRecord, IntegrationRecord } from '../../core/model';
import type { componentFileSchema, customersFileSchema, instanceFileSchema, versionsFileSchema } from './layout';

/** Drops undefined members so the YAML writer never sees them (js-yaml refuses `undefined`). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

// ---- components -------------------------------------------------------------------------------

const specToFile = (s: ActionSpec) =>
  compact({ key: s.key, label: s.label, inputs: s.inputs.map((i) => compact({ ...i })) });

export function componentToFile(c: ComponentRecord): Record<string, unknown> {
  return compact({
    key: c.key,
    isPublic: c.isPublic,
    label: c.label,
    description: c.description,
    versions: c.versions.map((v) =>
      compact({
        number: v.number,
        signature: v.signature,
        publishedAt: v.publishedAt,
        actions: v.actions.length ? v.actions.map(specToFile) : undefined,
        triggers: v.triggers.length ? v.triggers.map(specToFile) : undefined,
        dataSources: v.dataSources.length ? v.dataSources.map(specToFile) : undefined,
        connections: v.connections.length ? v.connections.map(specToFile) : undefined,
      }),
    ),
  });
}

export function componentFromFile(f: z.infer<typeof componentFileSchema>): ComponentRecord {
  return compact({
    key: f.key,
    isPublic: f.isPublic,
    label: f.label,
    description: f.description,
    versions: [...f.versions].sort((a, b) => a.number - b.number).map((v) => compact({ ...v })),
  }) as ComponentRecord;
}

// ---- integration versions ---------------------------------------------------------------------

export function versionsToFile(i: IntegrationRecord): Record<string, unknown> {
  const latest = i.versions[i.versions.length - 1];
  return compact({
    versions: i.versions.map((v) =>
      compact({ number: v.number, publishedAt: v.publishedAt, comment: v.comment, definitionHash: v.definitionHash }),
    ),
    // With a hash the flag is computed on read; without one it has to be remembered.
    hasUnpublishedChanges: latest && !latest.definitionHash ? i.hasUnpublishedChanges : undefined,
  });
}

/**
 * Whether the draft differs from the latest published version. The hash is the planner's
 * (core/plan `definitionHash`), the same one `publishIntegration` records, so a publish made by a
 * plan reads back as "no unpublished changes".
 */
export function hasUnpublishedChanges(definitionYaml: string, versions: z.infer<typeof versionsFileSchema>): boolean {
  const latest = versions.versions[versions.versions.length - 1];
  if (!latest) return true;
  if (latest.definitionHash) return latest.definitionHash !== definitionHash(definitionYaml);
  return versions.hasUnpublishedChanges ?? false;
}

// ---- customers and instances ------------------------------------------------------------------

export function customerToFile(c: CustomerRecord): Record<string, unknown> {
  return compact({ externalId: c.externalId, name: c.name, country: c.country, labels: c.labels?.length ? c.labels : undefined });
}

export function customersFromFile(f: z.infer<typeof customersFileSchema>): CustomerRecord[] {
  return f.customers.map((c) => compact({ ...c }) as CustomerRecord);
}

/** A config var as it may be stored: values of secrets and connections never reach the disk. */
export function storableConfigVar(v: ConfigVarValue): ConfigVarValue {
  if (v.kind === 'connection' || v.secret !== undefined) return compact({ key: v.key, kind: v.kind, secret: v.secret ?? (v.value ? 'set' : 'unset') });
  return compact({ key: v.key, value: v.value, kind: v.kind });
}

export function instanceToFile(i: InstanceRecord): Record<string, unknown> {
  return compact({
    name: i.name,
    integration: i.integration,
    version: i.version,
    enabled: i.enabled,
    deployed: i.deployed,
    needsDeploy: i.needsDeploy,
    labels: i.labels,
    configVars: i.configVars.map(storableConfigVar),
    flowConfigs: i.flowConfigs?.map((f) => compact({ ...f })),
  });
}

export function instanceFromFile(customer: string, fallbackName: string, f: z.infer<typeof instanceFileSchema>): InstanceRecord {
  return compact({
    customer,
    integration: f.integration,
    name: f.name ?? fallbackName,
    version: f.version,
    enabled: f.enabled,
    deployed: f.deployed,
    needsDeploy: f.needsDeploy,
    labels: f.labels,
    configVars: f.configVars.map((v) => compact({ ...v })),
    flowConfigs: f.flowConfigs?.map((fc) => compact({ ...fc })),
  }) as InstanceRecord;
}
