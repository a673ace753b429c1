// Loading seed files (YAML or JSON) and applying a StackSeed to a fresh stack. Integrations are
// imported and published through the same operations the GraphQL mutations use, so a seeded stack
// holds exactly what an API client could have built.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { addComponentVersion } from './component-ops';
import { FIXTURES_DIR, fixtureComponents } from './fixture-catalog';
import { newId, nowIso } from './ids';
import { createInstance, deployInstance } from './instance-ops';
import { importIntegration, publishIntegration, setVersionAvailability } from './integration-ops';
import type { StackState } from './state';
import type { CustomerRec, SeedComponent, SeedDefinitionSource, StackSeed } from './types';

export function loadSeedFile(path: string): StackSeed {
  const seed = load(readFileSync(path, 'utf8'), { maxAliases: 100 }) as StackSeed;
  if (!seed || typeof seed !== 'object' || Array.isArray(seed)) throw new Error(`Seed ${path}: expected a mapping at the top level.`);
  return { ...seed, baseDir: seed.baseDir ?? dirname(resolve(path)) };
}

/** `fixture:<file>` names a file in shared/fixtures/prismatic; other paths resolve against baseDir. */
export function resolveSeedPath(path: string, baseDir?: string): string {
  if (path.startsWith('fixture:')) return join(FIXTURES_DIR, path.slice('fixture:'.length));
  return isAbsolute(path) ? path : resolve(baseDir ?? process.cwd(), path);
}

function definitionText(source: SeedDefinitionSource, baseDir: string | undefined): string | undefined {
  if (source.definition !== undefined) return source.definition;
  if (source.definitionPath !== undefined) return readFileSync(resolveSeedPath(source.definitionPath, baseDir), 'utf8');
  return undefined;
}

function withName(text: string, name: string | undefined): string {
  if (!name) return text;
  const doc = load(text) as Record<string, unknown>;
  doc.name = name;
  return JSON.stringify(doc); // JSON is YAML; the import parses it like any definition.
}

function seedComponents(state: StackState, components: SeedComponent[]): void {
  for (const c of components) {
    const customerId = c.customer ? (state.customerByExternalId(c.customer)?.id ?? null) : null;
    for (const v of c.versions) {
      addComponentVersion(state, {
        key: c.key,
        public: c.public !== false,
        label: c.label ?? c.key,
        description: c.description ?? '',
        category: c.category ?? null,
        customerId,
        forCodeNativeIntegration: c.forCodeNativeIntegration,
        comment: v.comment ?? null,
        signature: v.signature ?? null,
        ready: true,
        actions: v.actions,
        triggers: v.triggers,
        dataSources: v.dataSources,
        connections: v.connections,
      });
    }
  }
}

function fail(what: string, errors: { field: string; messages: string[] }[]): never {
  throw new Error(`Seed ${what}: ${errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ')}`);
}

export function applySeed(state: StackState, seed: StackSeed): void {
  if (seed.org?.name) state.org.name = seed.org.name;
  if (seed.org?.tenantId) state.org.tenantId = seed.org.tenantId;
  state.users = (seed.users?.length ? seed.users : [{ name: 'Stack Admin', email: 'admin@example.com' }]).map((u) => ({
    id: newId('User'),
    ...u,
  }));

  for (const c of seed.customers ?? []) {
    const rec: CustomerRec = {
      id: newId('Customer'),
      name: c.name,
      externalId: c.externalId,
      description: c.description ?? '',
      labels: [...(c.labels ?? []), ...(c.country ? [`country:${c.country.toUpperCase()}`] : [])],
      isSystem: false,
      createdAt: nowIso(),
    };
    state.customers.set(rec.id, rec);
  }

  const explicit = seed.components ?? [];
  const derived = seed.includeFixtureComponents
    ? fixtureComponents().filter((d) => !explicit.some((c) => c.key === d.key && (c.public !== false) === d.public))
    : [];
  seedComponents(state, [...derived, ...explicit]);

  const families = new Map<string, string>();
  for (const [i, integration] of (seed.integrations ?? []).entries()) {
    const what = `integrations[${i}]`;
    const customerId = integration.customer ? (state.customerByExternalId(integration.customer)?.id ?? null) : null;
    let id: string | undefined;
    const importText = (source: SeedDefinitionSource) => {
      const text = definitionText(source, seed.baseDir);
      if (text === undefined) return;
      const result = importIntegration(state, { definition: withName(text, integration.name), integrationId: id, customerId });
      if (!result.ok) fail(what, result.errors);
      id = result.value.id;
    };
    for (const published of integration.published ?? []) {
      importText(published.definition !== undefined || published.definitionPath !== undefined ? published : integration);
      if (!id) throw new Error(`Seed ${what}: a published version needs a definition.`);
      const version = publishIntegration(state, id, published.comment ?? null, null);
      if (!version.ok) fail(what, version.errors);
      if (published.available === false) setVersionAvailability(state, version.value.id, false);
    }
    importText(integration);
    if (!id) throw new Error(`Seed ${what}: 'definition' or 'definitionPath' is required.`);
    families.set(state.integrations.get(id)!.name, id);
  }

  for (const [i, inst] of (seed.instances ?? []).entries()) {
    const what = `instances[${i}] '${inst.name}'`;
    const customer = state.customerByExternalId(inst.customer);
    if (!customer) throw new Error(`Seed ${what}: unknown customer '${inst.customer}'.`);
    const draftId = families.get(inst.integration);
    if (!draftId) throw new Error(`Seed ${what}: unknown integration '${inst.integration}'.`);
    const family = state.familyOf(draftId)!;
    const version = inst.version
      ? state.publishedVersions(family).find((v) => v.versionNumber === inst.version)
      : state.latestAvailableVersion(family);
    if (!version) throw new Error(`Seed ${what}: integration '${inst.integration}' has no such published version.`);
    const configVariables = Object.entries(inst.configVariables ?? {}).map(([key, value]) =>
      typeof value === 'string'
        ? { key, value }
        : { key, values: JSON.stringify(Object.entries(value).map(([name, v]) => ({ name, type: 'value', value: v }))) },
    );
    const created = createInstance(state, {
      customer: customer.id,
      integration: version.id,
      name: inst.name,
      description: inst.description,
      labels: inst.labels,
      configVariables,
    });
    if (!created.ok) fail(what, created.errors);
    if (inst.deployed !== false) deployInstance(state, created.value.id);
    if (inst.enabled === false) created.value.enabled = false;
  }
}
