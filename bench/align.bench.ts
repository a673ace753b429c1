/**
 * Side-by-side alignment on big pairs (design.md bars: diff view first screen < 500 ms; jsdiff's
 * whole-file diffLines takes 46 s on the 50k-line 20%-changed pair, baselines.md).
 *
 *   npx tsx bench/align.bench.ts [lines=50000] [changedPercent=20] [--jsdiff]
 *
 * The documents look like the baselines' generated integration definitions: flows of steps with
 * inputs, mappings and multi-line scripts, dumped by js-yaml in block style. A seeded PRNG makes
 * every run see the same pair.
 */
import { dump, load } from 'js-yaml';
import { diffLines } from 'diff';
import { alignSideBySide } from '../src-main/core/align/side-by-side';
import type { DiffReport } from '../src-main/core/diff/types';
import { emitBars } from './bars';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['orders', 'customer', 'sync', 'invoice', 'ticket', 'lead', 'contact', 'webhook', 'batch', 'record', 'account', 'status'];

/** An integration-like YAML document of about `lines` lines. */
export function generateDefinition(lines: number, seed = 1): string {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const flows: unknown[] = [];
  let count = 3; // definitionVersion, name, flows:
  for (let f = 0; ; f++) {
    const steps: unknown[] = [];
    const stepCount = 2 + Math.floor(rnd() * 6);
    for (let s = 0; s < stepCount; s++) {
      const mapping = Array.from({ length: 2 + Math.floor(rnd() * 5) }, (_, m) => ({
        source: `$.${pick(WORDS)}.${pick(WORDS)}${m}`,
        target: `${pick(WORDS)}_${m}`,
        required: rnd() < 0.5,
        default: rnd() < 0.3 ? null : pick(WORDS),
      }));
      steps.push({
        id: `step-${f}-${s}`,
        name: `${pick(WORDS)} ${pick(WORDS)} ${f}.${s}`,
        type: pick(['http', 'transform', 'branch', 'loop']),
        description: `Moves ${pick(WORDS)} records to ${pick(WORDS)}`,
        inputs: {
          endpoint: `https://api.example.com/${pick(WORDS)}/${f}/${s}`,
          method: pick(['GET', 'POST', 'PUT']),
          timeoutMs: 1000 * (1 + Math.floor(rnd() * 30)),
          headers: { Accept: 'application/json', 'X-Flow': `flow-${f}`, 'X-Step': `${s}`, 'X-Trace': pick(WORDS) },
          mapping,
          retry: { attempts: 1 + Math.floor(rnd() * 5), backoffMs: 250, jitter: rnd() < 0.5 },
          ...(rnd() < 0.35
            ? { script: Array.from({ length: 3 + Math.floor(rnd() * 8) }, (_, i) => `const v${i} = input.${pick(WORDS)}[${i}];`).join('\n') + '\n' }
            : {}),
        },
        outputs: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(WORDS)),
      });
    }
    const flow = { id: `flow-${f}`, name: `Flow ${f} ${pick(WORDS)}`, enabled: rnd() < 0.8, trigger: { type: 'webhook', schedule: null }, steps };
    flows.push(flow);
    // Each flow dumped alone has the same line count as inside the document: count as we go.
    count += dump([flow], { lineWidth: -1 }).split('\n').length - 1;
    if (count >= lines) break;
  }
  return dump({ definitionVersion: 7, name: 'Bench', flows }, { lineWidth: -1 });
}

