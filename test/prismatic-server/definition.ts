// Integration definitions: parse submitted YAML safely (js-yaml 5, alias and depth limits), check
// the shape an import needs, and render the canonical read-back (§3.6): LATEST resolved or kept,
// server defaults injected, empty requiredConfigVars dropped, keys sorted as the API emits them.
import { dump, load } from 'js-yaml';
import { componentRefSites } from './definition-refs';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const SUPPORTED_DEFINITION_VERSIONS = [6, 7];
const MAX_DEFINITION_BYTES = 10 * 1024 * 1024;

export type ParseResult = { ok: true; doc: Obj } | { ok: false; messages: string[] };

export function parseDefinition(text: string): ParseResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_DEFINITION_BYTES) {
    return { ok: false, messages: [`Definition is larger than ${MAX_DEFINITION_BYTES} bytes.`] };
  }
  let doc: unknown;
  try {
    doc = load(text, { maxAliases: 100, maxDepth: 200 });
  } catch (e) {
    return { ok: false, messages: [`Invalid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (!isObj(doc)) return { ok: false, messages: ['Definition must be a YAML mapping.'] };
  const messages = shapeErrors(doc);
  return messages.length ? { ok: false, messages } : { ok: true, doc };
}

function shapeErrors(doc: Obj): string[] {
  const errors: string[] = [];
  if (!SUPPORTED_DEFINITION_VERSIONS.includes(doc.definitionVersion as number)) {
    errors.push(
      `Unsupported definitionVersion ${JSON.stringify(doc.definitionVersion ?? null)}; expected one of ${SUPPORTED_DEFINITION_VERSIONS.join(', ')}.`,
    );
  }
  if (typeof doc.name !== 'string' || !doc.name.trim()) errors.push("'name' is required.");
  if (!Array.isArray(doc.flows) || doc.flows.length === 0) {
    errors.push("'flows' must list at least one flow.");
    return errors;
  }
  const flowNames = new Set<string>();
  doc.flows.forEach((flow, i) => {
    if (!isObj(flow) || typeof flow.name !== 'string' || !flow.name) {
      errors.push(`flows[${i}]: 'name' is required.`);
      return;
    }
    if (flowNames.has(flow.name)) errors.push(`flows[${i}]: duplicate flow name '${flow.name}'.`);
    flowNames.add(flow.name);
    if (!Array.isArray(flow.steps) || flow.steps.length === 0) {
      errors.push(`flows[${i}] '${flow.name}': 'steps' must list at least one step.`);
    } else if (!flow.steps.some((s) => isObj(s) && s.isTrigger === true)) {
      errors.push(`flows[${i}] '${flow.name}': no step is marked isTrigger.`);
    }
  });
  if (doc.requiredConfigVars !== undefined && doc.requiredConfigVars !== null) {
    if (!Array.isArray(doc.requiredConfigVars)) errors.push("'requiredConfigVars' must be a list.");
    else {
      const keys = new Set<string>();
      doc.requiredConfigVars.forEach((cv, i) => {
        if (!isObj(cv) || typeof cv.key !== 'string') return errors.push(`requiredConfigVars[${i}]: 'key' is required.`);
        if (keys.has(cv.key)) errors.push(`requiredConfigVars[${i}]: duplicate key '${cv.key}'.`);
        keys.add(cv.key);
      });
    }
  }
  return errors;
}

// ---- read-back ---------------------------------------------------------------------------------

function injectStepDefaults(steps: unknown): void {
  if (!Array.isArray(steps)) return;
  for (const step of steps) {
    if (!isObj(step)) continue;
    if (step.description === undefined || step.description === null) step.description = '';
    injectStepDefaults(step.steps);
    if (Array.isArray(step.branches)) for (const b of step.branches) if (isObj(b)) injectStepDefaults(b.steps);
  }
}

export interface ReadBackOptions {
  useLatestComponentVersions: boolean;
  definitionVersion?: number | null;
}

/** The definition as `integration.definition` returns it (a YAML string). */
export function renderDefinition(stored: Obj, options: ReadBackOptions): string {
  const doc = structuredClone(stored);
  if (options.useLatestComponentVersions) {
    for (const site of componentRefSites(doc)) {
      const ref = site.holder.component as Obj;
      if (typeof ref.signature !== 'string') ref.version = 'LATEST';
    }
  }
  doc.definitionVersion = options.definitionVersion ?? 7;
  doc.category ??= '';
  doc.documentation ??= '';
  doc.defaultInstanceProfile ??= 'Default Instance Profile';
  doc.endpointType ??= 'flow_specific';
  if (!Array.isArray(doc.configPages) || doc.configPages.length === 0) {
    doc.configPages = [{ elements: [], name: 'Configuration' }];
  }
  if (Array.isArray(doc.requiredConfigVars) && doc.requiredConfigVars.length === 0) delete doc.requiredConfigVars;
  if (doc.requiredConfigVars === null) delete doc.requiredConfigVars;
  for (const flow of doc.flows as unknown[]) {
    if (!isObj(flow)) continue;
    flow.endpointSecurityType ??= 'customer_optional';
    flow.isAgentFlow ??= false;
    injectStepDefaults(flow.steps);
  }
  return dump(doc, { sortKeys: true, noRefs: true, lineWidth: -1 });
}
