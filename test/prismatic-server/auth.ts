// The token side of a stack: /auth/meta, the Auth0-style /oauth/token (form-encoded, what prism
// calls), Prismatic's own /auth/refresh (JSON, what docs and terraform use), /auth/revoke, and
// verification of the Bearer access tokens /api requires. Access tokens are HS256 JWTs with `exp`
// because prism decodes `exp` when it holds both tokens (§1.1, §8).
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { StackState } from './state';

export interface AuthConfig {
  clientId: string;
  audience: string;
  secret: Buffer;
  accessTokenTtlSeconds: number;
  /** Refresh tokens this stack accepts; revoke empties it. */
  refreshTokens: Set<string>;
}

export function newAuthConfig(refreshToken: string, accessTokenTtlSeconds = 86_400): AuthConfig {
  return {
    clientId: `client-${randomBytes(8).toString('hex')}`,
    audience: 'https://prismatic.io/api',
    secret: randomBytes(32),
    accessTokenTtlSeconds,
    refreshTokens: new Set([refreshToken]),
  };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function sign(auth: AuthConfig, payload: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const mac = createHmac('sha256', auth.secret).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(mac)}`;
}

export type TokenCheck = { ok: true; sub: string } | { ok: false; reason: string };

export function verifyAccessToken(auth: AuthConfig, token: string, nowSeconds = Date.now() / 1000): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'Malformed access token.' };
  const expected = createHmac('sha256', auth.secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'Invalid access token signature.' };
  let payload: { exp?: number; sub?: string; aud?: unknown };
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'Malformed access token.' };
  }
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) return { ok: false, reason: 'Access token has expired.' };
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.includes(auth.audience)) return { ok: false, reason: 'Access token audience mismatch.' };
  return { ok: true, sub: String(payload.sub) };
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Exchanges a refresh token (optionally for a tenant) for an access token. */
export function exchangeRefreshToken(
  auth: AuthConfig,
  state: StackState,
  issuer: string,
  refreshToken: string | undefined,
  tenantId: string | undefined,
  style: 'auth0' | 'prismatic',
): TokenResponse {
  if (!refreshToken || !auth.refreshTokens.has(refreshToken)) {
    // Auth0 answers an unknown or revoked refresh token with 403 invalid_grant; Prismatic's own
    // endpoint with 401 access_denied.
    return style === 'auth0'
      ? { status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } }
      : { status: 401, body: { error: 'access_denied', error_description: 'Unknown or invalid refresh token.' } };
  }
  if (tenantId && tenantId !== state.org.tenantId) {
    return { status: 403, body: { error: 'access_denied', error_description: 'You do not have access to the specified tenant.' } };
  }
  return {
    status: 200,
    body: {
      access_token: issueAccessToken(auth, state, issuer),
      expires_in: auth.accessTokenTtlSeconds,
      token_type: 'Bearer',
      scope: SCOPE,
    },
  };
}

const SCOPE = 'openid profile email offline_access';

export function issueAccessToken(auth: AuthConfig, state: StackState, issuer: string): string {
  const iat = Math.floor(Date.now() / 1000);
  return sign(auth, {
    iss: issuer,
    sub: `auth0|${state.currentUser.id}`,
    aud: [auth.audience, `${issuer}userinfo`],
    iat,
    exp: iat + auth.accessTokenTtlSeconds,
    azp: auth.clientId,
    scope: SCOPE,
    jti: randomUUID(),
    'https://prismatic.io/tenant_id': state.org.tenantId,
  });
}

/** POST /auth/revoke revokes every refresh token of the user (§1.2). */
export function revokeRefreshToken(auth: AuthConfig, refreshToken: string | undefined): TokenResponse {
  if (!refreshToken || !auth.refreshTokens.has(refreshToken)) {
    return { status: 401, body: { error: 'access_denied', error_description: 'Unknown or invalid refresh token.' } };
  }
  auth.refreshTokens.clear();
  return { status: 200, body: {} };
}
