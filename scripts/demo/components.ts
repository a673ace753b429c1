/**
 * Components of the demo tenant. Version numbers are per-region counters and differ by design;
 * signatures (SHA-1 of the package) are what match across regions. The private `acme-erp` is at
 * v50 in us and v2 in eu with the same signature — not drift — while gov alone has the private
 * `acme-legacy-ftp`.
 */
import { sha1Hex } from '../../src-main/core/hash';
import type { ActionSpec, ComponentRecord, ComponentVersion, ConnectionSpec, InputSpec } from '../../src-main/core/model';

export type RegionId = 'us' | 'eu' | 'gov' | 'au';

const input = (key: string, label: string, type = 'string', extra: Partial<InputSpec> = {}): InputSpec => ({ key, label, type, ...extra });
const conn = (key = 'connection') => input(key, 'Connection', 'connection', { required: true });
const action = (key: string, label: string, inputs: InputSpec[]): ActionSpec => ({ key, label, inputs });

interface Spec {
  actions?: ActionSpec[];
  triggers?: ActionSpec[];
  dataSources?: ActionSpec[];
  connections?: ConnectionSpec[];
}

/** The packages a component was published as, oldest first: a package has one signature everywhere. */
interface ComponentDef {
  key: string;
  isPublic: boolean;
  label: string;
  description: string;
  packages: { release: string; spec: Spec }[];
  /** Per region: the number of its first listed package there, and which packages it has. */
  regions: Partial<Record<RegionId, { first: number; packages: number[] }>>;
}

const signatureOf = (key: string, release: string) => sha1Hex(`${key}@${release}.zip`);

const erpConnection: ConnectionSpec = {
  key: 'apiKey',
  label: 'Acme ERP API key',
  inputs: [input('baseUrl', 'Base URL', 'string', { required: true }), input('apiKey', 'API key', 'password', { required: true })],
};

const erpV1: Spec = {
  actions: [
    action('getOrder', 'Get Order', [conn(), input('orderId', 'Order ID', 'string', { required: true }), input('includeLineItems', 'Include line items', 'boolean', { default: 'false' })]),
    action('createCustomer', 'Create Customer', [conn(), input('name', 'Name', 'string', { required: true }), input('email', 'Email'), input('country', 'Country code')]),
    action('listInvoices', 'List Invoices', [conn(), input('since', 'Since (ISO date)'), input('status', 'Status', 'string', { default: 'open' })]),
  ],
  connections: [erpConnection],
};
// 2.0 added the inventory action (with a debug switch) that Inventory Feed uses.
const erpV2: Spec = {
  ...erpV1,
  actions: [
    ...(erpV1.actions ?? []),
    action('getInventory', 'Get Inventory', [conn(), input('warehouse', 'Warehouse code', 'string', { required: true }), input('debugLogging', 'Debug logging', 'boolean', { default: 'false' })]),
  ],
};
const erpV21: Spec = {
  ...erpV2,
  actions: [...(erpV2.actions ?? []), action('upsertOrder', 'Upsert Order', [conn(), input('order', 'Order (JSON)', 'code', { required: true })])],
};

