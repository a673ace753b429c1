/**
 * Plans for changing instances in place in one region: upgrade to the region's latest (or a chosen)
 * version, pin back to an earlier one, pause, unpause. They are ordinary plans — fingerprinted,
 * hashed, applied through the same journal and rolled back the same way as a promotion — whose
 * source and target are the same region. Version numbers here are the region's own counters.
 */
import { fail } from '../errors';
import type { InstanceRecord, Snapshot } from '../model';
import { instanceKey } from '../model';
import { regionFingerprint } from '../plan/compute';
import { planHash } from '../plan/hash';
import type { InstanceRef, Plan, PlanStep, PreflightFinding, RegionWrite } from '../plan/types';
import { isSecretVar } from './view';

export type InstanceAction = 'upgrade' | 'pin' | 'pause' | 'unpause';

export interface InstanceChange {
  instance: InstanceRef;
  action: InstanceAction;
  /** upgrade: default the region's latest; pin: default the newest version before the current one. */
  version?: number;
}

export interface InstanceChangesInput {
  workspace: { name: string; id: string };
  region: Snapshot;
  changes: readonly InstanceChange[];
  now: Date;
}

function publishedVersions(region: Snapshot, integration: string): number[] {
  return (region.integrations.find((i) => i.name === integration)?.versions ?? []).map((v) => v.number).sort((a, b) => a - b);
}

function requirePublished(region: Snapshot, inst: InstanceRecord, version: number): void {
  const versions = publishedVersions(region, inst.integration);
  if (!versions.includes(version))
    fail('NOT_FOUND', `Integration ${inst.integration} has no published version ${version} in ${region.regionId}.`, {
      region: region.regionId,
      hint: `Published versions there: ${versions.join(', ') || 'none'}.`,
    });
}

/** The version an upgrade or pin moves to; undefined when the instance already runs it. */
function targetVersion(region: Snapshot, inst: InstanceRecord, change: InstanceChange): number {
  const key = instanceKey(inst);
  const versions = publishedVersions(region, inst.integration);
  if (change.action === 'upgrade') {
    const latest = versions.at(-1);
    if (latest === undefined) fail('NOT_FOUND', `Integration ${inst.integration} has no published version in ${region.regionId}.`, { region: region.regionId, hint: 'Publish it (or promote it) first.' });
    const wanted = change.version ?? latest;
    requirePublished(region, inst, wanted);
    if (inst.version !== null && wanted < inst.version)
      fail('INVALID_INPUT', `Instance ${key} runs v${inst.version}; v${wanted} is older, so that is a pin, not an upgrade.`, { region: region.regionId, hint: `Use pin --version ${wanted}.` });
    return wanted;
  }
  if (change.version !== undefined) {
    requirePublished(region, inst, change.version);
    return change.version;
  }
  const previous = versions.filter((v) => inst.version === null || v < inst.version).at(-1);
  if (previous === undefined)
    fail('INVALID_INPUT', `Instance ${key} runs v${inst.version ?? '?'}, the oldest published version in ${region.regionId}: there is nothing earlier to pin back to.`, {
      region: region.regionId,
      hint: 'Pass --version to choose a version.',
    });
  return previous;
}

/** Writes for one change, given the instance as the earlier changes of this plan leave it. */
function writesFor(region: Snapshot, inst: InstanceRecord, change: InstanceChange): { writes: { write: RegionWrite; description: string }[]; after: InstanceRecord } {
  const key = instanceKey(inst);
  const t = region.regionId;
  const ref: InstanceRef = { customer: inst.customer, integration: inst.integration, name: inst.name };
  if (change.action === 'pause' || change.action === 'unpause') {
    const enabled = change.action === 'unpause';
    if (inst.enabled === enabled) return { writes: [], after: inst };
    return {
      writes: [{ write: { op: 'setInstanceEnabled', instance: ref, enabled }, description: `${enabled ? 'Unpause (enable)' : 'Pause (disable)'} instance ${key} in ${t}.` }],
      after: { ...inst, enabled },
    };
  }
  const version = targetVersion(region, inst, change);
  const writes: { write: RegionWrite; description: string }[] = [];
  const moves = inst.version !== version;
  if (moves)
    writes.push({
      write: { op: 'setInstanceVersion', instance: ref, version },
      description: `${change.action === 'upgrade' ? 'Upgrade' : 'Pin'} instance ${key} in ${t} from v${inst.version ?? '?'} to v${version}.`,
    });
  // An upgrade always ends deployed (that is what "runs the new version" means); a pin keeps the
  // instance's deploy state, so a never-deployed instance is not deployed behind anyone's back.
  const deploy = change.action === 'upgrade' ? moves || !inst.deployed || !!inst.needsDeploy : inst.deployed && (moves || !!inst.needsDeploy);
  if (deploy) writes.push({ write: { op: 'deployInstance', instance: ref }, description: `Deploy instance ${key} in ${t} at v${version}.` });
  return { writes, after: { ...inst, version, deployed: inst.deployed || deploy, needsDeploy: deploy ? false : inst.needsDeploy || moves } };
}

