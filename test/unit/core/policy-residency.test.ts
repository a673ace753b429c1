import { describe, expect, it } from 'vitest';
import type { RegionConfig, ResidencyPolicy } from '../../../src-main/core/model';
import { continentOf } from '../../../src-main/core/policy/continents';
import { checkPlacement, checkTransfer, describeRestriction, routeCustomer } from '../../../src-main/core/policy/residency';

// The workspace of design.md's example, with EU and AU stacks added.
const regions: RegionConfig[] = [
  { id: 'us', kind: 'prismatic', url: 'https://app.prismatic.io', geography: { country: 'US', continent: 'NA' } },
  { id: 'gov', kind: 'prismatic', url: 'https://app.us-gov-west-1.prismatic.io', geography: { country: 'US', continent: 'NA' } },
  { id: 'eu', kind: 'prismatic', url: 'https://app.eu-west-1.prismatic.io', geography: { country: 'IE', continent: 'EU' } },
  { id: 'au', kind: 'prismatic', url: 'https://app.ap-southeast-2.prismatic.io', geography: { country: 'AU', continent: 'OC' } },
];
const policy: ResidencyPolicy = {
  default: 'us',
  routes: [{ country: 'GB', region: 'eu' }, { continent: 'EU', region: 'eu' }, { continent: 'OC', region: 'au' }],
  restrictions: [{ customers: { country: ['DE', 'FR'] }, regions: ['eu'] }, { regions: ['gov'], keep: true }],
};

describe('continentOf', () => {
  it('knows the countries customers are likely in, case-insensitively', () => {
    expect(['US', 'CA', 'MX'].map(continentOf)).toEqual(['NA', 'NA', 'NA']);
    expect(['de', 'GB', 'ie', 'CH', 'NO'].map(continentOf)).toEqual(['EU', 'EU', 'EU', 'EU', 'EU']);
    expect(['AU', 'NZ'].map(continentOf)).toEqual(['OC', 'OC']);
    expect(['JP', 'SG', 'IN', 'AE', 'IL'].map(continentOf)).toEqual(['AS', 'AS', 'AS', 'AS', 'AS']);
    expect(['ZA', 'NG', 'KE'].map(continentOf)).toEqual(['AF', 'AF', 'AF']);
    expect(continentOf('BR')).toBe('SA');
    expect(continentOf('XX')).toBeUndefined();
    expect(continentOf(undefined)).toBeUndefined();
  });
});

describe('routeCustomer', () => {
  it('routes by country first', () => {
    expect(routeCustomer({ country: 'GB' }, policy, regions)).toEqual({ region: 'eu', by: 'country' });
    // No explicit route for US: the region whose geography is US (us, not the keep-only gov).
    expect(routeCustomer({ country: 'US' }, policy, regions)).toEqual({ region: 'us', by: 'country' });
  });

  it('then by continent derived from the country', () => {
    expect(routeCustomer({ country: 'DE' }, policy, regions)).toEqual({ region: 'eu', by: 'continent' });
    expect(routeCustomer({ country: 'NZ' }, policy, regions)).toEqual({ region: 'au', by: 'continent' });
    // A route naming a country wins over a continent route for the same customer.
    const countryOverContinent: ResidencyPolicy = { routes: [{ continent: 'EU', region: 'eu' }, { country: 'CH', region: 'us' }] };
    expect(routeCustomer({ country: 'CH' }, countryOverContinent, regions)).toEqual({ region: 'us', by: 'country' });
  });

  it('then the default, then nothing', () => {
    expect(routeCustomer({ country: 'JP' }, policy, regions)).toEqual({ region: 'us', by: 'default' });
    expect(routeCustomer({}, policy, regions)).toEqual({ region: 'us', by: 'default' });
    expect(routeCustomer({ country: 'JP' }, { routes: [] }, regions)).toEqual({ region: undefined, by: 'none' });
  });

  it('skips routes to regions the workspace does not have', () => {
    const p: ResidencyPolicy = { default: 'nowhere', routes: [{ country: 'GB', region: 'uk' }] };
    const onlyUs = regions.filter((r) => r.id === 'us');
    expect(routeCustomer({ country: 'GB' }, p, onlyUs)).toEqual({ region: undefined, by: 'none' });
  });

  it('never routes ordinary customers into a keep-only region by geography', () => {
    const govFirst = [regions[1], regions[0]];
    expect(routeCustomer({ country: 'US' }, policy, govFirst).region).toBe('us');
    expect(routeCustomer({ country: 'US' }, { default: 'us' }, govFirst).region).toBe('gov'); // no keep rule: geography order
  });
});

