// startStack: one Prismatic-protocol stack on 127.0.0.1 (HTTP and TLS on the same port), with its
// own state, tokens, ids and version counters, so several can run side by side.
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { issueAccessToken, newAuthConfig, type AuthConfig } from './auth';
import { demoSeed } from './demo-seed';
import { FaultController, applyFault, type RequestFacts } from './faults';
import { inspectRequest } from './graphql-handler';
import { routeRequest, type Reply } from './routes';
import { buildStackSchema } from './schema/index';
import { attachResolvers } from './resolvers/index';
import { applySeed } from './seed';
import { StackState } from './state';
import { dualProtocolServer, sharedCert } from './tls';
import type { FaultPlan, RequestLog, StackSeed } from './types';

export type { FaultPlan, RequestLog, StackSeed } from './types';
export { FaultController } from './faults';
export { StackState } from './state';

export interface StackOptions {
  port?: number;
  /** Default: the built-in demo seed. Pass `{}` for an empty stack (one org, one user). */
  seed?: StackSeed;
  refreshToken?: string;
  /** Organization name (overrides the seed's). */
  name?: string;
  org?: string;
  faults?: FaultPlan;
  /** Serve TLS on the same port (needed by the real prism's token exchange). Default true. */
  tls?: boolean;
  /** Default Relay page size when a query sends no `first`. Default 20 (or the seed's). */
  pageSize?: number;
  accessTokenTtlSeconds?: number;
  /** Reported by listUserTenants. */
  awsRegion?: string;
}

export interface StackHandle {
  url: string;
  refreshToken: string;
  port: number;
  state: StackState;
  faults: FaultController;
  /** Method, path, GraphQL operation and top-level fields of every request: never tokens or bodies. */
  requests: RequestLog[];
  /** PEM of the self-signed certificate (NODE_EXTRA_CA_CERTS); empty when tls is false. */
  caCertPath: string;
  /** The OAuth client id /auth/meta advertises. */
  clientId: string;
  /** A valid access token, for clients that skip the exchange (PRISM_ACCESS_TOKEN). */
  issueAccessToken(): string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', ...reply.headers });
  res.end(body);
}

export async function startStack(opts: StackOptions = {}): Promise<StackHandle> {
  const seed = opts.seed ?? demoSeed();
  const refreshToken = opts.refreshToken ?? seed.refreshToken ?? `rt-${randomBytes(16).toString('hex')}`;
  const state = new StackState(opts.org ?? opts.name ?? seed.org?.name ?? 'Test Org');
  applySeed(state, seed);
  if (opts.org ?? opts.name) state.org.name = (opts.org ?? opts.name)!;
  if (opts.awsRegion) state.awsRegion = opts.awsRegion;
  const auth: AuthConfig = newAuthConfig(refreshToken, opts.accessTokenTtlSeconds);
  const faults = new FaultController(opts.faults);
  const requests: RequestLog[] = [];
  const schema = attachResolvers(buildStackSchema());
  const pageSize = opts.pageSize ?? seed.pageSize ?? 20;
  const useTls = opts.tls !== false;
  const cert = useTls ? await sharedCert() : null;
  const sockets = new Set<Socket>();
  let port = 0;
  const base = () => `http://127.0.0.1:${port}`;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    if (raw === null) return send(res, { status: 413, body: { errors: [{ message: 'Request body too large' }] } });
    let json: unknown;
    const isJson = (req.headers['content-type'] ?? '').includes('application/json');
    if (isJson && raw.length) {
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = undefined;
      }
    }
    const gql = path === '/api' && method === 'POST' ? inspectRequest(json) : undefined;
    const facts: RequestFacts = { method, path, operation: gql?.operation, fields: gql?.fields ?? [] };
    const log: RequestLog = {
      method,
      path,
      ...(gql ? { operation: gql.operation, fields: gql.fields } : {}),
      tls: 'encrypted' in req.socket && req.socket.encrypted === true,
    };
    requests.push(log);

    const latency = faults.latencyFor(facts);
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const ctx = { state, baseUrl: base(), pageSize };
    const compute = () => routeRequest({ method, path, headers: req.headers, raw, json, gql, ctx, auth, schema });
    const rule = faults.pick(facts);
    if (rule) {
      log.fault = rule.kind;
      log.status = rule.kind === 'status500' ? 500 : rule.kind === 'rateLimit' ? 429 : undefined;
      await applyFault(rule, res, async () => {
        const reply = await compute();
        return typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      });
      return;
    }
    const reply = await compute();
    log.status = reply.status;
    send(res, reply);
  };
  const wrapped = (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch((e) => {
      if (!res.headersSent) send(res, { status: 500, body: { errors: [{ message: `Test server error: ${(e as Error).message}` }] } });
    });
  };

  const http = createHttpServer(wrapped);
  const https = cert ? createHttpsServer({ key: cert.key, cert: cert.cert }, wrapped) : null;
  const tcp = dualProtocolServer(http, https, sockets);
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (tcp.address() as { port: number }).port;

  return {
    url: base(),
    refreshToken,
    port,
    state,
    faults,
    requests,
    caCertPath: cert?.certPath ?? '',
    clientId: auth.clientId,
    issueAccessToken: () => issueAccessToken(auth, state, `https://127.0.0.1:${port}/`),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
