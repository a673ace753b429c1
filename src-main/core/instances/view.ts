/**
 * Builds the per-customer instances view from snapshots alone (pure): which version each instance
 * runs against its region's latest, whether it is paused or needs a deploy, and which config vars
 * differ across the regions that hold it. Secret values never reach the view: a connection or
 * secret var is shown as set/unset even if a provider handed over more.
 */
import type { ConfigVarValue, CustomerRecord, InstanceRecord, Snapshot } from '../model';
import { instanceKey } from '../model';
import { checkPlacement, routeCustomer } from '../policy/residency';
import type { CustomerInstancesView, InstanceCellView, InstanceRowView, InstanceRunState, InstanceVarView, InstancesView, InstancesViewInput } from './types';

export function isSecretVar(cv: ConfigVarValue): boolean {
  return cv.kind === 'connection' || cv.secret !== undefined;
}

export function varView(cv: ConfigVarValue): InstanceVarView {
  if (isSecretVar(cv)) return { key: cv.key, kind: cv.kind === 'connection' ? 'connection' : 'secret', secret: cv.secret === 'set' ? 'set' : 'unset' };
  return { key: cv.key, kind: 'value', value: cv.value ?? null };
}

/** What is compared across regions: the plain value, or only whether a secret is set. */
function comparable(v: InstanceVarView | undefined): string {
  if (!v) return '\u0000absent';
  return v.kind === 'value' ? `v:${v.value ?? ''}` : `s:${v.secret}`;
}

export function runState(i: Pick<InstanceRecord, 'enabled' | 'deployed' | 'needsDeploy'>): InstanceRunState {
  if (!i.deployed) return 'not-deployed';
  if (i.needsDeploy) return 'needs-deploy';
  return i.enabled ? 'running' : 'paused';
}

export function latestVersionOf(snapshot: Snapshot, integration: string): number | null {
  const versions = snapshot.integrations.find((i) => i.name === integration)?.versions ?? [];
  return versions.reduce<number | null>((max, v) => (max === null || v.number > max ? v.number : max), null);
}

function cellOf(snapshot: Snapshot, inst: InstanceRecord, customer: CustomerRecord | undefined, input: InstancesViewInput): InstanceCellView {
  const latest = latestVersionOf(snapshot, inst.integration);
  const configVars = [...inst.configVars].map(varView).sort((a, b) => a.key.localeCompare(b.key));
  const placement = customer ? checkPlacement(customer, snapshot.regionId, input.policy, input.regions) : { allowed: true as const };
  return {
    region: snapshot.regionId,
    version: inst.version,
    latest,
    behind: inst.version !== null && latest !== null && inst.version < latest,
    enabled: inst.enabled,
    deployed: inst.deployed,
    needsDeploy: !!inst.needsDeploy,
    state: runState(inst),
    configVars,
    differs: [],
    unsetSecrets: configVars.filter((v) => v.kind !== 'value' && v.secret !== 'set').map((v) => v.key),
    ...(placement.allowed ? {} : { misplaced: placement.rule }),
  };
}

/** Marks, in each cell and on the row, the keys whose value differs between regions. */
function markDiffering(row: InstanceRowView): void {
  const cells = Object.values(row.cells);
  if (cells.length < 2) return;
  const keys = new Set(cells.flatMap((c) => c.configVars.map((v) => v.key)));
  const differing: string[] = [];
  for (const key of keys) {
    const values = new Set(cells.map((c) => comparable(c.configVars.find((v) => v.key === key))));
    if (values.size > 1) differing.push(key);
  }
  differing.sort((a, b) => a.localeCompare(b));
  row.differs = differing;
  for (const c of cells) c.differs = differing;
}

export function buildInstancesView(input: InstancesViewInput): InstancesView {
  const regions = input.regions.map((r) => {
    const snap = input.snapshots[r.id];
    return { id: r.id, label: r.label ?? r.id, known: !!snap, ...(snap ? { capturedAt: snap.capturedAt } : {}) };
  });
  const customers = new Map<string, CustomerInstancesView>();
  const rows = new Map<string, InstanceRowView>();
  // A customer record can differ per region (a rename not yet promoted); the first region in
  // workspace order names it, the same order the drift view uses for its baseline-first columns.
  const customerRecord = (id: string): CustomerRecord | undefined => {
    for (const r of input.regions) {
      const c = input.snapshots[r.id]?.customers.find((x) => x.externalId === id);
      if (c) return c;
    }
    return undefined;
  };
  const customerView = (id: string): CustomerInstancesView => {
    let view = customers.get(id);
    if (!view) {
      const record = customerRecord(id);
      const home = record ? routeCustomer(record, input.policy, input.regions).region : undefined;
      view = { externalId: id, name: record?.name ?? id, ...(record?.country ? { country: record.country } : {}), ...(home ? { home } : {}), regions: [], rows: [] };
      customers.set(id, view);
    }
    return view;
  };
  for (const r of input.regions) {
    const snap = input.snapshots[r.id];
    if (!snap) continue;
    for (const inst of snap.instances) {
      if (input.customer !== undefined && inst.customer !== input.customer) continue;
      const cust = customerView(inst.customer);
      const key = instanceKey(inst);
      let row = rows.get(key);
      if (!row) {
        row = { key, customer: inst.customer, integration: inst.integration, name: inst.name, cells: {}, differs: [] };
        rows.set(key, row);
        cust.rows.push(row);
      }
      row.cells[r.id] = cellOf(snap, inst, customerRecord(inst.customer), input);
      if (!cust.regions.includes(r.id)) cust.regions.push(r.id);
    }
  }
  // A customer asked for by id but holding no instances still gets a (empty) entry when known.
  if (input.customer !== undefined && !customers.has(input.customer) && customerRecord(input.customer)) customerView(input.customer);
  const order = new Map(input.regions.map((r, i) => [r.id, i]));
  const out = [...customers.values()].sort((a, b) => a.name.localeCompare(b.name) || a.externalId.localeCompare(b.externalId));
  for (const c of out) {
    c.regions.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    c.rows.sort((a, b) => a.integration.localeCompare(b.integration) || a.name.localeCompare(b.name));
    for (const row of c.rows) markDiffering(row);
  }
  return { regions, customers: out };
}
