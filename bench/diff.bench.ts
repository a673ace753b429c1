/**
 * Semantic diff vs `git diff --no-index --histogram` vs jsdiff diffLines on a deterministic
 * 50k-line integration-like pair: 20% of value lines changed, plus a block of flows moved.
 * Run: npx tsx bench/diff.bench.ts [lines] [--quick]   (prints medians and the ratios the bars use;
 * --quick gives jsdiff 5 s instead of letting it finish)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffLines } from 'diff';
import { diffItemWork, diffTexts, lineCount } from '../src-main/api/service/diff-handlers';
import { dumpYaml, parseYaml } from '../src-main/core/yaml/codec';
import { emitBars } from './bars';


/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPONENTS = ['http', 'slack', 'salesforce', 'hubspot', 'loop', 'branch', 'code', 'persist-data', 'change-data-format'];

function makeStep(r: () => number, name: string): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const n = 3 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) inputs[`input${i}`] = { type: r() < 0.5 ? 'value' : 'reference', value: `value-${Math.floor(r() * 1e6)}` };
  if (r() < 0.3)
    inputs.code = {
      type: 'value',
      value: Array.from({ length: 4 + Math.floor(r() * 6) }, (_, k) => `const v${k} = input.x${k} * ${Math.floor(r() * 100)};`).join('\n') + '\n',
    };
  return {
    name,
    description: '',
    action: { key: `action${Math.floor(r() * 20)}`, component: { key: COMPONENTS[Math.floor(r() * COMPONENTS.length)], version: 'LATEST', isPublic: true } },
    inputs,
  };
}

export function makeDefinition(lines: number): Record<string, any> {
  const r = rng(42);
  const flows: Record<string, unknown>[] = [];
  const def = { definitionVersion: 7, name: 'Bench Integration', description: 'generated', flows };
  let approx = 0;
  for (let f = 0; approx < lines; f++) {
    const steps = Array.from({ length: 2 + Math.floor(r() * 6) }, (_, s) => makeStep(r, `Step ${f}-${s}`));
    const flow = { name: `Flow ${f}`, description: '', isSynchronous: false, steps };
    flows.push(flow);
    approx += dumpYaml(flow).split('\n').length;
  }
  return def;
}

/**
 * About 20% of all lines get a new value (input values, input types, lines inside code blocks —
 * the YAML stays valid), and ~500 lines of whole flows move to 80% of the list.
 */
