import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, testProvider } from '../helpers/prismatic';
import { page, startStandIn, type StandIn } from './prismatic-stand-in';

const WHO = { authenticatedUser: { name: 'Ada', email: 'ada@example.com', tenantId: 't-1', org: { id: 'O1', name: 'Acme' }, customer: null } };

let stack: StandIn;
let sleeps: number[];

beforeEach(async () => {
  stack = await startStandIn();
  stack.ops.regionSyncWhoami = () => WHO;
  sleeps = [];
});
afterEach(() => stack.close());

async function providerFor(s: StandIn, limits: Record<string, number> = {}, token = s.refreshToken) {
  const made = await testProvider(s, token, { region: 'eu', timeoutMs: 2000, limits });
  sleeps = made.sleeps;
  return made.provider;
}

const apiCalls = (s: StandIn) => s.requests.filter((r) => r.path === '/api');

describe('prismatic transport', () => {
  it('exchanges the refresh token once, sends our client name and a bearer token', async () => {
    const p = await providerFor(stack);
    const who = await p.whoami();
    await p.whoami();
    expect(who).toMatchObject({ name: 'Ada', email: 'ada@example.com', org: 'Acme', orgId: 'O1', tenant: 't-1', endpoint: stack.url });
    expect(stack.requests.filter((r) => r.path === '/auth/refresh')).toHaveLength(1);
    expect(apiCalls(stack).every((r) => r.client === 'region-sync' && r.authorization === `Bearer ${stack.issued[0]}`)).toBe(true);
  });

  it('retries 500s with backoff and then succeeds', async () => {
    stack.hook = (req, res) => {
      if (req.path === '/api' && apiCalls(stack).length <= 2) {
        res.writeHead(500).end('boom');
        return true;
      }
    };
    const p = await providerFor(stack);
    await expect(p.whoami()).resolves.toMatchObject({ name: 'Ada' });
    expect(apiCalls(stack)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    stack.hook = (req, res) => {
      if (req.path === '/api' && apiCalls(stack).length === 1) {
        res.writeHead(429, { 'retry-after': '2' }).end();
        return true;
      }
    };
    const p = await providerFor(stack);
    await p.whoami();
    expect(apiCalls(stack)).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('gives up after the retry budget with RATE_LIMITED', async () => {
    stack.hook = (req, res) => {
      if (req.path === '/api') {
        res.writeHead(429).end();
        return true;
      }
    };
    const p = await providerFor(stack, { retries: 2 });
    const e = await failureOf(p.whoami());
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.region).toBe('eu');
    expect(apiCalls(stack)).toHaveLength(3);
  });

  it('retries a connection reset', async () => {
    stack.hook = (req, res) => {
      if (req.path === '/api' && apiCalls(stack).length === 1) {
        res.socket?.destroy();
        return true;
      }
    };
    const p = await providerFor(stack);
    await expect(p.whoami()).resolves.toMatchObject({ name: 'Ada' });
    expect(apiCalls(stack)).toHaveLength(2);
  });

  it('times out a silent request and retries it', async () => {
    stack.hook = (req) => (req.path === '/api' && apiCalls(stack).length === 1 ? true : undefined); // never answers
    const p = await providerFor(stack, { timeoutMs: 150 });
    await expect(p.whoami()).resolves.toMatchObject({ name: 'Ada' });
    expect(apiCalls(stack)).toHaveLength(2);
  });

  it('reports TIMEOUT when the stack never answers', async () => {
    stack.hook = (req) => (req.path === '/api' ? true : undefined);
    const p = await providerFor(stack, { timeoutMs: 100, retries: 1 });
    const e = await failureOf(p.whoami());
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toContain('"eu"');
  });

  it('says clearly when the URL serves an HTML page', async () => {
    stack.hook = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Sign in</body></html>');
      return true;
    };
    const p = await providerFor(stack);
    const e = await failureOf(p.whoami());
    expect(e.code).toBe('REGION_NOT_PRISMATIC');
    expect(e.message).toContain('region "eu"');
    expect(e.message).toContain('HTML');
  });

  it('says RESPONSE_INVALID for JSON-less non-HTML answers', async () => {
    stack.hook = (req, res) => {
      if (req.path !== '/api') return;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
      return true;
    };
    const e = await failureOf((await providerFor(stack)).whoami());
    expect(e.code).toBe('RESPONSE_INVALID');
  });

  it('stops reading an oversize answer: RESPONSE_TOO_LARGE', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    stack.hook = (req, res) => {
      if (req.path !== '/api') return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":{"x":"');
      // Streams without a content-length: the cap must hold while reading.
      let sent = 0;
      const more = () => {
        while (sent < 80 && res.write(chunk)) sent++;
        if (sent < 80) res.once('drain', more);
        else res.end('"}}');
      };
      res.on('error', () => undefined);
      more();
      return true;
    };
    const p = await providerFor(stack, { maxResponseBytes: 1024 * 1024 });
    const e = await failureOf(p.whoami());
    expect(e.code).toBe('RESPONSE_TOO_LARGE');
    expect(e.details).toMatchObject({ maxBytes: 1024 * 1024 });
  });

  it('refuses a wrong token with AUTH_FAILED and a login hint, never echoing it', async () => {
    const wrong = 'rt-wrong-token-abcdef987654';
    const p = await providerFor(stack, {}, wrong);
    const e = await failureOf(p.whoami());
    expect(e.code).toBe('AUTH_FAILED');
    expect(e.hint).toContain('region-sync login eu');
    expect(JSON.stringify(e)).not.toContain(wrong);
  });

  it('re-exchanges the token once on a 401 and carries on', async () => {
    let rejected = false;
    stack.hook = (req, res) => {
      if (req.path === '/api' && !rejected) {
        rejected = true;
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"token expired"}]}');
        return true;
      }
    };
    const p = await providerFor(stack);
    await expect(p.whoami()).resolves.toMatchObject({ name: 'Ada' });
    expect(stack.requests.filter((r) => r.path === '/auth/refresh')).toHaveLength(2);
    expect(apiCalls(stack).at(-1)?.authorization).toBe(`Bearer ${stack.issued[1]}`);
  });

  it('turns a 401 that persists into AUTH_FAILED after one re-exchange', async () => {
    stack.hook = (req, res) => {
      if (req.path !== '/api') return;
      res.writeHead(401).end('{}');
      return true;
    };
    const e = await failureOf((await providerFor(stack)).whoami());
    expect(e.code).toBe('AUTH_FAILED');
    expect(stack.requests.filter((r) => r.path === '/auth/refresh')).toHaveLength(2);
    for (const t of [stack.refreshToken, ...stack.issued]) expect(JSON.stringify(e)).not.toContain(t);
  });

  it('reports errors[0].message when data is missing, with tokens scrubbed', async () => {
    stack.ops.regionSyncWhoami = () => {
      throw new Error('unused');
    };
    stack.hook = (req, res) => {
      if (req.path !== '/api') return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: null, errors: [{ message: `Field broke near ${stack.refreshToken}` }] }));
      return true;
    };
    const e = await failureOf((await providerFor(stack)).whoami());
    expect(e.code).toBe('REMOTE_ERROR');
    expect(e.message).toContain('Field broke near [redacted]');
    expect(e.message).not.toContain(stack.refreshToken);
  });
});

