/**
 * Integration definitions of the demo tenant, in the definitionVersion 7 export format
 * (prismatic-api.md §3). Each builder takes the region so component references carry that
 * region's version numbers, and a few deliberate per-region differences (drift) are parameters.
 */
import { dumpYaml } from '../../src-main/core/yaml/codec';
import { latestNumber, type RegionId } from './components';

type Input = { type: 'value' | 'reference' | 'configVar' | 'template' | 'complex'; value: unknown };
const value = (v: string): Input => ({ type: 'value', value: v });
const ref = (v: string): Input => ({ type: 'reference', value: v });
const cv = (v: string): Input => ({ type: 'configVar', value: v });
const tpl = (v: string): Input => ({ type: 'template', value: v });

interface StepOpts {
  description?: string;
  isTrigger?: boolean;
  inputs?: Record<string, Input>;
  schedule?: Record<string, unknown>;
  steps?: Record<string, unknown>[];
  branches?: Record<string, unknown>[];
}

function step(region: RegionId, name: string, component: string, actionKey: string, opts: StepOpts = {}): Record<string, unknown> {
  const isPublic = !component.startsWith('acme-');
  return {
    name,
    description: opts.description ?? '',
    ...(opts.isTrigger ? { isTrigger: true } : {}),
    action: {
      key: actionKey,
      // Public components float on LATEST; the private ERP is pinned, so its number is per region.
      component: { key: component, version: isPublic ? 'LATEST' : latestNumber(component, region), isPublic },
    },
    ...(opts.inputs ? { inputs: opts.inputs } : {}),
    ...(opts.schedule ? { schedule: opts.schedule } : {}),
    ...(opts.steps ? { steps: opts.steps } : {}),
    ...(opts.branches ? { branches: opts.branches } : {}),
  };
}

const erpConnectionVar = (region: RegionId) => ({
  key: 'Acme ERP Connection',
  dataType: 'connection',
  connection: { key: 'apiKey', component: { key: 'acme-erp', version: latestNumber('acme-erp', region), isPublic: false } },
  inputs: {
    baseUrl: { type: 'value', value: '', meta: { visibleToCustomerDeployer: true, visibleToOrgDeployer: true } },
    apiKey: { type: 'value', value: '', meta: { visibleToCustomerDeployer: true, visibleToOrgDeployer: true, writeOnly: true } },
  },
  orgOnly: false,
});
const slackConnectionVar = {
  key: 'Slack Connection',
  dataType: 'connection',
  connection: { key: 'oauth2', component: { key: 'slack', version: 'LATEST', isPublic: true } },
  inputs: { clientId: { type: 'value', value: '', meta: { visibleToCustomerDeployer: false, visibleToOrgDeployer: false } } },
  orgOnly: true,
};

function definition(head: Record<string, unknown>, requiredConfigVars: Record<string, unknown>[], flows: Record<string, unknown>[]): string {
  return dumpYaml({
    definitionVersion: 7,
    ...head,
    defaultInstanceProfile: 'Default Instance Profile',
    endpointType: 'flow_specific',
    requiredConfigVars,
    configPages: [{ name: 'Configuration', elements: requiredConfigVars.map((v) => ({ type: 'configVar', value: v.key })) }],
    flows,
  });
}

export interface OrderSyncVariant {
  /** eu's drift: it fetches orders without line items. */
  includeLineItems: 'true' | 'false';
}

export function orderSync(region: RegionId, variant: OrderSyncVariant = { includeLineItems: 'true' }): string {
  return definition(
    { name: 'Order Sync', description: 'Sends new ERP orders to the warehouse system and tells sales in Slack.', category: 'ERP', labels: ['orders', 'erp'] },
    [
      erpConnectionVar(region),
      { key: 'Warehouse Endpoint', dataType: 'string', defaultValue: 'https://wms.example.com/api/orders', description: 'Where orders are posted.' },
      { key: 'Sales Channel', dataType: 'string', defaultValue: '#sales-orders', description: 'Slack channel for order notices.' },
      slackConnectionVar,
    ],
    [
      {
        name: 'New Order',
        description: 'Called by the ERP for every new order.',
        stableKey: 'new-order',
        isSynchronous: false,
        endpointSecurityType: 'customer_optional',
        retryConfig: { maxAttempts: 3, delayMinutes: 5, usesExponentialBackoff: true },
        steps: [
          step(region, 'Order Webhook', 'webhook-triggers', 'webhook', { isTrigger: true }),
          step(region, 'Fetch Order', 'acme-erp', 'getOrder', {
            inputs: {
              connection: cv('Acme ERP Connection'),
              orderId: ref('orderWebhook.results.body.data.orderId'),
              includeLineItems: value(variant.includeLineItems),
            },
          }),
          step(region, 'Post to Warehouse', 'http', 'httpPost', {
            inputs: { url: cv('Warehouse Endpoint'), data: ref('fetchOrder.results'), responseType: value('json') },
          }),
          step(region, 'Notify Sales', 'slack', 'postMessage', {
            inputs: {
              connection: cv('Slack Connection'),
              channelName: cv('Sales Channel'),
              message: tpl('New order {{$fetchOrder.results.number}} for {{$fetchOrder.results.customer.name}} sent to the warehouse.'),
            },
          }),
        ],
      },
    ],
  );
}

