/**
 * Content hashes for comparison and bundles. Pure (@noble/hashes), so the core stays free of
 * node:crypto and runs unchanged in the renderer and the CLI.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-1 only where Prismatic uses it (component package signatures); never for trust. */
export function sha1Hex(text: string): string {
  return bytesToHex(sha1(utf8ToBytes(text)));
}

/**
 * JSON with object keys sorted at every level, so equal values give equal text whatever order
 * their keys were read in. Follows JSON.stringify for the rest: `undefined` members are left out,
 * `undefined` and non-finite numbers in arrays become null.
 */
export function canonicalJson(value: unknown): string {
  // String concatenation (V8 ropes) rather than an array of parts: this runs for every item of
  // every region in a drift, and small arrays of small strings were most of its garbage.
  return writeCanonical(value);
}

function writeCanonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'object':
      break;
    default:
      return 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item = value[i];
      out += typeof item === 'function' ? 'null' : writeCanonical(item);
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(key) + ':' + writeCanonical(v);
  }
  return out + '}';
}
