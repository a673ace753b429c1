/**
 * The public Prismatic stacks a region can point at, and the one check every stack URL passes
 * before a token is sent to it. Pure: the core layer has no `URL` global, so the few URL rules we
 * need are parsed by hand below.
 */
import { appError, err, ok, type Result } from './errors';
import type { Geography } from './model';

export interface PublicStack {
  /** Short id suggested for a region on this stack. */
  id: string;
  label: string;
  url: string;
  /** AWS region named in the stack's host; tells users which data-residency zone they are in. */
  awsRegion?: string;
  geography: Geography;
}

export const PUBLIC_STACKS: readonly PublicStack[] = [
  { id: 'us', label: 'US Commercial', url: 'https://app.prismatic.io', geography: { country: 'US', continent: 'NA' } },
  { id: 'gov', label: 'US GovCloud', url: 'https://app.us-gov-west-1.prismatic.io', awsRegion: 'us-gov-west-1', geography: { country: 'US', continent: 'NA' } },
  { id: 'eu', label: 'Europe (Ireland)', url: 'https://app.eu-west-1.prismatic.io', awsRegion: 'eu-west-1', geography: { country: 'IE', continent: 'EU' } },
  { id: 'uk', label: 'Europe (London)', url: 'https://app.eu-west-2.prismatic.io', awsRegion: 'eu-west-2', geography: { country: 'GB', continent: 'EU' } },
  { id: 'ca', label: 'Canada', url: 'https://app.ca-central-1.prismatic.io', awsRegion: 'ca-central-1', geography: { country: 'CA', continent: 'NA' } },
  { id: 'au', label: 'Australia', url: 'https://app.ap-southeast-2.prismatic.io', awsRegion: 'ap-southeast-2', geography: { country: 'AU', continent: 'OC' } },
  { id: 'af', label: 'Africa (Cape Town)', url: 'https://app.af-south-1.prismatic.io', awsRegion: 'af-south-1', geography: { country: 'ZA', continent: 'AF' } },
];

/** The public stack at exactly this (normalized) URL, if any. */
export function findPublicStack(url: string): PublicStack | undefined {
  const v = validateStackUrl(url);
  if (!v.ok) return undefined;
  return PUBLIC_STACKS.find((s) => s.url === v.value);
}

const URL_SHAPE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;

function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((n) => Number(n) <= 255);
}

/** Splits `host[:port]` (host may be `[v6]`); undefined when malformed. */
function splitAuthority(authority: string): { host: string; port?: string } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!m) return undefined;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return undefined;
  return { host: m[1], ...(m[2] !== undefined ? { port: m[2] } : {}) };
}

/**
 * Checks a stack URL and returns its normal form (`scheme://host[:port]`, lower-case, no trailing
 * slash). Tokens travel to this URL, so only https is allowed — except for loopback, which is where
 * the test server and local tunnels live and which never leaves the machine.
 */
export function validateStackUrl(url: string): Result<string> {
  const bad = (message: string, hint: string) => err<string>(appError('INVALID_INPUT', message, { hint, details: { field: 'url' } }));
  const text = url.trim();
  const m = URL_SHAPE.exec(text);
  if (!m) return bad(`"${text.slice(0, 200)}" is not a URL.`, 'Use the stack address, e.g. https://app.prismatic.io.');
  const scheme = m[1].toLowerCase();
  const rawAuthority = m[2];
  if (rawAuthority.includes('@'))
    return bad('A stack URL must not contain a user name or password.', 'Remove the "user@" part; tokens are stored in the keychain.');
  const authority = splitAuthority(rawAuthority);
  if (!authority) return bad(`"${rawAuthority.slice(0, 200)}" is not a valid host.`, 'Use the stack address, e.g. https://app.prismatic.io.');
  const path = m[3];
  if ((path && path !== '/') || m[4] || m[5])
    return bad(
      `A stack URL is only scheme and host; "${text.slice(0, 200)}" has a path, query or fragment.`,
      'Use e.g. https://app.eu-west-1.prismatic.io (the API lives at /api under it).',
    );
  const host = authority.host.toLowerCase();
  if (scheme !== 'https' && !(scheme === 'http' && isLoopbackHost(host)))
    return bad(
      `Stack URLs must use https (got ${scheme}://); tokens are never sent in the clear.`,
      'Use https://…; plain http is accepted only for loopback test servers (127.0.0.1, localhost, [::1]).',
    );
  const port = authority.port !== undefined && !(scheme === 'https' && authority.port === '443') && !(scheme === 'http' && authority.port === '80')
    ? `:${Number(authority.port)}`
    : '';
  return ok(`${scheme}://${host}${port}`);
}
