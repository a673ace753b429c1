/**
 * What goes into a bundle besides the plan: the source items the plan needs (so the far side can
 * re-plan with no path to the source region), each integration's YAML for reading, and the review
 * report. Nothing here holds a secret: snapshots never store one, and created instances carry
 * only set/unset.
 */
import { fail } from '../../core/errors';
import type { Snapshot } from '../../core/model';
import { componentKey, instanceKey } from '../../core/model';
import { definitionNeeds } from '../../core/plan/references';
import type { Plan } from '../../core/plan/types';
import { parseYaml } from '../../core/yaml/codec';

/** The part of the source snapshot a plan reads. */
export function sliceSource(source: Snapshot, plan: Plan): Snapshot {
  const names = (kind: string) => new Set(plan.items.filter((i) => i.kind === kind).map((i) => i.name));
  const integrations = source.integrations.filter((i) => names('integrations').has(i.name));
  const instances = source.instances.filter((i) => names('instances').has(instanceKey(i)));
  const customerIds = new Set([...names('customers'), ...instances.map((i) => i.customer)]);
  const componentNames = names('components');
  const used = new Set<string>();
  for (const i of integrations) {
    const parsed = parseYaml(i.yaml);
    if (parsed.ok) for (const u of definitionNeeds(parsed.value.value).uses) used.add(componentKey({ key: u.ref.key, isPublic: u.ref.isPublic }));
  }
  const components = source.components.filter((c) => componentNames.has(c.key) || componentNames.has(componentKey(c)) || used.has(componentKey(c)));
  return {
    regionId: source.regionId,
    capturedAt: source.capturedAt,
    source: { kind: source.source.kind, ...(source.source.url ? { url: source.source.url } : {}), ...(source.source.org ? { org: source.source.org } : {}) },
    components,
    integrations,
    customers: source.customers.filter((c) => customerIds.has(c.externalId)),
    instances,
  };
}

/** A file name for an integration inside the bundle (names may hold `/` and other characters). */
export function integrationFileNames(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = name.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'integration';
    let candidate = `integrations/${base}.yaml`;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `integrations/${base}-${n}.yaml`;
    used.add(candidate.toLowerCase());
    out.set(name, candidate);
  }
  return out;
}

export function reviewReport(plan: Plan, source: Snapshot): string {
  const lines = [
    `# Promotion bundle — plan ${plan.hash.slice(0, 12)}`,
    '',
    `- Workspace: ${plan.workspace.name} (${plan.workspace.id})`,
    `- From: ${plan.source.region}${source.source.org ? ` (org ${source.source.org})` : ''}, captured ${plan.source.capturedAt}`,
    `- To: ${plan.targets.map((t) => t.region).join(', ')}`,
    `- Items: ${plan.items.map((i) => `${i.kind}/${i.name}`).join(', ')}`,
    `- Instances: ${Array.isArray(plan.instances) ? plan.instances.join(', ') : plan.instances}`,
    '',
    '## Steps',
    '',
    ...plan.steps.map((s, n) => `${n + 1}. \`${s.id}\` [${s.tag}] ${s.description}`),
    '',
    '## Preflight',
    '',
    ...(plan.preflight.length ? plan.preflight.map((f) => `- **${f.level}** ${f.code} (${f.target}${f.item ? `, ${f.item}` : ''}): ${f.message}${f.hint ? ` — ${f.hint}` : ''}`) : ['- No findings.']),
    '',
  ];
  return lines.join('\n');
}

export function parseSourceSnapshot(text: string | undefined): Snapshot {
  if (text === undefined) return fail('BUNDLE_INVALID', 'The bundle has no snapshot/source.json.', { hint: 'Make the bundle again with region-sync bundle create.' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('BUNDLE_INVALID', 'snapshot/source.json in the bundle is not valid JSON.');
  }
  const s = value as Snapshot;
  const lists = ['components', 'integrations', 'customers', 'instances'] as const;
  if (!s || typeof s.regionId !== 'string' || typeof s.capturedAt !== 'string' || typeof s.source !== 'object' || lists.some((k) => !Array.isArray(s[k])))
    fail('BUNDLE_INVALID', 'snapshot/source.json in the bundle is not a snapshot.');
  return s;
}
