// The whole SDL: root types here, domain types in their own files.
import { buildSchema, type GraphQLSchema } from 'graphql';
import { commonSdl } from './common';
import { componentsSdl } from './components';
import { identitySdl } from './identity';
import { instancesSdl } from './instances';
import { integrationsSdl } from './integrations';

const rootSdl = /* GraphQL */ `
  type Query {
    authenticatedUser: User!
    listUserTenants: UserTenantConnection!

    integrations(
      after: String, first: Int, before: String, last: Int
      allVersions: Boolean
      customer: ID
      customer_Isnull: Boolean
      name: String
      name_Icontains: String
      versionIsAvailable: Boolean
      isCodeNative: Boolean
      labels_Contains: String
      filterQuery: JSONString
      sortBy: [OrderByInput]
      orderBy: OrderByInput
    ): IntegrationConnection!
    integration(id: ID!): Integration

    components(
      after: String, first: Int, before: String, last: Int
      key: String
      key_In: [String]
      public: Boolean
      allVersions: Boolean
      versionNumber: Int
      label_Icontains: String
      customer: ID
      filterQuery: JSONString
      includeComponentsForCodeNativeIntegrations: Boolean
      sortBy: [OrderByInput]
      orderBy: OrderByInput
    ): ComponentConnection!
    component(id: ID!): Component
    actions(
      after: String, first: Int, before: String, last: Int
      component: ID
      key: String
      isTrigger: Boolean
      isDataSource: Boolean
    ): ActionConnection!

    customers(
      after: String, first: Int, before: String, last: Int
      externalId: String
      name: String
      name_Icontains: String
      isSystem: Boolean
      sortBy: [OrderByInput]
      orderBy: OrderByInput
    ): CustomerConnection!
    customer(id: ID!): Customer

    instances(
      after: String, first: Int, before: String, last: Int
      customer: ID
      integration: ID
      isSystem: Boolean
      enabled: Boolean
      name: String
      sortBy: [OrderByInput]
      orderBy: OrderByInput
    ): InstanceConnection!
    instance(id: ID!): Instance
  }

  type Mutation {
    importIntegration(input: ImportIntegrationInput!): ImportIntegrationPayload
    publishIntegration(input: PublishIntegrationInput!): PublishIntegrationPayload
    updateIntegrationVersionAvailability(input: UpdateIntegrationVersionAvailabilityInput!): UpdateIntegrationVersionAvailabilityPayload
    createIntegration(input: CreateIntegrationInput!): CreateIntegrationPayload
    updateIntegration(input: UpdateIntegrationInput!): UpdateIntegrationPayload
    deleteIntegration(input: DeleteIntegrationInput!): DeleteIntegrationPayload
    validateIntegrationSchema(input: ValidateIntegrationSchemaInput!): ValidateIntegrationSchemaPayload

    publishComponent(input: PublishComponentInput!): PublishComponentPayload
    deleteComponent(input: DeleteComponentInput!): DeleteComponentPayload

    createCustomer(input: CreateCustomerInput!): CustomerPayload
    updateCustomer(input: UpdateCustomerInput!): CustomerPayload
    deleteCustomer(input: DeleteCustomerInput!): CustomerPayload

    createInstance(input: CreateInstanceInput!): InstancePayload
    updateInstance(input: UpdateInstanceInput!): InstancePayload
    updateInstanceConfigVariables(input: UpdateInstanceConfigVariablesInput!): InstancePayload
    deployInstance(input: DeployInstanceInput!): InstancePayload
    deleteInstance(input: DeleteInstanceInput!): InstancePayload
  }
`;

export function buildStackSchema(): GraphQLSchema {
  return buildSchema([commonSdl, identitySdl, componentsSdl, integrationsSdl, instancesSdl, rootSdl].join('\n'));
}
