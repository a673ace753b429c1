import type { AppError, ErrorCode } from '../errors';
import type { CustomerRecord, InstanceRecord, ItemKind } from '../model';

/** Cross-region reference to an instance: `(customer externalId, integration name, instance name)`. */
export interface InstanceRef {
  customer: string;
  integration: string;
  name: string;
}

/**
 * Every change a promotion can make to a region. Providers implement exactly these; plans,
 * journals and bundles carry them as data. No write ever carries a secret.
 */
export type RegionWrite =
  | { op: 'publishComponent'; key: string; isPublic: boolean; signature: string; label?: string; packageFile?: string }
  | { op: 'importIntegration'; name: string; yaml: string; mode: 'create' | 'overwrite-draft' }
  | { op: 'publishIntegration'; name: string; comment: string; definitionHash: string }
  | { op: 'upsertCustomer'; customer: CustomerRecord }
  | { op: 'createInstance'; instance: InstanceRecord; versionFromPublishOf?: string }
  | { op: 'setInstanceVersion'; instance: InstanceRef; version: number | 'latest-published' }
  | { op: 'deployInstance'; instance: InstanceRef }
  | { op: 'setInstanceEnabled'; instance: InstanceRef; enabled: boolean };

/** What a provider reports after a write, recorded in the journal. */
export interface WriteOutcome {
  /** e.g. the published version number, or the remote id created. */
  version?: number;
  remoteId?: string;
  /** True when the region already had this state and nothing was written. */
  unchanged?: boolean;
  detail?: string;
}

export interface PlanItem {
  kind: ItemKind;
  name: string;
}

export type StepTag = 'creates' | 'overwrites-draft' | 'no-change' | 'updates';

export interface PlanStep {
  /** Stable within the plan: `t:<target>#<n>`. */
  id: string;
  target: string;
  write: RegionWrite;
  /** One sentence a reviewer reads: what it does, to what. */
  description: string;
  tag: StepTag;
  /** Step ids that must complete first. */
  after?: string[];
}

export interface PreflightFinding {
  level: 'error' | 'warning';
  code: ErrorCode | 'CODE_NATIVE' | 'MISSING_COMPONENT' | 'MISSING_ACTION' | 'MISSING_INPUT' | 'MISSING_CONFIG_VAR' | 'SECRET_REENTRY' | 'VERSION_SKEW';
  target: string;
  item?: string;
  /** The plan step the finding is about, when there is one. */
  step?: string;
  message: string;
  hint?: string;
}

export interface RegionFingerprint {
  region: string;
  /** sha256 over the canonical hashes of every item in the region's snapshot. */
  fingerprint: string;
  capturedAt: string;
}

export interface Plan {
  format: 1;
  /** Workspace identity: plans from another workspace are refused. */
  workspace: { name: string; id: string };
  createdAt: string;
  source: RegionFingerprint;
  targets: RegionFingerprint[];
  items: PlanItem[];
  instances: 'all' | 'none' | string[];
  steps: PlanStep[];
  preflight: PreflightFinding[];
  /** sha256 of the canonical JSON of everything above: apply refuses a plan whose hash does not match. */
  hash: string;
}

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface RunStepResult {
  stepId: string;
  status: StepStatus;
  outcome?: WriteOutcome;
  error?: AppError;
}

export interface RunResult {
  runId: string;
  planHash: string;
  status: 'succeeded' | 'failed' | 'rolled-back' | 'partially-applied';
  steps: RunStepResult[];
  startedAt: string;
  finishedAt?: string;
}

// ---- additions for plan computation, journals and runs (additive) ----------------------------

/** One line of `.region-sync/runs/<runId>/journal.jsonl`: written (fsync) before and after each step. */
export interface JournalEntry {
  step: string;
  state: 'started' | 'done' | 'failed';
  at: string;
  outcome?: WriteOutcome;
  error?: AppError;
}

/** `.region-sync/runs/<runId>/run.json`: what the run is, kept beside its journal. */
export interface RunRecord extends RunResult {
  kind: 'apply' | 'rollback';
  source: string;
  targets: string[];
  actor?: string;
  /** For a rollback run: the run it undoes. */
  rollbackOf?: string;
  /** The step that failed, when status is failed. */
  failedStep?: string;
  /** For a bundle apply: which bundle (replays are refused by signer and sequence). */
  bundle?: { signer: string; sequence: number; path?: string };
}