export function modify(def: Record<string, any>): Record<string, any> {
  const r = rng(7);
  const d = structuredClone(def);
  for (const flow of d.flows)
    for (const step of flow.steps)
      for (const input of Object.values<any>(step.inputs)) {
        if (typeof input.value === 'string' && input.value.includes('\n'))
          input.value = input.value.split('\n').map((l: string) => (l && r() < 0.3 ? `${l} // chg` : l)).join('\n');
        else if (r() < 0.65) input.value = `${input.value} chg`;
        if (r() < 0.2) input.type = input.type === 'value' ? 'reference' : 'value';
      }
  let moved = 0;
  const block: any[] = [];
  const start = Math.floor(d.flows.length * 0.2);
  while (moved < 500 && start < d.flows.length) {
    const [flow] = d.flows.splice(start, 1);
    block.push(flow);
    moved += dumpYaml(flow).split('\n').length;
  }
  d.flows.splice(Math.floor(d.flows.length * 0.8), 0, ...block);
  return d;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** The bench's pair: a generated definition and its 20%-changed, block-moved copy, as YAML texts. */
export function makePair(lines: number): { left: string; right: string } {
  const base = makeDefinition(lines);
  return { left: dumpYaml(base), right: dumpYaml(modify(base)) };
}

/**
 * The host's diff.item work on the pair: exactly what the diff.item handler runs once both texts
 * are read (service/diff-handlers.ts diffItemWork — parse both, semantic diff, side-by-side rows,
 * masking — plus the two line counts of its reply): what stands between a click and the first
 * screen, since the handler answers with every row at once.
 */
function diffItemPipeline(left: string, right: string) {
  const work = diffItemWork(left, right, { kind: 'integrations', name: 'Bench Integration', ignore: [], align: {} });
  return { ...work, lineCounts: [lineCount(left), lineCount(right)] };
}

function main(TARGET_LINES: number): void {
  const { left, right } = makePair(TARGET_LINES);
  const dir = mkdtempSync(path.join(tmpdir(), 'diff-bench-'));
  const leftFile = path.join(dir, 'left.yaml');
  const rightFile = path.join(dir, 'right.yaml');
  writeFileSync(leftFile, left);
  writeFileSync(rightFile, right);
  const leftLines = left.split('\n');
  console.log(`pair: ${leftLines.length} / ${right.split('\n').length} lines, ${(left.length / 1e6).toFixed(2)} MB`);

  // Every run gets texts no earlier run parsed (a trailing comment that changes nothing), so the
  // YAML parse cache never serves a run: these are cold parses, as for a pair opened once.
  let run = 0;
  const fresh = (text: string) => `${text}\n# run ${++run}\n`;
  const semantic = () => diffTexts(fresh(left), fresh(right), { kind: 'integrations', name: 'Bench Integration', ignore: [] });
  const git = () => {
    const out = spawnSync('git', ['--no-pager', 'diff', '--no-index', '--no-color', '--histogram', leftFile, rightFile], { maxBuffer: 1 << 30 });
    if (out.status !== 1) throw new Error(`git diff exited ${out.status}: ${out.stderr}`);
    return out.stdout.length;
  };
  const numstat = spawnSync('git', ['--no-pager', 'diff', '--no-index', '--no-color', '--histogram', '--numstat', leftFile, rightFile]);
  console.log(`lines changed (git --numstat): ${Number(String(numstat.stdout).trim().split(/\s+/)[1])} of ${leftLines.length}`);

  const RUNS = 7;
  semantic(); // warm the JIT as a long-running app would be
  git();
  // Interleaved, so a burst of load on the shared machine hits both sides alike.
  const semanticTimes: number[] = [];
  const gitTimes: number[] = [];
  let report = semantic();
  let gitBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = time(semantic);
    semanticTimes.push(t.ms);
    report = t.result;
    const g = time(git);
    gitTimes.push(g.ms);
    gitBytes = g.result;
  }
  const parseOnly = median(
    Array.from({ length: RUNS }, () => {
      const [l, r] = [fresh(left), fresh(right)];
      return time(() => (parseYaml(l), parseYaml(r))).ms;
    }),
  );
  const itemRows = diffItemPipeline(fresh(left), fresh(right)).rows.length;
  // Only the times are kept: holding five replies (37k rows each) at once would make every later
  // run pay the garbage collector for a heap the handler never has.
  const itemTimes = Array.from({ length: 5 }, () => {
    const [l, r] = [fresh(left), fresh(right)];
    return time(() => void diffItemPipeline(l, r)).ms;
  });
  // jsdiff is O(N·D): on this pair it needs tens of seconds. --quick caps it (the ratio is then a lower bound).
  const jsBudget = QUICK ? 5_000 : 180_000;
  const js = time(() => diffLines(left, right, { timeout: jsBudget }));
  rmSync(dir, { recursive: true, force: true });

  const sem = median(semanticTimes);
  const gitMs = median(gitTimes);
  const itemMs = median(itemTimes);
  const s = report.summary;
  console.log(`semantic diff (parse both + normalize + diff): median ${sem.toFixed(1)} ms  (parse alone ${parseOnly.toFixed(1)} ms)`);
  console.log(`  changes: ${s.total} (${s.changed} changed, ${s.added} added, ${s.removed} removed, ${s.moved} moved)`);
  console.log(`git diff --no-index --histogram (process): median ${gitMs.toFixed(1)} ms, ${gitBytes} bytes of output`);
  console.log(`jsdiff diffLines {timeout: ${jsBudget}}: ${js.ms.toFixed(0)} ms, ${js.result === undefined ? 'gave up (timeout)' : `${js.result.length} parts`}`);
  console.log(`diff.item pipeline (diff + side-by-side rows + masking): median ${itemMs.toFixed(0)} ms, ${itemRows} rows`);
  const ratioGit = sem / gitMs;
  const ratioJs = js.ms / sem;
  console.log(`ratio semantic / git: ${ratioGit.toFixed(2)}×  (bar ≤ 1.5×)`);
  console.log(`ratio jsdiff / semantic: ${ratioJs.toFixed(1)}×  (bar ≥ 10×${js.result === undefined ? '; jsdiff hit its time budget, so this is a lower bound' : ''})`);
  const lines = `${Math.round(leftLines.length / 1000)}k`;
  emitBars([
    { bar: `semantic diff ${lines} lines ≤ 1.5× git diff --histogram`, measured: `${sem.toFixed(0)} ms vs git ${gitMs.toFixed(0)} ms`, ratio: `${ratioGit.toFixed(2)}×`, pass: ratioGit <= 1.5 },
    {
      bar: `≥ 10× faster than jsdiff diffLines (20% changed)`,
      measured: `jsdiff ${js.result === undefined ? '> ' : ''}${js.ms.toFixed(0)} ms vs ${sem.toFixed(0)} ms`,
      ratio: `${js.result === undefined ? '≥ ' : ''}${ratioJs.toFixed(1)}×`,
      pass: ratioJs >= 10 ? true : js.result === undefined ? undefined : false,
    },
    { bar: `diff view ${lines}: host diff.item work < 500 ms`, measured: `${itemMs.toFixed(0)} ms`, ratio: `${(itemMs / 500).toFixed(2)}× of limit`, pass: itemMs < 500 },
  ]);
}

const QUICK = process.argv.includes('--quick');

if (import.meta.url === `file://${process.argv[1]}`) main(Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 50_000));
