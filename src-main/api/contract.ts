/**
 * The one typed contract. Every host (Electron IPC, loopback HTTP, CLI in-process) serves exactly
 * this table; `satisfies` makes a missing handler a compile error, and every params object is
 * validated at runtime with the schema here before a handler sees it.
 */
import { z } from 'zod';
import type { DriftMatrix } from '../core/drift/types';
import type { Plan, RunResult } from '../core/plan/types';
import type {
  DiffView,
  PullRegionResult,
  RegionIdentityView,
  RegionView,
  RunSummary,
  WorkspaceView,
} from './views';
import type { BundleInspection, BundleCreated } from './bundle-views';
import type { InstancesView } from '../core/instances/types';

import { regionConfigSchema, regionIdSchema } from '../core/workspace/schema';

// One schema for a region, shared with the workspace file parser: a region added through the API
// is exactly what `region-sync.yaml` accepts.
const id = regionIdSchema;
const itemKind = z.enum(['components', 'integrations', 'customers', 'instances']);
const name = z.string().min(1).max(512);

export const planItemSchema = z.object({ kind: itemKind, name }).strict();

/** Plans arrive from files and the renderer: validated structurally here, by hash and fingerprint in the service. */
export const planSchema = z
  .object({ format: z.literal(1), hash: z.string(), steps: z.array(z.unknown()) })
  .loose()
  // The full shape and the hash are checked by the promotion module (checkPlan); typing the
  // parsed value as Plan lets callers pass a Plan without casts.
  .transform((v) => v as unknown as Plan);

export const operations = {
  'workspace.get': z.object({}).strict(),
  'workspace.open': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'regions.add': z.object({ region: regionConfigSchema, token: z.string().min(1).max(8192).optional() }).strict(),
  'regions.remove': z.object({ region: id }).strict(),
  'regions.setToken': z.object({ region: id, token: z.string().min(1).max(8192) }).strict(),
  'regions.clearToken': z.object({ region: id }).strict(),
  'regions.whoami': z.object({ region: id }).strict(),
  'snapshots.pull': z.object({ regions: z.array(id).optional() }).strict(),
  'drift.matrix': z.object({ baseline: id.optional() }).strict(),
  'diff.item': z
    .object({
      kind: itemKind,
      name,
      left: id,
      right: id,
      context: z.number().int().min(0).max(50).optional(),
      // Unfold these left-line ranges in full ("Show more context" on one collapsed stretch).
      expand: z
        .array(z.object({ leftLine: z.number().int().min(1).max(100_000_000), count: z.number().int().min(1).max(100_000_000) }).strict())
        .max(1000)
        .optional(),
    })
    .strict(),
  'diff.report': z.object({ kind: itemKind, name, left: id, right: id, format: z.enum(['text', 'markdown', 'json']) }).strict(),
  'plan.create': z
    .object({
      items: z.array(planItemSchema).min(1).max(500),
      from: id,
      to: z.array(id).min(1).max(16),
      instances: z.union([z.enum(['all', 'none']), z.array(z.string().min(1).max(256))]).optional(),
    })
    .strict(),
  'plan.apply': z.object({ plan: planSchema }).strict(),
  'runs.list': z.object({}).strict(),
  'runs.rollback': z.object({ runId: z.string().min(1).max(100) }).strict(),
  'bundle.create': z.object({ plan: planSchema, out: z.string().min(1).max(4096) }).strict(),
  'bundle.inspect': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'bundle.apply': z.object({ path: z.string().min(1).max(4096), to: id }).strict(),
  'instances.byCustomer': z.object({ customer: name.optional() }).strict(),
  'instances.plan': z
    .object({
      region: id,
      changes: z
        .array(
          z
            .object({
              instance: z.object({ customer: name, integration: name, name }).strict(),
              action: z.enum(['upgrade', 'pin', 'pause', 'unpause']),
              version: z.number().int().min(1).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(500),
    })
    .strict(),
  'instances.relocate': z.object({ customer: name, from: id, to: id }).strict(),
} as const;

export type OperationName = keyof typeof operations;
export type ParamsOf<Op extends OperationName> = z.infer<(typeof operations)[Op]>;

/** Result type of each operation. */
export interface Results {
  'workspace.get': WorkspaceView;
  'workspace.open': WorkspaceView;
  'regions.add': RegionView;
  'regions.remove': { removed: boolean };
  'regions.setToken': { stored: true; region: string };
  'regions.clearToken': { removed: boolean };
  'regions.whoami': RegionIdentityView;
  'snapshots.pull': { results: PullRegionResult[] };
  'drift.matrix': DriftMatrix;
  'diff.item': DiffView;
  'diff.report': { text: string };
  'plan.create': Plan;
  'plan.apply': RunResult;
  'runs.list': { runs: RunSummary[] };
  'runs.rollback': RunResult;
  'bundle.create': BundleCreated;
  'bundle.inspect': BundleInspection;
  'bundle.apply': RunResult;
  'instances.byCustomer': InstancesView;
  /** A plan applied with plan.apply (same journal, same rollback). */
  'instances.plan': Plan;
  'instances.relocate': Plan;
}

// Compile-time check that Results covers exactly the operations table.
type _Exhaustive = [OperationName] extends [keyof Results] ? ([keyof Results] extends [OperationName] ? true : never) : never;
export const contractIsExhaustive: _Exhaustive = true;

/** What any host sends back: the result, or an error value. */
export type Reply<Op extends OperationName> = { ok: true; value: Results[Op] } | { ok: false; error: import('../core/errors').AppError };

/** The client every front end (renderer, tests) uses; hosts supply the transport. */
export interface ApiClient {
  call<Op extends OperationName>(op: Op, params: ParamsOf<Op>): Promise<Reply<Op>>;
  /** Progress and change events; returns an unsubscribe function. */
  onEvent(listener: (e: ApiEvent) => void): () => void;
}

export type ApiEvent =
  | import('./ports').ProgressEvent
  | { type: 'workspace-changed' }
  | { type: 'snapshot-updated'; region: string };
