/**
 * Resume: a step journaled `started` (or `failed`) but not `done` may or may not have reached the
 * region before the crash or fault. Before doing it again, look at the region: writes that are
 * already there are recorded as done, so nothing is done twice (a second publish would add a
 * version; a second create a duplicate; a second deploy re-runs the instance's deploy flows).
 */
import { instanceKey, type Snapshot } from '../../core/model';
import type { RegionWrite, WriteOutcome } from '../../core/plan/types';

function latestPublished(s: Snapshot, name: string) {
  const versions = s.integrations.find((i) => i.name === name)?.versions ?? [];
  return versions.length ? versions.reduce((a, b) => (b.number > a.number ? b : a)) : undefined;
}

export interface Recheck {
  /** Already in the region: record done with this outcome, write nothing. */
  done?: WriteOutcome;
  /** Do this write instead (e.g. an import whose create already happened overwrites the draft). */
  write?: RegionWrite;
}

/**
 * `expectedVersion`: the version an earlier step of this run moved the instance to, so a deploy
 * counts as done only when the instance is deployed at that version.
 */
export function recheckStep(write: RegionWrite, region: Snapshot, expectedVersion?: number): Recheck {
  switch (write.op) {
    case 'publishComponent': {
      const c = region.components.find((x) => x.key === write.key && x.isPublic === write.isPublic);
      const v = c?.versions.find((x) => x.signature === write.signature);
      return v ? { done: { version: v.number, unchanged: true, detail: 'found in the region on resume' } } : {};
    }
    case 'importIntegration':
      // Importing the same YAML again gives the same draft; only "create" must not run twice.
      if (write.mode === 'create' && region.integrations.some((i) => i.name === write.name)) return { write: { ...write, mode: 'overwrite-draft' } };
      return {};
    case 'publishIntegration': {
      const latest = latestPublished(region, write.name);
      return latest && latest.definitionHash === write.definitionHash ? { done: { version: latest.number, unchanged: true, detail: 'found published on resume' } } : {};
    }
    case 'createInstance': {
      const key = instanceKey(write.instance);
      const have = region.instances.find((i) => instanceKey(i) === key);
      return have ? { done: { ...(have.remoteId ? { remoteId: have.remoteId } : {}), unchanged: true, detail: 'found created on resume' } } : {};
    }
    case 'deployInstance': {
      const key = instanceKey(write.instance);
      const have = region.instances.find((i) => instanceKey(i) === key);
      const atVersion = expectedVersion === undefined || have?.version === expectedVersion;
      return have && have.deployed && !have.needsDeploy && atVersion ? { done: { ...(have.version !== null ? { version: have.version } : {}), unchanged: true, detail: 'found deployed on resume' } } : {};
    }
    default:
      // upsertCustomer, setInstanceVersion, setInstanceEnabled set a value: doing them again is the same state.
      return {};
  }
}
