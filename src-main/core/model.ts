/**
 * The domain model shared by every layer. Snapshots hold only what is needed to compare and
 * promote; region-specific ids are kept (as `remoteId`) for the provider that made them, but are
 * never used to match items across regions (see identity.ts).
 */

export type ItemKind = 'components' | 'integrations' | 'customers' | 'instances';
export const ITEM_KINDS: readonly ItemKind[] = ['components', 'integrations', 'customers', 'instances'];

export type RegionKind = 'prismatic' | 'folder';

export interface Geography {
  country?: string; // ISO 3166-1 alpha-2, e.g. US, DE
  continent?: string; // NA, SA, EU, AF, AS, OC, AN
}

export interface RegionConfig {
  id: string;
  label?: string;
  kind: RegionKind;
  /** prismatic: the stack URL. folder: the stack it mirrors, if any. */
  url?: string;
  tenant?: string;
  /** folder: relative to the workspace folder. */
  path?: string;
  geography?: Geography;
  /** prismatic: the org name the stack must answer as (guards against the wrong tenant). */
  org?: string;
  /** Snapshots older than this are `stale` in the drift view. */
  maxAgeMinutes?: number;
}

export interface ResidencyRoute {
  country?: string;
  continent?: string;
  region: string;
}

export interface ResidencyRestriction {
  /** Which customers this applies to; absent = every customer. */
  customers?: { country?: string[]; continent?: string[]; externalId?: string[] };
  /** The only regions those customers' instances may live in. */
  regions: string[];
  /** keep: data already in these regions never leaves them (GovCloud). */
  keep?: boolean;
}

export interface ResidencyPolicy {
  default?: string;
  routes?: ResidencyRoute[];
  restrictions?: ResidencyRestriction[];
}

export interface WorkspaceConfig {
  name: string;
  baseline: string;
  regions: RegionConfig[];
  policy?: ResidencyPolicy;
  /** "integrations/*: flows[*].steps[*].inputs.debugLogging" */
  ignore: string[];
  /** Trusted Ed25519 public keys for bundles (PEM or base64 SPKI), by signer name. */
  trustedSigners?: Record<string, string>;
}

// ---- components -------------------------------------------------------------------------------

export interface InputSpec {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  default?: string | null;
  collection?: string | null;
}

export interface ActionSpec {
  key: string;
  label?: string;
  inputs: InputSpec[];
}

export interface ConnectionSpec {
  key: string;
  label?: string;
  inputs: InputSpec[];
}

export interface ComponentVersion {
  /** Per-region counter: never compared across regions. */
  number: number;
  /** SHA-1 of the package: the cross-region content identity. */
  signature: string;
  publishedAt?: string;
  actions: ActionSpec[];
  triggers: ActionSpec[];
  dataSources: ActionSpec[];
  connections: ConnectionSpec[];
}

export interface ComponentRecord {
  key: string;
  isPublic: boolean;
  label?: string;
  description?: string;
  /** Ascending by number; the last is the latest. */
  versions: ComponentVersion[];
  remoteId?: string;
}

// ---- integrations -----------------------------------------------------------------------------

export interface IntegrationVersionInfo {
  number: number;
  publishedAt?: string;
  comment?: string;
  /** sha256 of the canonical definition that version was published from. */
  definitionHash?: string;
  remoteId?: string;
}

export interface IntegrationRecord {
  name: string;
  /** The definition as exported (definitionVersion 7), as YAML text. */
  yaml: string;
  /** Published versions, ascending. */
  versions: IntegrationVersionInfo[];
  /** True when the draft differs from the latest published version (or nothing is published). */
  hasUnpublishedChanges?: boolean;
  isCodeNative?: boolean;
  remoteId?: string;
}

// ---- customers and instances ------------------------------------------------------------------

export interface CustomerRecord {
  externalId: string;
  name: string;
  country?: string;
  labels?: string[];
  remoteId?: string;
}

export interface ConfigVarValue {
  key: string;
  /** Plain values only. Secrets are never stored: see `secret`. */
  value?: string | null;
  /** For connections and write-only inputs: whether a value is set, never what it is. */
  secret?: 'set' | 'unset';
  kind?: 'value' | 'connection';
}

export interface FlowConfigRecord {
  flow: string;
  /** Region-specific, never drift. */
  webhookUrl?: string;
}

export interface InstanceRecord {
  /** customer externalId */
  customer: string;
  /** integration name */
  integration: string;
  name: string;
  /** Published integration version number the instance runs (region-specific counter). */
  version: number | null;
  enabled: boolean;
  deployed: boolean;
  needsDeploy?: boolean;
  labels: string[];
  configVars: ConfigVarValue[];
  flowConfigs?: FlowConfigRecord[];
  remoteId?: string;
}

// ---- snapshots --------------------------------------------------------------------------------

export interface SnapshotSource {
  kind: RegionKind;
  url?: string;
  path?: string;
  org?: string;
  tenant?: string;
}

export interface Snapshot {
  regionId: string;
  /** ISO-8601 capture time. */
  capturedAt: string;
  source: SnapshotSource;
  components: ComponentRecord[];
  integrations: IntegrationRecord[];
  customers: CustomerRecord[];
  instances: InstanceRecord[];
}

/** Instance identity across regions: `(customer externalId, integration name, instance name)`. */
export function instanceKey(i: Pick<InstanceRecord, 'customer' | 'integration' | 'name'>): string {
  return `${i.customer}/${i.integration}/${i.name}`;
}

/** Component identity across regions: `(key, isPublic)`. */
export function componentKey(c: Pick<ComponentRecord, 'key' | 'isPublic'>): string {
  return `${c.key}${c.isPublic ? '' : ' (private)'}`;
}
