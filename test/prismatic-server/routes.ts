// The HTTP surface of a stack (§7): auth endpoints, GraphQL, presigned uploads and webhook URLs.
import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { exchangeRefreshToken, revokeRefreshToken, verifyAccessToken, type AuthConfig } from './auth';
import { acceptPackage } from './component-ops';
import { runGraphQL, type ParsedRequest } from './graphql-handler';
import type { StackContext } from './resolvers/context';

export interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteInput {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: unknown;
  gql?: ParsedRequest;
  ctx: StackContext;
  auth: AuthConfig;
  schema: GraphQLSchema;
}

const unauthorized = (message: string): Reply => ({ status: 401, body: { data: null, errors: [{ message }] } });

function field(json: unknown, name: string): string | undefined {
  const v = json && typeof json === 'object' ? (json as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export async function routeRequest(input: RouteInput): Promise<Reply> {
  const { method, path, ctx, auth } = input;
  const issuer = `https://${new URL(ctx.baseUrl).host}/`;

  if (method === 'GET' && path === '/auth/meta') {
    return { status: 200, body: { domain: new URL(ctx.baseUrl).host, clientId: auth.clientId, audience: auth.audience } };
  }
  if (method === 'POST' && path === '/oauth/token') {
    const form = new URLSearchParams(input.raw.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant !== 'refresh_token') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grant ?? ''}` } };
    }
    if (form.get('client_id') !== auth.clientId) {
      return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
    }
    const reply = exchangeRefreshToken(auth, ctx.state, issuer, form.get('refresh_token') ?? undefined, form.get('tenant_id') ?? undefined, 'auth0');
    return { status: reply.status, body: reply.body };
  }
  if (method === 'POST' && path === '/auth/refresh') {
    const reply = exchangeRefreshToken(auth, ctx.state, issuer, field(input.json, 'refresh_token'), field(input.json, 'tenant_id'), 'prismatic');
    return { status: reply.status, body: reply.body };
  }
  if (method === 'POST' && path === '/auth/revoke') {
    const reply = revokeRefreshToken(auth, field(input.json, 'refresh_token'));
    return { status: reply.status, body: reply.body };
  }
  if (path === '/api') {
    if (method !== 'POST') return { status: 405, body: { errors: [{ message: 'Use POST' }] }, headers: { Allow: 'POST' } };
    const header = input.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return unauthorized('Authentication credentials were not provided.');
    const check = verifyAccessToken(auth, match[1]);
    if (!check.ok) return unauthorized(check.reason);
    const result = await runGraphQL(input.schema, input.gql!, ctx);
    return { status: result.status, body: result.body };
  }
  if (method === 'PUT' && path.startsWith('/uploads/')) {
    const target = ctx.state.uploads.get(path.slice('/uploads/'.length));
    if (!target) return { status: 403, body: '<Error><Code>AccessDenied</Code></Error>', contentType: 'application/xml' };
    if (target.kind === 'package') acceptPackage(ctx.state, target.componentId, input.raw);
    return { status: 200, body: '' , contentType: 'text/plain' };
  }
  if (method === 'POST' && path.startsWith('/trigger/')) {
    return { status: 200, body: { executionId: `SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6${Date.now()}` } };
  }
  return { status: 404, body: { errors: [{ message: `Not found: ${method} ${path}` }] } };
}
