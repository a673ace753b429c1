// Shapes shared by the Prismatic-protocol test server: the seed format, the in-memory records,
// fault plans and the handle returned by startStack. Records mirror what the real API exposes
// (prismatic-api.md §2-§5); nothing here is a client's view of the data.

// ---- seeds ---------------------------------------------------------------------------------------

export interface SeedInput {
  key: string;
  label?: string;
  /** Upper-case InputFieldType (STRING, PASSWORD, CONNECTION, CODE, ...); lower case is accepted. */
  type?: string;
  required?: boolean;
  default?: string | null;
  /** VALUELIST | KEYVALUELIST */
  collection?: string | null;
  comments?: string;
  shown?: boolean;
}

export interface SeedAction {
  key: string;
  label?: string;
  description?: string;
  inputs?: SeedInput[];
  /** Triggers only. */
  isPollingTrigger?: boolean;
  scheduleSupport?: string;
  isCommonTrigger?: boolean;
  /** Data sources only (e.g. picklist, jsonForm). */
  dataSourceType?: string;
}

export interface SeedConnection {
  key: string;
  label?: string;
  comments?: string;
  /** Set for OAuth 2.0 connections (authorization_code, client_credentials). */
  oauth2Type?: string | null;
  inputs?: SeedInput[];
}

export interface SeedComponentVersion {
  /** SHA-1 hex of the package; defaults to a stable hash of key/public/number. */
  signature?: string;
  comment?: string;
  actions?: SeedAction[];
  triggers?: SeedAction[];
  dataSources?: SeedAction[];
  connections?: SeedConnection[];
}

export interface SeedComponent {
  key: string;
  public?: boolean;
  label?: string;
  description?: string;
  category?: string;
  forCodeNativeIntegration?: boolean;
  /** Customer externalId for customer-scoped private components. */
  customer?: string;
  /** Oldest first; version numbers are 1..n in this stack. */
  versions: SeedComponentVersion[];
}

export interface SeedDefinitionSource {
  /** YAML text of a definitionVersion 7 integration. */
  definition?: string;
  /** Path to a YAML file; relative paths resolve against the seed file's folder. */
  definitionPath?: string;
}

export interface SeedPublishedVersion extends SeedDefinitionSource {
  comment?: string;
  available?: boolean;
}

export interface SeedIntegration extends SeedDefinitionSource {
  /** Overrides the YAML `name` (lets one fixture seed several integrations). */
  name?: string;
  /** Customer externalId for customer-specific integrations. */
  customer?: string;
  /** Published in order before the draft is set; each may carry its own definition. */
  published?: SeedPublishedVersion[];
}

export interface SeedCustomer {
  externalId: string;
  name: string;
  description?: string;
  /** Not a Prismatic field: exposed as the customer label `country:<CC>`. */
  country?: string;
  labels?: string[];
}

export interface SeedInstance {
  name: string;
  description?: string;
  /** Customer externalId. */
  customer: string;
  /** Integration name. */
  integration: string;
  /** Published version number; default the latest published. */
  version?: number;
  enabled?: boolean;
  deployed?: boolean;
  labels?: string[];
  /** Plain config values by key; connection inputs as `{ inputName: value }`. */
  configVariables?: Record<string, string | Record<string, string>>;
}

export interface StackSeed {
  /** Folder that relative definitionPath values resolve against (set by loadSeedFile). */
  baseDir?: string;
  org?: { name?: string; tenantId?: string };
  /** The first user is the one the stack's refresh token authenticates. */
  users?: { name: string; email: string }[];
  refreshToken?: string;
  pageSize?: number;
  /** Add the components the real fixtures reference (scanned from shared/fixtures/prismatic). */
  includeFixtureComponents?: boolean;
  components?: SeedComponent[];
  integrations?: SeedIntegration[];
  customers?: SeedCustomer[];
  instances?: SeedInstance[];
}

// ---- records -------------------------------------------------------------------------------------

export interface InputRec {
  id: string;
  key: string;
  label: string;
  type: string;
  required: boolean;
  default: string | null;
  collection: string | null;
  comments: string | null;
  shown: boolean;
}

export type ActionKind = 'action' | 'trigger' | 'dataSource';

export interface ActionRec {
  id: string;
  componentId: string;
  kind: ActionKind;
  key: string;
  label: string;
  description: string;
  inputs: InputRec[];
  isPollingTrigger: boolean;
  scheduleSupport: string;
  isCommonTrigger: boolean;
  dataSourceType: string | null;
}

