/** Turns the Add-region form into a RegionConfig, or says which field is wrong. */
import type { ParamsOf, RegionKind } from '../../lib/api/types';

/** The region as `regions.add` takes it (the contract is stricter than the model, e.g. continents). */
export type NewRegion = ParamsOf<'regions.add'>['region'];
type Continent = NonNullable<NonNullable<NewRegion['geography']>['continent']>;
const CONTINENTS: readonly Continent[] = ['NA', 'SA', 'EU', 'AF', 'AS', 'OC', 'AN'];

export interface RegionFormFields {
  id: string;
  label: string;
  kind: RegionKind;
  url: string;
  path: string;
  tenant: string;
  country: string;
  continent: string;
}

export const emptyRegionForm = (): RegionFormFields => ({ id: '', label: '', kind: 'prismatic', url: '', path: '', tenant: '', country: '', continent: '' });

export function toRegionConfig(f: RegionFormFields): { region: NewRegion } | { problem: string } {
  const id = f.id.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,31}$/i.test(id)) return { problem: 'Region id: letters, digits, - and _ (up to 32), e.g. "eu".' };
  const region: NewRegion = { id, kind: f.kind };
  if (f.label.trim()) region.label = f.label.trim();
  if (f.kind === 'prismatic') {
    if (!/^https?:\/\//.test(f.url.trim())) return { problem: 'Stack URL: e.g. https://app.eu-west-1.prismatic.io' };
    region.url = f.url.trim();
    if (f.tenant.trim()) region.tenant = f.tenant.trim();
  } else {
    if (!f.path.trim()) return { problem: 'Folder path: where the exported YAML lives (relative to the workspace or absolute).' };
    region.path = f.path.trim();
  }
  const country = f.country.trim().toUpperCase();
  const continent = f.continent.trim().toUpperCase();
  if (country && country.length !== 2) return { problem: 'Country: two letters (ISO 3166), e.g. DE.' };
  const isContinent = (c: string): c is Continent => (CONTINENTS as readonly string[]).includes(c);
  if (continent && !isContinent(continent)) return { problem: `Continent: one of ${CONTINENTS.join(', ')}.` };
  if (country || continent) region.geography = { ...(country ? { country } : {}), ...(continent && isContinent(continent) ? { continent } : {}) };
  return { region };
}
