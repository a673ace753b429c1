/** Words for states and times: colour is never the only signal, so every state has a label. */
import type { AuthView, DriftCell, ItemKind, StepTag } from './api/types';

export const KIND_LABELS: Record<ItemKind, string> = {
  components: 'Components',
  integrations: 'Integrations',
  instances: 'Instances',
  customers: 'Customers',
};

/** A run's status in words, for every place that reports one. */
export const RUN_WORDS: Record<string, string> = { succeeded: 'Applied', failed: 'Failed', 'rolled-back': 'Rolled back', 'partially-applied': 'Partially applied' };

/** Display order of the drift tables. */
export const KIND_ORDER: readonly ItemKind[] = ['components', 'integrations', 'instances', 'customers'];

export function cellWords(cell: DriftCell | undefined): string {
  if (!cell) return 'unknown';
  // The residency policy explains it: say what is so, not what is wrong.
  if (cell.expected && cell.state === 'missing') return 'not here';
  if (cell.expected && cell.state === 'extra') return 'lives here';
  if (cell.state === 'differs') return cell.changes ? `differs (${cell.changes})` : 'differs';
  if (cell.state === 'stale' && cell.underlying && cell.underlying !== 'stale') return `stale · ${cellWords({ state: cell.underlying, changes: cell.changes, ...(cell.expected ? { expected: true as const } : {}) })}`;
  return cell.state;
}

/** "as of 10:42" for today, "as of 3 Mar 10:42" otherwise. */
export function asOf(iso: string | undefined, now = new Date()): string {
  if (!iso) return 'no snapshot';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'no snapshot';
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return `as of ${time}`;
  return `as of ${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

export function authWords(auth: AuthView | undefined): string {
  if (!auth) return '';
  if (auth.keychainProblem) return auth.keychainProblem;
  if (auth.source === 'env') return 'token from environment';
  return auth.stored ? 'token stored in keychain' : 'no token';
}

export const TAG_WORDS: Record<StepTag, string> = {
  creates: 'creates',
  'overwrites-draft': 'overwrites draft',
  'no-change': 'no change',
  updates: 'updates',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Values in the change list: short, one line. */
export function shortValue(v: unknown): string {
  if (v === undefined) return '—';
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
