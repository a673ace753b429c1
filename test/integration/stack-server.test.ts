// The Prismatic-protocol test server against the protocol facts of prismatic-api.md: auth, Relay
// paging, definition read-back, import checks, version records, independent stacks, faults.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedFile } from '../prismatic-server/seed';
import { startStack, type StackHandle } from '../prismatic-server/server';
import { accessToken, client, exchange, type GqlClient } from '../prismatic-server/test-client';

const EU_SEED = resolve(__dirname, '../fixtures/stack-seeds/eu-private-components.yaml');

const MINIMAL = (name: string, erpVersion: string | number = 'LATEST') => `
definitionVersion: 7
name: ${name}
requiredConfigVars: []
flows:
  - name: Only Flow
    steps:
      - name: Trigger
        isTrigger: true
        action: { key: webhook, component: { key: webhook-triggers, version: LATEST, isPublic: true } }
      - name: List Orders
        action: { key: listOrders, component: { key: acme-erp, version: ${erpVersion}, isPublic: false } }
`;

const IMPORT = `mutation($definition: String!, $integrationId: ID) {
  importIntegration(input: { definition: $definition, integrationId: $integrationId }) {
    integration { id name } errors { field messages } } }`;
const EXPORT = `query($id: ID!, $latest: Boolean!) { integration(id: $id) { definition(version: 7, useLatestComponentVersions: $latest) } }`;
const PUBLISH = `mutation($id: ID!, $comment: String) { publishIntegration(input: { id: $id, comment: $comment }) {
  integration { id versionNumber versionComment } errors { field messages } } }`;

let eu: StackHandle;
let gql: GqlClient;

beforeAll(async () => {
  eu = await startStack({ seed: loadSeedFile(EU_SEED) });
  gql = await client(eu);
});
afterAll(async () => eu?.close());

