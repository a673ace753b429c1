/**
 * What the stack answers → the model's records. This is where secrets are dropped: a connection
 * or credential config variable becomes `secret: set|unset`, never its value, before anything
 * leaves the provider.
 */
import type {
  ActionSpec,
  ComponentRecord,
  ComponentVersion,
  ConfigVarValue,
  ConnectionSpec,
  CustomerRecord,
  InputSpec,
  InstanceRecord,
  IntegrationVersionInfo,
} from '../../core/model';
import type { Connection } from './graphql';

export interface RawInput {
  key: string;
  label?: string | null;
  type?: string | null;
  required?: boolean | null;
  default?: string | null;
  collection?: string | null;
}
export interface RawAction {
  key: string;
  label?: string | null;
  isTrigger?: boolean | null;
  isDataSource?: boolean | null;
  inputs?: { nodes: RawInput[] } | null;
}
export interface RawComponent {
  id: string;
  key: string;
  public: boolean;
  label?: string | null;
  description?: string | null;
  versionNumber: number;
  versionCreatedAt?: string | null;
  signature?: string | null;
  actions?: Connection<RawAction> | null;
  connections?: { nodes: Array<{ key: string; label?: string | null; inputs?: { nodes: RawInput[] } | null }> } | null;
}
export interface RawComponentVersion {
  key: string;
  public: boolean;
  versionNumber: number;
  versionCreatedAt?: string | null;
  signature?: string | null;
}
export interface RawVersion {
  id: string;
  versionNumber: number;
  versionCreatedAt?: string | null;
  versionComment?: string | null;
  versionIsAvailable?: boolean | null;
}
export interface RawCustomer {
  id: string;
  externalId?: string | null;
  name: string;
  labels?: string[] | null;
}
export interface RawConfigVar {
  value?: string | null;
  status?: string | null;
  requiredConfigVariable?: { key: string; dataType?: string | null } | null;
  inputs?: { nodes: Array<{ name: string; value?: string | null }> } | null;
}
export interface RawInstance {
  id: string;
  name: string;
  enabled: boolean;
  labels?: string[] | null;
  needsDeploy?: boolean | null;
  lastDeployedAt?: string | null;
  customer?: { id: string; externalId?: string | null } | null;
  integration?: { id: string; name: string; versionNumber: number } | null;
  configVariables?: { nodes: RawConfigVar[] } | null;
  flowConfigs?: { nodes: Array<{ flow?: { name: string } | null; webhookUrl?: string | null }> } | null;
}

/** Drops undefined members (snapshots are JSON; absent and undefined must look the same). */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function inputSpec(i: RawInput): InputSpec {
  // The API answers enum names upper-case (STRING, KEYVALUELIST); spectral and the YAML use lower-case.
  return compact({
    key: i.key,
    label: opt(i.label),
    type: i.type ? i.type.toLowerCase() : undefined,
    required: opt(i.required),
    default: i.default ?? undefined,
    collection: i.collection ? i.collection.toLowerCase() : undefined,
  });
}

