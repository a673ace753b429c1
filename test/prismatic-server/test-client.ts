// A tiny client for tests of the stack itself: exchange the refresh token and post GraphQL.
// Deliberately not region-sync's provider: the server is tested against the protocol, not a client.
import type { StackHandle } from './server';

export async function exchange(stack: Pick<StackHandle, 'url' | 'refreshToken'>, refreshToken = stack.refreshToken) {
  const res = await fetch(`${stack.url}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function accessToken(stack: Pick<StackHandle, 'url' | 'refreshToken'>): Promise<string> {
  const { status, body } = await exchange(stack);
  if (status !== 200) throw new Error(`token exchange failed with ${status}`);
  return String(body.access_token);
}

export interface GqlClient {
  (query: string, variables?: Record<string, unknown>): Promise<any>;
  raw(query: string, variables?: Record<string, unknown>, init?: RequestInit): Promise<Response>;
}

export async function client(stack: StackHandle): Promise<GqlClient> {
  const token = await accessToken(stack);
  const raw = (query: string, variables: Record<string, unknown> = {}, init: RequestInit = {}) =>
    fetch(`${stack.url}/api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Prismatic-Client': 'test' },
      body: JSON.stringify({ query, variables }),
      ...init,
    });
  const call = (async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await raw(query, variables);
    const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }) as GqlClient;
  call.raw = raw;
  return call;
}