/** Unset connections cannot be deployed: warn (the region, not this plan, is where they are entered). */
function unsetSecretFindings(t: string, inst: InstanceRecord, stepId: string): PreflightFinding[] {
  return inst.configVars
    .filter((cv) => isSecretVar(cv) && cv.secret !== 'set')
    .map((cv) => ({
      level: 'warning' as const,
      code: 'SECRET_REENTRY' as const,
      target: t,
      item: `instances/${instanceKey(inst)}`,
      step: stepId,
      message: `Instance ${instanceKey(inst)} in ${t} has no value for "${cv.key}"; its deploy may fail until it is entered.`,
      hint: `Enter "${cv.key}" on the instance in ${t} (re-authorize OAuth), then deploy again.`,
    }));
}

/** Why a change does nothing, for the refusal when the whole plan would be empty. */
function noOpReason(inst: InstanceRecord, change: InstanceChange): string {
  const key = instanceKey(inst);
  if (change.action === 'pause') return `${key} is already paused`;
  if (change.action === 'unpause') return `${key} is already enabled`;
  return `${key} already runs v${inst.version ?? '?'}${inst.deployed ? ', deployed' : ''}`;
}

export function planInstanceChanges(input: InstanceChangesInput): Plan {
  const { region } = input;
  const t = region.regionId;
  if (input.changes.length === 0) fail('INVALID_INPUT', 'Choose at least one instance to change.', { hint: 'Name it as <customer>/<integration>/<instance>.' });
  const steps: PlanStep[] = [];
  const preflight: PreflightFinding[] = [];
  const state = new Map<string, InstanceRecord>();
  const lastStep = new Map<string, string>();
  const noOps: string[] = [];
  for (const change of input.changes) {
    const key = instanceKey(change.instance);
    const inst = state.get(key) ?? region.instances.find((i) => instanceKey(i) === key);
    if (!inst)
      fail('NOT_FOUND', `There is no instance ${key} in ${t}.`, {
        region: t,
        hint: `Instances are named <customer externalId>/<integration>/<instance name>; list them with region-sync instances --customer ${change.instance.customer}.`,
      });
    const { writes, after } = writesFor(region, inst, change);
    if (writes.length === 0) noOps.push(noOpReason(inst, change));
    for (const w of writes) {
      const id = `t:${t}#${steps.length + 1}`;
      const prev = lastStep.get(key);
      steps.push({ id, target: t, write: w.write, description: w.description, tag: 'updates', ...(prev ? { after: [prev] } : {}) });
      lastStep.set(key, id);
      if (w.write.op === 'deployInstance') preflight.push(...unsetSecretFindings(t, inst, id));
    }
    state.set(key, after);
  }
  if (steps.length === 0) fail('INVALID_INPUT', `Nothing to change: ${noOps.join('; ')}.`, { region: t, hint: 'Pull the region again if it changed elsewhere.' });
  const keys = [...new Set(input.changes.map((c) => instanceKey(c.instance)))];
  const fp = regionFingerprint(region);
  const body: Omit<Plan, 'hash'> = {
    format: 1,
    workspace: { name: input.workspace.name, id: input.workspace.id },
    createdAt: input.now.toISOString(),
    source: fp,
    targets: [fp],
    items: keys.map((name) => ({ kind: 'instances', name })),
    instances: keys,
    steps,
    preflight,
  };
  return { ...body, hash: planHash(body) };
}
