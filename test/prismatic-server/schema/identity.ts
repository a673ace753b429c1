// authenticatedUser and listUserTenants (§2.1).
export const identitySdl = /* GraphQL */ `
  type Organization {
    id: ID!
    name: String!
    tenantId: String
  }

  type User {
    id: ID!
    name: String!
    email: String!
    tenantId: String
    org: Organization
    customer: Customer
  }

  type UserTenant {
    tenantId: String!
    url: String!
    orgName: String!
    awsRegion: String!
    systemSuspended: Boolean!
  }

  type UserTenantConnection {
    nodes: [UserTenant]!
  }
`;