describe('checkPlacement', () => {
  it('refuses a restricted customer outside its regions, naming the rule', () => {
    expect(checkPlacement({ country: 'DE' }, 'eu', policy, regions)).toEqual({ allowed: true });
    expect(checkPlacement({ country: 'DE' }, 'us', policy, regions)).toEqual({ allowed: false, rule: 'restriction #1: customers in DE, FR only in [eu]' });
    expect(checkPlacement({ country: 'fr' }, 'au', policy, regions)).toMatchObject({ allowed: false });
  });

  it('leaves unrestricted customers anywhere; a bare keep rule limits transfers, not placement', () => {
    expect(checkPlacement({ country: 'US' }, 'us', policy, regions)).toEqual({ allowed: true });
    expect(checkPlacement({ country: 'US' }, 'eu', policy, regions)).toEqual({ allowed: true });
    expect(checkPlacement({ country: 'GB' }, 'gov', policy, regions)).toEqual({ allowed: true });
    expect(checkPlacement({}, 'au', policy, regions)).toEqual({ allowed: true });
  });

  it('selects customers by continent and by externalId', () => {
    const p: ResidencyPolicy = {
      restrictions: [
        { customers: { continent: ['OC'] }, regions: ['au'] },
        { customers: { externalId: ['acme-fed'] }, regions: ['gov'] },
      ],
    };
    expect(checkPlacement({ country: 'NZ' }, 'us', p, regions)).toEqual({ allowed: false, rule: 'restriction #1: customers in continent OC only in [au]' });
    expect(checkPlacement({ country: 'NZ' }, 'au', p, regions)).toEqual({ allowed: true });
    expect(checkPlacement({ externalId: 'acme-fed', country: 'US' }, 'us', p, regions)).toEqual({ allowed: false, rule: 'restriction #2: customers acme-fed only in [gov]' });
    expect(checkPlacement({ externalId: 'acme', country: 'US' }, 'us', p, regions)).toEqual({ allowed: true });
  });

  it('applies a restriction without selector to every customer', () => {
    const p: ResidencyPolicy = { restrictions: [{ regions: ['us', 'eu'] }] };
    expect(checkPlacement({ country: 'AU' }, 'au', p, regions)).toEqual({ allowed: false, rule: 'restriction #1: all customers only in [us, eu]' });
  });
});

describe('checkTransfer', () => {
  it('refuses copying out of a keep region, and allows copying into it', () => {
    expect(checkTransfer({ country: 'US' }, 'gov', 'us', policy, regions)).toEqual({ allowed: false, rule: 'restriction #2: data in [gov] never leaves (keep)' });
    expect(checkTransfer({ country: 'US' }, 'us', 'gov', policy, regions)).toEqual({ allowed: true });
    expect(checkTransfer({ country: 'US' }, 'gov', 'gov', policy, regions)).toEqual({ allowed: true });
  });

  it('also refuses landing where the customer may not live', () => {
    expect(checkTransfer({ country: 'DE' }, 'eu', 'us', policy, regions)).toEqual({ allowed: false, rule: 'restriction #1: customers in DE, FR only in [eu]' });
    expect(checkTransfer({ country: 'DE' }, 'us', 'eu', policy, regions)).toEqual({ allowed: true });
  });

  it('a keep rule with a selector guards only its customers', () => {
    const p: ResidencyPolicy = { restrictions: [{ customers: { externalId: ['fed'] }, regions: ['gov'], keep: true }] };
    expect(checkTransfer({ externalId: 'fed' }, 'gov', 'us', p, regions)).toMatchObject({ allowed: false });
    expect(checkTransfer({ externalId: 'other' }, 'gov', 'us', p, regions)).toEqual({ allowed: true });
    expect(describeRestriction(p.restrictions![0], 0)).toBe('restriction #1: customers fed only in [gov], never leaving (keep)');
  });
});
