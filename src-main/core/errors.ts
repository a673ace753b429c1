/**
 * Errors are values: every failure the user can see carries a stable code, a plain message,
 * and where known the file/line/column and a hint saying what to do. They cross every boundary
 * (IPC, HTTP, CLI --json) as plain JSON, so nothing here may hold a class instance or a token.
 */
export type ErrorCode =
  // input files
  | 'YAML_SYNTAX'
  | 'YAML_DUPLICATE_KEY'
  | 'YAML_TOO_LARGE'
  | 'YAML_TOO_DEEP'
  | 'YAML_ALIAS_LIMIT'
  | 'YAML_ENCODING'
  | 'YAML_BINARY'
  | 'YAML_NOT_A_DEFINITION'
  | 'INVALID_INPUT'
  | 'WORKSPACE_INVALID'
  | 'WORKSPACE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'IO_ERROR'
  // regions and network
  | 'REGION_UNREACHABLE'
  | 'REGION_NOT_PRISMATIC'
  | 'AUTH_MISSING'
  | 'AUTH_FAILED'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'REMOTE_ERROR'
  | 'REMOTE_VALIDATION'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'RESPONSE_TOO_LARGE'
  | 'RESPONSE_INVALID'
  | 'UNSUPPORTED'
  // promotion
  | 'STALE_PLAN'
  | 'PLAN_INVALID'
  | 'PREFLIGHT_FAILED'
  | 'RESIDENCY_FORBIDDEN'
  | 'WRONG_TENANT'
  | 'APPLY_FAILED'
  | 'RUN_NOT_FOUND'
  // bundles
  | 'BUNDLE_INVALID'
  | 'BUNDLE_UNSAFE_ENTRY'
  | 'BUNDLE_TAMPERED'
  | 'SIGNATURE_INVALID'
  | 'SIGNER_UNKNOWN'
  | 'BUNDLE_REPLAYED'
  // hosts
  | 'UNAUTHORIZED'
  | 'FORBIDDEN_ORIGIN'
  | 'CANCELLED'
  | 'INTERNAL';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** What the user can do about it, in one sentence. */
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  region?: string;
  /** Small, JSON-safe extra facts (e.g. the field names of a GraphQL mutation error). */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: AppError): Result<T> => ({ ok: false, error });

export function appError(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppError {
  return { code, message, ...extra };
}

/**
 * Deep code (parsers, walkers) may throw an AppFailure to unwind; every boundary converts it back
 * to a value with {@link toAppError}. Never throw anything else on purpose.
 */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

export function fail(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): never {
  throw new AppFailure(appError(code, message, extra));
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppFailure) return e.error;
  if (isAppError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}

export function isAppError(v: unknown): v is AppError {
  return typeof v === 'object' && v !== null && typeof (v as AppError).code === 'string' && typeof (v as AppError).message === 'string';
}

/** Runs fn, converting a thrown AppFailure (or anything else) into an error value. */
export function attempt<T>(fn: () => T): Result<T> {
  try {
    return ok(fn());
  } catch (e) {
    return err(toAppError(e));
  }
}

export async function attemptAsync<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    return err(toAppError(e));
  }
}

/** "file:line:column: message" — the one-line form used on stderr. */
export function formatError(e: AppError): string {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ` : '';
  const region = e.region ? `[${e.region}] ` : '';
  return `${region}${where}${e.message}${e.hint ? `\n  → ${e.hint}` : ''}`;
}
