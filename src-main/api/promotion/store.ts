/**
 * Where promotion keeps its records in the workspace (`.region-sync/`): plans by hash, one folder
 * per run (run.json, plan.json, journal.jsonl, before-<region>.json), the audit log, and the
 * bundles already applied. The journal and audit log are append-only, one JSON object a line,
 * each line fsynced before the call returns (FileStore.appendLine).
 */
import { fail } from '../../core/errors';
import type { Snapshot } from '../../core/model';
import type { JournalEntry, Plan, RunRecord } from '../../core/plan/types';
import type { FileStore } from '../ports';

export const DIR = '.region-sync';
export const planPath = (hash: string) => `${DIR}/plans/${hash}.json`;
export const runDir = (runId: string) => `${DIR}/runs/${runId}`;
export const journalPath = (runId: string) => `${runDir(runId)}/journal.jsonl`;
export const beforePath = (runId: string, region: string) => `${runDir(runId)}/before-${region}.json`;
export const AUDIT_PATH = `${DIR}/audit.jsonl`;
export const BUNDLES_APPLIED_PATH = `${DIR}/bundles-applied.json`;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function checkRunId(runId: string): string {
  if (!RUN_ID.test(runId) || runId.includes('..')) fail('RUN_NOT_FOUND', `There is no run "${runId}".`, { hint: 'List runs with region-sync runs.' });
  return runId;
}

export async function readJson<T>(files: FileStore, path: string): Promise<T | null> {
  const text = await files.readText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fail('IO_ERROR', `${path} is not valid JSON.`, { file: path, hint: 'The file was damaged; restore it from a backup or remove the run.' });
  }
}

export const writeJson = (files: FileStore, path: string, value: unknown) => files.writeText(path, `${JSON.stringify(value, null, 2)}\n`);

export async function savePlan(files: FileStore, plan: Plan): Promise<string> {
  const path = planPath(plan.hash);
  await writeJson(files, path, plan);
  return path;
}

export async function saveRun(files: FileStore, run: RunRecord): Promise<void> {
  await writeJson(files, `${runDir(run.runId)}/run.json`, run);
}

export async function loadRun(files: FileStore, runId: string): Promise<RunRecord | null> {
  return readJson<RunRecord>(files, `${runDir(checkRunId(runId))}/run.json`);
}

export async function loadRunPlan(files: FileStore, runId: string): Promise<Plan | null> {
  return readJson<Plan>(files, `${runDir(runId)}/plan.json`);
}

export async function loadBefore(files: FileStore, runId: string, region: string): Promise<Snapshot | null> {
  return readJson<Snapshot>(files, beforePath(runId, region));
}

export async function listRuns(files: FileStore): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for (const id of await files.list(`${DIR}/runs`)) {
    if (!RUN_ID.test(id)) continue;
    const run = await readJson<RunRecord>(files, `${runDir(id)}/run.json`).catch(() => null);
    if (run) out.push(run);
  }
  return out.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.runId.localeCompare(b.runId)));
}

/**
 * The last state of each step from a journal. A torn last line (a crash mid-append) is ignored:
 * the step it was about is then re-checked against the region, never assumed done.
 */
export async function readJournal(files: FileStore, runId: string): Promise<Map<string, JournalEntry>> {
  const text = (await files.readText(journalPath(runId))) ?? '';
  const states = new Map<string, JournalEntry>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue;
    }
    if (typeof entry?.step === 'string' && (entry.state === 'started' || entry.state === 'done' || entry.state === 'failed')) states.set(entry.step, entry);
  }
  return states;
}

export async function appendJournal(files: FileStore, runId: string, entry: JournalEntry): Promise<void> {
  await files.appendLine(journalPath(runId), JSON.stringify(entry));
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: 'apply' | 'rollback' | 'bundle-apply' | 'bundle-create' | 'plan';
  from?: string;
  to: string[];
  planHash?: string;
  runId?: string;
  result: string;
  error?: string;
}

export async function audit(files: FileStore, entry: AuditEntry): Promise<void> {
  await files.appendLine(AUDIT_PATH, JSON.stringify(entry));
}
