// POST /api: parse once (the request log and fault matching need the operation name and top-level
// fields before execution), validate against the schema, execute with the real graphql executor.
import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, Kind } from 'graphql';
import type { StackContext } from './resolvers/context';

export interface ParsedRequest {
  document?: DocumentNode;
  operation?: string;
  fields: string[];
  variables: Record<string, unknown>;
  operationName?: string;
  parseError?: GraphQLError;
}

export function inspectRequest(body: unknown): ParsedRequest {
  const b = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  const variables = b.variables && typeof b.variables === 'object' ? (b.variables as Record<string, unknown>) : {};
  const operationName = typeof b.operationName === 'string' ? b.operationName : undefined;
  if (typeof b.query !== 'string') return { fields: [], variables, parseError: new GraphQLError('Must provide query string.') };
  let document: DocumentNode;
  try {
    document = parse(b.query, { maxTokens: 50_000 });
  } catch (e) {
    return { fields: [], variables, parseError: e as GraphQLError };
  }
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops.find((o) => operationName === undefined || o.name?.value === operationName) ?? ops[0];
  const fields =
    op?.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) ?? [];
  return { document, operation: op?.name?.value, fields, variables, operationName };
}

export interface GraphQLResponse {
  status: number;
  body: unknown;
}

export async function runGraphQL(schema: GraphQLSchema, req: ParsedRequest, ctx: StackContext): Promise<GraphQLResponse> {
  if (!req.document) return { status: 400, body: { errors: [{ message: req.parseError?.message ?? 'Bad request' }] } };
  const validationErrors = validate(schema, req.document);
  if (validationErrors.length) {
    return { status: 400, body: { errors: validationErrors.map((e) => ({ message: e.message, locations: e.locations })) } };
  }
  // Variables the operation does not declare are ignored by graphql-js's coercion (prism sends
  // `after` to a query that never declares it, §2.13).
  const result = await execute({
    schema,
    document: req.document,
    variableValues: req.variables,
    operationName: req.operationName,
    contextValue: ctx,
  });
  const body: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.map((e) => ({ message: e.message, locations: e.locations, path: e.path }));
  return { status: 200, body };
}
