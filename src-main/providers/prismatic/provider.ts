/**
 * The RegionProvider for a live Prismatic stack: token from the keychain (or prism's environment
 * variables), exchanged for an access token kept in memory, GraphQL with bounded concurrency and
 * retries. Nothing here ever writes a token anywhere; every error message is scrubbed of them.
 */
import { AppFailure, fail, type AppError } from '../../core/errors';
import type { RegionConfig } from '../../core/model';
import { validateStackUrl } from '../../core/stacks';
import type { RegionWrite, WriteOutcome } from '../../core/plan/types';
import type { OpContext, RegionIdentity, RegionProvider, SecretStore } from '../../api/ports';
import { resolveRefreshToken, type ResolvedToken } from '../../secrets/token-source';
import { createAccessTokenSource, type AccessTokenSource } from './auth';
import { createGraphqlClient, type GraphqlClient } from './graphql';
import { createHttp, DEFAULT_HTTP_LIMITS, redact, type HttpLimits, type HttpRequester } from './http';
import { createLimiter } from './limiter';
import * as Q from './operations';
import { pullSnapshot } from './pull';
import { applyWrite } from './writes';

export interface PrismaticProviderEnv {
  workspaceId: string;
  secrets: SecretStore;
  /** Where PRISMATIC_URL / PRISM_REFRESH_TOKEN / PRISMATIC_TENANT_ID are read (usually process.env). */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  limits?: Partial<HttpLimits> & { writeAttempts?: number; publishPollTries?: number; publishPollMs?: number };
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface PrismaticProvider extends RegionProvider {
  /** Where the token came from (after the first call). */
  authSource(): Promise<ResolvedToken['source']>;
  /** Exchanges the token once; used by `login` to verify a token before storing it. */
  verify(ctx?: OpContext): Promise<void>;
}

interface Session {
  gql: GraphqlClient;
  http: HttpRequester;
  auth: AccessTokenSource;
  token: ResolvedToken;
  tenant?: string;
}

/** Codes after which repeating the whole write (which re-reads state first) is safe and useful. */
const TRANSIENT: ReadonlySet<AppError['code']> = new Set(['TIMEOUT', 'REGION_UNREACHABLE', 'RATE_LIMITED']);

export function createPrismaticProvider(region: RegionConfig, env: PrismaticProviderEnv, preset?: ResolvedToken): PrismaticProvider {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...env.limits };
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = env.now ?? (() => new Date());
  const limiter = createLimiter(limits.concurrency);
  let session: Promise<Session> | undefined;
  let secretsSeen: readonly string[] = [];

  const url = (() => {
    if (region.kind !== 'prismatic' || !region.url)
      return { error: { code: 'INVALID_INPUT', message: `Region "${region.id}" is not a Prismatic stack with a URL.`, region: region.id } as AppError };
    const v = validateStackUrl(region.url);
    return v.ok ? { value: v.value } : { error: { ...v.error, region: region.id } };
  })();

  async function open(): Promise<Session> {
    if ('error' in url && url.error) throw new AppFailure(url.error);
    const base = (url as { value: string }).value;
    const token = preset ?? (await resolveRefreshToken(region, { workspaceId: env.workspaceId, secrets: env.secrets, env: env.env ?? {} }));
    const tenant = region.tenant ?? token.tenant;
    let auth: AccessTokenSource | undefined;
    const http = createHttp({
      fetch: env.fetch ?? globalThis.fetch,
      regionId: region.id,
      limits,
      limiter,
      secrets: () => auth?.secrets() ?? [token.refreshToken],
      sleep,
    });
    auth = createAccessTokenSource({ url: base, regionId: region.id, refreshToken: token.refreshToken, ...(tenant ? { tenant } : {}), http });
    const a = auth;
    secretsSeen = [token.refreshToken];
    const gql = createGraphqlClient({ url: base, regionId: region.id, http, auth: a });
    return { gql, http, auth: a, token, ...(tenant ? { tenant } : {}) };
  }

