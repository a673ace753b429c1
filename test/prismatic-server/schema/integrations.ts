// Integrations: canonical (draft) and version records, definitions, flows and the mutations that
// import, publish and mark versions available (§2.2-§2.7).
export const integrationsSdl = /* GraphQL */ `
  enum DefinitionType { INTEGRATION WORKFLOW }

  type IntegrationTriggerRef {
    id: ID!
    name: String!
    action: Action
  }

  type IntegrationFlow {
    id: ID!
    name: String!
    stableKey: String
    description: String
    isSynchronous: Boolean!
    endpointSecurityType: String!
    testUrl: String
    trigger: IntegrationTriggerRef
    integration: Integration!
  }

  type IntegrationFlowConnection {
    nodes: [IntegrationFlow]!
    edges: [IntegrationFlowEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type IntegrationFlowEdge { node: IntegrationFlow cursor: String! }

  type Integration {
    id: ID!
    name: String!
    description: String!
    category: String!
    labels: [String]
    documentation: String
    isCodeNative: Boolean!
    avatarUrl: String
    customer: Customer
    versionNumber: Int!
    versionIsAvailable: Boolean!
    versionIsLatest: Boolean!
    versionComment: String
    versionCreatedAt: DateTime
    versionCreatedBy: User
    versionAttributes: String
    firstCreatedAt: DateTime
    createdAt: DateTime
    updatedAt: DateTime
    lastPublishedAt: DateTime
    hasUnpublishedChanges: Boolean!
    definition(
      version: Int
      useLatestComponentVersions: Boolean
      definitionType: DefinitionType
    ): String!
    versionSequence(
      after: String, first: Int, before: String, last: Int
      versionIsAvailable: Boolean
      sortBy: [OrderByInput]
      orderBy: OrderByInput
    ): IntegrationConnection!
    flows(after: String, first: Int, before: String, last: Int, name: String): IntegrationFlowConnection!
    instances(
      after: String, first: Int, before: String, last: Int
      customer: ID, isSystem: Boolean, enabled: Boolean
    ): InstanceConnection!
    components(after: String, first: Int, before: String, last: Int): ComponentConnection!
    requiredConfigVariables(after: String, first: Int, before: String, last: Int): RequiredConfigVariableConnection!
    systemInstance: Instance
    testConfigVariables(
      after: String, first: Int, before: String, last: Int
      status: String
    ): InstanceConfigVariableConnection!
  }

  type IntegrationConnection {
    nodes: [Integration]!
    edges: [IntegrationEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type IntegrationEdge { node: Integration cursor: String! }

  input ImportIntegrationInput {
    definition: String!
    integrationId: ID
    replace: Boolean
    customer: ID
    clientMutationId: String
  }

  input PublishIntegrationInput {
    id: ID!
    comment: String
    attributes: String
    clientMutationId: String
  }

  input UpdateIntegrationVersionAvailabilityInput {
    id: ID!
    available: Boolean!
    clientMutationId: String
  }

  input CreateIntegrationInput {
    name: String!
    description: String
    customer: ID
    labels: [String]
    category: String
    clientMutationId: String
  }

  input UpdateIntegrationInput {
    id: ID!
    name: String
    description: String
    customer: ID
    labels: [String]
    category: String
    avatarUrl: String
    testConfigVariables: [InputInstanceConfigVariable]
    clientMutationId: String
  }

  input DeleteIntegrationInput { id: ID! clientMutationId: String }

  input ValidateIntegrationSchemaInput { definition: String! clientMutationId: String }

  type ImportIntegrationPayload { integration: Integration errors: [ErrorType!]! }
  type PublishIntegrationPayload { integration: Integration errors: [ErrorType!]! }
  type UpdateIntegrationVersionAvailabilityPayload { integration: Integration errors: [ErrorType!]! }
  type CreateIntegrationPayload { integration: Integration errors: [ErrorType!]! }
  type UpdateIntegrationPayload { integration: Integration errors: [ErrorType!]! }
  type DeleteIntegrationPayload { integration: Integration errors: [ErrorType!]! }

  type ValidateIntegrationSchemaResult { isValid: Boolean! }
  type ValidateIntegrationSchemaPayload { result: ValidateIntegrationSchemaResult errors: [ErrorType!]! }
`;
