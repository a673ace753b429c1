/**
 * The demo tenant region by region: which integrations each region has (and their published
 * versions), its customers and instances. The deliberate drift, all against the baseline us:
 *   - eu "Order Sync" fetches orders without line items (one changed step input);
 *   - au has no "Invoice Export"; gov has no "Lead Router" (missing);
 *   - gov alone has "Legacy FTP Import" and the private component acme-legacy-ftp (extra);
 *   - acme-erp is v50 in us, v2 in eu, v48 in gov, v3 in au — same signature, not drift;
 *   - au's "Inventory Feed" turns debugLogging on, which the workspace's ignore rule silences;
 *   - us: northwind's Order Sync is pinned to an older version, its Slack Alerts instance is
 *     disabled, and the German customer bergmann-gmbh has an instance in us (residency);
 *   - us "Lead Router" has a draft that differs from its last published version.
 */
import { sha256Hex } from '../../src-main/core/hash';
import type { ConfigVarValue, CustomerRecord, InstanceRecord, IntegrationRecord, IntegrationVersionInfo, Snapshot } from '../../src-main/core/model';
import { definitionHash } from '../../src-main/core/plan/fingerprint';
import { componentsOf, type RegionId } from './components';
import { customerOnboarding, inventoryFeed, invoiceExport, leadRouter, legacyFtpImport, orderSync, slackAlerts } from './integrations';

/** Published versions: the earlier ones from older drafts (stand-in hashes), the last from `publishedFrom`. */
function published(name: string, count: number, publishedFrom: string, firstDay: number): IntegrationVersionInfo[] {
  return Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    return {
      number: i + 1,
      publishedAt: `2025-03-${String(firstDay + i * 3).padStart(2, '0')}T14:00:00.000Z`,
      comment: i === 0 ? 'First release' : last ? 'Current release' : `Release ${i + 1}`,
      definitionHash: last ? definitionHash(publishedFrom) : sha256Hex(`${name} draft ${i + 1}`),
    };
  });
}

function integration(name: string, yaml: string, versions: IntegrationVersionInfo[]): IntegrationRecord {
  const latest = versions[versions.length - 1];
  return { name, yaml, versions, hasUnpublishedChanges: !latest || latest.definitionHash !== definitionHash(yaml) };
}

function integrationsOf(region: RegionId): IntegrationRecord[] {
  const list: IntegrationRecord[] = [];
  const add = (name: string, yaml: string, count: number, publishedFrom = yaml) => list.push(integration(name, yaml, published(name, count, publishedFrom, 2)));
  add('Order Sync', orderSync(region, { includeLineItems: region === 'eu' ? 'false' : 'true' }), region === 'us' ? 3 : 2);
  add('Customer Onboarding', customerOnboarding(region), region === 'us' ? 2 : 1);
  if (region !== 'au') add('Invoice Export', invoiceExport(region), region === 'gov' ? 1 : 4);
  add('Slack Alerts', slackAlerts(region), 1);
  add('Inventory Feed', inventoryFeed(region, { debugLogging: region === 'au' ? 'true' : 'false' }), 2);
  if (region !== 'gov') add('Lead Router', leadRouter(region), 2, region === 'us' ? leadRouter(region, { minimumScore: '40' }) : leadRouter(region));
  if (region === 'gov') add('Legacy FTP Import', legacyFtpImport(region), 3);
  return list;
}

const CUSTOMERS: Record<RegionId, CustomerRecord[]> = {
  us: [
    { externalId: 'acme-retail', name: 'Acme Retail Inc.', country: 'US', labels: ['tier-1'] },
    { externalId: 'northwind', name: 'Northwind Traders', country: 'US', labels: ['tier-2'] },
    { externalId: 'bergmann-gmbh', name: 'Bergmann GmbH', country: 'DE', labels: ['tier-2'] },
  ],
  eu: [
    { externalId: 'schmidt-logistik', name: 'Schmidt Logistik AG', country: 'DE', labels: ['tier-1'] },
    { externalId: 'lumiere-sa', name: 'Lumière SA', country: 'FR' },
    { externalId: 'britannia-foods', name: 'Britannia Foods Ltd', country: 'GB', labels: ['tier-2'] },
  ],
  gov: [{ externalId: 'ffa', name: 'Federal Freight Agency', country: 'US', labels: ['fedramp'] }],
  au: [
    { externalId: 'koala-outfitters', name: 'Koala Outfitters Pty Ltd', country: 'AU' },
    { externalId: 'kiwi-supply', name: 'Kiwi Supply Co', country: 'NZ', labels: ['tier-2'] },
  ],
};

/** The ERP connection: its base URL and key are connection inputs, so only "set" is recorded. */
const erp = (_baseUrl: string): ConfigVarValue[] => [{ key: 'Acme ERP Connection', kind: 'connection', secret: 'set' }];

function instance(customer: string, integrationName: string, version: number, extra: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    customer,
    integration: integrationName,
    name: integrationName,
    version,
    enabled: true,
    deployed: true,
    labels: [],
    configVars: [],
    ...extra,
  };
}

