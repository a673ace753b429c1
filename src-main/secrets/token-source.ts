/**
 * Where a region's refresh token comes from: the keychain entry for this workspace and region,
 * else prism's environment variables (PRISMATIC_URL + PRISM_REFRESH_TOKEN [+ PRISMATIC_TENANT_ID])
 * when PRISMATIC_URL names this region's stack — so CI and headless servers work the way prism does,
 * and a US token in the environment is never sent to the EU stack.
 */
import { AppFailure, fail } from '../core/errors';
import type { RegionConfig } from '../core/model';
import { validateStackUrl } from '../core/stacks';
import type { SecretStore } from '../api/ports';
import { tokenAccount } from './account';

/** prism's default when PRISMATIC_URL is unset. */
export const DEFAULT_PRISMATIC_URL = 'https://app.prismatic.io';

export interface ResolvedToken {
  refreshToken: string;
  source: 'keychain' | 'env';
  /** PRISMATIC_TENANT_ID when the token came from the environment. */
  tenant?: string;
}

type Env = Record<string, string | undefined>;

/** An empty string counts as unset, as in prism. */
function envValue(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** The stack the environment points at (normalized), or undefined when no env token is set. */
export function envStack(env: Env): { url: string; refreshToken: string; tenant?: string } | undefined {
  const refreshToken = envValue(env, 'PRISM_REFRESH_TOKEN');
  if (!refreshToken) return undefined;
  const url = validateStackUrl(envValue(env, 'PRISMATIC_URL') ?? DEFAULT_PRISMATIC_URL);
  if (!url.ok) throw new AppFailure({ ...url.error, message: `PRISMATIC_URL: ${url.error.message}` });
  const tenant = envValue(env, 'PRISMATIC_TENANT_ID');
  return { url: url.value, refreshToken, ...(tenant ? { tenant } : {}) };
}

export async function resolveRefreshToken(
  region: RegionConfig,
  opts: { workspaceId: string; secrets: SecretStore; env?: Env },
): Promise<ResolvedToken> {
  const env = opts.env ?? {};
  let keychainProblem: string | undefined;
  try {
    const stored = await opts.secrets.get(tokenAccount(opts.workspaceId, region.id));
    if (stored) return { refreshToken: stored, source: 'keychain' };
  } catch (e) {
    // An unreachable keychain is not fatal while the environment can still supply the token.
    keychainProblem = e instanceof AppFailure ? e.error.message : 'The OS keychain could not be read.';
  }

  const regionUrl = region.url ? validateStackUrl(region.url) : undefined;
  const fromEnv = envStack(env);
  if (fromEnv && regionUrl?.ok && fromEnv.url === regionUrl.value) {
    return { refreshToken: fromEnv.refreshToken, source: 'env', ...(fromEnv.tenant ? { tenant: fromEnv.tenant } : {}) };
  }

  if (keychainProblem) fail('KEYCHAIN_UNAVAILABLE', keychainProblem, { region: region.id });
  fail('AUTH_MISSING', `No token for region "${region.id}"${region.url ? ` (${region.url})` : ''}.`, {
    region: region.id,
    hint: `Run \`region-sync login ${region.id}\`, or set PRISMATIC_URL=${regionUrl?.ok ? regionUrl.value : '<stack url>'} and PRISM_REFRESH_TOKEN.`,
  });
}
