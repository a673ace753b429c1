/**
 * Relocating a customer (they moved, or were placed in the wrong region): a plan that creates the
 * customer and each of their instances in the new region. Secrets never travel, so the instances
 * arrive unconfigured and the plan names every connection to re-enter there. The residency policy
 * is checked first: a move it forbids (a DE customer outside the EU, anything leaving GovCloud) is
 * refused with the rule that forbids it, before any plan exists.
 */
import { fail } from '../errors';
import type { IgnoreRule } from '../ignore';
import type { RegionConfig, ResidencyPolicy, Snapshot } from '../model';
import { instanceKey } from '../model';
import { computePlan } from '../plan/compute';
import { planHash } from '../plan/hash';
import type { Plan, PlanItem, PreflightFinding } from '../plan/types';
import { checkTransfer } from '../policy/residency';
import { latestVersionOf } from './view';

export interface RelocationInput {
  workspace: { name: string; id: string };
  customer: string;
  from: Snapshot;
  to: Snapshot;
  regions: RegionConfig[];
  policy?: ResidencyPolicy;
  ignore: IgnoreRule[];
  now: Date;
}

export function planRelocation(input: RelocationInput): Plan {
  const { from, to } = input;
  if (from.regionId === to.regionId) fail('INVALID_INPUT', `The customer would move from ${from.regionId} to itself.`, { hint: 'Pick another --to.' });
  const customer = from.customers.find((c) => c.externalId === input.customer);
  if (!customer)
    fail('NOT_FOUND', `There is no customer "${input.customer}" in ${from.regionId}.`, {
      region: from.regionId,
      hint: `Customers are named by external id; list them with region-sync instances.`,
    });
  const verdict = checkTransfer(customer, from.regionId, to.regionId, input.policy, input.regions);
  if (!verdict.allowed)
    fail('RESIDENCY_FORBIDDEN', `Moving customer ${customer.externalId} (${customer.country ?? 'no country'}) from ${from.regionId} to ${to.regionId} is forbidden by the residency policy: ${verdict.rule}.`, {
      region: to.regionId,
      hint: 'Choose a region the policy allows for this customer, or change the policy in region-sync.yaml.',
    });
  const instances = from.instances.filter((i) => i.customer === customer.externalId);
  if (instances.length === 0)
    fail('NOT_FOUND', `Customer ${customer.externalId} has no instances in ${from.regionId} to relocate.`, { region: from.regionId, hint: 'Pick the region the customer lives in now as --from.' });
  const already = instances.filter((i) => to.instances.some((x) => instanceKey(x) === instanceKey(i)));
  const moving = instances.filter((i) => !already.includes(i));
  const items: PlanItem[] = [{ kind: 'customers', name: customer.externalId }, ...moving.map((i) => ({ kind: 'instances' as const, name: instanceKey(i) }))];
  const plan = computePlan({
    workspace: input.workspace,
    source: from,
    targets: [to],
    items,
    instances: 'none',
    regions: input.regions,
    policy: input.policy,
    ignore: input.ignore,
    now: input.now,
  });
  const extra: PreflightFinding[] = [];
  for (const inst of moving)
    if (latestVersionOf(to, inst.integration) === null)
      extra.push({
        level: 'error',
        code: 'NOT_FOUND',
        target: to.regionId,
        item: `instances/${instanceKey(inst)}`,
        message: `${to.regionId} has no published version of ${inst.integration}, so instance ${instanceKey(inst)} cannot be created there.`,
        hint: `Promote it first: region-sync promote integrations/"${inst.integration}" --from ${from.regionId} --to ${to.regionId}.`,
      });
  for (const inst of already)
    extra.push({
      level: 'warning',
      code: 'UNSUPPORTED',
      target: to.regionId,
      item: `instances/${instanceKey(inst)}`,
      message: `Instance ${instanceKey(inst)} already exists in ${to.regionId}; it is left as it is.`,
    });
  if (moving.length)
    extra.push({
      level: 'warning',
      code: 'UNSUPPORTED',
      target: to.regionId,
      item: `customers/${customer.externalId}`,
      message: `The instances in ${from.regionId} keep running: nothing is deleted there.`,
      hint: `Once the new instances run in ${to.regionId}, pause the old ones (region-sync instances pause ${customer.externalId}/<integration>/<instance> --region ${from.regionId}).`,
    });
  const { hash: _old, ...body } = plan;
  const withExtra = { ...body, preflight: [...plan.preflight, ...extra] };
  return { ...withExtra, hash: planHash(withExtra) };
}

/** The connections and secrets a relocation plan says must be re-entered, by instance. */
export function connectionsToReenter(plan: Plan): { instance: string; key: string }[] {
  const out: { instance: string; key: string }[] = [];
  for (const s of plan.steps)
    if (s.write.op === 'createInstance')
      for (const cv of s.write.instance.configVars) if (cv.kind === 'connection' || cv.secret !== undefined) out.push({ instance: instanceKey(s.write.instance), key: cv.key });
  return out;
}
