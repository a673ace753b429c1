/**
 * Item names → file names and back. Integration, customer and instance names may hold `/`, `:`,
 * spaces and any Unicode; file names must work on every OS and in git. So only what is unsafe is
 * percent-encoded (UTF-8 bytes, upper-case hex), and `%` itself always is, which keeps the mapping
 * reversible while "Order Sync" stays `Order Sync.yaml`.
 */
import { fail } from '../../core/errors';

// Path separators, Windows-reserved characters, `%` (the escape itself), control characters.
const UNSAFE_CHAR = /[%/\\:*?"<>|\u0000-\u001f\u007f]/u;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

function escapeChar(ch: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * The file-name stem for an item name. Also escaped: a leading `.` (hidden files, `..`), a leading
 * or trailing space and a trailing `.` (Windows drops them), a Windows device name, and a final
 * `.versions` (it would read as another integration's versions file).
 */
export function encodeName(name: string): string {
  if (name.length === 0) fail('INVALID_INPUT', 'An item name may not be empty.');
  const out = Array.from(name).map((ch) => (UNSAFE_CHAR.test(ch) ? escapeChar(ch) : ch));
  const last = out.length - 1;
  if (out[0] === '.' || out[0] === ' ') out[0] = escapeChar(out[0]);
  if (out[last] === '.' || out[last] === ' ') out[last] = escapeChar(out[last]);
  let stem = out.join('');
  if (WINDOWS_RESERVED.test(stem.split('.')[0])) stem = escapeChar(stem[0]) + stem.slice(1);
  if (stem.endsWith('.versions')) stem = `${stem.slice(0, -'.versions'.length)}%2Eversions`;
  return stem;
}

/** Inverse of {@link encodeName}; a stray `%` a person typed by hand is kept as it is. */
export function decodeName(stem: string): string {
  const decoded = stem.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return decoded;
}
