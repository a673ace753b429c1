/**
 * Secrets never leave the service: report values go through core's maskSecrets, and the raw text
 * lines of the side-by-side view are masked line by line (a `key: value` line whose key sounds
 * secret or whose value looks like a credential).
 */
import { isSecretName, looksLikeSecret, MASK, maskSecrets, linesThatMayHoldSecrets } from '../../core/diff/mask';
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

/**
 * The rows with secret values masked. `texts`: the two texts the rows were aligned from (row
 * `leftLine` n shows line n of `texts.left`); with them, only the lines a whole-text scan flags
 * (linesThatMayHoldSecrets) go through maskLine, the same result for a fraction of the work.
 */
export function maskRows(rows: AlignedRow[], texts?: { left: string; right: string }): AlignedRow[] {
  const leftFlagged = texts && linesThatMayHoldSecrets(texts.left);
  const rightFlagged = texts && linesThatMayHoldSecrets(texts.right);
  // Nothing on either side could be masked (most files): the rows are the answer.
  if (leftFlagged && rightFlagged && leftFlagged.size === 0 && rightFlagged.size === 0) return rows;
  const mask = (line: string | undefined, lineNo: number | undefined, flagged: Set<number> | undefined) =>
    line === undefined || (flagged && lineNo !== undefined && !flagged.has(lineNo)) ? line : maskLine(line);
  return rows.map((row) => {
    const left = mask(row.left, row.leftLine, leftFlagged);
    const right = mask(row.right, row.rightLine, rightFlagged);
    if (left === row.left && right === row.right) return row;
    const out: AlignedRow = { ...row, left, right };
    // Word highlights were computed on the clear text; drop them rather than leak a piece of it.
    if (left !== row.left) out.leftSegments = left === undefined ? undefined : [{ text: left, changed: true }];
    if (right !== row.right) out.rightSegments = right === undefined ? undefined : [{ text: right, changed: true }];
    return out;
  });
}

/** The report as it may be shown; changes with nothing to mask are passed through, not copied. */
export function maskReport(report: DiffReport): DiffReport {
  return {
    ...report,
    changes: report.changes.map((c) => {
      const left = c.left === undefined ? undefined : maskSecrets(c.path, c.left);
      const right = c.right === undefined ? undefined : maskSecrets(c.path, c.right);
      if (left === c.left && right === c.right) return c;
      return { ...c, ...(c.left !== undefined && { left }), ...(c.right !== undefined && { right }) };
    }),
  };
}
