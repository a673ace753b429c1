import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../src-main/core/errors';
import { PUBLIC_STACKS, findPublicStack, validateStackUrl } from '../../src-main/core/stacks';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import { resolveRefreshToken } from '../../src-main/secrets/token-source';
import { tokenAccount } from '../../src-main/secrets/account';
import { createLimiter } from '../../src-main/providers/prismatic/limiter';

describe('validateStackUrl', () => {
  it.each([
    ['https://app.prismatic.io/', 'https://app.prismatic.io'],
    ['HTTPS://App.EU-West-1.Prismatic.io', 'https://app.eu-west-1.prismatic.io'],
    ['https://app.prismatic.io:443', 'https://app.prismatic.io'],
    ['https://private.example.com:8443', 'https://private.example.com:8443'],
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100'],
    ['http://127.5.6.7', 'http://127.5.6.7'],
    ['http://localhost:99/', 'http://localhost:99'],
    ['http://[::1]:4100', 'http://[::1]:4100'],
  ])('accepts %s as %s', (input, normal) => {
    expect(validateStackUrl(input)).toEqual({ ok: true, value: normal });
  });

  it.each([
    ['http://app.prismatic.io', 'https'],
    ['http://128.0.0.1', 'https'],
    ['http://localhost.evil.com', 'https'],
    ['https://app.prismatic.io/api', 'path'],
    ['https://app.prismatic.io?x=1', 'path'],
    ['https://user:pw@app.prismatic.io', 'user name'],
    ['ftp://app.prismatic.io', 'https'],
    ['app.prismatic.io', 'not a URL'],
    ['https://host:99999', 'not a valid host'],
  ])('refuses %s', (input, why) => {
    const r = validateStackUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toContain(why);
    }
  });

  it('knows the public stacks, each already in normal form', () => {
    for (const s of PUBLIC_STACKS) expect(validateStackUrl(s.url)).toEqual({ ok: true, value: s.url });
    expect(findPublicStack('https://app.us-gov-west-1.prismatic.io/')?.id).toBe('gov');
    expect(new Set(PUBLIC_STACKS.map((s) => s.id)).size).toBe(PUBLIC_STACKS.length);
  });
});

describe('resolveRefreshToken', () => {
  const eu = { id: 'eu', kind: 'prismatic' as const, url: 'https://app.eu-west-1.prismatic.io' };

  it('prefers the keychain entry of the workspace and region', async () => {
    const s = new MemorySecretStore();
    await s.set(tokenAccount('acme', 'eu'), 'from-keychain');
    const env = { PRISMATIC_URL: eu.url, PRISM_REFRESH_TOKEN: 'from-env' };
    expect(await resolveRefreshToken(eu, { workspaceId: 'acme', secrets: s, env })).toEqual({ refreshToken: 'from-keychain', source: 'keychain' });
  });

  it('uses the environment only when PRISMATIC_URL names this stack', async () => {
    const s = new MemorySecretStore();
    const env = { PRISMATIC_URL: 'https://app.eu-west-1.prismatic.io/', PRISM_REFRESH_TOKEN: 'from-env', PRISMATIC_TENANT_ID: 't9' };
    expect(await resolveRefreshToken(eu, { workspaceId: 'acme', secrets: s, env })).toEqual({ refreshToken: 'from-env', source: 'env', tenant: 't9' });
    const us = { id: 'us', kind: 'prismatic' as const, url: 'https://app.prismatic.io' };
    await expect(resolveRefreshToken(us, { workspaceId: 'acme', secrets: s, env })).rejects.toMatchObject({ error: { code: 'AUTH_MISSING' } });
  });

  it('treats an unset PRISMATIC_URL as prism does (US commercial) and empty strings as unset', async () => {
    const s = new MemorySecretStore();
    const us = { id: 'us', kind: 'prismatic' as const, url: 'https://app.prismatic.io' };
    expect((await resolveRefreshToken(us, { workspaceId: 'w', secrets: s, env: { PRISM_REFRESH_TOKEN: 'x' } })).source).toBe('env');
    const e = await resolveRefreshToken(us, { workspaceId: 'w', secrets: s, env: { PRISM_REFRESH_TOKEN: '' } }).catch((x: AppFailure) => x.error);
    expect(e).toMatchObject({ code: 'AUTH_MISSING', region: 'us' });
    expect((e as { hint: string }).hint).toContain('region-sync login us');
  });

  it('says the keychain is unavailable (not "no token") when it cannot be read and env does not apply', async () => {
    const broken = new MemorySecretStore();
    broken.get = async () => {
      throw new AppFailure({ code: 'KEYCHAIN_UNAVAILABLE', message: 'No Secret Service found' });
    };
    await expect(resolveRefreshToken(eu, { workspaceId: 'w', secrets: broken, env: {} })).rejects.toMatchObject({
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'No Secret Service found' },
    });
    const env = { PRISMATIC_URL: eu.url, PRISM_REFRESH_TOKEN: 'e' };
    expect((await resolveRefreshToken(eu, { workspaceId: 'w', secrets: broken, env })).source).toBe('env');
  });
});

describe('limiter', () => {
  it('never runs more than its limit at once, and halves on backOff', async () => {
    const lim = createLimiter(4);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      lim.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      });
    const all = Array.from({ length: 10 }, task);
    await new Promise((r) => setImmediate(r));
    expect(active).toBe(4);
    lim.backOff();
    expect(lim.limit).toBe(2);
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(peak).toBe(4);
  });
});
