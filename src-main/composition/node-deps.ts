/**
 * The composition root for every node runtime (CLI, loopback host, Electron main): real files,
 * real providers, the OS keychain, the wall clock. Tests pass their own secrets/env.
 */
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import type { SecretStore } from '../api/ports';
import type { ServiceDeps } from '../api/service/context';
import { validateStackUrl } from '../core/stacks';
import { createBundleIO } from '../providers/bundle';
import { NodeFileStore } from '../providers/fs/file-store';
import { KeytarSecretStore } from '../secrets/keytar-store';
import { envStack } from '../secrets/token-source';
import { createProviderFactory } from './providers';
import { locateWorkspace } from './locate';

export interface NodeDepsOptions {
  /** --workspace: a folder holding region-sync.yaml, or the file itself. */
  workspace?: string;
  secrets?: SecretStore;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The shipped demo (resources/demo); without it, no workspace means an error. */
  demoSource?: string;
}

function actorName(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `unknown@${hostname()}`;
  }
}

export function createNodeDeps(opts: NodeDepsOptions = {}): ServiceDeps {
  const env = opts.env ?? process.env;
  const secrets = opts.secrets ?? new KeytarSecretStore();
  const cwd = opts.cwd ?? process.cwd();
  return {
    providers: createProviderFactory({ secrets, env }),
    secrets,
    clock: { now: () => new Date() },
    openFileStore: (root) => new NodeFileStore(root),
    // Every node runtime (CLI, loopback host) reads and writes bundles; without this, bundle
    // create/inspect/apply answered "not available in this runtime" outside the tests' harness.
    bundles: createBundleIO(),
    // The first open uses --workspace; later workspace.open calls name their own path.
    locateWorkspace: async (p) =>
      locateWorkspace(p ?? opts.workspace, { cwd, demoSource: opts.demoSource, env }),
    actor: actorName(),
    authFromEnv(region) {
      if (region.kind !== 'prismatic' || !region.url) return false;
      try {
        const fromEnv = envStack(env);
        const url = validateStackUrl(region.url);
        return !!fromEnv && url.ok && fromEnv.url === url.value;
      } catch {
        return false;
      }
    },
  };
}

/** resources/demo of an installed app root. */
export function demoSourceIn(appRoot: string): string {
  return path.join(appRoot, 'resources', 'demo');
}
