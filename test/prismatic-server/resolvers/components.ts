// components / component / actions queries, the Component, Action and connection object fields,
// and the publishComponent / deleteComponent mutations (§2.8, §2.9, §4).
import { addComponentVersion, presign } from '../component-ops';
import type { ActionRec, ComponentRec, ConnectionRec, SeedAction } from '../types';
import { byText, matchesFilterQuery, notFound, ordered, page, parseFilterQuery, type Args, type ResolverMap, type StackContext } from './context';

const componentGetters = {
  KEY: (c: ComponentRec) => c.key,
  LABEL: (c: ComponentRec) => c.label.toLowerCase(),
  CATEGORY: (c: ComponentRec) => c.category,
  VERSION_NUMBER: (c: ComponentRec) => c.versionNumber,
  CREATED_AT: (c: ComponentRec) => c.versionCreatedAt,
};
const componentOrder = (a: ComponentRec, b: ComponentRec) =>
  byText(a.label, b.label) || byText(a.key, b.key) || Number(b.public) - Number(a.public) || b.versionNumber - a.versionNumber;

function listComponents(args: Args, ctx: StackContext): ComponentRec[] {
  const { state } = ctx;
  const allVersions = args.allVersions === true || args.versionNumber != null;
  let list = allVersions ? [...state.components.values()].filter((c) => c.ready) : state.latestComponents();
  const filter = parseFilterQuery(args.filterQuery);
  list = list.filter(
    (c) =>
      (args.key == null || c.key === args.key) &&
      (args.key_In == null || args.key_In.includes(c.key)) &&
      (args.public == null || c.public === args.public) &&
      (args.versionNumber == null || c.versionNumber === args.versionNumber) &&
      (args.label_Icontains == null || c.label.toLowerCase().includes(String(args.label_Icontains).toLowerCase())) &&
      (args.customer == null || c.customerId === args.customer) &&
      (args.includeComponentsForCodeNativeIntegrations === true || !c.forCodeNativeIntegration) &&
      matchesFilterQuery(c as unknown as Record<string, unknown>, filter),
  );
  return ordered(list, args, componentGetters, componentOrder);
}

function actionsOf(c: ComponentRec, args: Args): ActionRec[] {
  return c.actions
    .filter(
      (a) =>
        (args.isTrigger == null || (a.kind === 'trigger') === args.isTrigger) &&
        (args.isDataSource == null || (a.kind === 'dataSource') === args.isDataSource) &&
        (args.key == null || a.key === args.key),
    )
    .sort((a, b) => byText(a.key, b.key));
}

type DisplayInput = { key: string; display?: { label?: string; description?: string }; inputs?: any[] } & Record<string, any>;

function seedAction(a: DisplayInput): SeedAction {
  return {
    key: a.key,
    label: a.display?.label,
    description: a.display?.description,
    inputs: (a.inputs ?? []).filter(Boolean),
    isPollingTrigger: a.isPollingTrigger ?? undefined,
    scheduleSupport: a.scheduleSupport ?? undefined,
    isCommonTrigger: a.isCommonTrigger ?? undefined,
    dataSourceType: a.dataSourceType ?? undefined,
  };
}

