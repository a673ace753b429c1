/**
 * The dispatcher every host serves: validate params with the contract's schema, run the handler,
 * and turn anything thrown into an error value. Hosts therefore only move JSON: no exception, stack
 * or class instance ever crosses a boundary.
 */
import { appError, toAppError, type AppError } from '../core/errors';
import { operations, type ApiEvent, type OperationName, type ParamsOf, type Reply } from './contract';
import type { ServiceDeps } from './service/context';
import { createLiveContext } from './service/live-context';
import { handlers as defaultHandlers } from './service/handlers';
import type { HandlerTable } from './service/context';

export interface Api {
  call<Op extends OperationName>(op: Op, params: ParamsOf<Op>): Promise<Reply<Op>>;
  /** For transports, whose op names arrive as untrusted strings. */
  callUnchecked(op: string, params: unknown): Promise<Reply<OperationName>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
}

export function isOperationName(op: unknown): op is OperationName {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(operations, op);
}

/** Error messages cross to browsers and logs: keep them one readable paragraph, never a stack. */
function sanitize(e: AppError): AppError {
  const message = e.message.length > 2000 ? `${e.message.slice(0, 2000)}…` : e.message;
  return { ...e, message };
}

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
}

function invalidInput(op: string, issues: readonly ZodIssueLike[]): AppError {
  const fields = issues.map((i) => (i.path.length ? i.path.map(String).join('.') : '(params)'));
  const detail = issues.map((i, n) => `${fields[n]}: ${i.message}`).join('; ');
  return appError('INVALID_INPUT', `Invalid parameters for ${op}: ${detail}`, {
    hint: 'Check the named fields against the operation’s parameters.',
    details: { fields: [...new Set(fields)] },
  });
}

export function createApi(deps: ServiceDeps, opts: { handlers?: Partial<HandlerTable> } = {}): Api {
  const listeners = new Set<(e: ApiEvent) => void>();
  const emit = (e: ApiEvent) => {
    for (const l of [...listeners]) {
      try {
        l(e);
      } catch {
        // A broken listener (e.g. a closed SSE stream) must not break the operation that emitted.
      }
    }
  };
  const ctx = createLiveContext(deps, emit);
  const table: HandlerTable = { ...defaultHandlers, ...opts.handlers } as HandlerTable;

  const callUnchecked = async (op: string, params: unknown): Promise<Reply<OperationName>> => {
    if (!isOperationName(op)) return { ok: false, error: appError('INVALID_INPUT', `Unknown operation "${String(op).slice(0, 100)}".`) };
    const parsed = operations[op].safeParse(params ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(op, parsed.error.issues) };
    try {
      const handler = table[op] as (p: unknown, c: typeof ctx) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value } as Reply<OperationName>;
    } catch (e) {
      return { ok: false, error: sanitize(toAppError(e)) };
    }
  };

  return {
    call: (op, params) => callUnchecked(op, params) as Promise<Reply<typeof op>>,
    callUnchecked,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
