// Shared scalars, paging, ordering and the mutation error shape ({field, messages}, §7).
export const commonSdl = /* GraphQL */ `
  scalar DateTime
  scalar JSONString

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type ErrorType {
    field: String!
    messages: [String!]!
  }

  enum SortDirection { ASC DESC }

  # One enum for every orderable field keeps the SDL short; each resolver honours the fields that
  # make sense for its type and ignores the rest, as the real API's per-type enums would reject them.
  enum OrderField {
    NAME KEY LABEL CATEGORY VERSION_NUMBER CREATED_AT UPDATED_AT EXTERNAL_ID TIMESTAMP DESCRIPTION
    LAST_DEPLOYED_AT LAST_EXECUTED_AT
  }

  input OrderByInput {
    field: OrderField!
    direction: SortDirection
  }
`;
