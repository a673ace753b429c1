/**
 * The writes a promotion makes, applied to a folder region. Each op rewrites one file atomically,
 * validates everything before writing anything, and reports `unchanged` when the region is already
 * in the wanted state — so a run that crashed mid-step resumes by simply doing the step again.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AppFailure, fail } from '../../core/errors';
import type { CustomerRecord, InstanceRecord } from '../../core/model';
import type { InstanceRef, RegionWrite, WriteOutcome } from '../../core/plan/types';
import { parseYaml } from '../../core/yaml/codec';
import { ioError } from '../fs/read';
import type { FolderFiles } from './folder-io';
import {
  CUSTOMERS_FILE,
  customersFileSchema,
  customerDir,
  instanceFileSchema,
  integrationPath,
  PACKAGES_DIR,
  REGION_FILE,
  regionFileSchema,
  versionsFileSchema,
  versionsPath,
} from './layout';
import { encodeName } from './names';
import { componentFileFor, instanceFileFor } from './placement';
import { readComponents } from './read-region';
import { compact, componentToFile, customerToFile, instanceFromFile, instanceToFile } from './records';

type Op<K extends RegionWrite['op']> = Extract<RegionWrite, { op: K }>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function requireIntegration(files: FolderFiles, name: string): Promise<string> {
  const text = await files.readText(integrationPath(name));
  if (text === null)
    fail('NOT_FOUND', `Integration "${name}" does not exist in ${files.display}.`, {
      file: files.name(integrationPath(name)),
      hint: 'Import the integration first (the plan does this before publishing).',
    });
  return text;
}

async function readVersions(files: FolderFiles, name: string) {
  return (await files.readValidated(versionsPath(name), versionsFileSchema)) ?? { versions: [] };
}

// ---- integrations -----------------------------------------------------------------------------

async function importIntegration(files: FolderFiles, w: Op<'importIntegration'>): Promise<WriteOutcome> {
  const parsed = parseYaml(w.yaml, { file: `${w.name} (definition to import)` });
  if (!parsed.ok) throw new AppFailure(parsed.error);
  const def = parsed.value.value as { name?: unknown } | null;
  if (!def || typeof def !== 'object' || Array.isArray(def))
    fail('YAML_NOT_A_DEFINITION', `The definition to import as "${w.name}" is not a YAML mapping.`);
  if (def.name !== w.name)
    fail('INVALID_INPUT', `The definition to import as "${w.name}" is named "${String(def.name)}".`, {
      hint: 'The name inside the definition is the integration identity; they must match.',
    });
  const rel = integrationPath(w.name);
  const existing = await files.readText(rel);
  if (existing === w.yaml) return { unchanged: true, detail: 'the draft already is this definition' };
  if (w.mode === 'create' && existing !== null)
    fail('REMOTE_VALIDATION', `Integration "${w.name}" already exists in ${files.display}, with a different definition.`, {
      file: files.name(rel),
      hint: 'The region changed since the plan was made; plan again.',
    });
  if (w.mode === 'overwrite-draft' && existing === null)
    fail('NOT_FOUND', `Integration "${w.name}" does not exist in ${files.display}, so there is no draft to overwrite.`, {
      file: files.name(rel),
      hint: 'The region changed since the plan was made; plan again.',
    });
  await files.writeText(rel, w.yaml);
  return { detail: w.mode === 'create' ? 'created' : 'draft overwritten' };
}

async function publishIntegration(files: FolderFiles, w: Op<'publishIntegration'>, now: Date): Promise<WriteOutcome> {
  await requireIntegration(files, w.name);
  const file = await readVersions(files, w.name);
  const latest = file.versions[file.versions.length - 1];
  if (latest?.definitionHash === w.definitionHash)
    return { version: latest.number, unchanged: true, detail: `v${latest.number} already holds this definition` };
  const version = (latest?.number ?? 0) + 1;
  const versions = [...file.versions, compact({ number: version, publishedAt: now.toISOString(), comment: w.comment, definitionHash: w.definitionHash })];
  await files.writeYaml(versionsPath(w.name), { versions });
  return { version };
}

// ---- components -------------------------------------------------------------------------------

/** Component packages are zip files of a few MB; anything far larger is not one. */
const MAX_PACKAGE_BYTES = 200 * 1024 * 1024;

