/**
 * A prismatic provider for tests: its refresh token in an in-memory secret store, fast retry
 * delays, and every backoff it would have slept recorded in `sleeps` instead of waited.
 */
import { AppFailure, type AppError } from '../../src-main/core/errors';
import { createPrismaticProvider, type PrismaticProvider } from '../../src-main/providers/prismatic';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import { tokenAccount } from '../../src-main/secrets/account';

export interface TestProvider {
  provider: PrismaticProvider;
  sleeps: number[];
}

export async function testProvider(
  stack: { url: string },
  token: string,
  opts: { region?: string; timeoutMs?: number; limits?: Record<string, number> } = {},
): Promise<TestProvider> {
  const region = opts.region ?? 'gov';
  const sleeps: number[] = [];
  const secrets = new MemorySecretStore();
  await secrets.set(tokenAccount('ws', region), token);
  const provider = createPrismaticProvider(
    { id: region, kind: 'prismatic', url: stack.url },
    {
      workspaceId: 'ws',
      secrets,
      env: {},
      limits: { timeoutMs: opts.timeoutMs ?? 3000, retries: 3, baseDelayMs: 1, ...opts.limits },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
  );
  return { provider, sleeps };
}

/** The error value a promise fails with; anything but an AppFailure fails the test. */
export async function failureOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.error;
    throw e;
  }
  throw new Error('expected a failure');
}
