/**
 * What an integration definition (definitionVersion 7) needs from a region: every component ref
 * with the action, trigger, data source or connection it names and the inputs it sets, and the
 * config vars an instance must have. Preflight checks these against the target (prismatic-api.md
 * §3.3–§3.4, §6.1: "ensure that the custom components ... are also deployed to your destination").
 */
import { isPlainObject } from '../normalize/common';

export interface ComponentRef {
  key: string;
  isPublic: boolean;
  /** `LATEST` (or absent with no signature) resolves to the region's newest version at import. */
  version?: number | 'LATEST';
  signature?: string;
}

export type UseKind = 'action' | 'trigger' | 'dataSource' | 'connection';

export interface ComponentUse {
  ref: ComponentRef;
  kind: UseKind;
  /** The action / trigger / data source / connection key within the component. */
  key: string;
  /** Input keys the definition sets on it. */
  inputs: string[];
  /** Human words for where it is: `flow "Sync" step "Fetch"` or `config var "Acme Connection"`. */
  where: string;
}

export interface RequiredConfigVar {
  key: string;
  isConnection: boolean;
  /** A non-empty default means an instance without a value still works. */
  hasDefault: boolean;
}

export interface DefinitionNeeds {
  isCodeNative: boolean;
  uses: ComponentUse[];
  configVars: RequiredConfigVar[];
}

function refOf(v: unknown): ComponentRef | undefined {
  if (!isPlainObject(v) || typeof v.key !== 'string') return undefined;
  const ref: ComponentRef = { key: v.key, isPublic: v.isPublic !== false };
  if (typeof v.signature === 'string') ref.signature = v.signature;
  if (v.version === 'LATEST') ref.version = 'LATEST';
  else if (typeof v.version === 'number' && Number.isInteger(v.version)) ref.version = v.version;
  else if (typeof v.version === 'string' && /^\d+$/.test(v.version)) ref.version = Number(v.version);
  return ref;
}

function keysOf(v: unknown): string[] {
  return isPlainObject(v) ? Object.keys(v) : [];
}

function walkSteps(steps: unknown, flow: string, out: ComponentUse[]): void {
  if (!Array.isArray(steps)) return;
  for (const step of steps) {
    if (!isPlainObject(step)) continue;
    const name = typeof step.name === 'string' ? step.name : '(unnamed)';
    const action = step.action;
    if (isPlainObject(action) && typeof action.key === 'string') {
      const ref = refOf(action.component);
      if (ref)
        out.push({ ref, kind: step.isTrigger === true ? 'trigger' : 'action', key: action.key, inputs: keysOf(step.inputs), where: `flow "${flow}" step "${name}"` });
    }
    walkSteps(step.steps, flow, out);
    if (Array.isArray(step.branches)) for (const b of step.branches) if (isPlainObject(b)) walkSteps(b.steps, flow, out);
  }
}

/** Reads what a parsed definition needs. Unknown shapes are skipped, not guessed at. */
export function definitionNeeds(definition: unknown): DefinitionNeeds {
  const uses: ComponentUse[] = [];
  const configVars: RequiredConfigVar[] = [];
  if (!isPlainObject(definition)) return { isCodeNative: false, uses, configVars };
  if (Array.isArray(definition.flows))
    for (const flow of definition.flows) {
      if (!isPlainObject(flow)) continue;
      const flowName = typeof flow.name === 'string' ? flow.name : '(unnamed)';
      walkSteps(flow.steps, flowName, uses);
    }
  if (Array.isArray(definition.requiredConfigVars))
    for (const cv of definition.requiredConfigVars) {
      if (!isPlainObject(cv) || typeof cv.key !== 'string') continue;
      const where = `config var "${cv.key}"`;
      const isConnection = cv.dataType === 'connection';
      // A reusable (scoped) connection is supplied by the region, not by each instance.
      if (typeof cv.useScopedConfigVar === 'string') continue;
      configVars.push({ key: cv.key, isConnection, hasDefault: cv.defaultValue !== undefined && cv.defaultValue !== null && cv.defaultValue !== '' });
      if (isPlainObject(cv.connection) && typeof cv.connection.key === 'string') {
        const ref = refOf(cv.connection.component);
        if (ref) uses.push({ ref, kind: 'connection', key: cv.connection.key, inputs: keysOf(cv.inputs), where });
      }
      if (isPlainObject(cv.dataSource) && typeof cv.dataSource.key === 'string') {
        const ref = refOf(cv.dataSource.component);
        if (ref) uses.push({ ref, kind: 'dataSource', key: cv.dataSource.key, inputs: [], where });
      }
    }
  return { isCodeNative: definition.isCodeNative === true, uses, configVars };
}