export interface ConnectionRec {
  id: string;
  componentId: string;
  key: string;
  label: string;
  comments: string | null;
  oauth2Type: string | null;
  inputs: InputRec[];
}

export interface ComponentRec {
  id: string;
  key: string;
  public: boolean;
  label: string;
  description: string;
  category: string | null;
  versionNumber: number;
  versionCreatedAt: string;
  versionComment: string | null;
  /** Null until the package is uploaded (publishComponent flow). */
  signature: string | null;
  /** False while a published version waits for its package upload. */
  ready: boolean;
  customerId: string | null;
  forCodeNativeIntegration: boolean;
  documentationUrl: string | null;
  iconUrl: string | null;
  actions: ActionRec[];
  connections: ConnectionRec[];
}

export interface FlowRec {
  id: string;
  name: string;
  stableKey: string | null;
  description: string;
  isSynchronous: boolean;
  endpointSecurityType: string;
  /** The trigger step's component/action, resolved against this stack at import time. */
  triggerActionId: string | null;
}

export interface IntegrationRec {
  id: string;
  familyId: string;
  /** True for the draft (the canonical integration id); false for published version records. */
  isDraft: boolean;
  /** Published number; the draft carries the latest published number (0 before any publish). */
  versionNumber: number;
  name: string;
  description: string;
  category: string;
  labels: string[];
  documentation: string;
  isCodeNative: boolean;
  customerId: string | null;
  /** The definition as stored: LATEST pinned to numbers at import time, defaults not injected. */
  definition: Record<string, unknown>;
  /** Component version ids the definition uses. */
  componentIds: string[];
  flows: FlowRec[];
  versionComment: string | null;
  versionIsAvailable: boolean;
  versionCreatedAt: string;
  versionCreatedById: string;
  versionAttributes: string | null;
  avatarUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IntegrationFamily {
  familyId: string;
  draftId: string;
  /** Published version record ids, ascending by number. */
  versionIds: string[];
  systemInstanceId: string;
  createdAt: string;
}

export interface CustomerRec {
  id: string;
  name: string;
  externalId: string | null;
  description: string;
  labels: string[];
  isSystem: boolean;
  createdAt: string;
}

export interface ConfigValue {
  value?: string | null;
  /** Connection inputs by name. */
  inputs?: Record<string, string>;
}

export interface InstanceRec {
  id: string;
  name: string;
  description: string;
  customerId: string;
  integrationId: string;
  familyId: string;
  enabled: boolean;
  labels: string[];
  deployedVersion: number;
  needsDeploy: boolean;
  lastDeployedAt: string | null;
  lastExecutedAt: string | null;
  isSystem: boolean;
  createdAt: string;
  updatedAt: string;
  configValues: Record<string, ConfigValue>;
  /** Opaque webhook tokens by flow name: per instance and flow, stable for the instance's life. */
  webhookTokens: Record<string, string>;
  apiKeys: Record<string, string[]>;
}

export interface UserRec {
  id: string;
  name: string;
  email: string;
}

// ---- faults and logs -----------------------------------------------------------------------------

export type FaultKind =
  | 'status500'
  | 'rateLimit'
  | 'reset'
  | 'timeout'
  | 'html'
  | 'truncated'
  | 'oversize';

export interface FaultMatch {
  /** GraphQL operation name (e.g. listIntegrations). */
  operation?: string;
  /** Any top-level GraphQL field of the request (e.g. integrations, importIntegration). */
  field?: string;
  /** Exact request path (e.g. /api, /auth/refresh, /oauth/token). */
  path?: string;
  method?: string;
}

export interface FaultRule {
  kind: FaultKind;
  match?: FaultMatch;
  /** Fail the Nth matching request (1-based); default 1. */
  nth?: number;
  /** How many consecutive matching requests fail from the Nth on; default 1; Infinity = all. */
  times?: number;
  /** rateLimit: Retry-After seconds (default 1). */
  retryAfterSeconds?: number;
  /** oversize: bytes to stream (default 32 MiB). */
  oversizeBytes?: number;
  /** html: HTTP status of the HTML page (default 502). */
  status?: number;
}

export interface FaultPlan {
  /** Added before every matching request is handled. */
  latencyMs?: number;
  latencyMatch?: FaultMatch;
  rules?: FaultRule[];
}

export interface RequestLog {
  method: string;
  path: string;
  operation?: string;
  fields?: string[];
  status?: number;
  fault?: FaultKind;
  /** True when the request arrived over TLS (prism's https://{domain}/oauth/token). */
  tls?: boolean;
}
