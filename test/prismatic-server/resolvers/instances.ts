// customers / instances queries and fields, and the customer and instance mutations
// (§2.10, §2.12-§2.16, §5). prism's instances:enable/disable are updateInstance(enabled).
import { randomUUID } from 'node:crypto';
import { configState, instanceConfigVariables, type InstanceConfigVariableView } from '../config-vars';
import { newId, nowIso, stableId } from '../ids';
import { createInstance, deleteInstance, deployInstance, updateInstance } from '../instance-ops';
import type { OpResult } from '../integration-ops';
import type { CustomerRec, InstanceRec } from '../types';
import { byText, notFound, ordered, page, type ResolverMap, type StackContext } from './context';

const customerGetters = {
  NAME: (c: CustomerRec) => c.name.toLowerCase(),
  EXTERNAL_ID: (c: CustomerRec) => c.externalId,
  CREATED_AT: (c: CustomerRec) => c.createdAt,
};
const instanceGetters = {
  NAME: (i: InstanceRec) => i.name.toLowerCase(),
  CREATED_AT: (i: InstanceRec) => i.createdAt,
  UPDATED_AT: (i: InstanceRec) => i.updatedAt,
  LAST_DEPLOYED_AT: (i: InstanceRec) => i.lastDeployedAt,
  LAST_EXECUTED_AT: (i: InstanceRec) => i.lastExecutedAt,
};

function instancePayload(result: OpResult<InstanceRec>) {
  return result.ok ? { instance: result.value, errors: [] } : { instance: null, errors: result.errors };
}

function flowConfigs(inst: InstanceRec, ctx: StackContext) {
  const integration = ctx.state.integrations.get(inst.integrationId);
  return (integration?.flows ?? []).map((flow) => {
    inst.webhookTokens[flow.name] ??= Buffer.from(`InstanceFlowConfig:${randomUUID()}`).toString('base64');
    return {
      id: stableId('InstanceFlowConfig', inst.id, flow.name),
      flow: { ...flow, integrationId: inst.integrationId },
      webhookUrl: `${ctx.baseUrl}/trigger/${inst.webhookTokens[flow.name]}`,
      apiKeys: inst.apiKeys[flow.name] ?? [],
      inFailedState: false,
      lastExecutedAt: null,
    };
  });
}

function customerError(field: string, message: string) {
  return { customer: null, errors: [{ field, messages: [message] }] };
}