const DEFS: ComponentDef[] = [
  {
    key: 'acme-erp',
    isPublic: false,
    label: 'Acme ERP',
    description: "Acme's order, customer, invoice and inventory API.",
    packages: [
      { release: '1.9.0', spec: erpV1 },
      { release: '2.0.0', spec: erpV2 },
      { release: '2.1.0', spec: erpV21 },
    ],
    regions: { us: { first: 48, packages: [0, 1, 2] }, eu: { first: 1, packages: [1, 2] }, gov: { first: 47, packages: [1, 2] }, au: { first: 1, packages: [0, 1, 2] } },
  },
  {
    key: 'acme-legacy-ftp',
    isPublic: false,
    label: 'Acme Legacy FTP',
    description: 'Reads fixed-width order files from the GovCloud SFTP drop.',
    packages: [
      {
        release: '0.3.1',
        spec: {
          actions: [action('readOrderFile', 'Read Order File', [conn(), input('path', 'Remote path', 'string', { required: true }), input('encoding', 'Encoding', 'string', { default: 'latin1' })])],
          connections: [{ key: 'sftp', label: 'SFTP', inputs: [input('host', 'Host'), input('username', 'User name'), input('privateKey', 'Private key', 'password')] }],
        },
      },
    ],
    regions: { gov: { first: 3, packages: [0] } },
  },
  pub('webhook-triggers', 'Webhook', { triggers: [action('webhook', 'Webhook', [])] }, { us: 7, eu: 5, gov: 4, au: 5 }),
  pub('schedule-triggers', 'Schedule', { triggers: [action('schedule', 'Schedule', [])] }, { us: 4, eu: 3, gov: 3, au: 3 }),
  pub('management-triggers', 'Management Triggers', { triggers: [action('instanceDeploy', 'Instance Deploy', [])] }, { us: 6, eu: 4, gov: 4, au: 4 }),
  pub(
    'http',
    'HTTP',
    {
      actions: [
        action('httpPost', 'POST Request', [input('url', 'URL', 'string', { required: true }), input('data', 'Data', 'data'), input('headers', 'Headers', 'string', { collection: 'keyvaluelist' }), input('responseType', 'Response type', 'string', { default: 'json' })]),
        action('httpGet', 'GET Request', [input('url', 'URL', 'string', { required: true }), input('headers', 'Headers', 'string', { collection: 'keyvaluelist' })]),
      ],
    },
    { us: 61, eu: 58, gov: 52, au: 57 },
  ),
  pub('code', 'Code', { actions: [action('runCode', 'Code Block', [input('code', 'Code', 'code', { required: true })])] }, { us: 23, eu: 21, gov: 19, au: 21 }),
  pub('loop', 'Loop', { actions: [action('loopOverItems', 'Loop Over Items', [input('items', 'Items', 'data', { required: true })])] }, { us: 9, eu: 8, gov: 8, au: 8 }),
  pub(
    'branch',
    'Branch',
    { actions: [action('branchOnExpression', 'Branch on Expression', [input('conditions', 'Conditions', 'conditional', { required: true })])] },
    { us: 12, eu: 11, gov: 10, au: 11 },
  ),
  pub(
    'slack',
    'Slack',
    {
      actions: [action('postMessage', 'Post Message', [conn(), input('channelName', 'Channel name', 'string', { required: true }), input('message', 'Message', 'text', { required: true })])],
      connections: [{ key: 'oauth2', label: 'OAuth 2.0', inputs: [input('clientId', 'Client ID'), input('clientSecret', 'Client secret', 'password')] }],
    },
    { us: 118, eu: 112, gov: 96, au: 104 },
  ),
  pub(
    'salesforce',
    'Salesforce',
    {
      actions: [
        action('createRecord', 'Create Record', [conn(), input('recordType', 'Record type', 'string', { required: true }), input('fieldValues', 'Field values', 'string', { collection: 'keyvaluelist' })]),
        action('queryRecords', 'Query Records (SOQL)', [conn(), input('query', 'SOQL query', 'text', { required: true })]),
      ],
      dataSources: [action('selectRecordType', 'Select Record Type', [conn()])],
      connections: [{ key: 'oauth2', label: 'OAuth 2.0', inputs: [input('clientId', 'Consumer key'), input('clientSecret', 'Consumer secret', 'password')] }],
    },
    { us: 140, eu: 133, au: 129 },
  ),
];

/** A public component: one package, published everywhere at different counters (gov may lack it). */
function pub(key: string, label: string, spec: Spec, numbers: Partial<Record<RegionId, number>>): ComponentDef {
  const regions: ComponentDef['regions'] = {};
  for (const [region, n] of Object.entries(numbers) as [RegionId, number][]) regions[region] = { first: n, packages: [0] };
  return { key, isPublic: true, label, description: `Prismatic ${label} component.`, packages: [{ release: `${key}-2025.1`, spec }], regions };
}

export function componentsOf(region: RegionId): ComponentRecord[] {
  const out: ComponentRecord[] = [];
  for (const def of DEFS) {
    const placed = def.regions[region];
    if (!placed) continue;
    const versions: ComponentVersion[] = placed.packages.map((p, i) => {
      const pkg = def.packages[p];
      return {
        number: placed.first + i,
        signature: signatureOf(def.key, pkg.release),
        publishedAt: `2025-0${1 + p}-1${i}T09:30:00.000Z`,
        actions: pkg.spec.actions ?? [],
        triggers: pkg.spec.triggers ?? [],
        dataSources: pkg.spec.dataSources ?? [],
        connections: pkg.spec.connections ?? [],
      };
    });
    out.push({ key: def.key, isPublic: def.isPublic, label: def.label, description: def.description, versions });
  }
  return out;
}

/** The version number of a component's latest package in a region (what the YAML pins). */
export function latestNumber(key: string, region: RegionId): number {
  const c = componentsOf(region).find((x) => x.key === key);
  if (!c) throw new Error(`demo: ${key} is not in ${region}`);
  return c.versions[c.versions.length - 1].number;
}