function actionSpec(a: { key: string; label?: string | null; inputs?: { nodes: RawInput[] } | null }): ActionSpec {
  return compact({ key: a.key, label: opt(a.label), inputs: (a.inputs?.nodes ?? []).map(inputSpec) });
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function componentVersionOf(c: RawComponent, actions: RawAction[]): ComponentVersion {
  return compact({
    number: c.versionNumber,
    signature: c.signature ?? '',
    publishedAt: opt(c.versionCreatedAt),
    actions: actions.filter((a) => !a.isTrigger && !a.isDataSource).map(actionSpec).sort(byKey),
    triggers: actions.filter((a) => a.isTrigger).map(actionSpec).sort(byKey),
    dataSources: actions.filter((a) => !a.isTrigger && a.isDataSource).map(actionSpec).sort(byKey),
    connections: (c.connections?.nodes ?? []).map((x): ConnectionSpec => actionSpec(x)).sort(byKey),
  });
}

/**
 * The latest version carries the full surface; older versions (from the cheap history query) only
 * their number and signature, enough to translate "v50 here ≡ v2 there".
 */
export function componentRecordOf(c: RawComponent, actions: RawAction[], history: RawComponentVersion[]): ComponentRecord {
  const latest = componentVersionOf(c, actions);
  const older = history
    .filter((h) => h.versionNumber < c.versionNumber)
    .map((h) =>
      compact({ number: h.versionNumber, signature: h.signature ?? '', publishedAt: opt(h.versionCreatedAt), actions: [], triggers: [], dataSources: [], connections: [] }),
    );
  const seen = new Set<number>();
  const versions = [...older, latest].filter((v) => !seen.has(v.number) && seen.add(v.number)).sort((a, b) => a.number - b.number);
  return compact({ key: c.key, isPublic: c.public, label: opt(c.label), description: opt(c.description), versions, remoteId: c.id });
}

export function versionInfoOf(v: RawVersion, definitionHash?: string): IntegrationVersionInfo {
  return compact({
    number: v.versionNumber,
    publishedAt: opt(v.versionCreatedAt),
    comment: opt(v.versionComment) || undefined,
    definitionHash,
    remoteId: v.id,
  });
}

const COUNTRY_LABEL = /^country[:=]\s*([A-Za-z]{2})$/;

export function customerRecordOf(c: RawCustomer): CustomerRecord | undefined {
  // externalId is the only cross-region key; a customer without one cannot be matched anywhere.
  if (!c.externalId) return undefined;
  const labels = c.labels ?? [];
  const country = labels.map((l) => COUNTRY_LABEL.exec(l)?.[1]).find(Boolean)?.toUpperCase();
  return compact({ externalId: c.externalId, name: c.name, country, labels: labels.length ? [...labels] : undefined, remoteId: c.id });
}

const SECRET_TYPES = new Set(['connection', 'credential', 'password']);
/**
 * Plain string config vars are often used for keys anyway ("apiKey: string"). A snapshot that
 * kept them would carry a live credential into caches, plans and bundles, so by name they count
 * as secrets too: recorded as set/unset, to be re-entered in the target.
 */
const SECRET_NAME = /pass(word|phrase)|secret|token|api[ _-]?key|private[ _-]?key|credential/i;

function configVarOf(v: RawConfigVar): ConfigVarValue | undefined {
  const key = v.requiredConfigVariable?.key;
  if (!key) return undefined;
  const dataType = (v.requiredConfigVariable?.dataType ?? '').toLowerCase();
  if (SECRET_TYPES.has(dataType) || SECRET_NAME.test(key)) {
    const anyInput = (v.inputs?.nodes ?? []).some((i) => i.value !== null && i.value !== undefined && i.value !== '');
    const set = anyInput || (v.value !== null && v.value !== undefined && v.value !== '') || v.status === 'ACTIVE';
    return { key, kind: SECRET_TYPES.has(dataType) ? 'connection' : 'value', secret: set ? 'set' : 'unset' };
  }
  return { key, kind: 'value', value: v.value ?? null };
}

export function instanceRecordOf(i: RawInstance): InstanceRecord | undefined {
  const customer = i.customer?.externalId;
  if (!customer || !i.integration) return undefined;
  const configVars = (i.configVariables?.nodes ?? [])
    .map(configVarOf)
    .filter((v): v is ConfigVarValue => !!v)
    .sort(byKey);
  const flowConfigs = (i.flowConfigs?.nodes ?? [])
    .filter((f) => f.flow?.name)
    .map((f) => compact({ flow: f.flow!.name, webhookUrl: opt(f.webhookUrl) }))
    .sort((a, b) => (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0));
  return compact({
    customer,
    integration: i.integration.name,
    name: i.name,
    version: i.integration.versionNumber ?? null,
    enabled: i.enabled,
    deployed: i.lastDeployedAt != null,
    needsDeploy: opt(i.needsDeploy),
    labels: [...(i.labels ?? [])],
    configVars,
    flowConfigs: flowConfigs.length ? flowConfigs : undefined,
    remoteId: i.id,
  });
}
