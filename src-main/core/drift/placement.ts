/**
 * Residency findings for instance rows: an instance living in a region its customer's
 * restriction forbids is misplaced. The customer's country is read from the customers list of the
 * region holding the instance (that is the record the region acts on), else from the baseline's
 * or any other region's.
 */
import type { CustomerRecord, RegionConfig, ResidencyPolicy } from '../model';
import { checkPlacement } from '../policy/residency';

export type CustomersByRegion = Map<string, Map<string, CustomerRecord>>;

export function findCustomer(externalId: string, regionId: string, baseline: string, customers: CustomersByRegion): CustomerRecord | undefined {
  const own = customers.get(regionId)?.get(externalId);
  if (own) return own;
  const fromBaseline = customers.get(baseline)?.get(externalId);
  if (fromBaseline) return fromBaseline;
  for (const byId of customers.values()) {
    const found = byId.get(externalId);
    if (found) return found;
  }
  return undefined;
}

/** region → rule text, for the regions (among `holders`) where the instance may not live. */
export function misplacedIn(
  customerId: string,
  holders: readonly string[],
  baseline: string,
  customers: CustomersByRegion,
  policy: ResidencyPolicy,
  regions: readonly RegionConfig[],
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const regionId of holders) {
    const customer = findCustomer(customerId, regionId, baseline, customers);
    const verdict = checkPlacement({ externalId: customerId, ...(customer?.country ? { country: customer.country } : {}) }, regionId, policy, regions);
    if (!verdict.allowed) (out ??= {})[regionId] = verdict.rule;
  }
  return out;
}
