/**
 * `computePlan`: like `terraform plan`, an ordered, reviewable list of steps per target, the
 * fingerprints of the snapshots it was computed from (apply refuses when they moved), preflight
 * findings, and a hash over all of it (apply refuses a plan edited after review).
 */
import { fail } from '../errors';
import type { IgnoreRule } from '../ignore';
import type { RegionConfig, ResidencyPolicy, Snapshot } from '../model';
import { fingerprint } from './fingerprint';
import { planHash } from './hash';
import { preflight } from './preflight';
import { buildSteps } from './steps';
import type { Plan, PlanItem, RegionFingerprint } from './types';

export interface PlanInput {
  workspace: { name: string; id: string };
  source: Snapshot;
  targets: Snapshot[];
  items: PlanItem[];
  instances: 'all' | 'none' | string[];
  regions: RegionConfig[];
  policy?: ResidencyPolicy;
  ignore: IgnoreRule[];
  now: Date;
}

export function regionFingerprint(s: Snapshot): RegionFingerprint {
  return { region: s.regionId, fingerprint: fingerprint(s), capturedAt: s.capturedAt };
}

export function computePlan(input: PlanInput): Plan {
  if (input.items.length === 0) fail('INVALID_INPUT', 'A plan needs at least one item.', { hint: 'Name items as <kind>/<name>, e.g. integrations/"Order Sync".' });
  if (input.targets.length === 0) fail('INVALID_INPUT', 'A plan needs at least one target region.', { hint: 'Pass --to <region>.' });
  for (const t of input.targets)
    if (t.regionId === input.source.regionId)
      fail('INVALID_INPUT', `The target ${t.regionId} is the source region.`, { hint: 'Promote to a different region than --from.' });
  const steps = [];
  const findings = [];
  for (const target of input.targets) {
    const targetSteps = buildSteps({ source: input.source, target, items: input.items, instances: input.instances, ignore: input.ignore });
    steps.push(...targetSteps);
    findings.push(...preflight({ source: input.source, target, items: input.items, steps: targetSteps, regions: input.regions, policy: input.policy }));
  }
  const body: Omit<Plan, 'hash'> = {
    format: 1,
    workspace: { name: input.workspace.name, id: input.workspace.id },
    createdAt: input.now.toISOString(),
    source: regionFingerprint(input.source),
    targets: input.targets.map(regionFingerprint),
    items: input.items.map((i) => ({ kind: i.kind, name: i.name })),
    instances: input.instances,
    steps,
    preflight: findings,
  };
  return { ...body, hash: planHash(body) };
}

export function preflightErrors(plan: Plan): Plan['preflight'] {
  return plan.preflight.filter((f) => f.level === 'error');
}
