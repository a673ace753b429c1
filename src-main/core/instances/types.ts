/**
 * The per-customer, cross-region view of instances: one row per instance identity
 * `(customer externalId, integration name, instance name)`, one cell per region. Version numbers are
 * per-region counters, so each cell carries that region's own latest published version to compare
 * against, never another region's number.
 */
import type { RegionConfig, ResidencyPolicy, Snapshot } from '../model';

/** A config var as shown: plain values as they are, secrets only as set/unset. */
export interface InstanceVarView {
  key: string;
  kind: 'value' | 'connection' | 'secret';
  value?: string | null;
  secret?: 'set' | 'unset';
}

export type InstanceRunState = 'running' | 'paused' | 'needs-deploy' | 'not-deployed';

export interface InstanceCellView {
  region: string;
  version: number | null;
  /** That region's latest published version of the integration (null: nothing published). */
  latest: number | null;
  /** True when the instance runs an older version than the region's latest. */
  behind: boolean;
  enabled: boolean;
  deployed: boolean;
  needsDeploy: boolean;
  state: InstanceRunState;
  configVars: InstanceVarView[];
  /** Config var keys whose value (or set/unset) differs from the same instance in another region. */
  differs: string[];
  /** Connections and secrets with no value: the instance cannot run until they are entered. */
  unsetSecrets: string[];
  /** Residency: the rule this placement breaks, when the customer may not live in this region. */
  misplaced?: string;
}

export interface InstanceRowView {
  /** `customer/integration/name` */
  key: string;
  customer: string;
  integration: string;
  name: string;
  /** By region id; absent: the region has no such instance (or no snapshot, see `regions`). */
  cells: Record<string, InstanceCellView>;
  /** Keys that differ between any two regions that hold this instance. */
  differs: string[];
}

export interface CustomerInstancesView {
  externalId: string;
  name: string;
  country?: string;
  /** Where the residency policy routes this customer (undefined: no route). */
  home?: string;
  /** Regions that hold at least one of the customer's instances. */
  regions: string[];
  rows: InstanceRowView[];
}

export interface InstancesRegionView {
  id: string;
  label: string;
  /** False when there is no snapshot of the region: its cells are unknown, not absent. */
  known: boolean;
  capturedAt?: string;
}

export interface InstancesView {
  regions: InstancesRegionView[];
  customers: CustomerInstancesView[];
}

export interface InstancesViewInput {
  regions: readonly RegionConfig[];
  /** Snapshots by region id; a region without one is shown as unknown. */
  snapshots: Readonly<Record<string, Snapshot | undefined>>;
  policy?: ResidencyPolicy;
  /** Only this customer (externalId). */
  customer?: string;
}
