/**
 * Residency in plans: promotion refuses to copy a customer's instance configuration (or customer
 * record) into a region the customer's restriction forbids, or out of a `keep` region (GovCloud).
 * Moving instances that already live in the target copies nothing, so it is not checked here —
 * drift flags misplaced instances.
 */
import type { CustomerRecord } from '../model';
import { instanceKey } from '../model';
import { checkTransfer } from '../policy/residency';
import type { PreflightInput } from './preflight';
import type { PreflightFinding } from './types';

function customerOf(input: PreflightInput, externalId: string): CustomerRecord {
  return (
    input.source.customers.find((c) => c.externalId === externalId) ??
    input.target.customers.find((c) => c.externalId === externalId) ?? { externalId, name: externalId }
  );
}

export function residencyFindings(input: PreflightInput): PreflightFinding[] {
  if (!input.policy) return [];
  const policy = input.policy;
  const from = input.source.regionId;
  const to = input.target.regionId;
  const out: PreflightFinding[] = [];
  const refuse = (item: string, step: string, what: string, rule: string) =>
    out.push({
      level: 'error',
      code: 'RESIDENCY_FORBIDDEN',
      target: to,
      item,
      step,
      message: `Copying ${what} from ${from} to ${to} is forbidden by the residency policy: ${rule}`,
      hint: `Leave it out of the plan, or promote it to a region the policy allows.`,
    });
  for (const step of input.steps) {
    const w = step.write;
    if (w.op === 'createInstance') {
      const customer = customerOf(input, w.instance.customer);
      const key = instanceKey(w.instance);
      const what = `instance ${key} (customer ${customer.externalId})`;
      // checkTransfer covers both: leaving a keep region, and landing where the customer may not live.
      const moved = checkTransfer(customer, from, to, policy, input.regions);
      if (!moved.allowed) refuse(`instances/${key}`, step.id, what, moved.rule);
    } else if (w.op === 'upsertCustomer') {
      const moved = checkTransfer(w.customer, from, to, policy, input.regions);
      if (!moved.allowed) refuse(`customers/${w.customer.externalId}`, step.id, `customer ${w.customer.externalId}`, moved.rule);
    }
  }
  return out;
}
