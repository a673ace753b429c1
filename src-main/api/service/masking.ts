/**
 * Secrets never leave the service: report values go through core's maskSecrets, and the raw text
 * lines of the side-by-side view are masked line by line (a `key: value` line whose key sounds
 * secret or whose value looks like a credential).
 */
import { isSecretName, looksLikeSecret, MASK, maskSecrets } from '../../core/diff/mask';
import type { AlignedRow, DiffReport } from '../../core/diff/types';

const KEY_VALUE = /^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s:#][^:#]*?)(\s*:\s+)(.+?)\s*$/;

function unquote(s: string): string {
  return /^(['"]).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** The line with its secret value replaced, or the line itself. */
export function maskLine(line: string): string {
  const m = KEY_VALUE.exec(line);
  if (m) {
    const [, lead, key, sep, value] = m;
    const v = unquote(value);
    // `secret: set|unset` is the model's marker, not a value; block scalars (| >) start on the next lines.
    if (/^(set|unset|null|~|''|""|\||>|\|-|>-)$/.test(v)) return line;
    if (isSecretName(unquote(key)) || looksLikeSecret(v)) return `${lead}${key}${sep}${MASK}`;
    return line;
  }
  const bare = line.trim().replace(/^-\s+/, '');
  return bare && looksLikeSecret(unquote(bare)) ? line.replace(bare, MASK) : line;
}

export function maskRows(rows: AlignedRow[]): AlignedRow[] {
  return rows.map((row) => {
    const left = row.left === undefined ? undefined : maskLine(row.left);
    const right = row.right === undefined ? undefined : maskLine(row.right);
    if (left === row.left && right === row.right) return row;
    const out: AlignedRow = { ...row, left, right };
    // Word highlights were computed on the clear text; drop them rather than leak a piece of it.
    if (left !== row.left) out.leftSegments = left === undefined ? undefined : [{ text: left, changed: true }];
    if (right !== row.right) out.rightSegments = right === undefined ? undefined : [{ text: right, changed: true }];
    return out;
  });
}

export function maskReport(report: DiffReport): DiffReport {
  return {
    ...report,
    changes: report.changes.map((c) => ({
      ...c,
      ...(c.left !== undefined && { left: maskSecrets(c.path, c.left) }),
      ...(c.right !== undefined && { right: maskSecrets(c.path, c.right) }),
    })),
  };
}
