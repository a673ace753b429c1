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

/**
 * Every literal any secret pattern above needs, lower-cased and unanchored: a line holds a secret
 * name or a secret-looking value only if it holds one of these, or a 32-character run of
 * LONG_RANDOM's characters. None of them spans a line break.
 */
const SECRET_HINT = /pass|secret|token|api|private|credential|authorization|bearer|signing|access|eyj|sk_|rk_live_|gh[op]_|github_pat_|xox|akia|aiza|ya29|glpat-|npm_|-----begin/g;
const RANDOM_RUN = 32;

/** 1 for a character of LONG_RANDOM ([A-Za-z0-9_\-+/=.]), by char code. */
const RANDOM_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.') RANDOM_CHAR[ch.charCodeAt(0)] = 1;
const isRandomChar = (text: string, i: number): boolean => RANDOM_CHAR[text.charCodeAt(i)] === 1;

/** 1-based line of each offset of `text`, by binary search over its line starts. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The 1-based numbers of the lines of `text` in which something could be masked: a line not in
 * the set holds neither a secret-sounding name nor a value that looksLikeSecret, so masking it
 * line by line changes nothing. One scan of the whole text instead of a regex per line: on a
 * 50k-line diff nearly every line is skipped, and the scan costs a few milliseconds.
 */
export function linesThatMayHoldSecrets(text: string): Set<number> {
  const out = new Set<number>();
  const lineAt = lineLocator(text);
  // Lower-casing keeps every '\n' but may change the length (a few Unicode letters), so it gets its own locator.
  const lower = text.toLowerCase();
  const lowerLineAt = lower.length === text.length ? lineAt : lineLocator(lower);
  const hint = new RegExp(SECRET_HINT.source, 'g');
  for (let m = hint.exec(lower); m !== null; m = hint.exec(lower)) out.add(lowerLineAt(m.index));
  // A run of RANDOM_RUN random characters, found by looking at the last character of each window
  // first: a window whose last character breaks the run is skipped whole.
  let start = 0;
  while (start + RANDOM_RUN <= text.length) {
    const last = start + RANDOM_RUN - 1;
    if (!isRandomChar(text, last)) {
      start = last + 1;
      continue;
    }
    let k = last - 1;
    while (k >= start && isRandomChar(text, k)) k--;
    if (k >= start) {
      start = k + 1;
      continue;
    }
    out.add(lineAt(last));
    let end = last + 1;
    while (end < text.length && isRandomChar(text, end)) end++;
    start = end + 1;
  }
  return out;
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
  // Every token is a piece of the path: no secret-sounding piece in the path, none in a token.
  if (!SECRET_NAME.test(path)) return false;
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

/**
 * Returns `value` itself when nothing under it is masked (most report values): a diff report of
 * 20k changes then costs no copies. Masked subtrees are new objects; the input is never mutated.
 */
function maskWalk(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (value === '' || isSetMarker(key, value)) return value;
    if (key !== undefined && isSecretName(key)) return MASK;
    if (key !== undefined && PUBLIC_DIGEST_KEYS.has(key)) return value;
    return looksLikeSecret(value) ? MASK : value;
  }
  if (Array.isArray(value)) {
    const out = value.map((v) => maskWalk(v, undefined));
    return out.every((v, i) => v === value[i]) ? value : out;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const meta = obj.meta as Record<string, unknown> | undefined;
    // An input marked write-only: its value can be entered but never read back (prismatic-api.md §5).
    if (meta && typeof meta === 'object' && meta.writeOnly === true) return maskAll(obj, key);
    // A config var named like a secret ({key: "API Key", value: …}): its value is the secret.
    const label = typeof obj.key === 'string' ? obj.key : typeof obj.name === 'string' ? obj.name : undefined;
    if (label !== undefined && isSecretName(label) && ('value' in obj || 'defaultValue' in obj || 'values' in obj)) return maskAll(obj, key);
    const out: Record<string, unknown> = {};
    // A copy is a plain object with exactly the own enumerable keys; only such an input may stand for it.
    let same = Object.getPrototypeOf(obj) === Object.prototype || Object.getPrototypeOf(obj) === null;
    for (const [k, v] of Object.entries(obj)) {
      const masked = isSecretName(k) && !(typeof v === 'string' && isSetMarker(k, v)) ? maskAll(v, k) : maskWalk(v, k);
      out[k] = masked;
      if (masked !== v || k === '__proto__') same = false;
    }
    return same && Object.getOwnPropertyNames(obj).length === Object.keys(out).length ? obj : out;
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
