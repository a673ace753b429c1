// Config variables as the API computes them: the integration version's requiredConfigVars merged
// with the instance's stored values. Secrets (PASSWORD inputs, writeOnly inputs) are never
// returned: `value: null` with `hasValue` saying whether one is set.
import { stableId } from './ids';
import type { StackState } from './state';
import type { ConnectionRec, InstanceRec, IntegrationRec } from './types';

type Obj = Record<string, any>;

export interface RequiredConfigVariableView {
  id: string;
  key: string;
  stableKey: string | null;
  dataType: string;
  defaultValue: string | null;
  description: string | null;
  collectionType: string | null;
  orgOnly: boolean;
  pickList: string[] | null;
  connection: ConnectionRec | null;
  connectionTemplate: null;
  /** The YAML entry, for resolvers that need more. */
  raw: Obj;
}

export interface InputExpressionView {
  id: string;
  name: string;
  type: string;
  value: string | null;
  hasValue: boolean;
  meta: string | null;
}

export interface InstanceConfigVariableView {
  id: string;
  value: string | null;
  status: 'ACTIVE' | 'PENDING' | null;
  authorizeUrl: string | null;
  refreshAt: null;
  meta: string | null;
  scheduleType: string | null;
  timeZone: string | null;
  inputs: InputExpressionView[];
  requiredConfigVariable: RequiredConfigVariableView;
}

const text = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

function connectionFor(state: StackState, raw: Obj): ConnectionRec | null {
  const ref = raw.connection;
  if (!ref || typeof ref !== 'object' || !ref.component) return null;
  const versions = state.componentVersions(String(ref.component.key), ref.component.isPublic !== false);
  const rec =
    versions.find((v) => v.versionNumber === ref.component.version) ??
    versions.find((v) => v.signature === ref.component.signature) ??
    versions.at(-1);
  return rec?.connections.find((c) => c.key === ref.key) ?? null;
}

export function requiredConfigVariables(state: StackState, integration: IntegrationRec): RequiredConfigVariableView[] {
  const list = Array.isArray(integration.definition.requiredConfigVars) ? (integration.definition.requiredConfigVars as Obj[]) : [];
  return list.map((raw) => ({
    id: stableId('RequiredConfigVariable', integration.id, String(raw.key)),
    key: String(raw.key),
    stableKey: typeof raw.stableKey === 'string' ? raw.stableKey : null,
    dataType: String(raw.dataType ?? (raw.connection ? 'connection' : 'string')).toUpperCase(),
    defaultValue: text(raw.defaultValue),
    description: text(raw.description),
    collectionType: raw.collectionType ? String(raw.collectionType).toUpperCase() : null,
    orgOnly: raw.orgOnly === true,
    pickList: Array.isArray(raw.pickList) ? raw.pickList.map(String) : null,
    connection: connectionFor(state, raw),
    connectionTemplate: null,
    raw,
  }));
}

function connectionInputs(instance: InstanceRec, rcv: RequiredConfigVariableView): InputExpressionView[] {
  const stored = instance.configValues[rcv.key]?.inputs ?? {};
  const yamlInputs: Obj = rcv.raw.inputs && typeof rcv.raw.inputs === 'object' ? rcv.raw.inputs : {};
  const names = [...new Set([...(rcv.connection?.inputs.map((i) => i.key) ?? []), ...Object.keys(yamlInputs), ...Object.keys(stored)])];
  return names.map((name) => {
    const def = rcv.connection?.inputs.find((i) => i.key === name);
    const yaml = yamlInputs[name] ?? {};
    const secret = def?.type === 'PASSWORD' || yaml?.meta?.writeOnly === true;
    const value = stored[name] ?? text(yaml.value) ?? def?.default ?? null;
    const hasValue = value !== null && value !== '';
    return {
      id: stableId('InputExpression', instance.id, rcv.key, name),
      name,
      type: 'value',
      value: secret ? null : value,
      hasValue,
      meta: yaml.meta ? JSON.stringify(yaml.meta) : null,
    };
  });
}

export function instanceConfigVariables(state: StackState, baseUrl: string, instance: InstanceRec): InstanceConfigVariableView[] {
  const integration = state.integrations.get(instance.integrationId);
  if (!integration) return [];
  return requiredConfigVariables(state, integration).map((rcv) => {
    const id = stableId('InstanceConfigVariable', instance.id, rcv.key);
    const stored = instance.configValues[rcv.key];
    if (rcv.dataType !== 'CONNECTION') {
      return {
        id,
        value: stored?.value !== undefined ? stored.value : rcv.defaultValue,
        status: null,
        authorizeUrl: null,
        refreshAt: null,
        meta: null,
        scheduleType: rcv.raw.scheduleType ?? null,
        timeZone: rcv.raw.timeZone ?? null,
        inputs: [],
        requiredConfigVariable: rcv,
      };
    }
    const inputs = connectionInputs(instance, rcv);
    const oauth = Boolean(rcv.connection?.oauth2Type);
    const requiredMissing = (rcv.connection?.inputs ?? []).some(
      (def) => def.required && !inputs.find((i) => i.name === def.key)?.hasValue,
    );
    const status = oauth || requiredMissing ? 'PENDING' : 'ACTIVE';
    return {
      id,
      value: null,
      status,
      authorizeUrl: oauth ? `${baseUrl}/oauth2/authorize?configVariableId=${encodeURIComponent(id)}` : null,
      refreshAt: null,
      meta: '{}',
      scheduleType: null,
      timeZone: null,
      inputs,
      requiredConfigVariable: rcv,
    };
  });
}

export function configState(views: InstanceConfigVariableView[]): string {
  return views.some((v) => v.status === 'PENDING') ? 'NEEDS_INSTANCE_CONFIGURATION' : 'FULLY_CONFIGURED';
}
