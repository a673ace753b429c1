/**
 * Every RegionWrite against a live stack. Each one first reads the region's current state by
 * cross-region identity and does nothing when it is already there (`unchanged: true`), so a write
 * repeated after a crash, a timeout or a 500 whose outcome is unknown converges instead of doing
 * things twice (a second publish, a duplicate instance).
 */
import { fail } from '../../core/errors';
import type { ConfigVarValue } from '../../core/model';
import type { RegionWrite, WriteOutcome } from '../../core/plan/types';
import type { OpContext } from '../../api/ports';
import type { GraphqlClient } from './graphql';
import * as Q from './operations';
import * as L from './lookups';
import { safeDefinitionHash } from './pull';
import { publishComponent, type ComponentPublisherDeps } from './publish-component';

export interface WriteDeps extends ComponentPublisherDeps {
  gql: GraphqlClient;
  regionId: string;
}

const sameStrings = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Only plain values travel; secrets (connections, write-only inputs) must be re-entered in the target. */
function plainConfigVars(vars: ConfigVarValue[]): Array<{ key: string; value: string }> {
  return vars.filter((v) => v.kind !== 'connection' && v.secret === undefined && typeof v.value === 'string').map((v) => ({ key: v.key, value: v.value as string }));
}

export async function applyWrite(w: RegionWrite, deps: WriteDeps, ctx?: OpContext): Promise<WriteOutcome> {
  const { gql, regionId: region } = deps;
  switch (w.op) {
    case 'importIntegration': {
      // Whatever the plan assumed, an integration of that name now present is overwritten, never duplicated.
      const existing = await L.findIntegrationId(gql, w.name, ctx);
      const r = await gql.mutate<{ integration: { id: string } | null }>(
        `Import of "${w.name}"`,
        Q.IMPORT_INTEGRATION,
        { definition: w.yaml, ...(existing ? { integrationId: existing } : {}) },
        'importIntegration',
        ctx,
      );
      if (!r.integration) fail('REMOTE_ERROR', `Region "${region}" imported "${w.name}" but returned no integration.`, { region });
      return { remoteId: r.integration.id, detail: existing ? 'overwrote the draft' : 'created' };
    }

    case 'publishIntegration': {
      const id = await L.requireIntegrationId(gql, w.name, region, ctx);
      const before = await L.latestPublished(gql, id, ctx);
      if (before && safeDefinitionHash(before.definition) === w.definitionHash)
        return { unchanged: true, version: before.versionNumber, remoteId: before.id, detail: 'latest published version already has this definition' };
      // Publish only what was reviewed: the draft must be the definition the plan carries.
      const draft = await gql.query<{ integration: { definition?: string | null } | null }>('definition', Q.INTEGRATION_DEFINITION, { id }, ctx);
      const draftHash = safeDefinitionHash(draft.integration?.definition);
      if (draftHash && draftHash !== w.definitionHash)
        fail('STALE_PLAN', `The draft of "${w.name}" in region "${region}" is not the definition this step would publish; it changed after the import.`, {
          region,
          hint: 'Pull and plan again.',
        });
      await gql.mutate('Publish of "' + w.name + '"', Q.PUBLISH_INTEGRATION, { id, comment: w.comment }, 'publishIntegration', ctx);
      const after = await L.latestPublished(gql, id, ctx);
      if (!after || (before && after.versionNumber <= before.versionNumber))
        fail('REMOTE_ERROR', `Region "${region}" accepted the publish of "${w.name}" but shows no new version.`, { region });
      return { version: after.versionNumber, remoteId: after.id };
    }

    case 'publishComponent':
      return publishComponent(w, deps, ctx);

    case 'upsertCustomer': {
      const c = w.customer;
      const labels = [...(c.labels ?? [])];
      if (c.country && !labels.some((l) => /^country[:=]/i.test(l))) labels.push(`country:${c.country}`);
      const existing = await L.findCustomer(gql, c.externalId, ctx);
      if (existing) {
        if (existing.name === c.name && sameStrings(existing.labels ?? [], labels)) return { unchanged: true, remoteId: existing.id };
        await gql.mutate(`Update of customer "${c.externalId}"`, Q.UPDATE_CUSTOMER, { id: existing.id, name: c.name, labels }, 'updateCustomer', ctx);
        return { remoteId: existing.id, detail: 'updated' };
      }
      const r = await gql.mutate<{ customer: { id: string } | null }>(
        `Creation of customer "${c.externalId}"`,
        Q.CREATE_CUSTOMER,
        { name: c.name, externalId: c.externalId, labels },
        'createCustomer',
        ctx,
      );
      return { remoteId: r.customer?.id, detail: 'created' };
    }

    case 'createInstance': {
      const inst = w.instance;
      const ref = { customer: inst.customer, integration: inst.integration, name: inst.name };
      const existing = await L.findInstance(gql, ref, region, ctx);
      if (existing) return { unchanged: true, remoteId: existing.id, version: existing.integration?.versionNumber };
      const customer = await L.requireCustomer(gql, inst.customer, region, ctx);
      const integrationId = await L.requireIntegrationId(gql, inst.integration, region, ctx);
      // Version numbers are per region: unless the plan publishes first, the source's number means nothing here.
      const wanted = w.versionFromPublishOf || inst.version === null ? 'latest-published' : inst.version;
      const version = await L.versionIdFor(gql, integrationId, wanted, { name: inst.integration, region }, ctx);
      const r = await gql.mutate<{ instance: { id: string } | null }>(
        `Creation of instance "${inst.name}"`,
        Q.CREATE_INSTANCE,
        { name: inst.name, integration: version.id, customer: customer.id, configVariables: plainConfigVars(inst.configVars), labels: inst.labels },
        'createInstance',
        ctx,
      );
      const secrets = inst.configVars.filter((v) => v.kind === 'connection' || v.secret !== undefined).length;
      return {
        remoteId: r.instance?.id,
        version: version.versionNumber,
        ...(secrets ? { detail: `${secrets} connection/secret value(s) must be entered in region "${region}"` } : {}),
      };
    }

    case 'setInstanceVersion': {
      const inst = await L.requireInstance(gql, w.instance, region, ctx);
      const integrationId = await L.requireIntegrationId(gql, w.instance.integration, region, ctx);
      const version = await L.versionIdFor(gql, integrationId, w.version, { name: w.instance.integration, region }, ctx);
      if (inst.integration?.id === version.id || inst.integration?.versionNumber === version.versionNumber)
        return { unchanged: true, remoteId: inst.id, version: version.versionNumber };
      await gql.mutate(`Version change of instance "${w.instance.name}"`, Q.SET_INSTANCE_VERSION, { id: inst.id, integration: version.id }, 'updateInstance', ctx);
      return { remoteId: inst.id, version: version.versionNumber };
    }

    case 'deployInstance': {
      const inst = await L.requireInstance(gql, w.instance, region, ctx);
      if (inst.needsDeploy === false && inst.lastDeployedAt) return { unchanged: true, remoteId: inst.id, detail: 'already deployed' };
      await gql.mutate(`Deploy of instance "${w.instance.name}"`, Q.DEPLOY_INSTANCE, { id: inst.id }, 'deployInstance', ctx);
      return { remoteId: inst.id };
    }

    case 'setInstanceEnabled': {
      const inst = await L.requireInstance(gql, w.instance, region, ctx);
      if (inst.enabled === w.enabled) return { unchanged: true, remoteId: inst.id };
      await gql.mutate(`${w.enabled ? 'Unpause' : 'Pause'} of instance "${w.instance.name}"`, Q.SET_INSTANCE_ENABLED, { id: inst.id, enabled: w.enabled }, 'updateInstance', ctx);
      return { remoteId: inst.id };
    }

    default: {
      const never: never = w;
      fail('UNSUPPORTED', `Unknown write ${(never as { op?: string }).op}.`, { region });
    }
  }
}
