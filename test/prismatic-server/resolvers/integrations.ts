// integrations / integration queries, Integration and IntegrationFlow fields, and the import,
// publish, availability and CRUD mutations (§2.2-§2.7).
import { GraphQLError } from 'graphql';
import { instanceConfigVariables, requiredConfigVariables } from '../config-vars';
import { renderDefinition } from '../definition';
import { nowIso } from '../ids';
import {
  deleteIntegration,
  hasUnpublishedChanges,
  importIntegration,
  publishIntegration,
  setVersionAvailability,
  type OpResult,
} from '../integration-ops';
import { parseDefinition } from '../definition';
import { resolveComponentRefs } from '../definition-refs';
import type { FlowRec, IntegrationRec } from '../types';
import { byText, notFound, ordered, page, type Args, type ResolverMap, type StackContext } from './context';

const integrationGetters = {
  NAME: (i: IntegrationRec) => i.name.toLowerCase(),
  VERSION_NUMBER: (i: IntegrationRec) => i.versionNumber,
  CREATED_AT: (i: IntegrationRec) => i.createdAt,
  UPDATED_AT: (i: IntegrationRec) => i.updatedAt,
  CATEGORY: (i: IntegrationRec) => i.category,
};
const integrationOrder = (a: IntegrationRec, b: IntegrationRec) =>
  byText(a.name, b.name) || Number(b.isDraft) - Number(a.isDraft) || b.versionNumber - a.versionNumber;

function listIntegrations(args: Args, ctx: StackContext): IntegrationRec[] {
  const all = [...ctx.state.integrations.values()];
  // Without allVersions: one row per integration (its canonical draft). With it: every published
  // version record as well.
  const rows = args.allVersions === true ? all : all.filter((i) => i.isDraft);
  const search = args.name_Icontains == null ? null : String(args.name_Icontains).toLowerCase();
  const filtered = rows.filter(
    (i) =>
      (args.name == null || i.name === args.name) &&
      (search == null || i.name.toLowerCase().includes(search)) &&
      (args.customer == null || i.customerId === args.customer) &&
      (args.customer_Isnull == null || (i.customerId === null) === args.customer_Isnull) &&
      (args.versionIsAvailable == null || i.versionIsAvailable === args.versionIsAvailable) &&
      (args.isCodeNative == null || i.isCodeNative === args.isCodeNative) &&
      (args.labels_Contains == null || i.labels.includes(args.labels_Contains)),
  );
  return ordered(filtered, args, integrationGetters, integrationOrder);
}

function getIntegration(ctx: StackContext, id: string): IntegrationRec {
  const rec = ctx.state.integrations.get(id);
  if (!rec) throw notFound('Integration', id);
  return rec;
}

const flowView = (integration: IntegrationRec) => (flow: FlowRec) => ({ ...flow, integrationId: integration.id });

function payload(result: OpResult<IntegrationRec>) {
  return result.ok ? { integration: result.value, errors: [] } : { integration: null, errors: result.errors };
}