/** The same text with `percent` % of its lines changed (values only, so it stays YAML). */
export function changeLines(text: string, percent: number, seed = 2): { text: string; changed: number } {
  const rnd = seededRandom(seed);
  const lines = text.split('\n');
  const eligible: number[] = [];
  lines.forEach((line, i) => {
    if (/^(\s*(?:- )?[\w-]+: ).+$/.test(line) || /^\s+const /.test(line)) eligible.push(i);
  });
  const want = Math.min(eligible.length, Math.round((lines.length * percent) / 100));
  // Partial Fisher-Yates: the first `want` entries become a uniform random choice.
  for (let k = 0; k < want; k++) {
    const j = k + Math.floor(rnd() * (eligible.length - k));
    [eligible[k], eligible[j]] = [eligible[j], eligible[k]];
    const i = eligible[k];
    const m = /^(\s*(?:- )?[\w-]+: ).+$/.exec(lines[i]);
    lines[i] = m ? `${m[1]}chg${i}` : `${lines[i]} // chg${i}`;
  }
  return { text: lines.join('\n'), changed: want };
}

export const EMPTY_REPORT: DiffReport = {
  changes: [],
  summary: { added: 0, removed: 0, changed: 0, moved: 0, ignored: 0, total: 0 },
  translations: [],
};

/**
 * The machine is shared and noisy: time a fixed reference job that baselines.md measured on the
 * project's standard machine (js-yaml 5.5 loading a 50k-line definition: 51.7 ms median), so
 * results can be read as "this many ms on the standard machine" too.
 */
const REFERENCE_MS = 51.7;
export function machineFactor(): number {
  const text = generateDefinition(50_000, 7);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    load(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const factor = times[3] / REFERENCE_MS;
  console.log(`reference: js-yaml load of 50k lines ${times[3].toFixed(0)} ms (standard machine ${REFERENCE_MS} ms): this run is ${factor.toFixed(1)}× slower`);
  return factor;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function runAlignBench(lineCount = 50_000, percent = 20): { first: number; median: number; firstScreen: number } {
  const factor = machineFactor();
  const left = generateDefinition(lineCount);
  const { text: right, changed } = changeLines(left, percent);
  const total = left.split('\n').length;
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const out = alignSideBySide(left, right, EMPTY_REPORT);
    times.push(performance.now() - t0);
    rows = out.length;
  }
  const t0 = performance.now();
  const screen = alignSideBySide(left, right, EMPTY_REPORT, { maxRows: 200 });
  const firstScreen = performance.now() - t0;
  console.log(
    `align ${total} lines, ${changed} changed (${percent}%): first run ${times[0].toFixed(0)} ms, median ${median(times).toFixed(0)} ms ` +
      `(≈ ${(times[0] / factor).toFixed(0)} / ${(median(times) / factor).toFixed(0)} ms on the standard machine), ${rows} rows; ` +
      `maxRows 200: ${firstScreen.toFixed(0)} ms (${screen.length} rows)`,
  );
  return { first: times[0], median: median(times), firstScreen };
}

/** jsdiff's whole-file diffLines on a pair small enough to finish (10k lines: 1.4 s in baselines.md). */
export function compareWithJsdiff(lineCount = 10_000, percent = 20): void {
  const left = generateDefinition(lineCount);
  const { text: right } = changeLines(left, percent);
  alignSideBySide(left, right, EMPTY_REPORT); // warm up
  let t0 = performance.now();
  alignSideBySide(left, right, EMPTY_REPORT);
  const ours = performance.now() - t0;
  t0 = performance.now();
  diffLines(left, right);
  const theirs = performance.now() - t0;
  console.log(`${lineCount} lines, ${percent}% changed: alignSideBySide ${ours.toFixed(0)} ms, jsdiff diffLines ${theirs.toFixed(0)} ms (${(theirs / ours).toFixed(0)}×)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const r = runAlignBench(Number(args[0] ?? 50_000), Number(args[1] ?? 20));
  emitBars([
    {
      bar: '(part of diff view) side-by-side rows 50k lines, 20% changed',
      measured: `first run ${r.first.toFixed(0)} ms, median ${r.median.toFixed(0)} ms`,
      ratio: `${(r.median / 500).toFixed(2)}× of 500 ms`,
      pass: undefined,
    },
  ]);
  if (process.argv.includes('--jsdiff')) compareWithJsdiff();
}
