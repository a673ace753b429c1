/**
 * The GraphQL documents this provider sends. Written for what a snapshot and a promotion need,
 * from the fields and arguments documented in prismatic-api.md §2/§4/§5 (relay paging with
 * `after`, version-specific integration ids from `versionSequence`, `errors {field messages}` on
 * every mutation payload).
 */

const INPUT_FIELDS = 'key label type required default collection';
const PAGE = 'pageInfo { hasNextPage endCursor }';
const MUTATION_ERRORS = 'errors { field messages }';

export const WHOAMI = `query regionSyncWhoami {
  authenticatedUser { name email tenantId org { id name } customer { id name } }
}`;

// ---- components ------------------------------------------------------------------------------

export const LIST_COMPONENTS = `query regionSyncComponents($after: String, $first: Int) {
  components(after: $after, first: $first) {
    nodes {
      id key public label description versionNumber versionCreatedAt signature
      actions { nodes { key label isTrigger isDataSource inputs { nodes { ${INPUT_FIELDS} } } } ${PAGE} }
      connections { nodes { key label inputs { nodes { ${INPUT_FIELDS} } } } }
    }
    ${PAGE}
  }
}`;

/** The rest of a component's actions when the nested first page was not all of them. */
export const COMPONENT_ACTIONS = `query regionSyncComponentActions($component: ID!, $after: String) {
  actions(component: $component, after: $after) {
    nodes { key label isTrigger isDataSource inputs { nodes { ${INPUT_FIELDS} } } }
    ${PAGE}
  }
}`;

/** Every published version's number and signature: cheap, and it lets drift translate v50 ≡ v2. */
export const COMPONENT_HISTORY = `query regionSyncComponentHistory($after: String, $first: Int) {
  components(allVersions: true, after: $after, first: $first) {
    nodes { key public versionNumber versionCreatedAt signature }
    ${PAGE}
  }
}`;

export const FIND_COMPONENT = `query regionSyncFindComponent($key: String!, $public: Boolean!) {
  components(key: $key, public: $public) { nodes { id key public versionNumber signature } }
}`;

export const FIND_COMPONENT_VERSION = `query regionSyncFindComponentVersion($key: String!, $public: Boolean!, $versionNumber: Int!) {
  components(key: $key, public: $public, versionNumber: $versionNumber) { nodes { id versionNumber signature } }
}`;

export const PUBLISH_COMPONENT = `mutation regionSyncPublishComponent(
  $definition: ComponentDefinitionInput!, $actions: [ActionDefinitionInput]!, $triggers: [TriggerDefinitionInput],
  $dataSources: [DataSourceDefinitionInput], $connections: [ConnectionDefinitionInput], $comment: String
) {
  publishComponent(input: {
    definition: $definition, actions: $actions, triggers: $triggers, dataSources: $dataSources,
    connections: $connections, comment: $comment
  }) {
    publishResult { component { id versionNumber } packageUploadUrl }
    ${MUTATION_ERRORS}
  }
}`;

// ---- integrations ----------------------------------------------------------------------------

export const LIST_INTEGRATIONS = `query regionSyncIntegrations($after: String, $first: Int) {
  integrations(after: $after, first: $first) {
    nodes { id name versionNumber }
    ${PAGE}
  }
}`;

const VERSION_NODES = `nodes { id versionNumber versionCreatedAt versionComment versionIsAvailable }`;

/**
 * One request per integration: the draft's definition, its published versions (newest first), and
 * the latest published definition — so "unpublished changes" needs no second round trip.
 */
export const INTEGRATION_DETAIL = `query regionSyncIntegration($id: ID!) {
  integration(id: $id) {
    id name isCodeNative
    definition(useLatestComponentVersions: true)
    versionSequence(sortBy: [{ field: VERSION_NUMBER, direction: DESC }]) { ${VERSION_NODES} ${PAGE} }
    latest: versionSequence(first: 1, sortBy: [{ field: VERSION_NUMBER, direction: DESC }]) {
      nodes { id versionNumber definition(useLatestComponentVersions: true) }
    }
  }
}`;

/** The newest published version of an integration, with its definition. */
export const LATEST_PUBLISHED = `query regionSyncLatestPublished($id: ID!) {
  integration(id: $id) {
    id
    latest: versionSequence(first: 1, sortBy: [{ field: VERSION_NUMBER, direction: DESC }]) {
      nodes { id versionNumber definition(useLatestComponentVersions: true) }
    }
  }
}`;