export const componentResolvers: ResolverMap = {
  Query: {
    components: (_s, args, ctx) => page(listComponents(args, ctx), args, ctx, 'components'),
    component: (_s, args, ctx) => {
      const c = ctx.state.components.get(args.id);
      if (!c || !c.ready) throw notFound('Component', args.id);
      return c;
    },
    actions: (_s, args, ctx) => {
      let all: ActionRec[] = [];
      if (args.component != null) {
        const c = ctx.state.components.get(args.component);
        if (!c) throw notFound('Component', args.component);
        all = actionsOf(c, args);
      } else {
        for (const c of ctx.state.latestComponents()) all.push(...actionsOf(c, args));
      }
      return page(all, args, ctx, 'actions');
    },
  },
  Component: {
    customer: (c: ComponentRec, _a, ctx) => (c.customerId ? ctx.state.customers.get(c.customerId) : null),
    labels: () => [],
    actions: (c: ComponentRec, args, ctx) => page(actionsOf(c, args), args, ctx, 'actions'),
    connections: (c: ComponentRec, args, ctx) =>
      page(
        c.connections.filter((k) => args.key == null || k.key === args.key).sort((a, b) => byText(a.key, b.key)),
        args,
        ctx,
        'connections',
      ),
  },
  Action: {
    component: (a: ActionRec, _args, ctx) => ctx.state.components.get(a.componentId),
    isTrigger: (a: ActionRec) => a.kind === 'trigger',
    isDataSource: (a: ActionRec) => a.kind === 'dataSource',
    isDetailDataSource: () => false,
    detailDataSource: () => null,
    examplePayload: () => null,
    examplePerformSafety: () => false,
    performSafety: () => false,
    allowsBranching: (a: ActionRec) => a.key.startsWith('branch'),
    scheduleSupport: (a: ActionRec) => a.scheduleSupport,
    inputs: (a: ActionRec, args, ctx) => page(a.inputs, args, ctx, 'inputs'),
  },
  ComponentConnectionDefinition: {
    component: (c: ConnectionRec, _args, ctx) => ctx.state.components.get(c.componentId),
    inputs: (c: ConnectionRec, args, ctx) => page(c.inputs, args, ctx, 'inputs'),
  },
  InputField: {
    onPremiseControlled: () => false,
  },
  Mutation: {
    publishComponent: (_s, { input }, ctx) => {
      const def = input.definition;
      const customerId = input.customer ?? null;
      if (customerId && !ctx.state.customers.get(customerId)) {
        return { publishResult: null, errors: [{ field: 'customer', messages: [`Customer '${customerId}' does not exist.`] }] };
      }
      const isPublic = def.public === true;
      const rec = addComponentVersion(ctx.state, {
        key: def.key,
        public: isPublic,
        label: def.display.label,
        description: def.display.description,
        category: def.display.category ?? null,
        customerId,
        forCodeNativeIntegration: def.forCodeNativeIntegration === true,
        documentationUrl: def.documentationUrl ?? null,
        comment: input.comment ?? null,
        ready: false,
        actions: (input.actions ?? []).filter(Boolean).map(seedAction),
        triggers: (input.triggers ?? []).filter(Boolean).map(seedAction),
        dataSources: (input.dataSources ?? []).filter(Boolean).map(seedAction),
        connections: (input.connections ?? []).filter(Boolean).map((c: any) => ({
          key: c.key,
          label: c.label,
          comments: c.comments ?? undefined,
          oauth2Type: c.oauth2Type ?? null,
          inputs: (c.inputs ?? []).filter(Boolean),
        })),
      });
      const url = (kind: 'package' | 'icon' | 'source') => presign(ctx.state, ctx.baseUrl, { componentId: rec.id, kind });
      const connectionUrls = (kind: 'connectionIcon' | 'connectionAvatar') =>
        rec.connections.map((c) => ({
          connectionKey: c.key,
          iconUploadUrl: presign(ctx.state, ctx.baseUrl, { componentId: rec.id, kind, connectionKey: c.key }),
        }));
      return {
        publishResult: {
          component: rec,
          packageUploadUrl: url('package'),
          iconUploadUrl: url('icon'),
          sourceUploadUrl: url('source'),
          connectionIconUploadUrls: connectionUrls('connectionIcon'),
          connectionAvatarIconUploadUrls: connectionUrls('connectionAvatar'),
        },
        errors: [],
      };
    },
    deleteComponent: (_s, { input }, ctx) => {
      const rec = ctx.state.components.get(input.id);
      if (!rec) return { component: null, errors: [{ field: 'id', messages: [`Component '${input.id}' does not exist.`] }] };
      const used = [...ctx.state.integrations.values()].some((i) => i.componentIds.includes(rec.id));
      if (used) return { component: null, errors: [{ field: '__all__', messages: ['This component is used by an integration.'] }] };
      ctx.state.components.delete(rec.id);
      for (const a of rec.actions) ctx.state.actions.delete(a.id);
      return { component: rec, errors: [] };
    },
  },
};
