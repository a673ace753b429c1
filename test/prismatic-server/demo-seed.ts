// The built-in demo stack: every public component the real fixtures use (scanned at seed time),
// the low-code fixtures imported as integrations with one or two published versions, customers in
// several countries, and instances with plain values and connection secrets.
import type { StackSeed } from './types';

export function demoSeed(): StackSeed {
  return {
    org: { name: 'Acme Demo Org' },
    users: [{ name: 'Dana Demo', email: 'dana@acme.example' }],
    includeFixtureComponents: true,
    customers: [
      { externalId: 'acme-us', name: 'Acme US', country: 'US' },
      { externalId: 'globex-de', name: 'Globex GmbH', country: 'DE' },
      { externalId: 'initech-fr', name: 'Initech SARL', country: 'FR' },
      { externalId: 'umbrella-gb', name: 'Umbrella Ltd', country: 'GB' },
      { externalId: 'wayne-au', name: 'Wayne Pty', country: 'AU' },
    ],
    integrations: [
      { definitionPath: 'fixture:01-sample-integration.yml', published: [{ comment: 'First release' }, { comment: 'Retry tuning' }] },
      { definitionPath: 'fixture:02-example-with-loop.yaml', published: [{ comment: 'Initial' }] },
      { definitionPath: 'fixture:03-gmail-with-webhooks.yml', published: [{ comment: 'Initial' }, { comment: 'Pub/Sub renewals' }] },
      { definitionPath: 'fixture:04-amazon-sqs-fifo-queue.yml', published: [{ comment: 'Initial' }] },
      { definitionPath: 'fixture:05-dropbox-extract-receipt-from-pdf.yml' },
      { definitionPath: 'fixture:06-hubspot-example-integration.yml', published: [{ comment: 'Initial' }] },
      { definitionPath: 'fixture:07-salesforce-batch-polling-trigger-export.yml', published: [{ comment: 'Batch polling' }] },
      { definitionPath: 'fixture:08-databricks-example.yaml', published: [{ comment: 'Initial' }] },
      { definitionPath: 'fixture:09-slack-interactivity-router.yaml', published: [{ comment: 'Initial' }] },
      { definitionPath: 'fixture:10-update-instances.yml', published: [{ comment: 'Initial' }] },
    ],
    instances: [
      {
        name: 'Acme Storefront',
        customer: 'acme-us',
        integration: 'Sample E-commerce Integration',
        configVariables: { apiKey: 'acme-api-key', baseUrl: 'https://api.acme.example' },
      },
      {
        name: 'Globex Storefront',
        customer: 'globex-de',
        integration: 'Sample E-commerce Integration',
        version: 1,
        configVariables: { apiKey: 'globex-api-key', baseUrl: 'https://api.globex.example' },
      },
      {
        name: 'Globex Inbox',
        customer: 'globex-de',
        integration: 'Gmail with Webhooks',
        configVariables: {
          'Google Cloud Pub/Sub - Project ID': 'globex-project',
          'Gmail Connection': { clientId: 'globex-client', clientSecret: 'globex-secret', scopes: 'gmail.readonly' },
        },
      },
      {
        name: 'Umbrella Queue',
        customer: 'umbrella-gb',
        integration: 'Amazon SQS FIFO Queue Example',
        enabled: false,
        configVariables: { 'Amazon SQS Connection': { accessKeyId: 'AKIAUMBRELLA', secretAccessKey: 'umbrella-secret' } },
      },
      {
        name: 'Wayne Hubspot',
        customer: 'wayne-au',
        integration: 'Hubspot Example Integration',
        deployed: false,
      },
    ],
  };
}