export const INTEGRATION_VERSIONS = `query regionSyncIntegrationVersions($id: ID!, $after: String) {
  integration(id: $id) {
    versionSequence(sortBy: [{ field: VERSION_NUMBER, direction: DESC }], after: $after) { ${VERSION_NODES} ${PAGE} }
  }
}`;

export const INTEGRATION_DEFINITION = `query regionSyncDefinition($id: ID!) {
  integration(id: $id) { id definition(useLatestComponentVersions: true) }
}`;

export const FIND_INTEGRATION = `query regionSyncFindIntegration($name: String!) {
  integrations(name: $name) { nodes { id name } }
}`;

export const IMPORT_INTEGRATION = `mutation regionSyncImport($definition: String!, $integrationId: ID) {
  importIntegration(input: { definition: $definition, integrationId: $integrationId }) {
    integration { id }
    ${MUTATION_ERRORS}
  }
}`;

export const PUBLISH_INTEGRATION = `mutation regionSyncPublish($id: ID!, $comment: String) {
  publishIntegration(input: { id: $id, comment: $comment }) {
    integration { id }
    ${MUTATION_ERRORS}
  }
}`;

// ---- customers -------------------------------------------------------------------------------

export const LIST_CUSTOMERS = `query regionSyncCustomers($after: String, $first: Int) {
  customers(isSystem: false, after: $after, first: $first) {
    nodes { id externalId name labels }
    ${PAGE}
  }
}`;

export const FIND_CUSTOMER = `query regionSyncFindCustomer($externalId: String!) {
  customers(externalId: $externalId) { nodes { id externalId name labels } }
}`;

export const CREATE_CUSTOMER = `mutation regionSyncCreateCustomer($name: String!, $externalId: String, $labels: [String]) {
  createCustomer(input: { name: $name, externalId: $externalId, labels: $labels }) {
    customer { id }
    ${MUTATION_ERRORS}
  }
}`;

export const UPDATE_CUSTOMER = `mutation regionSyncUpdateCustomer($id: ID!, $name: String, $labels: [String]) {
  updateCustomer(input: { id: $id, name: $name, labels: $labels }) {
    customer { id }
    ${MUTATION_ERRORS}
  }
}`;

// ---- instances -------------------------------------------------------------------------------

const INSTANCE_FIELDS = `id name enabled labels needsDeploy lastDeployedAt
      customer { id externalId }
      integration { id name versionNumber }`;

/**
 * Connection inputs are asked for by name and value only to tell "set" from "unset"; the values
 * are dropped before anything is stored (snapshots never hold secrets).
 */
export const LIST_INSTANCES = `query regionSyncInstances($after: String, $first: Int) {
  instances(isSystem: false, after: $after, first: $first) {
    nodes {
      ${INSTANCE_FIELDS}
      configVariables { nodes { value status requiredConfigVariable { key dataType } inputs { nodes { name value } } } }
      flowConfigs { nodes { flow { name } webhookUrl } }
    }
    ${PAGE}
  }
}`;

export const CUSTOMER_INSTANCES = `query regionSyncCustomerInstances($customer: ID!, $after: String) {
  instances(customer: $customer, isSystem: false, after: $after) {
    nodes { ${INSTANCE_FIELDS} }
    ${PAGE}
  }
}`;

export const CREATE_INSTANCE = `mutation regionSyncCreateInstance(
  $name: String!, $integration: ID!, $customer: ID!, $configVariables: [InputInstanceConfigVariable], $labels: [String]
) {
  createInstance(input: { name: $name, integration: $integration, customer: $customer, configVariables: $configVariables, labels: $labels }) {
    instance { id }
    ${MUTATION_ERRORS}
  }
}`;

export const SET_INSTANCE_VERSION = `mutation regionSyncSetInstanceVersion($id: ID!, $integration: ID!) {
  updateInstance(input: { id: $id, integration: $integration }) {
    instance { id }
    ${MUTATION_ERRORS}
  }
}`;

export const SET_INSTANCE_ENABLED = `mutation regionSyncSetInstanceEnabled($id: ID!, $enabled: Boolean!) {
  updateInstance(input: { id: $id, enabled: $enabled }) {
    instance { id }
    ${MUTATION_ERRORS}
  }
}`;

export const DEPLOY_INSTANCE = `mutation regionSyncDeployInstance($id: ID!) {
  deployInstance(input: { id: $id }) {
    instance { id }
    ${MUTATION_ERRORS}
  }
}`;