async function copyPackage(files: FolderFiles, w: Op<'publishComponent'>, source: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(source);
    if (!info.isFile()) fail('NOT_FOUND', `The component package ${source} is not a file.`, { file: source });
    if (info.size > MAX_PACKAGE_BYTES) fail('INVALID_INPUT', `The component package ${source} is over ${MAX_PACKAGE_BYTES} bytes.`, { file: source });
    bytes = await readFile(source);
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure(ioError(e, source));
  }
  const stem = encodeName(`${w.key}${w.isPublic ? '' : ' (private)'}@${w.signature}`);
  const rel = `${PACKAGES_DIR}/${stem}${extname(basename(source)) || '.zip'}`;
  await files.writeText(rel, bytes);
  return rel;
}

async function publishComponent(files: FolderFiles, w: Op<'publishComponent'>, now: Date): Promise<WriteOutcome> {
  const all = await readComponents(files);
  const found = all.find((c) => c.record.key === w.key && c.record.isPublic === w.isPublic);
  const latest = found?.record.versions[found.record.versions.length - 1];
  if (latest?.signature === w.signature) return { version: latest.number, unchanged: true, detail: 'the latest version already has this signature' };
  const packageRel = w.packageFile ? await copyPackage(files, w, w.packageFile) : undefined;
  const record = found?.record ?? { key: w.key, isPublic: w.isPublic, ...(w.label ? { label: w.label } : {}), versions: [] };
  const version = (latest?.number ?? 0) + 1;
  // A write carries only the signature; the new version's actions are taken over from the one it
  // replaces (a package upgrade rarely drops actions) until the folder is exported again.
  record.versions = [
    ...record.versions,
    {
      number: version,
      signature: w.signature,
      publishedAt: now.toISOString(),
      actions: latest?.actions ?? [],
      triggers: latest?.triggers ?? [],
      dataSources: latest?.dataSources ?? [],
      connections: latest?.connections ?? [],
    },
  ];
  const taken = new Set(all.map((c) => basename(c.rel).toLowerCase()));
  const rel = found?.rel ?? componentFileFor(w.key, w.isPublic, taken);
  await files.writeYaml(rel, componentToFile(record));
  return { version, ...(packageRel ? { detail: `package stored as ${packageRel}` } : {}) };
}

// ---- customers and instances ------------------------------------------------------------------

async function readCustomers(files: FolderFiles): Promise<CustomerRecord[]> {
  return ((await files.readValidated(CUSTOMERS_FILE, customersFileSchema)) ?? { customers: [] }).customers as CustomerRecord[];
}

async function upsertCustomer(files: FolderFiles, w: Op<'upsertCustomer'>): Promise<WriteOutcome> {
  const customers = await readCustomers(files);
  const wanted = customerToFile(w.customer);
  const index = customers.findIndex((c) => c.externalId === w.customer.externalId);
  if (index >= 0 && same(customerToFile(customers[index]), wanted)) return { unchanged: true };
  const next = customers.map((c) => customerToFile(c));
  if (index >= 0) next[index] = wanted;
  else next.push(wanted);
  await files.writeYaml(CUSTOMERS_FILE, { customers: next });
  return { detail: index >= 0 ? 'updated' : 'created' };
}

interface FoundInstance {
  rel: string;
  record: InstanceRecord;
}

async function instancesOf(files: FolderFiles, customer: string): Promise<FoundInstance[]> {
  const dir = customerDir(customer);
  const out: FoundInstance[] = [];
  for (const file of await files.list(dir)) {
    if (!file.endsWith('.yaml')) continue;
    const rel = `${dir}/${file}`;
    const parsed = await files.readValidated(rel, instanceFileSchema);
    if (parsed) out.push({ rel, record: instanceFromFile(customer, file.slice(0, -5), parsed) });
  }
  return out;
}

async function requireInstance(files: FolderFiles, ref: InstanceRef): Promise<FoundInstance> {
  const found = (await instancesOf(files, ref.customer)).find((i) => i.record.integration === ref.integration && i.record.name === ref.name);
  if (!found)
    fail('NOT_FOUND', `Instance "${ref.name}" of ${ref.integration} for customer ${ref.customer} does not exist in ${files.display}.`, {
      hint: 'Create the instance first (the plan does this before changing it).',
    });
  return found;
}

async function latestPublishedVersion(files: FolderFiles, integration: string): Promise<number> {
  const latest = (await readVersions(files, integration)).versions.at(-1);
  if (!latest)
    fail('NOT_FOUND', `Integration "${integration}" has no published version in ${files.display}.`, {
      hint: 'Publish the integration first (the plan does this before moving instances).',
    });
  return latest.number;
}

