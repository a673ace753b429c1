/** `drift`: every item's state in every region against the baseline (exit 0 none, 1 drift, 2 error). */
import type { Command } from 'commander';
import type { DriftCell, DriftMatrix, DriftRow } from '../../core/drift/types';
import { fail } from '../../core/errors';
import { ITEM_KINDS, type ItemKind } from '../../core/model';
import { EXIT_DIFFERS, EXIT_SAME, valueOf, type Cli } from '../kit';
import { showProgress } from '../progress';

export function cellWord(cell: DriftCell | undefined): string {
  if (!cell) return 'unknown';
  // An absence the residency policy expects is a fact, not drift: the same words as the app.
  let word: string = cell.expected && cell.state === 'missing' ? 'not here' : cell.expected && cell.state === 'extra' ? 'lives here' : cell.state;
  if (cell.state === 'differs' && cell.changes !== undefined) word += ` (${cell.changes})`;
  if (cell.state === 'stale' && cell.underlying) word += ` (${cell.underlying})`;
  if (cell.notes?.length) word += `, ${cell.notes.join(', ')}`;
  return word;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

/** An aligned table: kind, item, then one column per region (the baseline marked with *). */
export function driftTable(m: DriftMatrix, rows: DriftRow[]): string {
  const header = ['KIND', 'ITEM', ...m.regions.map((r) => (r.id === m.baseline ? `${r.id}*` : r.id))];
  const body = rows.map((row) => [row.kind, row.label, ...m.regions.map((r) => cellWord(row.cells[r.id]))]);
  const widths = header.map((h, i) => Math.max([...h].length, ...body.map((b) => [...b[i]].length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : pad(c, widths[i]))).join('  ').trimEnd();
  const drifted = rows.filter((r) => r.drifted).length;
  return [line(header), ...body.map(line), '', `${drifted} of ${rows.length} items drift from ${m.baseline}.`].join('\n');
}

export function register(program: Command, cli: Cli): void {
  program
    .command('drift')
    .description('show where regions disagree with the baseline (exit 0 no drift, 1 drift, 2 error)')
    .option('-w, --workspace <dir>', 'workspace folder (default: current folder, else the demo)')
    .option('-b, --baseline <region>', 'region to compare against (default: the workspace baseline)')
    .option('-k, --kind <kind>', `only one kind: ${ITEM_KINDS.join(' | ')}`)
    .option('-f, --format <format>', 'text | json', 'text')
    .option('--json', 'same as --format json')
    .action(
      cli.run(async (opts: { workspace?: string; baseline?: string; kind?: string; format: string; json?: boolean }) => {
        const format = opts.json ? 'json' : opts.format;
        if (format !== 'text' && format !== 'json') fail('INVALID_INPUT', `Unknown format "${format}".`, { hint: 'Use --format text or json.' });
        if (opts.kind !== undefined && !(ITEM_KINDS as readonly string[]).includes(opts.kind))
          fail('INVALID_INPUT', `Unknown kind "${opts.kind}".`, { hint: `Use one of ${ITEM_KINDS.join(', ')}.` });
        const api = cli.openApi(opts.workspace);
        const stop = showProgress(api, cli);
        let matrix: DriftMatrix;
        try {
          matrix = valueOf(await api.call('drift.matrix', opts.baseline ? { baseline: opts.baseline } : {}));
        } finally {
          stop();
        }
        for (const r of matrix.regions.filter((x) => !x.available)) cli.err(`note: region ${r.id} has no snapshot; its column shows unknown`);
        const rows = opts.kind ? matrix.rows.filter((r) => r.kind === (opts.kind as ItemKind)) : matrix.rows;
        if (format === 'json') cli.out(JSON.stringify({ ...matrix, rows }, null, 2));
        else cli.out(driftTable(matrix, rows));
        return rows.some((r) => r.drifted) ? EXIT_DIFFERS : EXIT_SAME;
      }),
    );
}
