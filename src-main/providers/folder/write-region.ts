/**
 * Writes a whole snapshot as a folder region (exports, the demo generator, bundles). The folder
 * is built beside the target and renamed into place, so a reader sees the old region or the new
 * one, never a mix, and a failure leaves the old one untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fail } from '../../core/errors';
import type { Snapshot } from '../../core/model';
import { TEMP_PREFIX } from '../fs/atomic';
import { FolderFiles } from './folder-io';
import { CUSTOMERS_FILE, integrationPath, REGION_FILE, versionsPath, type RegionFile } from './layout';
import { componentFileFor, instanceFileFor } from './placement';
import { compact, componentToFile, customerToFile, instanceToFile, versionsToFile } from './records';

export interface WriteFolderRegionOptions {
  /** Region facts for region.yaml beyond what the snapshot holds (label, geography). */
  region?: Omit<RegionFile, 'capturedAt'>;
  /**
   * Record the snapshot's capture time in region.yaml, so pulls report it (an export of a live
   * region at that time). Off for folders that are themselves the source of truth (the demo).
   */
  recordCapturedAt?: boolean;
  /** Replace an existing non-empty folder (otherwise that is refused). */
  replace?: boolean;
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}

export async function writeSnapshotFiles(files: FolderFiles, snapshot: Snapshot, opts: WriteFolderRegionOptions = {}): Promise<void> {
  const meta: RegionFile = compact({
    id: opts.region?.id ?? snapshot.regionId,
    label: opts.region?.label,
    url: opts.region?.url ?? snapshot.source.url,
    org: opts.region?.org ?? snapshot.source.org,
    tenant: opts.region?.tenant ?? snapshot.source.tenant,
    geography: opts.region?.geography,
    capturedAt: opts.recordCapturedAt === false ? undefined : snapshot.capturedAt,
  });
  await files.writeYaml(REGION_FILE, meta);

  const takenComponents = new Set<string>();
  for (const c of snapshot.components) {
    const rel = componentFileFor(c.key, c.isPublic, takenComponents);
    takenComponents.add(basename(rel).toLowerCase());
    await files.writeYaml(rel, componentToFile(c));
  }
  for (const i of snapshot.integrations) {
    await files.writeText(integrationPath(i.name), i.yaml);
    if (i.versions.length) await files.writeYaml(versionsPath(i.name), versionsToFile(i));
  }
  await files.writeYaml(CUSTOMERS_FILE, { customers: snapshot.customers.map(customerToFile) });
  const takenByCustomer = new Map<string, Set<string>>();
  for (const inst of snapshot.instances) {
    const taken = takenByCustomer.get(inst.customer) ?? new Set<string>();
    takenByCustomer.set(inst.customer, taken);
    const rel = instanceFileFor(inst.customer, inst.name, inst.integration, taken);
    taken.add(basename(rel).toLowerCase());
    await files.writeYaml(rel, instanceToFile(inst));
  }
}

/** Writes `snapshot` as the folder region at `dir` (created if missing). */
export async function writeFolderRegion(dir: string, snapshot: Snapshot, opts: WriteFolderRegionOptions = {}): Promise<void> {
  const target = resolve(dir);
  const empty = await isEmptyOrMissing(target);
  if (!empty && !opts.replace)
    fail('INVALID_INPUT', `${dir} is not empty; refusing to write a region over it.`, {
      file: dir,
      hint: 'Choose an empty or new folder, or ask to replace it.',
    });
  await mkdir(dirname(target), { recursive: true });
  const suffix = randomBytes(6).toString('hex');
  const staging = join(dirname(target), `${TEMP_PREFIX}${basename(target)}-${suffix}`);
  const old = join(dirname(target), `${TEMP_PREFIX}${basename(target)}-old-${suffix}`);
  let movedAside = false;
  try {
    await mkdir(staging);
    await writeSnapshotFiles(new FolderFiles(staging, dir), snapshot, opts);
    if (empty) await rmdir(target).catch(() => undefined);
    else {
      await rename(target, old);
      movedAside = true;
    }
    await rename(staging, target);
  } catch (e) {
    if (movedAside) await rename(old, target).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  await rm(old, { recursive: true, force: true }).catch(() => undefined);
}
