/**
 * Reads a whole folder region into a Snapshot. Items come out in a fixed order (by identity) so
 * two pulls of the same folder are equal, and two items claiming one identity are an error that
 * names both files rather than one silently winning.
 */
import { stat } from 'node:fs/promises';
import { AppFailure, appError, fail } from '../../core/errors';
import { componentKey, instanceKey, type ComponentRecord, type InstanceRecord, type IntegrationRecord, type RegionConfig, type Snapshot } from '../../core/model';
import { FolderFiles, notAFolder } from './folder-io';
import {
  COMPONENTS_DIR,
  CUSTOMERS_FILE,
  customersFileSchema,
  componentFileSchema,
  INSTANCES_DIR,
  instanceFileSchema,
  INTEGRATIONS_DIR,
  REGION_FILE,
  regionFileSchema,
  VERSIONS_SUFFIX,
  versionsFileSchema,
  YAML_SUFFIX,
  type RegionFile,
} from './layout';
import { decodeName, encodeName } from './names';
import { componentFromFile, customersFromFile, hasUnpublishedChanges, instanceFromFile } from './records';

export async function assertFolder(files: FolderFiles): Promise<void> {
  try {
    if ((await stat(files.dir)).isDirectory()) return;
  } catch {
    /* reported below */
  }
  notAFolder(files.display);
}

export async function readRegionFile(files: FolderFiles): Promise<RegionFile> {
  return (await files.readValidated(REGION_FILE, regionFileSchema)) ?? {};
}

function duplicate(what: string, first: string, second: string): never {
  fail('INVALID_INPUT', `${what} is defined twice: in ${first} and in ${second}.`, {
    file: second,
    hint: 'Keep one of the two files.',
  });
}

const stemOf = (file: string, suffix: string) => decodeName(file.slice(0, -suffix.length));

export async function readComponents(files: FolderFiles): Promise<{ record: ComponentRecord; rel: string }[]> {
  const out: { record: ComponentRecord; rel: string }[] = [];
  const seen = new Map<string, string>();
  for (const file of await files.list(COMPONENTS_DIR)) {
    if (!file.endsWith(YAML_SUFFIX)) continue;
    const rel = `${COMPONENTS_DIR}/${file}`;
    const parsed = await files.readValidated(rel, componentFileSchema);
    if (!parsed) continue;
    const record = componentFromFile(parsed);
    const id = componentKey(record);
    const other = seen.get(id);
    if (other) duplicate(`Component ${id}`, files.name(other), files.name(rel));
    seen.set(id, rel);
    out.push({ record, rel });
  }
  return out;
}

async function readIntegration(files: FolderFiles, file: string): Promise<IntegrationRecord> {
  const rel = `${INTEGRATIONS_DIR}/${file}`;
  const stem = stemOf(file, YAML_SUFFIX);
  const text = (await files.readText(rel)) ?? '';
  const parsed = files.parse(rel, text);
  const def = parsed.value;
  if (def === null || typeof def !== 'object' || Array.isArray(def) || typeof (def as { name?: unknown }).name !== 'string')
    fail('YAML_NOT_A_DEFINITION', `${files.name(rel)} is not an integration definition (it needs a top-level name and flows).`, {
      file: files.name(rel),
      line: 1,
      hint: 'Export the integration from Prismatic (prism integrations:export) and save it here.',
    });
  const name = (def as { name: string }).name;
  // macOS hands back file names decomposed (NFD); the definition's name is the one that counts.
  if (name.normalize('NFC') !== stem.normalize('NFC'))
    fail('INVALID_INPUT', `${files.name(rel)} defines "${name}", but its file name says "${stem}".`, {
      file: files.name(rel),
      line: parsed.lineOf([{ type: 'key', key: 'name' }]),
      hint: `Rename the file to ${encodeName(name)}${YAML_SUFFIX}, or change name: to match.`,
    });
  const versionsRel = `${INTEGRATIONS_DIR}/${encodeName(name)}${VERSIONS_SUFFIX}`;
  const versions = (await files.readValidated(versionsRel, versionsFileSchema)) ?? { versions: [] };
  const numbers = versions.versions.map((v) => v.number);
  if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1]))
    fail('INVALID_INPUT', `${files.name(versionsRel)}: version numbers must increase (${numbers.join(', ')}).`, { file: files.name(versionsRel) });
  const record: IntegrationRecord = {
    name,
    yaml: text,
    versions: versions.versions.map((v) => ({ ...v })),
    hasUnpublishedChanges: hasUnpublishedChanges(text, versions),
  };
  if ((def as { isCodeNative?: unknown }).isCodeNative === true) record.isCodeNative = true;
  return record;
}