const INSTANCES: Record<RegionId, InstanceRecord[]> = {
  us: [
    instance('acme-retail', 'Order Sync', 3, { labels: ['prod'], configVars: [...erp('https://erp.acme-retail.example'), { key: 'Sales Channel', value: '#acme-orders' }, { key: 'Slack Connection', kind: 'connection', secret: 'set' }] }),
    instance('acme-retail', 'Customer Onboarding', 2, { configVars: [...erp('https://erp.acme-retail.example'), { key: 'Customer Email', value: 'billing@acme-retail.example' }] }),
    instance('acme-retail', 'Invoice Export', 4, { configVars: [...erp('https://erp.acme-retail.example'), { key: 'Export URL', value: 'https://lake.acme-retail.example/ingest' }] }),
    // Pinned to an older version: the instance has not been moved to v3 yet.
    instance('northwind', 'Order Sync', 2, { labels: ['prod'], configVars: [...erp('https://erp.northwind.example'), { key: 'Sales Channel', value: '#nw-sales' }, { key: 'Slack Connection', kind: 'connection', secret: 'unset' }] }),
    // Disabled while the customer's Slack workspace is migrated.
    instance('northwind', 'Slack Alerts', 1, { enabled: false, labels: ['paused'], configVars: [{ key: 'Critical Channel', value: '#nw-critical' }, { key: 'Slack Connection', kind: 'connection', secret: 'set' }] }),
    instance('northwind', 'Lead Router', 2, { configVars: [{ key: 'Salesforce Connection', kind: 'connection', secret: 'set' }, { key: 'Minimum Score', value: '50' }] }),
    // A German customer's instance in us: the residency policy wants DE customers in eu only.
    instance('bergmann-gmbh', 'Order Sync', 3, { configVars: [...erp('https://erp.bergmann.example'), { key: 'Sales Channel', value: '#bergmann' }] }),
  ],
  eu: [
    instance('schmidt-logistik', 'Order Sync', 2, { labels: ['prod'], configVars: [...erp('https://erp.schmidt-logistik.example'), { key: 'Sales Channel', value: '#schmidt-orders' }] }),
    instance('schmidt-logistik', 'Inventory Feed', 2, { configVars: [...erp('https://erp.schmidt-logistik.example'), { key: 'Warehouse Code', value: 'HAM-1' }] }),
    instance('lumiere-sa', 'Invoice Export', 4, { configVars: [...erp('https://erp.lumiere.example'), { key: 'Export URL', value: 'https://finance.lumiere.example/in' }] }),
    instance('britannia-foods', 'Lead Router', 2, { needsDeploy: true, configVars: [{ key: 'Salesforce Connection', kind: 'connection', secret: 'set' }, { key: 'Minimum Score', value: '70' }] }),
  ],
  gov: [
    instance('ffa', 'Order Sync', 2, { labels: ['fedramp'], configVars: [...erp('https://erp.ffa.example.gov')] }),
    instance('ffa', 'Legacy FTP Import', 3, { configVars: [{ key: 'SFTP Connection', kind: 'connection', secret: 'set' }, ...erp('https://erp.ffa.example.gov')] }),
  ],
  au: [
    instance('koala-outfitters', 'Order Sync', 2, { configVars: [...erp('https://erp.koala.example.au'), { key: 'Sales Channel', value: '#koala' }] }),
    instance('kiwi-supply', 'Inventory Feed', 2, { configVars: [...erp('https://erp.kiwi.example.nz'), { key: 'Warehouse Code', value: 'AKL' }] }),
    instance('kiwi-supply', 'Slack Alerts', 1, { deployed: false, enabled: false, configVars: [{ key: 'Slack Connection', kind: 'connection', secret: 'unset' }] }),
  ],
};

export const REGION_IDS: RegionId[] = ['us', 'eu', 'gov', 'au'];

export const REGION_FACTS: Record<RegionId, { label: string; url: string; country: string; continent: string }> = {
  us: { label: 'US Commercial (demo)', url: 'https://app.prismatic.io', country: 'US', continent: 'NA' },
  eu: { label: 'EU Frankfurt (demo)', url: 'https://app.eu-west-1.prismatic.io', country: 'DE', continent: 'EU' },
  gov: { label: 'US GovCloud (demo)', url: 'https://app.us-gov-west-1.prismatic.io', country: 'US', continent: 'NA' },
  au: { label: 'Australia (demo)', url: 'https://app.ap-southeast-2.prismatic.io', country: 'AU', continent: 'OC' },
};

export function demoSnapshot(region: RegionId): Snapshot {
  return {
    regionId: region,
    capturedAt: '2025-06-01T00:00:00.000Z',
    source: { kind: 'folder', url: REGION_FACTS[region].url, org: 'Acme Corp' },
    components: componentsOf(region),
    integrations: integrationsOf(region),
    customers: CUSTOMERS[region],
    instances: INSTANCES[region],
  };
}
