/**
 * Residency policy, after Boomi Flow's multi-region model (design.md "Residency policy"): a
 * customer's home country routes to a region (country first, then continent, then the default),
 * and restrictions say where a customer's instances may live. Restrictions marked `keep` guard
 * the other direction: data already in those regions (GovCloud) never leaves them.
 *
 * Rules are reported as readable text (`restriction #1: customers in DE, FR only in [eu]`) so the
 * drift view and a refused promotion can say exactly which line of the policy applies.
 */
import type { RegionConfig, ResidencyPolicy, ResidencyRestriction } from '../model';
import { continentOf } from './continents';

export interface PolicyCustomer {
  country?: string;
  externalId?: string;
}

export type RouteBasis = 'country' | 'continent' | 'default' | 'none';
export type PlacementVerdict = { allowed: true } | { allowed: false; rule: string };

const same = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The region a customer's instances belong in. Explicit routes come before region geographies at
 * each level (a route is the operator's decision; a geography is a fact that may be shared, e.g.
 * US commercial and GovCloud are both US), and routes to regions the workspace does not have are
 * skipped rather than returned.
 */
export function routeCustomer(
  customer: PolicyCustomer,
  policy: ResidencyPolicy | undefined,
  regions: readonly RegionConfig[],
): { region: string | undefined; by: RouteBasis } {
  const known = new Set(regions.map((r) => r.id));
  const routes = (policy?.routes ?? []).filter((r) => known.has(r.region));
  const country = customer.country;
  const continent = continentOf(country);
  if (country) {
    const route = routes.find((r) => same(r.country, country));
    if (route) return { region: route.region, by: 'country' };
    const region = regions.find((r) => same(r.geography?.country, country) && !isKeepOnly(r.id, policy));
    if (region) return { region: region.id, by: 'country' };
  }
  if (continent) {
    const route = routes.find((r) => r.country === undefined && same(r.continent, continent));
    if (route) return { region: route.region, by: 'continent' };
    const region = regions.find((r) => same(r.geography?.continent, continent) && !isKeepOnly(r.id, policy));
    if (region) return { region: region.id, by: 'continent' };
  }
  if (policy?.default && known.has(policy.default)) return { region: policy.default, by: 'default' };
  return { region: undefined, by: 'none' };
}

/**
 * A region guarded by a `keep` restriction that names no customers (GovCloud) is a place data
 * stays, not one ordinary customers are routed to by geography alone.
 */
function isKeepOnly(regionId: string, policy: ResidencyPolicy | undefined): boolean {
  return (policy?.restrictions ?? []).some((r) => r.keep === true && r.customers === undefined && r.regions.includes(regionId));
}

/** Whether the restriction's customer selector picks this customer (no selector: everyone). */
export function restrictionApplies(restriction: ResidencyRestriction, customer: PolicyCustomer): boolean {
  const sel = restriction.customers;
  if (!sel) return true;
  const continent = continentOf(customer.country);
  if (sel.country?.some((c) => same(c, customer.country))) return true;
  if (sel.continent?.some((c) => same(c, continent))) return true;
  if (sel.externalId?.some((id) => id === customer.externalId)) return true;
  return false;
}

/** `restriction #1: customers in DE, FR only in [eu]` — numbered as in the workspace file. */
export function describeRestriction(restriction: ResidencyRestriction, index: number): string {
  const regions = `[${restriction.regions.join(', ')}]`;
  const head = `restriction #${index + 1}: `;
  if (restriction.keep && !restriction.customers) return `${head}data in ${regions} never leaves (keep)`;
  const who: string[] = [];
  const sel = restriction.customers;
  if (sel?.country?.length) who.push(`in ${sel.country.join(', ')}`);
  if (sel?.continent?.length) who.push(`in continent ${sel.continent.join(', ')}`);
  if (sel?.externalId?.length) who.push(sel.externalId.join(', '));
  const subject = who.length === 0 ? 'all customers' : `customers ${who.join(' or ')}`;
  return `${head}${subject} only in ${regions}${restriction.keep ? ', never leaving (keep)' : ''}`;
}

/**
 * Whether a customer's instances may live in a region. A restriction limits placement when it
 * selects customers, or when it is not a `keep` rule: a bare `{ regions: [gov], keep: true }`
 * only says data in gov stays there (see checkTransfer), not that every customer must live in gov.
 */
export function checkPlacement(
  customer: PolicyCustomer,
  regionId: string,
  policy: ResidencyPolicy | undefined,
  _regions: readonly RegionConfig[] = [],
): PlacementVerdict {
  const restrictions = policy?.restrictions ?? [];
  for (let i = 0; i < restrictions.length; i++) {
    const r = restrictions[i];
    if (r.keep && !r.customers) continue;
    if (!restrictionApplies(r, customer)) continue;
    if (!r.regions.includes(regionId)) return { allowed: false, rule: describeRestriction(r, i) };
  }
  return { allowed: true };
}

/**
 * Whether a customer's instance or configuration may be copied from one region to another: refused
 * when it would leave a `keep` region, or land where the customer may not live.
 */
export function checkTransfer(
  customer: PolicyCustomer,
  fromRegion: string,
  toRegion: string,
  policy: ResidencyPolicy | undefined,
  regions: readonly RegionConfig[] = [],
): PlacementVerdict {
  if (fromRegion === toRegion) return { allowed: true };
  const restrictions = policy?.restrictions ?? [];
  for (let i = 0; i < restrictions.length; i++) {
    const r = restrictions[i];
    if (!r.keep || !restrictionApplies(r, customer)) continue;
    if (r.regions.includes(fromRegion) && !r.regions.includes(toRegion)) return { allowed: false, rule: describeRestriction(r, i) };
  }
  return checkPlacement(customer, toRegion, policy, regions);
}