  const sessionOf = (): Promise<Session> => {
    session ??= open().catch((e) => {
      session = undefined; // a later call (after `login`) may succeed
      throw e;
    });
    return session;
  };

  /** Last line of defence: whatever escapes carries no token, whatever code path made it. */
  async function guarded<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    try {
      const s = await sessionOf();
      secretsSeen = s.auth.secrets();
      return await fn(s);
    } catch (e) {
      const error: AppError = e instanceof AppFailure ? e.error : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
      const scrub = (t: string) => redact(t, secretsSeen);
      throw new AppFailure({
        ...error,
        message: scrub(error.message),
        ...(error.hint ? { hint: scrub(error.hint) } : {}),
        region: error.region ?? region.id,
      });
    }
  }

  async function whoamiRaw(s: Session, ctx?: OpContext) {
    const data = await s.gql.query<{
      authenticatedUser: { name?: string; email?: string; tenantId?: string | null; org?: { id: string; name: string } | null; customer?: { id: string; name: string } | null };
    }>('whoami', Q.WHOAMI, {}, ctx);
    return data.authenticatedUser;
  }

  return {
    region,

    async authSource() {
      return guarded(async (s) => s.token.source);
    },

    async verify(ctx) {
      await guarded(async (s) => {
        await s.auth.get(ctx);
      });
    },

    async whoami(ctx) {
      return guarded(async (s): Promise<RegionIdentity> => {
        const u = await whoamiRaw(s, ctx);
        const tenant = u.tenantId ?? s.tenant;
        return {
          ...(u.name ? { name: u.name } : {}),
          ...(u.email ? { email: u.email } : {}),
          ...(u.org ? { org: u.org.name, orgId: u.org.id } : u.customer ? { org: `customer ${u.customer.name}` } : {}),
          ...(tenant ? { tenant } : {}),
          endpoint: (url as { value: string }).value,
        };
      });
    },

    async pull(ctx) {
      return guarded(async (s) => {
        const me = await whoamiRaw(s, ctx);
        if (region.org && me.org?.name !== region.org)
          fail('WRONG_TENANT', `Region "${region.id}" answers as org "${me.org?.name ?? '(none)'}", not "${region.org}".`, {
            region: region.id,
            hint: 'Check the token belongs to the right tenant (PRISMATIC_TENANT_ID / region tenant), or fix `org` in region-sync.yaml.',
          });
        const tenant = me.tenantId ?? s.tenant;
        return pullSnapshot({
          gql: s.gql,
          regionId: region.id,
          url: (url as { value: string }).value,
          ...(me.org?.name ? { org: me.org.name } : {}),
          ...(tenant ? { tenant } : {}),
          now,
          ...(limits.pageSize > 0 ? { pageSize: limits.pageSize } : {}),
          ...(ctx ? { ctx } : {}),
        });
      });
    },

    async write(w: RegionWrite, ctx?: OpContext): Promise<WriteOutcome> {
      return guarded(async (s) => {
        const attempts = Math.max(1, env.limits?.writeAttempts ?? 3);
        for (let n = 1; ; n++) {
          try {
            return await applyWrite(
              w,
              { gql: s.gql, http: s.http, regionId: region.id, sleep, publishPollTries: env.limits?.publishPollTries, publishPollMs: env.limits?.publishPollMs },
              ctx,
            );
          } catch (e) {
            // Each write starts by reading the region, so running it again finds what the lost attempt did.
            const transient = e instanceof AppFailure && (TRANSIENT.has(e.error.code) || (e.error.code === 'REMOTE_ERROR' && Number(e.error.details?.status) >= 500));
            if (!transient || n >= attempts || ctx?.signal?.aborted) throw e;
            await sleep(limits.baseDelayMs * 2 ** n * (0.5 + Math.random() / 2));
          }
        }
      });
    },
  };
}
