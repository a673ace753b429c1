/**
 * Every type the renderer shares with the main process, re-exported from one place. Type-only:
 * no runtime code from src-main ever reaches the renderer bundle.
 */
export type { ApiClient, ApiEvent, OperationName, ParamsOf, Reply, Results } from '../../../../src-main/api/contract';
export type { ProgressEvent } from '../../../../src-main/api/ports';
export type {
  AuthView,
  DiffSideView,
  DiffView,
  PullRegionResult,
  RegionView,
  RunSummary,
  SnapshotView,
  WorkspaceView,
} from '../../../../src-main/api/views';
export type { AppError, ErrorCode } from '../../../../src-main/core/errors';
export type { ItemKind, RegionConfig, RegionKind } from '../../../../src-main/core/model';
export type { DriftCell, DriftMatrix, DriftRegionInfo, DriftRow, DriftState } from '../../../../src-main/core/drift/types';
export type { AlignedRow, Change, DiffReport, DiffSummary, Segment, VersionTranslation } from '../../../../src-main/core/diff/types';
export type { Plan, PlanStep, PreflightFinding, RunResult, RunStepResult, StepTag } from '../../../../src-main/core/plan/types';
export type { CustomerInstancesView, InstanceCellView, InstanceRowView, InstanceVarView, InstancesRegionView, InstancesView } from '../../../../src-main/core/instances/types';
export type { BundleCreated, BundleInspection, BundleManifest } from '../../../../src-main/api/bundle-views';
