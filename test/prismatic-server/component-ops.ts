// Component records from seeds and from publishComponent inputs. A published version stays hidden
// (not ready) until its package is PUT to the presigned URL; the signature is the SHA-1 of it.
import { createHash, randomUUID } from 'node:crypto';
import { newId, nowIso } from './ids';
import type { StackState } from './state';
import type { ActionKind, ActionRec, ComponentRec, ConnectionRec, InputRec, SeedAction, SeedConnection, SeedInput } from './types';

const INPUT_TYPES = new Set([
  'STRING', 'PASSWORD', 'TEXT', 'CONNECTION', 'CODE', 'BOOLEAN', 'DATA', 'DATE', 'TIMESTAMP', 'TEMPLATE',
  'CONDITIONAL', 'FLOW', 'JSONFORM', 'OBJECTSELECTION', 'OBJECTFIELDMAP', 'DYNAMICOBJECTSELECTION',
  'DYNAMICFIELDSELECTION',
]);

export function inputRec(input: SeedInput & { default?: unknown }): InputRec {
  const type = String(input.type ?? 'STRING').toUpperCase();
  const collection = input.collection ? String(input.collection).toUpperCase() : null;
  const dflt = input.default;
  return {
    id: newId('InputField'),
    key: input.key,
    label: input.label ?? input.key,
    type: INPUT_TYPES.has(type) ? type : 'STRING',
    required: input.required === true,
    default: dflt === undefined || dflt === null ? null : typeof dflt === 'string' ? dflt : JSON.stringify(dflt),
    collection: collection === 'VALUELIST' || collection === 'KEYVALUELIST' ? collection : null,
    comments: input.comments ?? null,
    shown: input.shown !== false,
  };
}

export function actionRec(componentId: string, kind: ActionKind, a: SeedAction): ActionRec {
  return {
    id: newId('Action'),
    componentId,
    kind,
    key: a.key,
    label: a.label ?? a.key,
    description: a.description ?? '',
    inputs: (a.inputs ?? []).map(inputRec),
    isPollingTrigger: a.isPollingTrigger === true,
    scheduleSupport: a.scheduleSupport ?? (kind === 'trigger' ? 'valid' : 'invalid'),
    isCommonTrigger: a.isCommonTrigger === true,
    dataSourceType: kind === 'dataSource' ? (a.dataSourceType ?? 'picklist') : null,
  };
}

export function connectionRec(componentId: string, c: SeedConnection): ConnectionRec {
  return {
    id: newId('Connection'),
    componentId,
    key: c.key,
    label: c.label ?? c.key,
    comments: c.comments ?? null,
    oauth2Type: c.oauth2Type ?? null,
    inputs: (c.inputs ?? []).map(inputRec),
  };
}

export interface ComponentVersionSpec {
  key: string;
  public: boolean;
  label: string;
  description: string;
  category?: string | null;
  customerId?: string | null;
  forCodeNativeIntegration?: boolean;
  documentationUrl?: string | null;
  comment?: string | null;
  signature?: string | null;
  ready: boolean;
  actions?: SeedAction[];
  triggers?: SeedAction[];
  dataSources?: SeedAction[];
  connections?: SeedConnection[];
}

/** Adds version N+1 of a component identity to the stack. */
export function addComponentVersion(state: StackState, spec: ComponentVersionSpec): ComponentRec {
  const id = newId('Component');
  const customerId = spec.public ? null : (spec.customerId ?? null);
  const rec: ComponentRec = {
    id,
    key: spec.key,
    public: spec.public,
    label: spec.label,
    description: spec.description,
    category: spec.category ?? null,
    versionNumber: state.lastComponentNumber(spec.key, spec.public, customerId) + 1,
    versionCreatedAt: nowIso(),
    versionComment: spec.comment ?? null,
    signature: spec.signature ?? null,
    ready: spec.ready,
    customerId,
    forCodeNativeIntegration: spec.forCodeNativeIntegration === true,
    documentationUrl: spec.documentationUrl ?? null,
    iconUrl: null,
    actions: [
      ...(spec.actions ?? []).map((a) => actionRec(id, 'action', a)),
      ...(spec.triggers ?? []).map((a) => actionRec(id, 'trigger', a)),
      ...(spec.dataSources ?? []).map((a) => actionRec(id, 'dataSource', a)),
    ],
    connections: (spec.connections ?? []).map((c) => connectionRec(id, c)),
  };
  if (rec.ready && !rec.signature) {
    rec.signature = createHash('sha1').update(`${rec.key}:${rec.public}:${rec.versionNumber}`).digest('hex');
  }
  state.components.set(id, rec);
  for (const a of rec.actions) state.actions.set(a.id, a);
  return rec;
}

/** Registers a presigned upload URL path for one artifact of a component version. */
export function presign(state: StackState, baseUrl: string, target: Parameters<StackState['uploads']['set']>[1]): string {
  const token = randomUUID();
  state.uploads.set(token, target);
  return `${baseUrl}/uploads/${token}?X-Amz-Expires=3600`;
}

/** A package upload finishes processing: the version becomes visible with its signature. */
export function acceptPackage(state: StackState, componentId: string, bytes: Buffer): void {
  const rec = state.components.get(componentId);
  if (!rec) return;
  rec.signature = createHash('sha1').update(bytes).digest('hex');
  rec.ready = true;
}
