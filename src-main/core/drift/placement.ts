/**
 * Residency findings for instance rows: an instance living in a region its customer's
 * restriction forbids is misplaced. The customer's country is read from the customers list of the
 * region holding the instance (that is the record the region acts on), else from the baseline's
 * or any other region's.
 */
import type { CustomerRecord, RegionConfig, ResidencyPolicy } from '../model';
import { checkPlacement, routeCustomer } from '../policy/residency';

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

/**
 * Placement verdicts for one matrix: a customer has many instances, and the verdict depends only
 * on (customer, region), so each pair is checked once.
 */
export class PlacementChecker {
  private readonly verdicts = new Map<string, Map<string, string | null>>();
  private readonly homes = new Map<string, string | undefined>();
  constructor(
    private readonly baseline: string,
    private readonly customers: CustomersByRegion,
    private readonly policy: ResidencyPolicy,
    private readonly regions: readonly RegionConfig[],
  ) {}

  /** region → rule text, for the regions (among `holders`) where the customer's instance may not live. */
  misplacedIn(customerId: string, holders: readonly string[]): Record<string, string> | undefined {
    let out: Record<string, string> | undefined;
    for (const regionId of holders) {
      const rule = this.ruleAgainst(customerId, regionId);
      if (rule !== null) (out ??= {})[regionId] = rule;
    }
    return out;
  }

  /**
   * The region the policy routes this customer to (country, continent, default), if any. Customers
   * and their instances are partitioned by region on purpose, so a region lacking a customer who
   * lives elsewhere, or holding one who lives there and not in the baseline, is expected.
   */
  homeOf(customerId: string): string | undefined {
    if (this.homes.has(customerId)) return this.homes.get(customerId);
    const customer = findCustomer(customerId, this.baseline, this.baseline, this.customers);
    const home = routeCustomer({ externalId: customerId, ...(customer?.country ? { country: customer.country } : {}) }, this.policy, this.regions).region;
    this.homes.set(customerId, home);
    return home;
  }

  private ruleAgainst(customerId: string, regionId: string): string | null {
    // Keyed customer first, then region: no per-cell key string to build and hash.
    let byRegion = this.verdicts.get(customerId);
    if (byRegion === undefined) this.verdicts.set(customerId, (byRegion = new Map()));
    let rule = byRegion.get(regionId);
    if (rule === undefined) {
      const customer = findCustomer(customerId, regionId, this.baseline, this.customers);
      const verdict = checkPlacement({ externalId: customerId, ...(customer?.country ? { country: customer.country } : {}) }, regionId, this.policy, this.regions);
      rule = verdict.allowed ? null : verdict.rule;
      byRegion.set(regionId, rule);
    }
    return rule;
  }
}
