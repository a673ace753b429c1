// Customers, instances, their config variables and flow configs (§2.10, §2.12-§2.16, §5).
export const instancesSdl = /* GraphQL */ `
  type Customer {
    id: ID!
    name: String!
    externalId: String
    description: String
    labels: [String]
    isSystem: Boolean!
    createdAt: DateTime
    instances(after: String, first: Int, before: String, last: Int, isSystem: Boolean): InstanceConnection!
  }

  type CustomerConnection {
    nodes: [Customer]!
    edges: [CustomerEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type CustomerEdge { node: Customer cursor: String! }

  type RequiredConfigVariable {
    id: ID!
    key: String!
    stableKey: String
    dataType: String!
    defaultValue: String
    description: String
    collectionType: String
    orgOnly: Boolean!
    pickList: [String]
    connection: ComponentConnectionDefinition
    connectionTemplate: String
  }

  type RequiredConfigVariableConnection {
    nodes: [RequiredConfigVariable]!
    edges: [RequiredConfigVariableEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type RequiredConfigVariableEdge { node: RequiredConfigVariable cursor: String! }

  type InputExpression {
    id: ID!
    name: String!
    type: String!
    value: String
    hasValue: Boolean!
    meta: JSONString
  }

  type InputExpressionConnection {
    nodes: [InputExpression]!
    edges: [InputExpressionEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type InputExpressionEdge { node: InputExpression cursor: String! }

  enum InstanceConfigVariableStatus { ACTIVE ERROR FAILED PENDING }

  type InstanceConfigVariable {
    id: ID!
    value: String
    status: InstanceConfigVariableStatus
    authorizeUrl: String
    refreshAt: DateTime
    meta: JSONString
    scheduleType: String
    timeZone: String
    inputs(after: String, first: Int, before: String, last: Int): InputExpressionConnection!
    requiredConfigVariable: RequiredConfigVariable!
  }

  type InstanceConfigVariableConnection {
    nodes: [InstanceConfigVariable]!
    edges: [InstanceConfigVariableEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type InstanceConfigVariableEdge { node: InstanceConfigVariable cursor: String! }

  type InstanceFlowConfig {
    id: ID!
    flow: IntegrationFlow!
    webhookUrl: String!
    apiKeys: [String]
    inFailedState: Boolean!
    lastExecutedAt: DateTime
  }

  type InstanceFlowConfigConnection {
    nodes: [InstanceFlowConfig]!
    edges: [InstanceFlowConfigEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type InstanceFlowConfigEdge { node: InstanceFlowConfig cursor: String! }

  enum InstanceConfigState { FULLY_CONFIGURED NEEDS_INSTANCE_CONFIGURATION NEEDS_USER_LEVEL_CONFIGURATION }
  enum DesignedBy { ORG CUSTOMER }

  type Instance {
    id: ID!
    name: String!
    description: String
    enabled: Boolean!
    labels: [String]
    isSystem: Boolean!
    customer: Customer!
    integration: Integration!
    deployedVersion: Int!
    needsDeploy: Boolean!
    lastDeployedAt: DateTime
    lastExecutedAt: DateTime
    inFailedState: Boolean!
    configState: InstanceConfigState
    designedBy: DesignedBy!
    createdAt: DateTime
    updatedAt: DateTime
    configVariables(after: String, first: Int, before: String, last: Int): InstanceConfigVariableConnection!
    flowConfigs(after: String, first: Int, before: String, last: Int): InstanceFlowConfigConnection!
  }

  type InstanceConnection {
    nodes: [Instance]!
    edges: [InstanceEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type InstanceEdge { node: Instance cursor: String! }

  input InputInstanceConfigVariable {
    key: String!
    value: String
    values: JSONString
    scheduleType: String
    timeZone: String
    customerConfigVariableId: ID
    onPremiseResourceId: ID
  }

  input InputInstanceFlowConfig {
    flowId: ID!
    apiKeys: [String]
    testPayload: String
    testContentType: String
    testHeaders: JSONString
    usesLre: Boolean
  }

  input CreateCustomerInput {
    name: String!
    description: String
    externalId: String
    labels: [String]
    clientMutationId: String
  }
  input UpdateCustomerInput {
    id: ID!
    name: String
    description: String
    externalId: String
    labels: [String]
    clientMutationId: String
  }
  input DeleteCustomerInput { id: ID! clientMutationId: String }

  input CreateInstanceInput {
    customer: ID!
    integration: ID!
    name: String!
    description: String
    labels: [String]
    configVariables: [InputInstanceConfigVariable]
    flowConfigs: [InputInstanceFlowConfig]
    configMode: String
    clientMutationId: String
  }

  input UpdateInstanceInput {
    id: ID
    name: String
    description: String
    integration: ID
    enabled: Boolean
    labels: [String]
    configVariables: [InputInstanceConfigVariable]
    flowConfigs: [InputInstanceFlowConfig]
    globalDebug: Boolean
    preserveDeployState: Boolean
    configMode: String
    starred: Boolean
    clientMutationId: String
  }

  input UpdateInstanceConfigVariablesInput {
    id: ID
    configVariables: [InputInstanceConfigVariable]
    configMode: String
    configComplete: Boolean
    clientMutationId: String
  }

  input DeployInstanceInput { id: ID force: Boolean clientMutationId: String }
  input DeleteInstanceInput { id: ID! clientMutationId: String }

  type CustomerPayload { customer: Customer errors: [ErrorType!]! }
  type InstancePayload { instance: Instance errors: [ErrorType!]! }
`;
