// Relay connections the way graphene-django serves them: offset cursors ("arrayconnection:<n>"),
// `after: ""` (prism's first request) and unparseable cursors mean "from the start", a default page
// size when `first` is absent and a hard cap on `first`.
import { GraphQLError } from 'graphql';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  after?: string | null;
  before?: string | null;
  first?: number | null;
  last?: number | null;
}

export interface Connection<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function offsetCursor(offset: number): string {
  return Buffer.from(`arrayconnection:${offset}`).toString('base64');
}

function cursorOffset(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  const match = /^arrayconnection:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export function connectionOf<T>(all: T[], args: PageArgs, defaultPageSize: number, fieldName: string): Connection<T> {
  for (const [name, value] of [['first', args.first], ['last', args.last]] as const) {
    if (value == null) continue;
    if (value < 0) throw new GraphQLError(`Argument "${name}" must be a non-negative integer`);
    if (value > MAX_PAGE_SIZE) {
      throw new GraphQLError(
        `Requesting ${value} records on the \`${fieldName}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE_SIZE} records.`,
      );
    }
  }
  const afterOffset = cursorOffset(args.after);
  const beforeOffset = cursorOffset(args.before);
  let start = afterOffset == null ? 0 : afterOffset + 1;
  let end = beforeOffset == null ? all.length : Math.min(beforeOffset, all.length);
  if (args.first != null) end = Math.min(end, start + args.first);
  else if (args.last == null) end = Math.min(end, start + defaultPageSize);
  if (args.last != null) start = Math.max(start, end - args.last);
  start = Math.min(start, all.length);
  const slice = all.slice(start, Math.max(start, end));
  const edges = slice.map((node, i) => ({ node, cursor: offsetCursor(start + i) }));
  return {
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage: start + slice.length < all.length,
      hasPreviousPage: start > 0,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount: all.length,
  };
}
