/**
 * What every handler gets: the open workspace, its providers and snapshot cache, the ports, and an
 * event sink. Handlers are `(params, ctx) => Promise<result>` and throw AppFailure (via `fail`) on
 * error; the dispatcher turns that into an error value, so no host ever sees an exception.
 */
import type { WorkspaceConfig, Snapshot } from '../../core/model';
import type { ApiEvent, OperationName, ParamsOf, Results } from '../contract';
import type { Clock, FileStore, ProviderFactory, RegionProvider, SecretStore } from '../ports';
import type { BundleIO } from './bundle-port';

export interface OpenWorkspace {
  /** Stable id (config `id`, else a slug of the name): keys keychain entries and binds plans. */
  id: string;
  root: string;
  isDemo: boolean;
  config: WorkspaceConfig;
  /** Files of the workspace folder (config, cache under `.region-sync/`). */
  files: FileStore;
}

export interface ServiceDeps {
  providers: ProviderFactory;
  secrets: SecretStore;
  clock: Clock;
  openFileStore(root: string): FileStore;
  /** Finds the workspace folder for a path (or the default: cwd's region-sync.yaml, else the demo). */
  locateWorkspace(path?: string): Promise<{ root: string; isDemo: boolean }>;
  bundles?: BundleIO;
  /** Who runs this (for the audit log): OS user name and host. */
  actor?: string;
  /** True when a region's token comes from the environment (PRISM_REFRESH_TOKEN), for the auth view. */
  authFromEnv?(region: import('../../core/model').RegionConfig): boolean;
}

export interface SnapshotCache {
  load(region: string): Promise<Snapshot | null>;
  save(snapshot: Snapshot): Promise<void>;
}

export interface ServiceContext {
  deps: ServiceDeps;
  workspace(): Promise<OpenWorkspace>;
  provider(region: string): Promise<RegionProvider>;
  snapshots(): Promise<SnapshotCache>;
  emit(e: ApiEvent): void;
  newOpId(prefix: string): string;
  /** Opens another workspace (or re-reads the current one after its config changed). Absent in stand-ins. */
  openWorkspace?(path?: string): Promise<OpenWorkspace>;
  /** Runs fn after every earlier exclusive call finished: config rewrites must not interleave. */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
}

export type Handler<Op extends OperationName> = (params: ParamsOf<Op>, ctx: ServiceContext) => Promise<Results[Op]>;
export type HandlerTable = { [Op in OperationName]: Handler<Op> };
