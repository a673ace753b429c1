// Finds every component reference in a definitionVersion 7 document and resolves it against one
// stack's component catalog, the way an import does: LATEST (or no version) pins to the newest
// version present now, a number must exist, a signature must match a published package, and the
// action / trigger / data source / connection key must exist on that version.
import type { StackState } from './state';
import type { ActionKind, ComponentRec } from './types';

export type RefKind = ActionKind | 'connection';

export interface ComponentRefSite {
  /** The object holding `{ key, component: { key, version|signature, isPublic } }`. */
  holder: Record<string, unknown>;
  kind: RefKind;
  /** Where in the document, for error messages (e.g. flows[0].steps[2].action). */
  path: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function stepSites(steps: unknown, path: string, out: ComponentRefSite[]): void {
  if (!Array.isArray(steps)) return;
  steps.forEach((step, i) => {
    if (!isObj(step)) return;
    const here = `${path}[${i}]`;
    if (isObj(step.action) && isObj(step.action.component)) {
      out.push({ holder: step.action, kind: step.isTrigger === true ? 'trigger' : 'action', path: `${here}.action` });
    }
    stepSites(step.steps, `${here}.steps`, out);
    if (Array.isArray(step.branches)) {
      step.branches.forEach((b, j) => isObj(b) && stepSites(b.steps, `${here}.branches[${j}].steps`, out));
    }
  });
}

export function componentRefSites(doc: Obj): ComponentRefSite[] {
  const out: ComponentRefSite[] = [];
  if (Array.isArray(doc.flows)) doc.flows.forEach((f, i) => isObj(f) && stepSites(f.steps, `flows[${i}].steps`, out));
  if (Array.isArray(doc.requiredConfigVars)) {
    doc.requiredConfigVars.forEach((cv, i) => {
      if (!isObj(cv)) return;
      for (const [field, kind] of [['connection', 'connection'], ['dataSource', 'dataSource']] as const) {
        const holder = cv[field];
        if (isObj(holder) && isObj(holder.component)) {
          out.push({ holder, kind, path: `requiredConfigVars[${i}].${field}` });
        }
      }
    });
  }
  return out;
}

const kindWord: Record<RefKind, string> = {
  action: 'action',
  trigger: 'trigger',
  dataSource: 'data source',
  connection: 'connection',
};

export interface ResolvedRefs {
  /** Component version ids in first-use order. */
  componentIds: string[];
  errors: string[];
}

function describe(key: string, isPublic: boolean, selector: string): string {
  return `component '${key}' (${isPublic ? 'public' : 'private'}, ${selector})`;
}

function pick(versions: ComponentRec[], ref: Obj): { rec?: ComponentRec; selector: string } {
  if (typeof ref.signature === 'string') {
    return { rec: versions.filter((v) => v.signature === ref.signature).at(-1), selector: `signature ${ref.signature}` };
  }
  const version = ref.version;
  if (version === undefined || version === null || version === 'LATEST') return { rec: versions.at(-1), selector: 'version LATEST' };
  const n = typeof version === 'number' ? version : Number(version);
  return { rec: versions.find((v) => v.versionNumber === n), selector: `version ${String(version)}` };
}

/**
 * Resolves every reference and, when `pin` is set, rewrites LATEST/absent versions to the number
 * found (the stored definition then remembers what LATEST meant at import time).
 */
export function resolveComponentRefs(state: StackState, doc: Obj, customerId: string | null, pin: boolean): ResolvedRefs {
  const ids: string[] = [];
  const errors: string[] = [];
  for (const site of componentRefSites(doc)) {
    const ref = site.holder.component as Obj;
    const key = typeof ref.key === 'string' ? ref.key : '';
    const isPublic = ref.isPublic !== false;
    const itemKey = typeof site.holder.key === 'string' ? site.holder.key : '';
    if (!key || !itemKey) {
      errors.push(`${site.path}: a component reference needs 'key' and 'component.key'.`);
      continue;
    }
    let versions = state.componentVersions(key, isPublic, null);
    if (!isPublic && versions.length === 0 && customerId) versions = state.componentVersions(key, false, customerId);
    const { rec, selector } = pick(versions, ref);
    if (!rec) {
      errors.push(`${site.path}: ${describe(key, isPublic, selector)} was not found in this tenant.`);
      continue;
    }
    const found =
      site.kind === 'connection'
        ? rec.connections.some((c) => c.key === itemKey)
        : rec.actions.some((a) => a.key === itemKey && a.kind === site.kind);
    if (!found) {
      errors.push(
        `${site.path}: ${describe(key, isPublic, `version ${rec.versionNumber}`)} has no ${kindWord[site.kind]} '${itemKey}'.`,
      );
      continue;
    }
    if (!ids.includes(rec.id)) ids.push(rec.id);
    if (pin && typeof ref.signature !== 'string') ref.version = rec.versionNumber;
  }
  return { componentIds: ids, errors };
}
