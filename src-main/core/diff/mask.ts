/**
 * Secrets never reach a report, a log or the screen: values under secret-looking keys, inputs
 * marked write-only, and strings that look like credentials (JWTs, well-known token prefixes,
 * long random strings) are replaced by a fixed mask. Structure is kept (keys, input `type`, empty
 * values) so a reviewer still sees *that* a secret changed or is unset, never what it is.
 */

export const MASK = '••••••';

const SECRET_NAME = /(pass(word|wd|phrase)|secret|token|api[-_ ]?key|private[-_ ]?key|client[-_ ]?secret|credential|authorization|bearer|signing[-_ ]?key|access[-_ ]?key)/i;
/** Keys whose long hex/base64 values are public identities, not secrets. */
const PUBLIC_DIGEST_KEYS = new Set(['signature', 'hash', 'definitionHash', 'sha256', 'remoteId', 'id', 'stableKey', 'key', 'type']);

const NOT_SECRET_SUFFIX = /(ur[li]|type|expires(in|at)?|expiry|label|description|field)$/i;
const JWT = /^eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/;
const KNOWN_TOKEN = /^(sk_(live|test)_|rk_live_|ghp_|gho_|github_pat_|xox[abposr]-|AKIA[0-9A-Z]{12}|AIza|ya29\.|glpat-|npm_)/;
const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const LONG_RANDOM = /^[A-Za-z0-9_\-+/=.]{32,}$/;

/** Heuristic: long, no spaces, mixes letters and digits, and is not a URL, path or plain hex digest. */
export function looksLikeSecret(text: string): boolean {
  if (JWT.test(text) || KNOWN_TOKEN.test(text) || PEM.test(text)) return true;
  if (!LONG_RANDOM.test(text)) return false;
  if (/^[0-9a-f]+$/i.test(text) && (text.length === 40 || text.length === 64)) return false; // SHA-1 / SHA-256 digests
  if (text.includes('/') && !/[+=]/.test(text)) return false; // paths, references
  if (text.includes('.') && !/\d/.test(text)) return false; // dotted references like a.results.b
  return /[0-9]/.test(text) && /[A-Za-z]/.test(text);
}

/** A name that says "secret" — but `tokenUrl`, `passwordType`, `tokenExpiresIn` are about secrets, not secrets. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_SUFFIX.test(name);
}

const VALUE_FIELDS = new Set(['value', 'values', 'defaultValue', 'default']);
/** Items of these lists are named by people ("Refresh Token" step): their names say nothing. */
const NAMED_THINGS = new Set(['steps', 'flows', 'branches', 'configPages', 'elements']);

/** Whether the change sits on a secret: its own name, or the name of the thing whose value it is. */
function pathHasSecretName(path: string): boolean {
  const tokens = path.split(/[.[\]"]+/).filter(Boolean);
  const candidates = [tokens.length - 1];
  if (VALUE_FIELDS.has(tokens[tokens.length - 1])) candidates.push(tokens.length - 2);
  return candidates.some((i) => i >= 0 && isSecretName(tokens[i]) && !NAMED_THINGS.has(tokens[i - 1]));
}

/** Fields that say what a thing is, not what it holds: kept even inside a secret. */
const STRUCTURAL_KEYS = new Set(['type', 'key', 'name', 'stableKey', 'dataType', 'kind', 'collectionType', 'label', 'orgOnly']);

const isSetMarker = (key: string | undefined, value: string) => key === 'secret' && (value === 'set' || value === 'unset');

function maskAll(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') return value === '' || (key !== undefined && STRUCTURAL_KEYS.has(key)) || isSetMarker(key, value) ? value : MASK;
  if (Array.isArray(value)) return value.map((v) => maskAll(v, undefined));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'meta' ? v : maskAll(v, k);
    return out;
  }
  return value;
}

function maskWalk(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (value === '' || isSetMarker(key, value)) return value;
    if (key !== undefined && isSecretName(key)) return MASK;
    if (key !== undefined && PUBLIC_DIGEST_KEYS.has(key)) return value;
    return looksLikeSecret(value) ? MASK : value;
  }
  if (Array.isArray(value)) return value.map((v) => maskWalk(v, undefined));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const meta = obj.meta as Record<string, unknown> | undefined;
    // An input marked write-only: its value can be entered but never read back (prismatic-api.md §5).
    if (meta && typeof meta === 'object' && meta.writeOnly === true) return maskAll(obj, key);
    // A config var named like a secret ({key: "API Key", value: …}): its value is the secret.
    const label = typeof obj.key === 'string' ? obj.key : typeof obj.name === 'string' ? obj.name : undefined;
    if (label !== undefined && isSecretName(label) && ('value' in obj || 'defaultValue' in obj || 'values' in obj)) return maskAll(obj, key);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      out[k] = isSecretName(k) && !(typeof v === 'string' && isSetMarker(k, v)) ? maskAll(v, k) : maskWalk(v, k);
    }
    return out;
  }
  return value;
}

/**
 * The value as it may be shown for a change at `path`. `secret: set|unset` (the model's marker
 * for a secret config var) is kept: it is the only comparable fact about a secret.
 */
export function maskSecrets(path: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (pathHasSecretName(path) && !/(^|\.)secret$/.test(path)) return maskAll(value, undefined);
  return maskWalk(value, undefined);
}
