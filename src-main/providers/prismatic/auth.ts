/**
 * Refresh token → access token, by the documented exchange `POST {url}/auth/refresh` (no Auth0
 * round trip; prismatic-api.md §1.3). The access token stays in memory only, reused until shortly
 * before it expires (JWT `exp`, else `expires_in`), and concurrent callers share one exchange.
 */
import { fail } from '../../core/errors';
import type { OpContext } from '../../api/ports';
import type { HttpRequester } from './http';
import { classifyNonJson } from './answers';

export interface AccessTokenSource {
  get(ctx?: OpContext): Promise<string>;
  /** The stack said 401: forget the cached token so the next get() exchanges again. */
  invalidate(token: string): void;
  /** Tokens to scrub from any message (refresh + current access token). */
  secrets(): string[];
}

/** Refresh this long before expiry so a request never starts with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;
/** When the answer says nothing about lifetime, re-exchange after this long. */
const UNKNOWN_LIFETIME_MS = 5 * 60_000;

/** `exp` (seconds since epoch) of a JWT, without verifying it: only used to schedule a refresh. */
export function jwtExpiryMs(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function createAccessTokenSource(opts: {
  url: string;
  regionId: string;
  refreshToken: string;
  tenant?: string;
  http: HttpRequester;
  now?: () => number;
}): AccessTokenSource {
  const now = opts.now ?? Date.now;
  /** `expiresAt` already has the safety margin taken off. */
  let current: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  // Every access token ever issued here, so an old one echoed back by a stack is still scrubbed.
  const issued: string[] = [];
  const region = opts.regionId;
  const loginHint = `Run \`region-sync login ${region}\` with a fresh refresh token (Prismatic: Settings → Refresh tokens), or set PRISM_REFRESH_TOKEN.`;

  async function exchange(ctx?: OpContext): Promise<string> {
    const answer = await opts.http(
      {
        method: 'POST',
        url: `${opts.url}/auth/refresh`,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: opts.refreshToken, ...(opts.tenant ? { tenant_id: opts.tenant } : {}) }),
        // Exchanging a refresh token changes nothing server-side, so it may be repeated.
        idempotent: true,
        what: 'Token exchange',
      },
      ctx,
    );
    if (answer.status === 400 || answer.status === 401 || answer.status === 403)
      fail('AUTH_FAILED', `Region "${region}" refused the refresh token (HTTP ${answer.status}): it is wrong, expired or revoked${opts.tenant ? `, or not valid for tenant ${opts.tenant}` : ''}.`, {
        region,
        hint: loginHint,
      });
    const body = classifyNonJson(answer, region, 'Token exchange');
    if (answer.status !== 200)
      fail('AUTH_FAILED', `Region "${region}" could not exchange the refresh token (HTTP ${answer.status}).`, { region, hint: loginHint });
    const accessToken = (body as { access_token?: unknown })?.access_token;
    if (typeof accessToken !== 'string' || accessToken === '')
      fail('RESPONSE_INVALID', `Region "${region}" answered the token exchange without an access_token.`, {
        region,
        hint: 'Check the region URL points at a Prismatic stack.',
      });
    const expiresIn = (body as { expires_in?: unknown }).expires_in;
    const expiresAt =
      jwtExpiryMs(accessToken) ?? (typeof expiresIn === 'number' && expiresIn > 0 ? now() + expiresIn * 1000 : now() + UNKNOWN_LIFETIME_MS);
    // Short-lived tokens (tests, some tenants) would otherwise be "about to expire" from birth.
    const margin = Math.min(EXPIRY_MARGIN_MS, Math.max(0, expiresAt - now()) / 4);
    current = { token: accessToken, expiresAt: expiresAt - margin };
    issued.push(accessToken);
    return accessToken;
  }

  return {
    async get(ctx) {
      if (current && current.expiresAt > now()) return current.token;
      if (!inFlight)
        inFlight = exchange(ctx).finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
    secrets() {
      return [opts.refreshToken, ...issued];
    },
  };
}

