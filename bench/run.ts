/**
 * `npm run bench`: every bench in sequence, each in its own process (a fresh heap, so one bench's
 * garbage and JIT state do not colour the next one's time or memory), then one table of the
 * design.md bars: bar, measured, ratio, PASS/MISS.
 *
 *   npm run bench               # the full set (pull: 1,000 integrations, about 2 minutes sequential)
 *   npm run bench -- --quick    # pull scaled to 200 integrations, jsdiff capped at 5 s
 *
 * Ratios are measured in the same run on the same machine; the machine is shared, so the diff
 * bench interleaves its runs with git's and the table says how loaded the machine was.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, type BenchBar } from './bars';

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');

interface BenchJob {
  name: string;
  file: string;
  args: string[];
  env?: Record<string, string>;
  nodeFlags?: string[];
}

const jobs: BenchJob[] = [
  { name: 'diff', file: 'diff.bench.ts', args: quick ? ['--quick'] : [] },
  { name: 'align', file: 'align.bench.ts', args: [] },
  { name: 'drift', file: 'drift.bench.ts', args: [], nodeFlags: ['--expose-gc'] },
  { name: 'pull', file: 'pull.bench.ts', args: [], env: { BENCH_INTEGRATIONS: quick ? '200' : '1000' } },
];

/** Runs one bench, passing its output through, and returns the bars it reported. */
function runBench(job: BenchJob): Promise<{ bars: BenchBar[]; exitCode: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(job.nodeFlags ?? []), '--import', 'tsx', path.join(here, job.file), ...job.args], {
      env: { ...process.env, ...job.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const bars: BenchBar[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) bars.push(...(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchBar[]));
        else process.stdout.write(`  ${line}\n`);
      }
    });
    child.on('close', (exitCode) => resolve({ bars, exitCode }));
  });
}

function verdict(pass: boolean | undefined): string {
  return pass === true ? 'PASS' : pass === false ? 'MISS' : '—';
}

function table(rows: BenchBar[]): string {
  const cells = rows.map((r) => [r.bar, r.measured, r.ratio, verdict(r.pass)]);
  const head = ['bar', 'measured', 'ratio', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const rows: BenchBar[] = [];
  const loadBefore = loadavg()[0];
  for (const job of jobs) {
    console.log(`\n▶ ${job.name} (${job.file}${job.args.length ? ` ${job.args.join(' ')}` : ''}${job.env ? ` ${Object.entries(job.env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''})`);
    const t0 = performance.now();
    const { bars, exitCode } = await runBench(job);
    console.log(`  (${job.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    if (bars.length === 0) rows.push({ bar: `${job.name} bench`, measured: `no result (exit ${exitCode})`, ratio: '', pass: false });
    rows.push(...bars);
  }
  rows.push({ bar: 'diff view 50k: no long task > 50 ms while scrolling', measured: 'browser only: see the e2e diff perf test', ratio: '', pass: undefined });
  console.log(`\nload average (1 min) before ${loadBefore.toFixed(1)}, after ${loadavg()[0].toFixed(1)}, ${availableParallelism()} cores${quick ? '; --quick' : ''}\n`);
  console.log(table(rows));
  process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
}

void main();
