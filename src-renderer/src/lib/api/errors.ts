import type { AppError } from './types';

/** Transport failures become the same error values the host sends, so every screen shows them one way. */
export function transportError(message: string, hint: string): AppError {
  return { code: 'INTERNAL', message, hint };
}

/** Anything thrown inside a transport (network down, bad JSON) turned into a value. */
export function describeThrown(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function looksLikeAppError(v: unknown): v is AppError {
  return typeof v === 'object' && v !== null && typeof (v as AppError).code === 'string' && typeof (v as AppError).message === 'string';
}
