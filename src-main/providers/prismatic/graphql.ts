/**
 * GraphQL over `POST {url}/api`, the way prism talks to a stack (prismatic-api.md §1.4): bearer
 * access token, JSON `{query, variables}`, errors read from `errors[0].message` when `data` is
 * missing and from each mutation payload's `errors: [{field, messages}]`. A 401 (or an auth error
 * in the body) gets exactly one fresh token exchange before it becomes AUTH_FAILED.
 */
import { AppFailure, fail } from '../../core/errors';
import type { OpContext } from '../../api/ports';
import type { AccessTokenSource } from './auth';
import type { HttpRequester } from './http';
import { redact } from './http';
import { classifyNonJson } from './answers';

/** Sent as `Prismatic-Client`, so the stack's logs tell our traffic apart from prism's. */
export const CLIENT_NAME = 'region-sync';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface Connection<N> {
  nodes: N[];
  pageInfo?: PageInfo;
}

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: unknown }>;
}

const AUTH_MESSAGE = /not authenticated|unauthori[sz]ed|authentication|invalid token|expired token|jwt/i;

export interface GraphqlClient {
  query<T>(what: string, doc: string, variables: Record<string, unknown>, ctx?: OpContext): Promise<T>;
  /** Runs a mutation and returns `data[field]`, failing on its `errors` list. */
  mutate<T>(what: string, doc: string, variables: Record<string, unknown>, field: string, ctx?: OpContext): Promise<T>;
  /** Follows a relay connection from `after: ""` until `hasNextPage` is false. */
  pages<N>(
    what: string,
    doc: string,
    variables: Record<string, unknown>,
    pick: (data: any) => Connection<N> | null | undefined,
    ctx?: OpContext,
    onPage?: (nodes: N[]) => void,
  ): Promise<N[]>;
}

export function createGraphqlClient(opts: { url: string; regionId: string; http: HttpRequester; auth: AccessTokenSource }): GraphqlClient {
  const region = opts.regionId;
  const scrub = (text: string) => redact(text, opts.auth.secrets());
  const authFailed = (detail: string): never =>
    fail('AUTH_FAILED', `Region "${region}" did not accept our access token (${scrub(detail).slice(0, 300)}).`, {
      region,
      hint: `Run \`region-sync login ${region}\` with a fresh refresh token, or check the token belongs to this stack and tenant.`,
    });

  async function post(what: string, doc: string, variables: Record<string, unknown>, idempotent: boolean, ctx?: OpContext, urgent = false): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const token = await opts.auth.get(ctx);
      const answer = await opts.http(
        {
          method: 'POST',
          url: `${opts.url}/api`,
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            Authorization: `Bearer ${token}`,
            'Prismatic-Client': CLIENT_NAME,
          },
          body: JSON.stringify({ query: doc, variables }),
          idempotent,
          what: `GraphQL ${what}`,
          urgent,
        },
        ctx,
      );
      const retryAuth = () => {
        opts.auth.invalidate(token);
        return attempt === 0;
      };
      if (answer.status === 401 || answer.status === 403) {
        if (retryAuth()) continue;
        authFailed(`HTTP ${answer.status}`);
      }
      const body = classifyNonJson(answer, region, `GraphQL ${what}`) as GraphqlBody;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        fail('RESPONSE_INVALID', `GraphQL ${what}: region "${region}" answered with JSON that is not a GraphQL response.`, { region });
      if (!body.data) {
        const first = body.errors?.[0]?.message;
        const message = typeof first === 'string' ? first : `no data (HTTP ${answer.status})`;
        if (AUTH_MESSAGE.test(message)) {
          if (retryAuth()) continue;
          authFailed(message);
        }
        fail('REMOTE_ERROR', `GraphQL ${what} failed in region "${region}": ${scrub(message).slice(0, 500)}`, {
          region,
          details: { status: answer.status },
        });
      }
      return body.data;
    }
  }

  const client: GraphqlClient = {
    async query<T>(what: string, doc: string, variables: Record<string, unknown>, ctx?: OpContext) {
      return (await post(what, doc, variables, true, ctx)) as T;
    },

    async mutate<T>(what: string, doc: string, variables: Record<string, unknown>, field: string, ctx?: OpContext) {
      const data = await post(what, doc, variables, false, ctx);
      const payload = data[field] as { errors?: Array<{ field?: string; messages?: string[] }> } | null | undefined;
      const errors = payload?.errors ?? [];
      if (errors.length > 0) {
        const fields = errors.map((e) => e.field ?? '__all__');
        const text = errors.map((e) => (e.field && e.field !== '__all__' ? `${e.field}: ` : '') + (e.messages ?? []).join('; ')).join(' | ');
        fail('REMOTE_VALIDATION', `${what} was refused by region "${region}": ${scrub(text).slice(0, 1000)}`, {
          region,
          details: { fields },
        });
      }
      if (!payload) fail('RESPONSE_INVALID', `${what}: region "${region}" answered without a "${field}" result.`, { region });
      return payload as T;
    },

    async pages<N>(what: string, doc: string, variables: Record<string, unknown>, pick: (data: any) => Connection<N> | null | undefined, ctx?: OpContext, onPage?: (nodes: N[]) => void) {
      const all: N[] = [];
      const seen = new Set<string>();
      let after = '';
      for (;;) {
        // Pages go ahead of queued detail requests: every page unlocks a batch of further work.
        const data = await post(what, doc, { ...variables, after }, true, ctx, true);
        const conn = pick(data);
        if (!conn) return all;
        if (!Array.isArray(conn.nodes))
          throw new AppFailure({ code: 'RESPONSE_INVALID', message: `GraphQL ${what}: region "${region}" answered a page without a nodes list.`, region });
        all.push(...conn.nodes);
        onPage?.(conn.nodes);
        const next = conn.pageInfo?.hasNextPage ? conn.pageInfo.endCursor : undefined;
        if (!next) return all;
        // A stack that hands back a cursor twice would page forever.
        if (seen.has(next))
          fail('RESPONSE_INVALID', `GraphQL ${what}: region "${region}" returned the same page cursor twice.`, { region });
        seen.add(next);
        after = next;
      }
    },
  };
  return client;
}
