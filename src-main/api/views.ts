/** Result shapes of the API: plain JSON, safe to send to the renderer (never a token). */
import type { AppError } from '../core/errors';
import type { Geography, ItemKind, RegionKind, ResidencyPolicy } from '../core/model';
import type { AlignedRow, DiffReport } from '../core/diff/types';

export interface AuthView {
  /** Where the token comes from; the token itself never leaves the main process. */
  source: 'keychain' | 'env' | 'none';
  stored: boolean;
  /** Set when the keychain cannot be reached (e.g. no Secret Service on headless Linux). */
  keychainProblem?: string;
}

export interface SnapshotView {
  capturedAt: string;
  ageMinutes: number;
  stale: boolean;
  counts: Record<ItemKind, number>;
}

export interface RegionView {
  id: string;
  label: string;
  kind: RegionKind;
  url?: string;
  path?: string;
  tenant?: string;
  geography?: Geography;
  snapshot: SnapshotView | null;
  auth?: AuthView;
  lastError?: AppError;
}

export interface WorkspaceView {
  id: string;
  name: string;
  path: string;
  isDemo: boolean;
  baseline: string;
  regions: RegionView[];
  ignore: string[];
  policy?: ResidencyPolicy;
}

export interface PullRegionResult {
  region: string;
  ok: boolean;
  capturedAt?: string;
  counts?: Record<ItemKind, number>;
  error?: AppError;
}

export interface DiffSideView {
  region: string;
  exists: boolean;
  capturedAt?: string;
  lineCount: number;
}

export interface DiffView {
  kind: ItemKind;
  name: string;
  left: DiffSideView;
  right: DiffSideView;
  report: DiffReport;
  /** Side-by-side rows, unchanged stretches collapsed, secrets masked. */
  rows: AlignedRow[];
}

export interface RegionIdentityView {
  region: string;
  name?: string;
  email?: string;
  org?: string;
  tenant?: string;
  endpoint: string;
  authSource: 'keychain' | 'env';
}

export interface RunSummary {
  runId: string;
  planHash: string;
  source: string;
  targets: string[];
  status: string;
  startedAt: string;
  finishedAt?: string;
  canRollback: boolean;
}