async function createInstance(files: FolderFiles, w: Op<'createInstance'>): Promise<WriteOutcome> {
  const inst = w.instance;
  if (!(await readCustomers(files)).some((c) => c.externalId === inst.customer))
    fail('NOT_FOUND', `Customer ${inst.customer} does not exist in ${files.display}.`, { hint: 'Create the customer first.' });
  await requireIntegration(files, inst.integration);
  const version = w.versionFromPublishOf ? await latestPublishedVersion(files, w.versionFromPublishOf) : inst.version;
  const wanted: InstanceRecord = { ...inst, version };
  const existing = await instancesOf(files, inst.customer);
  const found = existing.find((i) => i.record.integration === inst.integration && i.record.name === inst.name);
  if (found) {
    // Later steps of the same plan (move version, deploy, enable) change the rest; what creation
    // set is the configuration, so that is what makes a re-run a no-op.
    const made = (i: InstanceRecord) => {
      const f = instanceToFile(i);
      return [f.labels, f.configVars, f.flowConfigs];
    };
    if (same(made(found.record), made(wanted))) return { unchanged: true, ...(found.record.version ? { version: found.record.version } : {}) };
    fail('REMOTE_VALIDATION', `Instance "${inst.name}" of ${inst.integration} for ${inst.customer} already exists in ${files.display}.`, {
      file: files.name(found.rel),
      hint: 'The region changed since the plan was made; plan again.',
    });
  }
  const taken = new Set(existing.map((i) => basename(i.rel).toLowerCase()));
  await files.writeYaml(instanceFileFor(inst.customer, inst.name, inst.integration, taken), instanceToFile(wanted));
  return version ? { version } : {};
}

async function updateInstance(
  files: FolderFiles,
  ref: InstanceRef,
  change: (i: InstanceRecord) => Promise<InstanceRecord> | InstanceRecord,
): Promise<WriteOutcome> {
  const found = await requireInstance(files, ref);
  const next = await change({ ...found.record });
  const outcome = next.version ? { version: next.version } : {};
  if (same(instanceToFile(found.record), instanceToFile(next))) return { ...outcome, unchanged: true };
  await files.writeYaml(found.rel, instanceToFile(next));
  return outcome;
}

async function setInstanceVersion(files: FolderFiles, w: Op<'setInstanceVersion'>): Promise<WriteOutcome> {
  return updateInstance(files, w.instance, async (i) => {
    const versions = (await readVersions(files, i.integration)).versions.map((v) => v.number);
    const version = w.version === 'latest-published' ? await latestPublishedVersion(files, i.integration) : w.version;
    if (!versions.includes(version))
      fail('NOT_FOUND', `Integration "${i.integration}" has no published version ${version} in ${files.display}.`, {
        hint: `Published versions: ${versions.join(', ') || 'none'}.`,
      });
    if (i.version === version) return i;
    // A deployed instance keeps running the old version until it is deployed again.
    return { ...i, version, needsDeploy: i.deployed ? true : i.needsDeploy };
  });
}

async function deployInstance(files: FolderFiles, w: Op<'deployInstance'>): Promise<WriteOutcome> {
  return updateInstance(files, w.instance, (i) => ({ ...i, deployed: true, needsDeploy: false }));
}

async function setInstanceEnabled(files: FolderFiles, w: Op<'setInstanceEnabled'>): Promise<WriteOutcome> {
  return updateInstance(files, w.instance, (i) => ({ ...i, enabled: w.enabled }));
}

// ---- dispatch ---------------------------------------------------------------------------------

/** Once a folder that was a capture (region.yaml `capturedAt`) is written to, it is live again. */
async function markLive(files: FolderFiles): Promise<void> {
  const meta = await files.readValidated(REGION_FILE, regionFileSchema);
  if (!meta?.capturedAt) return;
  const { capturedAt: _captured, ...rest } = meta;
  await files.writeYaml(REGION_FILE, rest);
}

export async function applyWrite(files: FolderFiles, w: RegionWrite, now: Date): Promise<WriteOutcome> {
  let outcome: WriteOutcome;
  switch (w.op) {
    case 'importIntegration':
      outcome = await importIntegration(files, w);
      break;
    case 'publishIntegration':
      outcome = await publishIntegration(files, w, now);
      break;
    case 'publishComponent':
      outcome = await publishComponent(files, w, now);
      break;
    case 'upsertCustomer':
      outcome = await upsertCustomer(files, w);
      break;
    case 'createInstance':
      outcome = await createInstance(files, w);
      break;
    case 'setInstanceVersion':
      outcome = await setInstanceVersion(files, w);
      break;
    case 'deployInstance':
      outcome = await deployInstance(files, w);
      break;
    case 'setInstanceEnabled':
      outcome = await setInstanceEnabled(files, w);
      break;
    default:
      fail('UNSUPPORTED', `Folder regions do not support the write "${(w as { op: string }).op}".`);
  }
  if (!outcome.unchanged) await markLive(files);
  return outcome;
}
