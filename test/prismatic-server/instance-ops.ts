// Creating, updating, deploying and deleting instances. Instances run a published, version-specific
// integration record; passing the canonical id picks its latest available version.
import { newId, nowIso } from './ids';
import type { FieldError, OpResult } from './integration-ops';
import { requiredConfigVariables } from './config-vars';
import type { StackState } from './state';
import type { ConfigValue, InstanceRec, IntegrationRec } from './types';

const fail = <T>(field: string, message: string): OpResult<T> => ({ ok: false, errors: [{ field, messages: [message] }] });

export interface ConfigVariableInput {
  key: string;
  value?: string | null;
  values?: unknown;
  scheduleType?: string | null;
  timeZone?: string | null;
}

function resolveVersion(state: StackState, id: string): OpResult<IntegrationRec> {
  const rec = state.integrations.get(id);
  if (!rec) return fail('integration', `Integration '${id}' does not exist.`);
  if (!rec.isDraft) {
    return rec.versionIsAvailable ? { ok: true, value: rec } : fail('integration', `Integration version ${rec.versionNumber} is not available.`);
  }
  const latest = state.latestAvailableVersion(state.families.get(rec.familyId)!);
  return latest ? { ok: true, value: latest } : fail('integration', `Integration '${rec.name}' has no published version available.`);
}

/** Turns InputInstanceConfigVariable entries into stored values, checking keys and JSON. */
function configValues(
  integration: IntegrationRec,
  state: StackState,
  inputs: ConfigVariableInput[],
): { values: Record<string, ConfigValue> } | { errors: FieldError[] } {
  const known = new Map(requiredConfigVariables(state, integration).map((r) => [r.key, r]));
  const values: Record<string, ConfigValue> = {};
  const messages: string[] = [];
  for (const input of inputs) {
    const rcv = known.get(input.key);
    if (!rcv) {
      messages.push(`Config variable '${input.key}' does not exist on integration '${integration.name}'.`);
      continue;
    }
    if (input.values !== undefined && input.values !== null) {
      let parsed: unknown = input.values;
      try {
        if (typeof parsed === 'string') parsed = JSON.parse(parsed);
      } catch {
        messages.push(`Config variable '${input.key}': values must be a JSON list of {name, type, value}.`);
        continue;
      }
      if (!Array.isArray(parsed)) {
        messages.push(`Config variable '${input.key}': values must be a JSON list of {name, type, value}.`);
        continue;
      }
      const entries: Record<string, string> = {};
      for (const item of parsed as { name?: unknown; value?: unknown }[]) {
        if (item && typeof item.name === 'string') entries[item.name] = item.value == null ? '' : String(item.value);
      }
      values[input.key] = { inputs: entries };
    } else {
      values[input.key] = { value: input.value ?? null };
    }
  }
  return messages.length ? { errors: [{ field: 'configVariables', messages }] } : { values };
}

export interface CreateInstanceRequest {
  customer: string;
  integration: string;
  name: string;
  description?: string | null;
  labels?: string[] | null;
  configVariables?: ConfigVariableInput[] | null;
}

export function createInstance(state: StackState, req: CreateInstanceRequest): OpResult<InstanceRec> {
  const customer = state.customers.get(req.customer);
  if (!customer || customer.isSystem) return fail('customer', `Customer '${req.customer}' does not exist.`);
  if (!req.name.trim()) return fail('name', 'This field may not be blank.');
  const version = resolveVersion(state, req.integration);
  if (!version.ok) return version;
  const config = configValues(version.value, state, (req.configVariables ?? []).filter(Boolean));
  if ('errors' in config) return { ok: false, errors: config.errors };
  const now = nowIso();
  const rec: InstanceRec = {
    id: newId('Instance'),
    name: req.name,
    description: req.description ?? '',
    customerId: customer.id,
    integrationId: version.value.id,
    familyId: version.value.familyId,
    enabled: false,
    labels: req.labels?.filter((l): l is string => typeof l === 'string') ?? [],
    deployedVersion: 0,
    needsDeploy: true,
    lastDeployedAt: null,
    lastExecutedAt: null,
    isSystem: false,
    createdAt: now,
    updatedAt: now,
    configValues: config.values,
    webhookTokens: {},
    apiKeys: {},
  };
  state.instances.set(rec.id, rec);
  return { ok: true, value: rec };
}

export interface UpdateInstanceRequest {
  id?: string | null;
  name?: string | null;
  description?: string | null;
  integration?: string | null;
  enabled?: boolean | null;
  labels?: string[] | null;
  configVariables?: ConfigVariableInput[] | null;
  flowConfigs?: { flowId: string; apiKeys?: string[] | null }[] | null;
  preserveDeployState?: boolean | null;
}

export function updateInstance(state: StackState, req: UpdateInstanceRequest, partialConfig = false): OpResult<InstanceRec> {
  const rec = req.id ? state.instances.get(req.id) : undefined;
  if (!rec) return fail('id', `Instance '${req.id ?? ''}' does not exist.`);
  let changedDeployment = false;
  let target = state.integrations.get(rec.integrationId)!;
  if (req.integration != null) {
    const version = resolveVersion(state, req.integration);
    if (!version.ok) return version;
    if (version.value.familyId !== rec.familyId) return fail('integration', 'An instance cannot move to a different integration.');
    target = version.value;
  }
  let newValues: Record<string, ConfigValue> | undefined;
  if (req.configVariables != null) {
    const config = configValues(target, state, req.configVariables.filter(Boolean));
    if ('errors' in config) return { ok: false, errors: config.errors };
    // updateInstance replaces every value (omitted ones fall back to defaults);
    // updateInstanceConfigVariables merges.
    newValues = partialConfig ? { ...rec.configValues, ...config.values } : config.values;
  }
  if (req.flowConfigs != null) {
    const flows = target.flows;
    for (const fc of req.flowConfigs.filter(Boolean)) {
      const flow = flows.find((f) => f.id === fc.flowId);
      if (!flow) return fail('flowConfigs', `Flow '${fc.flowId}' does not belong to this instance's integration.`);
      rec.apiKeys[flow.name] = fc.apiKeys ?? [];
    }
  }
  if (target.id !== rec.integrationId) {
    rec.integrationId = target.id;
    changedDeployment = true;
  }
  if (newValues) {
    rec.configValues = newValues;
    changedDeployment = true;
  }
  if (req.name != null) rec.name = req.name;
  if (req.description != null) rec.description = req.description;
  if (req.labels != null) rec.labels = req.labels.filter((l): l is string => typeof l === 'string');
  if (req.enabled != null) rec.enabled = req.enabled;
  if (changedDeployment && !req.preserveDeployState) rec.needsDeploy = true;
  rec.updatedAt = nowIso();
  return { ok: true, value: rec };
}

export function deployInstance(state: StackState, id: string | null | undefined): OpResult<InstanceRec> {
  const rec = id ? state.instances.get(id) : undefined;
  if (!rec) return fail('id', `Instance '${id ?? ''}' does not exist.`);
  const integration = state.integrations.get(rec.integrationId)!;
  const now = nowIso();
  rec.deployedVersion = integration.versionNumber;
  rec.lastDeployedAt = now;
  rec.needsDeploy = false;
  rec.enabled = true;
  rec.updatedAt = now;
  return { ok: true, value: rec };
}

export function deleteInstance(state: StackState, id: string): OpResult<InstanceRec> {
  const rec = state.instances.get(id);
  if (!rec || rec.isSystem) return fail('id', `Instance '${id}' does not exist.`);
  state.instances.delete(id);
  return { ok: true, value: rec };
}
