/** Turns the Add-region form into a RegionConfig, or says which field is wrong. */
import type { RegionConfig, RegionKind } from '../../lib/api/types';

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

export function toRegionConfig(f: RegionFormFields): { region: RegionConfig } | { problem: string } {
  const id = f.id.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,31}$/i.test(id)) return { problem: 'Region id: letters, digits, - and _ (up to 32), e.g. "eu".' };
  const region: RegionConfig = { id, kind: f.kind };
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
  if (continent && continent.length !== 2) return { problem: 'Continent: two letters, e.g. EU, NA, OC.' };
  if (country || continent) region.geography = { ...(country ? { country } : {}), ...(continent ? { continent } : {}) };
  return { region };
}
