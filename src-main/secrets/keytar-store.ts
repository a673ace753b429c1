/**
 * The OS keychain (macOS Keychain, Windows Credential Vault, Secret Service on Linux) through
 * keytar. This file is the ONLY importer of keytar, and it loads it lazily: a missing native build
 * or a Linux box without a Secret Service must become a clear KEYCHAIN_UNAVAILABLE value, not a
 * crash at startup. There is deliberately no plaintext-file fallback — a token silently written to
 * disk is worse than a refused login; headless users get the environment variables instead.
 */
import { createRequire } from 'node:module';
import { fail } from '../core/errors';
import type { SecretStore, SecretStoreStatus } from '../api/ports';
import { KEYCHAIN_SERVICE } from './account';

interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const HEADLESS = 'or use PRISMATIC_URL and PRISM_REFRESH_TOKEN (plus PRISMATIC_TENANT_ID if needed) for headless use.';

export interface KeychainProblem {
  /** What is missing, with the library's own words in brackets. */
  problem: string;
  /** How to get it, or how to do without it. */
  remedy: string;
}

/** Turns keytar/libsecret failures into "what is missing" and "how to get it". Never includes secrets. */
export function explainKeychainError(raw: string, platform: string = process.platform): KeychainProblem {
  const m = raw.slice(0, 300);
  if (platform === 'linux') {
    if (/could not connect|autolaunch d-bus|failed to connect|dbus_session_bus_address|serviceunknown|not provided by any \.service/i.test(m))
      return {
        problem: `No Secret Service found (is gnome-keyring or KWallet running in a D-Bus session?) [${m}]`,
        remedy: `Start one, e.g. \`dbus-run-session -- sh -c 'printf <password> | gnome-keyring-daemon --unlock --components=secrets; …'\`, ${HEADLESS}`,
      };
    if (/collection|locked|prompt|dismissed|cancel/i.test(m))
      return {
        problem: `The Secret Service is running but its default keyring is locked or missing [${m}]`,
        remedy: `Unlock it (e.g. \`printf <password> | gnome-keyring-daemon --unlock\`, or log in to the desktop session), ${HEADLESS}`,
      };
  }
  return { problem: `The OS keychain could not be used [${m}]`, remedy: `Check the system keychain, ${HEADLESS}` };
}

/** Never stored: accounts are `<workspaceId>/<regionId>`, which cannot start with a NUL. */
const PROBE_ACCOUNT = '\u0000region-sync-probe';

let cached: { api?: KeytarApi; loadError?: KeychainProblem } | undefined;

function loadKeytar(): { api?: KeytarApi; loadError?: KeychainProblem } {
  if (cached) return cached;
  try {
    const require = createRequire(import.meta.url);
    cached = { api: require('keytar') as KeytarApi };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    cached = {
      loadError: {
        problem: `The keychain module (keytar) could not be loaded [${why.slice(0, 200)}]`,
        remedy: `Rebuild it (on Linux it needs libsecret-1-dev: \`npm rebuild keytar\`), ${HEADLESS}`,
      },
    };
  }
  return cached;
}

export interface KeytarStoreOptions {
  service?: string;
  /** libsecret can wait forever on an unlock prompt nobody sees; give up after this long. */
  timeoutMs?: number;
}

export class KeytarSecretStore implements SecretStore {
  private readonly service: string;
  private readonly timeoutMs: number;

  constructor(opts: KeytarStoreOptions = {}) {
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async status(): Promise<SecretStoreStatus> {
    try {
      // A read-only probe: one lookup of an account that never exists reaches the Secret Service
      // (and reports a locked keyring) without loading anything. Not findCredentials: it loads
      // every stored token, and keytar dereferences NULL when another process deletes an item
      // between its search and its read — a segfault, seen with parallel CLI processes.
      await this.call((k) => k.getPassword(this.service, PROBE_ACCOUNT));
      return { available: true };
    } catch (e) {
      const error = (e as { error?: { message?: string; hint?: string } }).error;
      return { available: false, reason: error?.message ?? String(e), ...(error?.hint ? { hint: error.hint } : {}) };
    }
  }

  get(account: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account));
  }

  private async call<T>(fn: (k: KeytarApi) => Promise<T>): Promise<T> {
    const { api, loadError } = loadKeytar();
    if (!api) fail('KEYCHAIN_UNAVAILABLE', loadError?.problem ?? 'The keychain module could not be loaded.', loadError ? { hint: loadError.remedy } : {});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from the keychain within ${this.timeoutMs} ms (a hidden unlock prompt?)`)),
        this.timeoutMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([fn(api), timeout]);
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      const { problem, remedy } = explainKeychainError(raw);
      fail('KEYCHAIN_UNAVAILABLE', problem, { hint: remedy });
    } finally {
      clearTimeout(timer);
    }
  }
}