describe('auth', () => {
  it('advertises its own host as the Auth0 domain and exchanges refresh tokens both ways', async () => {
    const meta = await (await fetch(`${eu.url}/auth/meta`)).json();
    expect(meta.domain).toBe(`127.0.0.1:${eu.port}`);
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: meta.clientId, refresh_token: eu.refreshToken });
    const res = await fetch(`${eu.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    const body = await res.json();
    expect(res.status).toBe(200);
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(body.expires_in);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: expect.stringContaining('offline_access') });

    form.set('tenant_id', 'someone-elses-tenant');
    const denied = await fetch(`${eu.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error).toBe('access_denied');

    const wrong = await exchange(eu, 'wrong-token');
    expect(wrong).toMatchObject({ status: 401, body: { error: 'access_denied' } });
  });

  it('refuses /api without a valid, unexpired bearer token', async () => {
    const query = JSON.stringify({ query: '{ authenticatedUser { email } }' });
    const none = await fetch(`${eu.url}/api`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: query });
    expect(none.status).toBe(401);
    const forged = await fetch(`${eu.url}/api`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer a.b.c' }, body: query });
    expect(forged.status).toBe(401);
    const expiring = await startStack({ seed: {}, accessTokenTtlSeconds: 0, tls: false });
    try {
      const token = await accessToken(expiring);
      const expired = await fetch(`${expiring.url}/api`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: query });
      expect(expired.status).toBe(401);
      expect((await expired.json()).errors[0].message).toMatch(/expired/);
    } finally {
      await expiring.close();
    }
  });

  it('revoke makes the refresh token useless', async () => {
    const other = await startStack({ seed: {}, tls: false });
    try {
      const revoke = await fetch(`${other.url}/auth/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: other.refreshToken }) });
      expect(revoke.status).toBe(200);
      expect((await exchange(other)).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('paging', () => {
  it('walks every component page from after: "" with the stack page size, no duplicates', async () => {
    const ids: string[] = [];
    let after = '';
    let pages = 0;
    for (;;) {
      const data = await gql(`query($after: String) { components(after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`, { after, undeclared: 1 });
      pages += 1;
      expect(data.components.nodes.length).toBeLessThanOrEqual(5);
      ids.push(...data.components.nodes.map((n: { id: string }) => n.id));
      expect(data.components.totalCount).toBe(eu.state.latestComponents().length);
      if (!data.components.pageInfo.hasNextPage) break;
      after = data.components.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(eu.state.latestComponents().length / 5));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(eu.state.latestComponents().map((c) => c.id).sort());
  });

  it('rejects first above the cap', async () => {
    await expect(gql('{ customers(first: 101) { nodes { id } } }')).rejects.toThrow(/exceeds the `first` limit of 100/);
  });
});

describe('definitions', () => {
  it('pins LATEST at import, reads back numbers or LATEST, and injects the server defaults', async () => {
    const imported = await gql(IMPORT, { definition: MINIMAL('Latest Check') });
    expect(imported.importIntegration.errors).toEqual([]);
    const id = imported.importIntegration.integration.id;
    const pinned = load((await gql(EXPORT, { id, latest: false })).integration.definition) as any;
    const erpLatest = eu.state.componentVersions('acme-erp', false).at(-1)!.versionNumber;
    expect(pinned.flows[0].steps[1].action.component.version).toBe(erpLatest);
    const latest = load((await gql(EXPORT, { id, latest: true })).integration.definition) as any;
    expect(latest.flows[0].steps[1].action.component.version).toBe('LATEST');
    expect(pinned).toMatchObject({
      category: '',
      documentation: '',
      defaultInstanceProfile: 'Default Instance Profile',
      endpointType: 'flow_specific',
      configPages: [{ elements: [], name: 'Configuration' }],
    });
    expect(pinned).not.toHaveProperty('requiredConfigVars');
    expect(pinned.flows[0]).toMatchObject({ endpointSecurityType: 'customer_optional', isAgentFlow: false });
    expect(pinned.flows[0].steps.map((s: any) => s.description)).toEqual(['', '']);
  });

  it('rejects a definition using a component, action or version the stack lacks, naming it', async () => {
    const missingComponent = await gql(IMPORT, { definition: MINIMAL('Bad').replace('acme-erp', 'acme-crm') });
    expect(missingComponent.importIntegration.integration).toBeNull();
    expect(missingComponent.importIntegration.errors[0].messages.join()).toContain("component 'acme-crm' (private");
    const missingAction = await gql(IMPORT, { definition: MINIMAL('Bad').replace('listOrders', 'deleteOrders') });
    expect(missingAction.importIntegration.errors[0].messages.join()).toContain("has no action 'deleteOrders'");
    const missingVersion = await gql(IMPORT, { definition: MINIMAL('Bad', 9) });
    expect(missingVersion.importIntegration.errors[0].messages.join()).toContain('version 9');
    const bomb = await gql(IMPORT, { definition: 'a: &a [x]\n' + Array.from({ length: 200 }, (_, i) => `k${i}: *a`).join('\n') });
    expect(bomb.importIntegration.errors[0].field).toBe('definition');
  });

  it('overwrites the draft with integrationId, creates a new integration without', async () => {
    const first = (await gql(IMPORT, { definition: MINIMAL('Overwrite Me') })).importIntegration.integration.id;
    const again = await gql(IMPORT, { definition: MINIMAL('Overwritten'), integrationId: first });
    expect(again.importIntegration.integration).toEqual({ id: first, name: 'Overwritten' });
    const fresh = (await gql(IMPORT, { definition: MINIMAL('Overwritten') })).importIntegration.integration.id;
    expect(fresh).not.toBe(first);
  });
});

describe('versions, components and instances', () => {
  it('publishes N+1 with the comment; instances run a version-specific id', async () => {
    const id = (await gql(IMPORT, { definition: MINIMAL('Versioned') })).importIntegration.integration.id;
    const v1 = (await gql(PUBLISH, { id, comment: 'one' })).publishIntegration.integration;
    const v2 = (await gql(PUBLISH, { id, comment: 'two' })).publishIntegration.integration;
    expect([v1.versionNumber, v2.versionNumber, v2.versionComment]).toEqual([1, 2, 'two']);
    expect(new Set([id, v1.id, v2.id]).size).toBe(3);
    const seq = await gql(`query($id: ID!) { integration(id: $id) { versionSequence(sortBy: [{ field: VERSION_NUMBER, direction: DESC }]) { nodes { id versionNumber } } } }`, { id });
    expect(seq.integration.versionSequence.nodes).toEqual([{ id: v2.id, versionNumber: 2 }, { id: v1.id, versionNumber: 1 }]);

    const customer = (await gql(`{ customers(externalId: "initech-fr") { nodes { id } } }`)).customers.nodes[0].id;
    const created = await gql(
      `mutation($c: ID!, $i: ID!) { createInstance(input: { customer: $c, integration: $i, name: "Initech Versioned" }) {
        instance { id integration { id versionNumber } needsDeploy enabled lastDeployedAt } errors { field messages } } }`,
      { c: customer, i: id },
    );
    const inst = created.createInstance.instance;
    expect(inst).toMatchObject({ integration: { id: v2.id, versionNumber: 2 }, needsDeploy: true, lastDeployedAt: null });
    const deployed = await gql(`mutation($id: ID!) { deployInstance(input: { id: $id }) { instance { deployedVersion needsDeploy enabled lastDeployedAt } errors { field messages } } }`, { id: inst.id });
    expect(deployed.deployInstance.instance).toMatchObject({ deployedVersion: 2, needsDeploy: false, enabled: true });
    const disabled = await gql(`mutation($id: ID!) { updateInstance(input: { id: $id, enabled: false }) { instance { id enabled } errors { field messages } } }`, { id: inst.id });
    expect(disabled.updateInstance.instance.enabled).toBe(false);
  });

  it('never returns connection secrets, only hasValue', async () => {
    const data = await gql(`{ instances(isSystem: false, name: "Initech Orders") { nodes { configVariables { nodes {
      requiredConfigVariable { key dataType } inputs { nodes { name value hasValue } } } } flowConfigs { nodes { flow { name } webhookUrl } } } } }`);
    const inst = data.instances.nodes[0];
    const erp = inst.configVariables.nodes.find((v: any) => v.requiredConfigVariable.key === 'ERP Connection');
    expect(erp.requiredConfigVariable.dataType).toBe('CONNECTION');
    expect(erp.inputs.nodes).toEqual(
      expect.arrayContaining([
        { name: 'apiKey', value: null, hasValue: true },
        { name: 'baseUrl', value: 'https://erp.initech.example', hasValue: true },
      ]),
    );
    expect(JSON.stringify(data)).not.toContain('initech-erp-key');
    expect(inst.flowConfigs.nodes[0].webhookUrl).toMatch(new RegExp(`^${eu.url}/trigger/`));
  });

  it('publishComponent: the version appears after the package PUT, signed with its SHA-1', async () => {
    const before = eu.state.componentVersions('acme-erp', false).at(-1)!.versionNumber;
    const published = await gql(
      `mutation($definition: ComponentDefinitionInput!, $actions: [ActionDefinitionInput]!, $connections: [ConnectionDefinitionInput]) {
        publishComponent(input: { definition: $definition, actions: $actions, connections: $connections, comment: "v next" }) {
          publishResult { component { id versionNumber } packageUploadUrl iconUploadUrl connectionIconUploadUrls { connectionKey iconUploadUrl } }
          errors { field messages } } }`,
      {
        definition: { key: 'acme-erp', public: false, display: { label: 'Acme ERP', description: 'ERP', iconPath: 'icon.png' } },
        actions: [{ key: 'listOrders', display: { label: 'List', description: 'List' }, inputs: [{ key: 'since', label: 'Since', type: 'string' }], examplePayload: '{}' }],
        connections: [{ key: 'apiKey', label: 'API Key', inputs: [{ key: 'apiKey', label: 'Key', type: 'password' }] }],
      },
    );
    const result = published.publishComponent.publishResult;
    expect(result.component.versionNumber).toBe(before + 1);
    const lookup = `query($n: Int!) { components(key: "acme-erp", public: false, versionNumber: $n) { nodes { id signature } } }`;
    expect((await gql(lookup, { n: before + 1 })).components.nodes).toEqual([]);
    const zip = Buffer.from('PK fake package bytes');
    expect((await fetch(result.packageUploadUrl, { method: 'PUT', headers: { 'Content-Type': 'application/zip' }, body: zip })).status).toBe(200);
    const after = (await gql(lookup, { n: before + 1 })).components.nodes;
    expect(after).toEqual([{ id: result.component.id, signature: createHash('sha1').update(zip).digest('hex') }]);
  });
});

describe('independent stacks', () => {
  it('keeps ids, counters and state apart', async () => {
    const seed = { components: [{ key: 'acme-erp', public: false, versions: [{ actions: [{ key: 'listOrders' }] }] }] };
    const a = await startStack({ seed, tls: false });
    const b = await startStack({ seed, tls: false });
    try {
      const [ga, gb] = [await client(a), await client(b)];
      const publish = `mutation { publishComponent(input: { definition: { key: "acme-erp", public: false, display: { label: "ERP", description: "ERP" } }, actions: [] }) {
        publishResult { component { versionNumber } packageUploadUrl } errors { field messages } } }`;
      for (let i = 0; i < 3; i++) {
        const url = (await ga(publish)).publishComponent.publishResult.packageUploadUrl;
        await fetch(url, { method: 'PUT', body: `build ${i}` });
      }
      const versions = async (g: GqlClient) => (await g(`{ components(key: "acme-erp", public: false) { nodes { id versionNumber } } }`)).components.nodes[0];
      const [va, vb] = [await versions(ga), await versions(gb)];
      expect([va.versionNumber, vb.versionNumber]).toEqual([4, 1]);
      expect(va.id).not.toBe(vb.id);
      expect(a.refreshToken).not.toBe(b.refreshToken);
      expect((await exchange(b, a.refreshToken)).status).toBe(401);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('faults', () => {
  const LIST = '{ integrations { nodes { id } } }';

  it('fails only the Nth matching request, by operation or field', async () => {
    eu.faults.set({ rules: [{ kind: 'status500', match: { field: 'integrations' }, nth: 2 }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gql.raw(LIST)).status);
    statuses.push((await gql.raw('{ customers { nodes { id } } }')).status);
    expect(statuses).toEqual([200, 500, 200, 200]);
    expect(eu.requests.filter((r) => r.fault === 'status500').length).toBe(1);
    eu.faults.clear();
  });

  it('answers 429 with Retry-After, an HTML page, and latency still answers', async () => {
    eu.faults.set({ rules: [{ kind: 'rateLimit', retryAfterSeconds: 7 }, { kind: 'html', nth: 2 }], latencyMs: 5 });
    const limited = await gql.raw(LIST);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    const html = await gql.raw(LIST);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<html>');
    expect((await gql.raw(LIST)).status).toBe(200);
    eu.faults.clear();
  });

  it('resets the connection, truncates the body, or never answers', async () => {
    eu.faults.set({ rules: [{ kind: 'reset' }] });
    await expect(gql.raw(LIST)).rejects.toThrow();
    eu.faults.set({ rules: [{ kind: 'truncated' }] });
    await expect(gql.raw(LIST).then((r) => r.json())).rejects.toThrow();
    eu.faults.set({ rules: [{ kind: 'timeout' }] });
    await expect(gql.raw(LIST, {}, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    eu.faults.clear();
    expect((await gql.raw(LIST)).status).toBe(200);
  });

  it('streams an oversize body', async () => {
    eu.faults.set({ rules: [{ kind: 'oversize', oversizeBytes: 3 * 1024 * 1024, match: { operation: 'big' } }] });
    const res = await gql.raw(`query big ${LIST}`);
    const text = await res.text();
    expect(text.length).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(JSON.parse(text).data.padding.length).toBeGreaterThan(1024);
    eu.faults.clear();
  });
});
