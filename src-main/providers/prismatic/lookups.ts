/**
 * Finding things in a stack by their cross-region identity (integration name, customer
 * externalId, instance (customer, integration, name)), since ids differ per region. Every write
 * starts here, which is also what makes a repeated write find its own earlier work.
 */
import { fail } from '../../core/errors';
import type { InstanceRef } from '../../core/plan/types';
import type { OpContext } from '../../api/ports';
import type { GraphqlClient } from './graphql';
import * as Q from './operations';
import type { RawCustomer, RawInstance, RawVersion } from './records';

export async function findIntegrationId(gql: GraphqlClient, name: string, ctx?: OpContext): Promise<string | undefined> {
  const data = await gql.query<{ integrations: { nodes: Array<{ id: string; name: string }> } }>('findIntegration', Q.FIND_INTEGRATION, { name }, ctx);
  // The filter is exact on the server, but a stack that treats it loosely must not make us overwrite a namesake.
  return data.integrations.nodes.find((n) => n.name === name)?.id;
}

export async function requireIntegrationId(gql: GraphqlClient, name: string, region: string, ctx?: OpContext): Promise<string> {
  const id = await findIntegrationId(gql, name, ctx);
  if (!id) fail('NOT_FOUND', `Integration "${name}" does not exist in region "${region}".`, { region, hint: 'Import it first (the plan imports before it publishes).' });
  return id;
}

export interface PublishedVersion {
  id: string;
  versionNumber: number;
  definition?: string | null;
}

export async function latestPublished(gql: GraphqlClient, integrationId: string, ctx?: OpContext): Promise<PublishedVersion | undefined> {
  const data = await gql.query<{ integration: { latest: { nodes: PublishedVersion[] } } | null }>('latestPublished', Q.LATEST_PUBLISHED, { id: integrationId }, ctx);
  return data.integration?.latest?.nodes?.[0];
}

/** The version-specific integration id instances point at (createInstance / updateInstance need it). */
export async function versionIdFor(
  gql: GraphqlClient,
  integrationId: string,
  version: number | 'latest-published',
  label: { name: string; region: string },
  ctx?: OpContext,
): Promise<{ id: string; versionNumber: number }> {
  const versions = await gql.pages<RawVersion>('integrationVersions', Q.INTEGRATION_VERSIONS, { id: integrationId }, (d) => d.integration?.versionSequence, ctx);
  const pick =
    version === 'latest-published'
      ? versions.reduce<RawVersion | undefined>((best, v) => (!best || v.versionNumber > best.versionNumber ? v : best), undefined)
      : versions.find((v) => v.versionNumber === version);
  if (!pick)
    fail('NOT_FOUND', `Integration "${label.name}" has no published version ${version === 'latest-published' ? '' : `${version} `}in region "${label.region}".`, {
      region: label.region,
      hint: 'Publish the integration there first.',
    });
  return { id: pick.id, versionNumber: pick.versionNumber };
}

export async function findCustomer(gql: GraphqlClient, externalId: string, ctx?: OpContext): Promise<RawCustomer | undefined> {
  const data = await gql.query<{ customers: { nodes: RawCustomer[] } }>('findCustomer', Q.FIND_CUSTOMER, { externalId }, ctx);
  return data.customers.nodes.find((c) => c.externalId === externalId);
}

export async function requireCustomer(gql: GraphqlClient, externalId: string, region: string, ctx?: OpContext): Promise<RawCustomer> {
  const c = await findCustomer(gql, externalId, ctx);
  if (!c) fail('NOT_FOUND', `Customer "${externalId}" does not exist in region "${region}".`, { region, hint: 'Create the customer first (upsertCustomer).' });
  return c;
}

export async function findInstance(gql: GraphqlClient, ref: InstanceRef, region: string, ctx?: OpContext): Promise<RawInstance | undefined> {
  const customer = await findCustomer(gql, ref.customer, ctx);
  if (!customer) return undefined;
  const all = await gql.pages<RawInstance>('customerInstances', Q.CUSTOMER_INSTANCES, { customer: customer.id }, (d) => d.instances, ctx);
  const matches = all.filter((i) => i.name === ref.name && i.integration?.name === ref.integration);
  if (matches.length > 1)
    fail('REMOTE_ERROR', `Region "${region}" has ${matches.length} instances named "${ref.name}" of "${ref.integration}" for customer "${ref.customer}".`, {
      region,
      hint: 'Rename or remove the duplicates in Prismatic; instances are matched by (customer, integration, name).',
    });
  return matches[0];
}

export async function requireInstance(gql: GraphqlClient, ref: InstanceRef, region: string, ctx?: OpContext): Promise<RawInstance> {
  const i = await findInstance(gql, ref, region, ctx);
  if (!i) fail('NOT_FOUND', `Instance "${ref.name}" (${ref.integration}, customer ${ref.customer}) does not exist in region "${region}".`, { region });
  return i;
}
