// Opaque global ids as the real API issues them: base64 of "<Type>:<uuid>" (prismatic-api.md §1.4).
import { createHash, randomUUID } from 'node:crypto';

export function newId(type: string): string {
  return Buffer.from(`${type}:${randomUUID()}`).toString('base64');
}

/** The type name inside a global id, or null when the id is not one of ours. */
export function idType(id: string): string | null {
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : null;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * A global id derived from stable parts, for objects the server computes on each read (config
 * variables, flow configs): clients see the same id every time, as with stored rows.
 */
export function stableId(type: string, ...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return Buffer.from(`${type}:${uuid}`).toString('base64');
}
