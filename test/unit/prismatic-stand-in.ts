/**
 * A tiny node:http stand-in for a Prismatic stack, for transport tests: `/auth/refresh` and a
 * GraphQL `/api` dispatched by operation name, plus per-test hooks to misbehave (status codes,
 * HTML, resets, silence, huge bodies). The full protocol server lives in test/prismatic-server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  path: string;
  op?: string;
  variables?: Record<string, unknown>;
  authorization?: string;
  client?: string;
  body: string;
}

/** Return undefined to fall through to the normal answer. */
export type Hook = (req: StandInRequest, res: http.ServerResponse, n: number) => boolean | void;

export interface StandIn {
  url: string;
  refreshToken: string;
  requests: StandInRequest[];
  /** Access tokens issued so far. */
  issued: string[];
  ops: Record<string, (vars: Record<string, unknown>) => unknown>;
  hook?: Hook;
  close(): Promise<void>;
}

function jwt(exp: number, n: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp, n })}.sig${n}`;
}

export async function startStandIn(opts: { refreshToken?: string; expiresInSec?: number } = {}): Promise<StandIn> {
  const refreshToken = opts.refreshToken ?? 'rt-stand-in-0123456789';
  const sockets = new Set<import('node:net').Socket>();
  const state: StandIn = {
    url: '',
    refreshToken,
    requests: [],
    issued: [],
    ops: {},
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const entry: StandInRequest = { path: req.url ?? '', body, authorization: req.headers.authorization, client: req.headers['prismatic-client'] as string | undefined };
      if (req.url === '/api') {
        try {
          const parsed = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
          entry.op = /^\s*(?:query|mutation)\s+(\w+)/.exec(parsed.query)?.[1];
          entry.variables = parsed.variables ?? {};
        } catch {
          // leave op undefined
        }
      }
      state.requests.push(entry);
      if (state.hook?.(entry, res, state.requests.length)) return;
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.url === '/auth/refresh') {
        const { refresh_token } = JSON.parse(body || '{}') as { refresh_token?: string };
        if (refresh_token !== refreshToken) return json(401, { error: 'access_denied', error_description: `unknown token ${refresh_token}` });
        const token = jwt(Math.floor(Date.now() / 1000) + (opts.expiresInSec ?? 3600), state.issued.length);
        state.issued.push(token);
        return json(200, { access_token: token, expires_in: opts.expiresInSec ?? 3600, token_type: 'Bearer' });
      }
      if (req.url === '/api') {
        const token = entry.authorization?.replace(/^Bearer /, '');
        if (!token || !state.issued.includes(token)) return json(401, { errors: [{ message: 'Not authenticated' }] });
        const handler = entry.op ? state.ops[entry.op] : undefined;
        if (!handler) return json(200, { data: null, errors: [{ message: `no handler for ${entry.op}` }] });
        return json(200, { data: handler(entry.variables ?? {}) });
      }
      res.writeHead(404).end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** Serves `items` as relay pages of `size`, with offset cursors. */
export function page<T>(items: T[], after: unknown, size: number) {
  const start = typeof after === 'string' && after !== '' ? Number(after.replace('c', '')) + 1 : 0;
  const nodes = items.slice(start, start + size);
  const end = start + nodes.length - 1;
  return { nodes, pageInfo: { hasNextPage: end + 1 < items.length, endCursor: nodes.length ? `c${end}` : null } };
}
