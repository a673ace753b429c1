// Components, their actions/triggers/data sources (all Action nodes), connections and inputs (§4, §2.8, §2.9).
export const componentsSdl = /* GraphQL */ `
  enum InputFieldType {
    STRING PASSWORD TEXT CONNECTION CODE BOOLEAN DATA DATE TIMESTAMP TEMPLATE CONDITIONAL FLOW
    JSONFORM OBJECTSELECTION OBJECTFIELDMAP DYNAMICOBJECTSELECTION DYNAMICFIELDSELECTION
  }

  enum InputFieldCollection { VALUELIST KEYVALUELIST }

  type InputField {
    id: ID!
    key: String!
    label: String!
    type: InputFieldType!
    required: Boolean
    default: String
    collection: InputFieldCollection
    comments: String
    shown: Boolean
    onPremiseControlled: Boolean
  }

  type InputFieldConnection {
    nodes: [InputField]!
    edges: [InputFieldEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type InputFieldEdge { node: InputField cursor: String! }

  type Action {
    id: ID!
    key: String!
    label: String!
    description: String
    component: Component!
    isTrigger: Boolean!
    isCommonTrigger: Boolean!
    isPollingTrigger: Boolean!
    scheduleSupport: String
    isDataSource: Boolean!
    isDetailDataSource: Boolean!
    dataSourceType: String
    detailDataSource: Action
    examplePayload: JSONString
    examplePerformSafety: Boolean
    performSafety: Boolean
    allowsBranching: Boolean
    inputs(after: String, first: Int, before: String, last: Int): InputFieldConnection!
  }

  type ActionConnection {
    nodes: [Action]!
    edges: [ActionEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ActionEdge { node: Action cursor: String! }

  type ComponentConnectionDefinition {
    id: ID!
    key: String!
    label: String!
    comments: String
    oauth2Type: String
    component: Component!
    inputs(after: String, first: Int, before: String, last: Int): InputFieldConnection!
  }

  type ConnectionConnection {
    nodes: [ComponentConnectionDefinition]!
    edges: [ConnectionEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ConnectionEdge { node: ComponentConnectionDefinition cursor: String! }

  type Component {
    id: ID!
    key: String!
    public: Boolean!
    label: String!
    description: String!
    category: String
    versionNumber: Int!
    versionCreatedAt: DateTime
    versionComment: String
    signature: String
    customer: Customer
    forCodeNativeIntegration: Boolean!
    iconUrl: String
    documentationUrl: String
    labels: [String]
    actions(
      after: String, first: Int, before: String, last: Int
      isTrigger: Boolean, isDataSource: Boolean, key: String, sortBy: [OrderByInput]
    ): ActionConnection!
    connections(after: String, first: Int, before: String, last: Int, key: String, sortBy: [OrderByInput]): ConnectionConnection!
  }

  type ComponentConnection {
    nodes: [Component]!
    edges: [ComponentEdge]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ComponentEdge { node: Component cursor: String! }

  input ComponentDisplayDefinition {
    label: String!
    description: String!
    iconPath: String
    category: String
  }

  input ComponentDefinitionInput {
    key: String!
    public: Boolean
    forCodeNativeIntegration: Boolean
    display: ComponentDisplayDefinition!
    documentationUrl: String
    authorization: JSONString
    version: String
  }

  input ActionDisplayDefinition {
    label: String!
    description: String!
    category: String
    directions: String
    important: Boolean
  }

  input InputFieldChoice { label: String, value: String }

  input InputFieldDefinition {
    key: String!
    label: String!
    type: String!
    required: Boolean
    default: JSONString
    collection: String
    comments: String
    example: String
    placeholder: String
    model: [InputFieldChoice]
    language: String
    keyLabel: String
    dataSource: String
    shown: Boolean
    onPremiseControlled: Boolean
  }

  input ActionDefinitionInput {
    key: String!
    display: ActionDisplayDefinition!
    inputs: [InputFieldDefinition]!
    examplePayload: JSONString
    allowsBranching: Boolean
    staticBranchNames: [String]
    dynamicBranchInput: String
    terminateExecution: Boolean
    breakLoop: Boolean
    canCallComponentFunctions: Boolean
    authorization: JSONString
  }

  input TriggerDefinitionInput {
    key: String!
    display: ActionDisplayDefinition!
    inputs: [InputFieldDefinition]!
    examplePayload: JSONString
    allowsBranching: Boolean
    staticBranchNames: [String]
    dynamicBranchInput: String
    terminateExecution: Boolean
    breakLoop: Boolean
    authorization: JSONString
    scheduleSupport: String
    synchronousResponseSupport: String
    isPollingTrigger: Boolean
    isCommonTrigger: Boolean
    hasOnInstanceDeploy: Boolean
    hasOnInstanceDelete: Boolean
    hasWebhookCreateFunction: Boolean
    hasWebhookDeleteFunction: Boolean
  }

  input DataSourceDefinitionInput {
    key: String!
    display: ActionDisplayDefinition!
    inputs: [InputFieldDefinition]!
    dataSourceType: String!
    detailDataSource: String
    examplePayload: JSONString
    authorization: JSONString
  }

  input ConnectionDefinitionInput {
    key: String!
    label: String!
    comments: String
    inputs: [InputFieldDefinition]
    iconPath: String
    avatarIconPath: String
    oauth2Type: String
    oauth2PkceMethod: String
    oauth2Config: JSONString
  }

  input PublishComponentInput {
    definition: ComponentDefinitionInput!
    actions: [ActionDefinitionInput]!
    triggers: [TriggerDefinitionInput]
    dataSources: [DataSourceDefinitionInput]
    connections: [ConnectionDefinitionInput]
    comment: String
    customer: ID
    attributes: String
    clientMutationId: String
  }

  type ConnectionIconUploadUrl {
    connectionKey: String!
    iconUploadUrl: String!
  }

  type PublishComponentResult {
    component: Component
    iconUploadUrl: String
    packageUploadUrl: String
    sourceUploadUrl: String
    connectionIconUploadUrls: [ConnectionIconUploadUrl]
    connectionAvatarIconUploadUrls: [ConnectionIconUploadUrl]
  }

  type PublishComponentPayload {
    publishResult: PublishComponentResult
    errors: [ErrorType!]!
  }

  input DeleteComponentInput { id: ID! clientMutationId: String }

  type DeleteComponentPayload {
    component: Component
    errors: [ErrorType!]!
  }
`;
