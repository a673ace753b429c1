// What every resolver receives, plus the small helpers they share: paging with the stack's page
// size, ordering from sortBy/orderBy, and Django-style filter evaluation.
import { GraphQLError } from 'graphql';
import { connectionOf, type Connection, type PageArgs } from '../paging';
import type { StackState } from '../state';

export interface StackContext {
  state: StackState;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  pageSize: number;
}

export type Args = Record<string, any>;
export type Resolver = (source: any, args: Args, ctx: StackContext) => unknown;
export type ResolverMap = Record<string, Record<string, Resolver>>;

export function page<T>(all: T[], args: PageArgs, ctx: StackContext, fieldName: string): Connection<T> {
  return connectionOf(all, args, ctx.pageSize, fieldName);
}

export function notFound(type: string, id: string): GraphQLError {
  return new GraphQLError(`${type} matching query does not exist. (id: ${id})`);
}

interface OrderBy {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

/** Sorts by the first ordering given (sortBy list or orderBy), using per-type field getters. */
export function ordered<T>(
  items: T[],
  args: Args,
  getters: Record<string, (item: T) => string | number | null>,
  fallback: (a: T, b: T) => number,
): T[] {
  const spec: OrderBy | undefined = (Array.isArray(args.sortBy) ? args.sortBy[0] : args.sortBy) ?? args.orderBy ?? undefined;
  const getter = spec ? getters[spec.field] : undefined;
  if (!spec || !getter) return [...items].sort(fallback);
  const sign = spec.direction === 'DESC' ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = getter(a);
    const y = getter(b);
    if (x === y) return fallback(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
}

export const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Evaluates the filterQuery DSL prism sends (`["or", ["in","key",s], ["in","label",s]]`):
 * "in" is a case-insensitive substring test of a record field; "and"/"or"/"not" combine.
 */
export function matchesFilterQuery(record: Record<string, unknown>, query: unknown): boolean {
  if (!Array.isArray(query) || query.length === 0) return true;
  const [op, ...rest] = query;
  switch (op) {
    case 'or':
      return rest.some((q) => matchesFilterQuery(record, q));
    case 'and':
      return rest.every((q) => matchesFilterQuery(record, q));
    case 'not':
      return !matchesFilterQuery(record, rest[0]);
    case 'in': {
      const [field, needle] = rest;
      const value = record[String(field)];
      return typeof value === 'string' && value.toLowerCase().includes(String(needle ?? '').toLowerCase());
    }
    case 'eq':
      return record[String(rest[0])] === rest[1];
    default:
      throw new GraphQLError(`Unsupported filterQuery operator ${JSON.stringify(op)}`);
  }
}

export function parseFilterQuery(raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new GraphQLError('filterQuery must be a JSON string.');
  }
}

export const errorsOf = (errors: { field: string; messages: string[] }[] = []) => errors;
