/**
 * Ports: what the service needs from the outside world. Providers, secrets and hosts implement
 * them; the service (pure) only sees these interfaces, so every runtime (Electron, loopback HTTP,
 * CLI, tests) composes the same service with different adapters.
 */
import type { RegionConfig, Snapshot } from '../core/model';
import type { RegionWrite, WriteOutcome } from '../core/plan/types';

export interface ProgressEvent {
  type: 'progress';
  /** Which operation this belongs to (pull, apply run id, bundle…). */
  opId: string;
  region?: string;
  phase: string;
  done: number;
  total?: number;
  message?: string;
}

export interface OpContext {
  signal?: AbortSignalLike;
  progress?: (e: Omit<ProgressEvent, 'type' | 'opId'>) => void;
}

/** The bit of AbortSignal we use, declared here so pure layers need no DOM/node types. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

export interface RegionIdentity {
  name?: string;
  email?: string;
  org?: string;
  orgId?: string;
  tenant?: string;
  endpoint: string;
}

/** The only code that talks to regions. Methods throw AppFailure with codes on failure. */
export interface RegionProvider {
  readonly region: RegionConfig;
  pull(ctx?: OpContext): Promise<Snapshot>;
  whoami(ctx?: OpContext): Promise<RegionIdentity>;
  write(w: RegionWrite, ctx?: OpContext): Promise<WriteOutcome>;
}

export interface ProviderFactory {
  /** `workspaceRoot` resolves folder regions' relative paths; `workspaceId` keys keychain entries. */
  create(region: RegionConfig, env: { workspaceRoot: string; workspaceId: string }): RegionProvider;
}

export interface SecretStoreStatus {
  available: boolean;
  /** When unavailable: what is missing. */
  reason?: string;
  /** When unavailable: how to get it, or how to do without it. */
  hint?: string;
}

/** Tokens live only here. `account` is `<workspaceId>/<regionId>`. */
export interface SecretStore {
  status(): Promise<SecretStoreStatus>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** Files under one root (a workspace). Paths are relative, `/`-separated; writes are atomic. */
export interface FileStore {
  readonly root: string;
  readText(path: string): Promise<string | null>;
  writeText(path: string, text: string): Promise<void>;
  /** Append one line and fsync before resolving: journals depend on it. */
  appendLine(path: string, line: string): Promise<void>;
  list(dir: string): Promise<string[]>;
  remove(path: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}