export async function readIntegrations(files: FolderFiles): Promise<IntegrationRecord[]> {
  const out: IntegrationRecord[] = [];
  const names = await files.list(INTEGRATIONS_DIR);
  for (const file of names) {
    if (file.endsWith(VERSIONS_SUFFIX)) {
      const yamlFile = file.slice(0, -VERSIONS_SUFFIX.length) + YAML_SUFFIX;
      if (!names.includes(yamlFile))
        fail('INVALID_INPUT', `${files.name(`${INTEGRATIONS_DIR}/${file}`)} lists versions of an integration with no definition file.`, {
          file: files.name(`${INTEGRATIONS_DIR}/${file}`),
          hint: `Add ${yamlFile} or remove the versions file.`,
        });
      continue;
    }
    if (file.endsWith(YAML_SUFFIX)) out.push(await readIntegration(files, file));
  }
  return out;
}

export async function readInstances(files: FolderFiles): Promise<{ record: InstanceRecord; rel: string }[]> {
  const out: { record: InstanceRecord; rel: string }[] = [];
  const seen = new Map<string, string>();
  for (const dir of await files.list(INSTANCES_DIR, { dirs: true })) {
    const customer = decodeName(dir);
    for (const file of await files.list(`${INSTANCES_DIR}/${dir}`)) {
      if (!file.endsWith(YAML_SUFFIX)) continue;
      const rel = `${INSTANCES_DIR}/${dir}/${file}`;
      const parsed = await files.readValidated(rel, instanceFileSchema);
      if (!parsed) continue;
      const record = instanceFromFile(customer, stemOf(file, YAML_SUFFIX), parsed);
      const id = instanceKey(record);
      const other = seen.get(id);
      if (other) duplicate(`Instance ${id}`, files.name(other), files.name(rel));
      seen.set(id, rel);
      out.push({ record, rel });
    }
  }
  return out;
}

const byText = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export async function pullFolder(files: FolderFiles, region: RegionConfig, now: Date): Promise<Snapshot> {
  await assertFolder(files);
  const meta = await readRegionFile(files);
  const components = (await readComponents(files)).map((c) => c.record);
  const integrations = await readIntegrations(files);
  const customersFile = await files.readValidated(CUSTOMERS_FILE, customersFileSchema);
  const customers = customersFile ? customersFromFile(customersFile) : [];
  const seenCustomers = new Set<string>();
  for (const c of customers) {
    if (seenCustomers.has(c.externalId))
      throw new AppFailure(appError('INVALID_INPUT', `Customer "${c.externalId}" is listed twice in ${files.name(CUSTOMERS_FILE)}.`, { file: files.name(CUSTOMERS_FILE) }));
    seenCustomers.add(c.externalId);
  }
  const instances = (await readInstances(files)).map((i) => i.record);
  return {
    regionId: region.id,
    capturedAt: meta.capturedAt ?? now.toISOString(),
    source: {
      kind: 'folder',
      ...(region.path ? { path: region.path } : {}),
      ...((meta.url ?? region.url) ? { url: meta.url ?? region.url } : {}),
      ...((meta.org ?? region.org) ? { org: meta.org ?? region.org } : {}),
      ...((meta.tenant ?? region.tenant) ? { tenant: meta.tenant ?? region.tenant } : {}),
    },
    components: components.sort(byText(componentKey)),
    integrations: integrations.sort(byText((i) => i.name)),
    customers: customers.sort(byText((c) => c.externalId)),
    instances: instances.sort(byText(instanceKey)),
  };
}
