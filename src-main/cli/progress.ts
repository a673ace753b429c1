/**
 * Progress of long work (pulls, applies) on stderr, so stdout stays clean for --json: bars when
 * stderr is a terminal, plain lines otherwise (logs, CI).
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Api } from '../api/dispatch';
import type { Cli } from './kit';

export function showProgress(api: Pick<Api, 'onEvent'>, cli: Pick<Cli, 'err' | 'stderrIsTTY'>): () => void {
  if (cli.stderrIsTTY) {
    const multi = new MultiBar({ clearOnComplete: true, hideCursor: true, format: ' {region} {phase} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic);
    const bars = new Map<string, SingleBar>();
    const off = api.onEvent((e) => {
      if (e.type !== 'progress') return;
      const key = `${e.opId}/${e.region ?? ''}`;
      const payload = { region: e.region ?? '', phase: e.phase };
      let bar = bars.get(key);
      if (!bar) {
        bar = multi.create(e.total ?? 1, e.done, payload);
        bars.set(key, bar);
      }
      if (e.total !== undefined) bar.setTotal(e.total);
      bar.update(e.done, payload);
    });
    return () => {
      off();
      multi.stop();
    };
  }
  // Plain lines: only phase changes, so a log is not flooded with counters.
  const lastPhase = new Map<string, string>();
  return api.onEvent((e) => {
    if (e.type !== 'progress') return;
    const key = `${e.opId}/${e.region ?? ''}`;
    if (lastPhase.get(key) === e.phase) return;
    lastPhase.set(key, e.phase);
    const count = e.total !== undefined ? ` ${e.done}/${e.total}` : '';
    cli.err(`${e.region ? `${e.region}: ` : ''}${e.phase}${count}${e.message ? ` — ${e.message}` : ''}`);
  });
}