export function customerOnboarding(region: RegionId): string {
  return definition(
    { name: 'Customer Onboarding', description: 'Creates the customer in the ERP when an instance is deployed.', category: 'ERP' },
    [erpConnectionVar(region), { key: 'Customer Email', dataType: 'string', description: 'Billing contact.' }, { key: 'Welcome Channel', dataType: 'string', defaultValue: '#onboarding' }, slackConnectionVar],
    [
      {
        name: 'On Deploy',
        description: 'Runs once when the instance is deployed.',
        steps: [
          step(region, 'Deploy Trigger', 'management-triggers', 'instanceDeploy', { isTrigger: true }),
          step(region, 'Create ERP Customer', 'acme-erp', 'createCustomer', {
            inputs: {
              connection: cv('Acme ERP Connection'),
              name: ref('deployTrigger.results.customer.name'),
              email: cv('Customer Email'),
              country: ref('deployTrigger.results.customer.country'),
            },
          }),
          step(region, 'Welcome Message', 'slack', 'postMessage', {
            inputs: { connection: cv('Slack Connection'), channelName: cv('Welcome Channel'), message: tpl('{{$deployTrigger.results.customer.name}} is live on Order Sync.') },
          }),
        ],
      },
    ],
  );
}

export function invoiceExport(region: RegionId): string {
  return definition(
    { name: 'Invoice Export', description: 'Nightly export of open invoices to the finance data lake.', category: 'Finance' },
    [erpConnectionVar(region), { key: 'Export URL', dataType: 'string', description: 'Finance ingestion endpoint.' }, { key: 'Export Schedule', dataType: 'schedule', defaultValue: '00 02 * * *', scheduleType: 'custom', timeZone: 'UTC' }],
    [
      {
        name: 'Nightly Export',
        steps: [
          step(region, 'Nightly', 'schedule-triggers', 'schedule', {
            isTrigger: true,
            schedule: { type: 'configVar', value: 'Export Schedule', meta: { scheduleType: 'custom', timeZone: 'UTC' } },
          }),
          step(region, 'List Open Invoices', 'acme-erp', 'listInvoices', {
            inputs: { connection: cv('Acme ERP Connection'), since: ref('nightly.results.lastRun'), status: value('open') },
          }),
          step(region, 'Each Invoice', 'loop', 'loopOverItems', {
            inputs: { items: ref('listOpenInvoices.results') },
            steps: [step(region, 'Send Invoice', 'http', 'httpPost', { inputs: { url: cv('Export URL'), data: ref('eachInvoice.currentItem') } })],
          }),
        ],
      },
    ],
  );
}

export function slackAlerts(region: RegionId): string {
  return definition(
    { name: 'Slack Alerts', description: 'Routes ERP alerts to the right Slack channel by severity.', category: 'Notifications' },
    [{ key: 'Critical Channel', dataType: 'string', defaultValue: '#erp-critical' }, { key: 'Info Channel', dataType: 'string', defaultValue: '#erp-info' }, slackConnectionVar],
    [
      {
        name: 'Alert Received',
        endpointSecurityType: 'customer_required',
        steps: [
          step(region, 'Alert Webhook', 'webhook-triggers', 'webhook', { isTrigger: true }),
          step(region, 'By Severity', 'branch', 'branchOnExpression', {
            inputs: { conditions: { type: 'complex', value: [{ name: 'Critical', type: 'value', value: "alertWebhook.results.body.data.severity == 'critical'" }] } },
            branches: [
              { name: 'Critical', steps: [step(region, 'Page Critical', 'slack', 'postMessage', { inputs: { connection: cv('Slack Connection'), channelName: cv('Critical Channel'), message: tpl(':rotating_light: {{$alertWebhook.results.body.data.text}}') } })] },
              { name: 'Else', steps: [step(region, 'Post Info', 'slack', 'postMessage', { inputs: { connection: cv('Slack Connection'), channelName: cv('Info Channel'), message: tpl('{{$alertWebhook.results.body.data.text}}') } })] },
            ],
          }),
        ],
      },
    ],
  );
}