export const instanceResolvers: ResolverMap = {
  Query: {
    customers: (_s, args, ctx) => {
      const search = args.name_Icontains == null ? null : String(args.name_Icontains).toLowerCase();
      const list = [...ctx.state.customers.values()].filter(
        (c) =>
          (args.isSystem == null || c.isSystem === args.isSystem) &&
          (args.externalId == null || c.externalId === args.externalId) &&
          (args.name == null || c.name === args.name) &&
          (search == null || c.name.toLowerCase().includes(search)),
      );
      return page(ordered(list, args, customerGetters, (a, b) => byText(a.name, b.name)), args, ctx, 'customers');
    },
    customer: (_s, args, ctx) => ctx.state.customers.get(args.id) ?? Promise.reject(notFound('Customer', args.id)),
    instances: (_s, args, ctx) => {
      const familyOf = args.integration == null ? null : ctx.state.integrations.get(args.integration);
      const list = [...ctx.state.instances.values()].filter(
        (i) =>
          (args.isSystem == null || i.isSystem === args.isSystem) &&
          (args.customer == null || i.customerId === args.customer) &&
          (args.integration == null ||
            (familyOf ? (familyOf.isDraft ? i.familyId === familyOf.familyId : i.integrationId === familyOf.id) : false)) &&
          (args.enabled == null || i.enabled === args.enabled) &&
          (args.name == null || i.name === args.name),
      );
      return page(ordered(list, args, instanceGetters, (a, b) => byText(a.name, b.name) || byText(a.id, b.id)), args, ctx, 'instances');
    },
    instance: (_s, args, ctx) => ctx.state.instances.get(args.id) ?? Promise.reject(notFound('Instance', args.id)),
  },
  Customer: {
    instances: (c: CustomerRec, args, ctx) =>
      page(
        [...ctx.state.instances.values()].filter(
          (i) => i.customerId === c.id && (args.isSystem == null ? !i.isSystem : i.isSystem === args.isSystem),
        ),
        args,
        ctx,
        'instances',
      ),
  },
  Instance: {
    customer: (i: InstanceRec, _a, ctx) => ctx.state.customers.get(i.customerId),
    integration: (i: InstanceRec, _a, ctx) => ctx.state.integrations.get(i.integrationId),
    inFailedState: () => false,
    designedBy: () => 'ORG',
    configState: (i: InstanceRec, _a, ctx) => configState(instanceConfigVariables(ctx.state, ctx.baseUrl, i)),
    configVariables: (i: InstanceRec, args, ctx) =>
      page(instanceConfigVariables(ctx.state, ctx.baseUrl, i), args, ctx, 'configVariables'),
    flowConfigs: (i: InstanceRec, args, ctx) => page(flowConfigs(i, ctx), args, ctx, 'flowConfigs'),
  },
  InstanceConfigVariable: {
    inputs: (v: InstanceConfigVariableView, args, ctx) => page(v.inputs, args, ctx, 'inputs'),
  },
  Mutation: {
    createCustomer: (_s, { input }, ctx) => {
      if (!String(input.name ?? '').trim()) return customerError('name', 'This field may not be blank.');
      const names = [...ctx.state.customers.values()];
      if (names.some((c) => c.name === input.name)) return customerError('name', 'Customer with this name already exists.');
      if (input.externalId && ctx.state.customerByExternalId(input.externalId)) {
        return customerError('externalId', 'Customer with this external ID already exists.');
      }
      const rec: CustomerRec = {
        id: newId('Customer'),
        name: input.name,
        externalId: input.externalId ?? null,
        description: input.description ?? '',
        labels: input.labels ?? [],
        isSystem: false,
        createdAt: nowIso(),
      };
      ctx.state.customers.set(rec.id, rec);
      return { customer: rec, errors: [] };
    },
    updateCustomer: (_s, { input }, ctx) => {
      const rec = ctx.state.customers.get(input.id);
      if (!rec || rec.isSystem) return customerError('id', `Customer '${input.id}' does not exist.`);
      if (input.externalId != null && input.externalId !== rec.externalId && ctx.state.customerByExternalId(input.externalId)) {
        return customerError('externalId', 'Customer with this external ID already exists.');
      }
      for (const field of ['name', 'description', 'externalId', 'labels'] as const) {
        if (input[field] != null) (rec as any)[field] = input[field];
      }
      return { customer: rec, errors: [] };
    },
    deleteCustomer: (_s, { input }, ctx) => {
      const rec = ctx.state.customers.get(input.id);
      if (!rec || rec.isSystem) return customerError('id', `Customer '${input.id}' does not exist.`);
      for (const inst of [...ctx.state.instances.values()]) if (inst.customerId === rec.id) ctx.state.instances.delete(inst.id);
      ctx.state.customers.delete(rec.id);
      return { customer: rec, errors: [] };
    },
    createInstance: (_s, { input }, ctx) => instancePayload(createInstance(ctx.state, input)),
    updateInstance: (_s, { input }, ctx) => instancePayload(updateInstance(ctx.state, input)),
    updateInstanceConfigVariables: (_s, { input }, ctx) =>
      instancePayload(updateInstance(ctx.state, { id: input.id, configVariables: input.configVariables }, true)),
    deployInstance: (_s, { input }, ctx) => instancePayload(deployInstance(ctx.state, input.id)),
    deleteInstance: (_s, { input }, ctx) => instancePayload(deleteInstance(ctx.state, input.id)),
  },
};
