/**
 * ISO 3166-1 alpha-2 country → continent code (NA, SA, EU, AF, AS, OC, AN), for routing a
 * customer whose policy names continents rather than countries. Covers the countries a SaaS
 * tenant's customers are likely to be in; an unlisted country simply has no continent, so the
 * customer falls through to the policy's default region.
 */
const TABLE: Record<string, string> = {
  // North America (incl. Central America and the Caribbean)
  US: 'NA', CA: 'NA', MX: 'NA', GT: 'NA', CR: 'NA', PA: 'NA', DO: 'NA', JM: 'NA', PR: 'NA', HN: 'NA', SV: 'NA', BS: 'NA',
  // South America
  BR: 'SA', AR: 'SA', CL: 'SA', CO: 'SA', PE: 'SA', UY: 'SA', VE: 'SA', EC: 'SA', PY: 'SA', BO: 'SA',
  // Europe
  GB: 'EU', IE: 'EU', DE: 'EU', FR: 'EU', NL: 'EU', ES: 'EU', IT: 'EU', SE: 'EU', DK: 'EU', NO: 'EU', FI: 'EU', PL: 'EU',
  CH: 'EU', AT: 'EU', BE: 'EU', PT: 'EU', LU: 'EU', IS: 'EU', CZ: 'EU', SK: 'EU', HU: 'EU', RO: 'EU', BG: 'EU', GR: 'EU',
  HR: 'EU', SI: 'EU', EE: 'EU', LV: 'EU', LT: 'EU', MT: 'EU', CY: 'EU', UA: 'EU', RS: 'EU', MC: 'EU', LI: 'EU',
  // Africa
  ZA: 'AF', NG: 'AF', KE: 'AF', EG: 'AF', MA: 'AF', GH: 'AF', TN: 'AF', ET: 'AF', RW: 'AF', UG: 'AF', TZ: 'AF', SN: 'AF',
  // Asia (incl. the Middle East)
  JP: 'AS', SG: 'AS', IN: 'AS', CN: 'AS', HK: 'AS', TW: 'AS', KR: 'AS', MY: 'AS', TH: 'AS', VN: 'AS', ID: 'AS', PH: 'AS',
  AE: 'AS', IL: 'AS', SA: 'AS', QA: 'AS', TR: 'AS', PK: 'AS', BD: 'AS', LK: 'AS', KW: 'AS', BH: 'AS', OM: 'AS', JO: 'AS',
  // Oceania
  AU: 'OC', NZ: 'OC', FJ: 'OC', PG: 'OC',
  // Antarctica
  AQ: 'AN',
};

export function continentOf(country: string | undefined): string | undefined {
  if (!country) return undefined;
  return TABLE[country.trim().toUpperCase()];
}
