// Import, publish and availability of integrations, independent of GraphQL. The canonical id of
// an integration is its draft; each publish snapshots the draft into a new version record with
// its own id and number N+1 (what instances point at).
import { randomUUID } from 'node:crypto';
import { parseDefinition } from './definition';
import { resolveComponentRefs } from './definition-refs';
import { newId, nowIso } from './ids';
import type { StackState } from './state';
import type { FlowRec, InstanceRec, IntegrationFamily, IntegrationRec } from './types';

export interface FieldError {
  field: string;
  messages: string[];
}

export type OpResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const fail = <T>(field: string, ...messages: string[]): OpResult<T> => ({ ok: false, errors: [{ field, messages }] });

type Obj = Record<string, unknown>;
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function flowRecords(state: StackState, doc: Obj): FlowRec[] {
  return (doc.flows as Obj[]).map((flow) => {
    const steps = (flow.steps as Obj[]) ?? [];
    const trigger = steps.find((s) => s && s.isTrigger === true);
    const action = trigger?.action as Obj | undefined;
    const component = action?.component as Obj | undefined;
    let triggerActionId: string | null = null;
    if (component && typeof action?.key === 'string') {
      const versions = state.componentVersions(str(component.key), component.isPublic !== false);
      const rec =
        versions.find((v) => v.versionNumber === component.version) ??
        versions.find((v) => v.signature === component.signature) ??
        versions.at(-1);
      triggerActionId = rec?.actions.find((a) => a.key === action.key)?.id ?? null;
    }
    return {
      id: newId('IntegrationFlow'),
      name: str(flow.name),
      stableKey: typeof flow.stableKey === 'string' ? flow.stableKey : null,
      description: str(flow.description),
      isSynchronous: flow.isSynchronous === true,
      endpointSecurityType: str(flow.endpointSecurityType, 'customer_optional'),
      triggerActionId,
    };
  });
}

/** Fields of an integration record that come from its definition. */
function fromDefinition(state: StackState, doc: Obj, componentIds: string[]) {
  return {
    name: str(doc.name),
    description: str(doc.description),
    category: str(doc.category),
    documentation: str(doc.documentation),
    labels: Array.isArray(doc.labels) ? doc.labels.map(String) : [],
    isCodeNative: doc.isCodeNative === true,
    definition: doc,
    componentIds,
    flows: flowRecords(state, doc),
  };
}

function newSystemInstance(state: StackState, draft: IntegrationRec): InstanceRec {
  const now = nowIso();
  return {
    id: newId('Instance'),
    name: `${draft.name} Test Instance`,
    description: '',
    customerId: state.systemCustomerId,
    integrationId: draft.id,
    familyId: draft.familyId,
    enabled: true,
    labels: [],
    deployedVersion: 0,
    needsDeploy: false,
    lastDeployedAt: null,
    lastExecutedAt: null,
    isSystem: true,
    createdAt: now,
    updatedAt: now,
    configValues: {},
    webhookTokens: {},
    apiKeys: {},
  };
}

export interface ImportRequest {
  definition: string;
  integrationId?: string | null;
  replace?: boolean | null;
  customerId?: string | null;
}