export function inventoryFeed(region: RegionId, opts: { debugLogging: 'true' | 'false' } = { debugLogging: 'false' }): string {
  return definition(
    { name: 'Inventory Feed', description: 'Pushes stock levels from the ERP to the storefront every 15 minutes.', category: 'ERP' },
    [erpConnectionVar(region), { key: 'Warehouse Code', dataType: 'string', defaultValue: 'MAIN' }, { key: 'Storefront URL', dataType: 'string' }],
    [
      {
        name: 'Stock Levels',
        steps: [
          step(region, 'Every 15 Minutes', 'schedule-triggers', 'schedule', {
            isTrigger: true,
            schedule: { type: 'value', value: '*/15 * * * *', meta: { scheduleType: 'minute', timeZone: 'UTC' } },
          }),
          step(region, 'Get Stock', 'acme-erp', 'getInventory', {
            // debugLogging differs in au; the workspace ignores that input, so it is not drift.
            inputs: { connection: cv('Acme ERP Connection'), warehouse: cv('Warehouse Code'), debugLogging: value(opts.debugLogging) },
          }),
          step(region, 'Push Stock', 'http', 'httpPost', { inputs: { url: cv('Storefront URL'), data: ref('getStock.results.items') } }),
        ],
      },
    ],
  );
}

export function leadRouter(region: RegionId, opts: { minimumScore: string } = { minimumScore: '50' }): string {
  return definition(
    { name: 'Lead Router', description: 'Scores inbound leads and files the good ones in Salesforce.', category: 'Sales' },
    [
      {
        key: 'Salesforce Connection',
        dataType: 'connection',
        connection: { key: 'oauth2', component: { key: 'salesforce', version: 'LATEST', isPublic: true } },
        inputs: { clientId: { type: 'value', value: '' } },
        orgOnly: false,
      },
      { key: 'Minimum Score', dataType: 'number', defaultValue: opts.minimumScore },
    ],
    [
      {
        name: 'Inbound Lead',
        steps: [
          step(region, 'Lead Webhook', 'webhook-triggers', 'webhook', { isTrigger: true }),
          step(region, 'Score Lead', 'code', 'runCode', {
            inputs: { code: value('module.exports = async (context, { leadWebhook }) => ({ data: { score: leadWebhook.results.body.data.employees > 200 ? 80 : 30 } });') },
          }),
          step(region, 'Existing Lead', 'salesforce', 'queryRecords', {
            inputs: { connection: cv('Salesforce Connection'), query: tpl("SELECT Id FROM Lead WHERE Email = '{{$leadWebhook.results.body.data.email}}'") },
          }),
          step(region, 'Create Lead', 'salesforce', 'createRecord', {
            inputs: { connection: cv('Salesforce Connection'), recordType: value('Lead'), fieldValues: { type: 'complex', value: [{ name: { type: 'value', value: 'Email' }, type: 'reference', value: 'leadWebhook.results.body.data.email' }] } },
          }),
        ],
      },
    ],
  );
}

export function legacyFtpImport(region: RegionId): string {
  return definition(
    { name: 'Legacy FTP Import', description: 'Imports fixed-width order files from the agency SFTP drop (GovCloud only).', category: 'ERP' },
    [
      {
        key: 'SFTP Connection',
        dataType: 'connection',
        connection: { key: 'sftp', component: { key: 'acme-legacy-ftp', version: latestNumber('acme-legacy-ftp', region), isPublic: false } },
        inputs: { host: { type: 'value', value: '' }, username: { type: 'value', value: '' } },
        orgOnly: true,
      },
      erpConnectionVar(region),
    ],
    [
      {
        name: 'Hourly Import',
        steps: [
          step(region, 'Hourly', 'schedule-triggers', 'schedule', { isTrigger: true, schedule: { type: 'value', value: '0 * * * *', meta: { scheduleType: 'hour', timeZone: 'America/New_York' } } }),
          step(region, 'Read Orders', 'acme-legacy-ftp', 'readOrderFile', { inputs: { connection: cv('SFTP Connection'), path: value('/outbound/orders.dat') } }),
          step(region, 'Each Order', 'loop', 'loopOverItems', {
            inputs: { items: ref('readOrders.results.records') },
            steps: [step(region, 'Upsert Order', 'acme-erp', 'upsertOrder', { inputs: { connection: cv('Acme ERP Connection'), order: ref('eachOrder.currentItem') } })],
          }),
        ],
      },
    ],
  );
}
