/**
 * Which file an item goes to. Usually the readable name (`components/http.yaml`,
 * `instances/acme-gmbh/Order Sync.yaml`); when two items would share a file (a public and a
 * private component with one key, two instances of one customer with one name but different
 * integrations) the later one gets a qualified name. Reads go by the files' contents, so the
 * choice of file never changes an item's identity. Names are compared case-insensitively, as
 * macOS and Windows file systems do; `takenFiles` holds lower-cased file names.
 */
import { COMPONENTS_DIR, customerDir, YAML_SUFFIX } from './layout';
import { encodeName } from './names';

function firstFree(candidates: string[], taken: (stem: string) => boolean): string {
  for (const c of candidates) if (!taken(c)) return c;
  for (let n = 2; ; n++) {
    const stem = `${candidates[candidates.length - 1]} ${n}`;
    if (!taken(stem)) return stem;
  }
}

export function componentFileFor(key: string, isPublic: boolean, takenFiles: Set<string>): string {
  const stems = [key, `${key} (${isPublic ? 'public' : 'private'})`].map(encodeName);
  const stem = firstFree(stems, (s) => takenFiles.has(`${s}${YAML_SUFFIX}`.toLowerCase()));
  return `${COMPONENTS_DIR}/${stem}${YAML_SUFFIX}`;
}

export function instanceFileFor(customer: string, name: string, integration: string, takenFiles: Set<string>): string {
  const stems = [name, `${name} (${integration})`].map(encodeName);
  const stem = firstFree(stems, (s) => takenFiles.has(`${s}${YAML_SUFFIX}`.toLowerCase()));
  return `${customerDir(customer)}/${stem}${YAML_SUFFIX}`;
}