export function importIntegration(state: StackState, req: ImportRequest): OpResult<IntegrationRec> {
  const parsed = parseDefinition(req.definition);
  if (!parsed.ok) return fail('definition', ...parsed.messages);
  const doc = parsed.doc;
  let family: IntegrationFamily | undefined;
  if (req.integrationId) {
    family = state.familyOf(req.integrationId);
    if (!family) return fail('integrationId', `Integration '${req.integrationId}' does not exist.`);
  }
  const customerId = req.customerId ?? (family ? state.draftOf(family).customerId : null);
  const refs = resolveComponentRefs(state, doc, customerId, true);
  if (refs.errors.length) return fail('definition', ...refs.errors);
  const fields = fromDefinition(state, doc, refs.componentIds);
  const now = nowIso();

  if (family) {
    const draft = state.draftOf(family);
    if (draft.isCodeNative !== fields.isCodeNative && !req.replace) {
      return fail(
        'replace',
        `Integration '${draft.name}' is ${draft.isCodeNative ? 'code-native' : 'low-code'}; replacing it with a ${fields.isCodeNative ? 'code-native' : 'low-code'} integration requires replace: true.`,
      );
    }
    Object.assign(draft, fields, { updatedAt: now });
    return { ok: true, value: draft };
  }

  const familyId = randomUUID();
  const draft: IntegrationRec = {
    id: newId('Integration'),
    familyId,
    isDraft: true,
    versionNumber: 0,
    ...fields,
    customerId,
    versionComment: null,
    versionIsAvailable: false,
    versionCreatedAt: now,
    versionCreatedById: state.currentUser.id,
    versionAttributes: null,
    avatarUrl: null,
    createdAt: now,
    updatedAt: now,
  };
  state.integrations.set(draft.id, draft);
  const system = newSystemInstance(state, draft);
  state.instances.set(system.id, system);
  state.families.set(familyId, { familyId, draftId: draft.id, versionIds: [], systemInstanceId: system.id, createdAt: now });
  return { ok: true, value: draft };
}

export function publishIntegration(
  state: StackState,
  id: string,
  comment: string | null,
  attributes: string | null,
): OpResult<IntegrationRec> {
  const family = state.familyOf(id);
  if (!family) return fail('id', `Integration '${id}' does not exist.`);
  if (attributes) {
    try {
      JSON.parse(attributes);
    } catch {
      return fail('attributes', 'attributes must be a JSON string.');
    }
  }
  const draft = state.draftOf(family);
  const number = draft.versionNumber + 1;
  const now = nowIso();
  const version: IntegrationRec = {
    ...structuredClone(draft),
    id: newId('Integration'),
    isDraft: false,
    versionNumber: number,
    flows: draft.flows.map((f) => ({ ...f, id: newId('IntegrationFlow') })),
    versionComment: comment,
    versionIsAvailable: true,
    versionCreatedAt: now,
    versionCreatedById: state.currentUser.id,
    versionAttributes: attributes,
    createdAt: now,
    updatedAt: now,
  };
  state.integrations.set(version.id, version);
  family.versionIds.push(version.id);
  draft.versionNumber = number;
  draft.updatedAt = now;
  return { ok: true, value: version };
}

export function setVersionAvailability(state: StackState, id: string, available: boolean): OpResult<IntegrationRec> {
  const rec = state.integrations.get(id);
  if (!rec) return fail('id', `Integration '${id}' does not exist.`);
  if (rec.isDraft) return fail('id', 'Only a published integration version can be marked available or unavailable.');
  rec.versionIsAvailable = available;
  rec.updatedAt = nowIso();
  return { ok: true, value: rec };
}

export function deleteIntegration(state: StackState, id: string): OpResult<IntegrationRec> {
  const family = state.familyOf(id);
  if (!family) return fail('id', `Integration '${id}' does not exist.`);
  const inUse = [...state.instances.values()].some((i) => i.familyId === family.familyId && !i.isSystem);
  if (inUse) return fail('__all__', 'This integration has instances; delete them first.');
  const draft = state.draftOf(family);
  for (const vid of [family.draftId, ...family.versionIds]) state.integrations.delete(vid);
  state.instances.delete(family.systemInstanceId);
  state.families.delete(family.familyId);
  return { ok: true, value: draft };
}

/** True when the draft's definition differs from the newest published one. */
export function hasUnpublishedChanges(state: StackState, rec: IntegrationRec): boolean {
  const family = state.families.get(rec.familyId);
  if (!family) return false;
  const latest = state.publishedVersions(family).at(-1);
  if (!latest) return true;
  return JSON.stringify(state.draftOf(family).definition) !== JSON.stringify(latest.definition);
}