describe('prismatic pull over relay pages (stand-in stack)', () => {
  it('follows endCursor from after:"" and assembles the snapshot', async () => {
    const integrations = Array.from({ length: 5 }, (_, i) => ({ id: `I${i}`, name: `Integration ${i}`, versionNumber: 1 }));
    const yamlOf = (name: string, step: string) => `definitionVersion: 7\nname: ${name}\nflows:\n  - name: F\n    steps:\n      - name: ${step}\n        isTrigger: true\n        action: {key: webhook, component: {key: webhook-triggers, version: LATEST, isPublic: true}}\n`;
    stack.ops.regionSyncComponents = (v) =>
      ({ components: page([{ id: 'C1', key: 'acme', public: false, label: 'Acme', versionNumber: 3, signature: 'abc', actions: { nodes: [{ key: 'get', label: 'Get', isTrigger: false, isDataSource: false, inputs: { nodes: [{ key: 'id', type: 'STRING', required: true }] } }], pageInfo: { hasNextPage: false } }, connections: { nodes: [] } }], v.after, 2) });
    stack.ops.regionSyncComponentHistory = (v) => ({
      components: page([1, 2, 3].map((n) => ({ key: 'acme', public: false, versionNumber: n, signature: `s${n}` })), v.after, 2),
    });
    stack.ops.regionSyncIntegrations = (v) => ({ integrations: page(integrations, v.after, 2) });
    stack.ops.regionSyncIntegration = (v) => {
      const i = integrations.find((x) => x.id === v.id)!;
      const published = i.id === 'I0' ? yamlOf(i.name, 'Old trigger') : yamlOf(i.name, 'Trigger');
      return {
        integration: {
          id: i.id,
          name: i.name,
          isCodeNative: false,
          definition: yamlOf(i.name, 'Trigger'),
          versionSequence: { nodes: [{ id: `${i.id}v1`, versionNumber: 1, versionComment: 'first' }], pageInfo: { hasNextPage: false } },
          latest: { nodes: [{ id: `${i.id}v1`, versionNumber: 1, definition: published }] },
        },
      };
    };
    stack.ops.regionSyncCustomers = (v) => ({ customers: page([{ id: 'K1', externalId: 'de-1', name: 'Berlin GmbH', labels: ['country:DE'] }, { id: 'K2', externalId: null, name: 'No id' }], v.after, 1) });
    stack.ops.regionSyncInstances = (v) => ({
      instances: page(
        [
          {
            id: 'N1',
            name: 'Prod',
            enabled: true,
            labels: [],
            needsDeploy: false,
            lastDeployedAt: '2025-01-01T00:00:00Z',
            customer: { id: 'K1', externalId: 'de-1' },
            integration: { id: 'I0v1', name: 'Integration 0', versionNumber: 1 },
            configVariables: {
              nodes: [
                { value: 'https://x', requiredConfigVariable: { key: 'Endpoint', dataType: 'STRING' }, inputs: { nodes: [] } },
                { value: null, status: 'ACTIVE', requiredConfigVariable: { key: 'Acme Auth', dataType: 'CONNECTION' }, inputs: { nodes: [{ name: 'apiKey', value: 'sk-live-very-secret' }] } },
              ],
            },
            flowConfigs: { nodes: [{ flow: { name: 'F' }, webhookUrl: 'https://hooks.example/trigger/1' }] },
          },
        ],
        v.after,
        10,
      ),
    });
    const p = await providerFor(stack);
    const events: string[] = [];
    const snap = await p.pull({ progress: (e) => events.push(`${e.phase}:${e.done}/${e.total ?? '?'}`) });

    expect(snap.source).toEqual({ kind: 'prismatic', url: stack.url, org: 'Acme', tenant: 't-1' });
    expect(snap.integrations.map((i) => i.name)).toEqual(integrations.map((i) => i.name));
    const listPages = apiCalls(stack).filter((r) => r.op === 'regionSyncIntegrations');
    expect(listPages.map((r) => r.variables?.after)).toEqual(['', 'c1', 'c3']);
    expect(snap.integrations[0].hasUnpublishedChanges).toBe(true);
    expect(snap.integrations[1].hasUnpublishedChanges).toBe(false);
    expect(snap.integrations[1].versions[0]).toMatchObject({ number: 1, comment: 'first', remoteId: 'I1v1' });
    expect(snap.components[0].versions.map((v) => [v.number, v.signature])).toEqual([[1, 's1'], [2, 's2'], [3, 'abc']]);
    expect(snap.components[0].versions[2].actions[0].inputs[0]).toEqual({ key: 'id', type: 'string', required: true });
    expect(snap.customers).toEqual([{ externalId: 'de-1', name: 'Berlin GmbH', country: 'DE', labels: ['country:DE'], remoteId: 'K1' }]);
    const inst = snap.instances[0];
    expect(inst).toMatchObject({ customer: 'de-1', integration: 'Integration 0', version: 1, deployed: true, enabled: true });
    expect(inst.configVars).toEqual([
      { key: 'Acme Auth', kind: 'connection', secret: 'set' },
      { key: 'Endpoint', kind: 'value', value: 'https://x' },
    ]);
    expect(JSON.stringify(snap)).not.toContain('sk-live-very-secret');
    expect(events).toContain('integrations:5/5');
  });
});
