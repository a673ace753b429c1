/** The result line each bench prints for bench/run.ts, which reads it back into its table. */

export interface BenchBar {
  bar: string;
  measured: string;
  /** The ratio the bar is about, or the measured value over the limit. */
  ratio: string;
  pass: boolean | undefined;
}

/** One line a runner can read back (bench/run.ts); people read the lines above it. */
export function emitBars(bars: BenchBar[]): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(bars)}`);
}

export const RESULT_PREFIX = 'BENCH_RESULT ';