export const integrationResolvers: ResolverMap = {
  Query: {
    integrations: (_s, args, ctx) => page(listIntegrations(args, ctx), args, ctx, 'integrations'),
    integration: (_s, args, ctx) => getIntegration(ctx, args.id),
  },
  Integration: {
    customer: (i: IntegrationRec, _a, ctx) => (i.customerId ? ctx.state.customers.get(i.customerId) : null),
    versionIsLatest: (i: IntegrationRec, _a, ctx) => {
      const family = ctx.state.families.get(i.familyId);
      return i.isDraft || family?.versionIds.at(-1) === i.id;
    },
    versionCreatedBy: (i: IntegrationRec, _a, ctx) =>
      ctx.state.users.find((u) => u.id === i.versionCreatedById) ?? ctx.state.currentUser,
    firstCreatedAt: (i: IntegrationRec, _a, ctx) => ctx.state.families.get(i.familyId)?.createdAt ?? i.createdAt,
    lastPublishedAt: (i: IntegrationRec, _a, ctx) => {
      const family = ctx.state.families.get(i.familyId);
      return family ? (ctx.state.publishedVersions(family).at(-1)?.versionCreatedAt ?? null) : null;
    },
    hasUnpublishedChanges: (i: IntegrationRec, _a, ctx) => i.isDraft && hasUnpublishedChanges(ctx.state, i),
    definition: (i: IntegrationRec, args) => {
      if (args.definitionType === 'WORKFLOW') throw new GraphQLError('This integration is not a workflow.');
      return renderDefinition(i.definition, {
        useLatestComponentVersions: args.useLatestComponentVersions === true,
        definitionVersion: args.version,
      });
    },
    versionSequence: (i: IntegrationRec, args, ctx) => {
      const family = ctx.state.families.get(i.familyId)!;
      const versions = ctx.state
        .publishedVersions(family)
        .filter((v) => args.versionIsAvailable == null || v.versionIsAvailable === args.versionIsAvailable);
      const sorted = ordered(versions, args, integrationGetters, (a, b) => b.versionNumber - a.versionNumber);
      return page(sorted, args, ctx, 'versionSequence');
    },
    flows: (i: IntegrationRec, args, ctx) =>
      page(
        i.flows.filter((f) => args.name == null || f.name === args.name).map(flowView(i)),
        args,
        ctx,
        'flows',
      ),
    instances: (i: IntegrationRec, args, ctx) => {
      const list = [...ctx.state.instances.values()].filter(
        (inst) =>
          (i.isDraft ? inst.familyId === i.familyId : inst.integrationId === i.id) &&
          (args.isSystem == null ? !inst.isSystem : inst.isSystem === args.isSystem) &&
          (args.customer == null || inst.customerId === args.customer) &&
          (args.enabled == null || inst.enabled === args.enabled),
      );
      return page(list, args, ctx, 'instances');
    },
    components: (i: IntegrationRec, args, ctx) =>
      page(i.componentIds.map((id) => ctx.state.components.get(id)).filter(Boolean), args, ctx, 'components'),
    requiredConfigVariables: (i: IntegrationRec, args, ctx) =>
      page(requiredConfigVariables(ctx.state, i), args, ctx, 'requiredConfigVariables'),
    systemInstance: (i: IntegrationRec, _a, ctx) =>
      ctx.state.instances.get(ctx.state.families.get(i.familyId)?.systemInstanceId ?? '') ?? null,
    testConfigVariables: (i: IntegrationRec, args, ctx) => {
      const family = ctx.state.families.get(i.familyId);
      const system = family ? ctx.state.instances.get(family.systemInstanceId) : undefined;
      const views = system ? instanceConfigVariables(ctx.state, ctx.baseUrl, system) : [];
      const wanted = args.status == null ? null : String(args.status).toUpperCase();
      return page(
        views.filter((v) => wanted === null || v.status === wanted),
        args,
        ctx,
        'testConfigVariables',
      );
    },
  },
  IntegrationFlow: {
    integration: (f: { integrationId: string }, _a, ctx) => ctx.state.integrations.get(f.integrationId),
    testUrl: (f: FlowRec, _a, ctx) => `${ctx.baseUrl}/trigger/test/${encodeURIComponent(f.id)}`,
    trigger: (f: FlowRec, _a, ctx) =>
      f.triggerActionId
        ? { id: f.id, name: 'Trigger', action: ctx.state.actions.get(f.triggerActionId) ?? null }
        : null,
  },
  Mutation: {
    importIntegration: (_s, { input }, ctx) =>
      payload(
        importIntegration(ctx.state, {
          definition: input.definition,
          integrationId: input.integrationId,
          replace: input.replace,
          customerId: input.customer,
        }),
      ),
    publishIntegration: (_s, { input }, ctx) =>
      payload(publishIntegration(ctx.state, input.id, input.comment ?? null, input.attributes ?? null)),
    updateIntegrationVersionAvailability: (_s, { input }, ctx) =>
      payload(setVersionAvailability(ctx.state, input.id, input.available)),
    deleteIntegration: (_s, { input }, ctx) => payload(deleteIntegration(ctx.state, input.id)),
    createIntegration: (_s, { input }, ctx) => {
      const definition = [
        'definitionVersion: 7',
        `name: ${JSON.stringify(input.name)}`,
        `description: ${JSON.stringify(input.description ?? '')}`,
        'flows:',
        '  - name: Flow 1',
        '    steps:',
        '      - name: Integration Trigger',
        '        isTrigger: true',
        '        action: { key: webhook, component: { key: webhook-triggers, version: LATEST, isPublic: true } }',
      ].join('\n');
      return payload(importIntegration(ctx.state, { definition, customerId: input.customer }));
    },
    updateIntegration: (_s, { input }, ctx) => {
      const family = ctx.state.familyOf(input.id);
      if (!family) return { integration: null, errors: [{ field: 'id', messages: [`Integration '${input.id}' does not exist.`] }] };
      const draft = ctx.state.draftOf(family);
      for (const field of ['name', 'description', 'category', 'avatarUrl'] as const) {
        if (input[field] != null) (draft as any)[field] = input[field];
      }
      if (input.labels != null) draft.labels = input.labels;
      if (input.customer !== undefined) draft.customerId = input.customer;
      if (input.name != null) draft.definition.name = input.name;
      if (input.description != null) draft.definition.description = input.description;
      draft.updatedAt = nowIso();
      return { integration: draft, errors: [] };
    },
    validateIntegrationSchema: (_s, { input }, ctx) => {
      const parsed = parseDefinition(input.definition);
      if (!parsed.ok) return { result: { isValid: false }, errors: [{ field: 'definition', messages: parsed.messages }] };
      const refs = resolveComponentRefs(ctx.state, parsed.doc, null, false);
      if (refs.errors.length) return { result: { isValid: false }, errors: [{ field: 'definition', messages: refs.errors }] };
      return { result: { isValid: true }, errors: [] };
    },
  },
};
