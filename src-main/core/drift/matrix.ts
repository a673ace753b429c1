/**
 * The drift matrix: for every item of every kind, one row per cross-region identity and one cell
 * per region saying how that region's copy compares with the baseline's (design.md "Drift
 * state"). Built for thousands of rows: items are indexed by identity once per region, equal
 * items are settled by cached canonical hashes, and only differing ones are diffed.
 */
import { itemIdentity } from '../identity';
import type { IgnoreRule } from '../ignore';
import { ITEM_KINDS, type CustomerRecord, type InstanceRecord, type ItemKind, type RegionConfig, type ResidencyPolicy, type Snapshot } from '../model';
import { compareItems } from './compare';
import { latestPublished, pinnedBehind, recordNotes, versionText, type LatestVersions } from './describe';
import { regionInfo } from './freshness';
import { PlacementChecker, type CustomersByRegion } from './placement';
import type { DriftCell, DriftMatrix, DriftRegionInfo, DriftRow, DriftState } from './types';

export interface DriftInput {
  regions: RegionConfig[];
  snapshots: Record<string, Snapshot | null>;
  baseline: string;
  ignore: IgnoreRule[];
  now: Date;
  policy?: ResidencyPolicy;
  /** Used for regions without their own maxAgeMinutes; absent: snapshots never go stale. */
  defaultMaxAgeMinutes?: number;
}

interface RegionView {
  info: DriftRegionInfo;
  items: Map<ItemKind, Map<string, object>>;
  latest: LatestVersions;
}

export function computeDrift(input: DriftInput): DriftMatrix {
  input = { ...input, ignore: stableRules(input.ignore) };
  const views = input.regions.map((region) => viewOf(region, input.snapshots[region.id], input));
  const baseline = views.find((v) => v.info.id === input.baseline);
  const customers: CustomersByRegion = new Map(views.map((v) => [v.info.id, v.items.get('customers') as Map<string, CustomerRecord>]));
  const placement = input.policy ? new PlacementChecker(input.baseline, customers, input.policy, input.regions) : undefined;
  const rows: DriftRow[] = [];
  const counts = {} as DriftMatrix['counts'];
  for (const kind of ITEM_KINDS) {
    const kindRows = rowsOf(kind, views, baseline, input, placement);
    counts[kind] = { total: kindRows.length, drifted: kindRows.reduce((n, r) => n + (r.drifted ? 1 : 0), 0) };
    rows.push(...kindRows);
  }
  return { baseline: input.baseline, regions: views.map((v) => v.info), rows, counts };
}

/**
 * Canonical hashes and change counts are cached per rule list (identity.ts, diff-count.ts), but
 * callers parse the workspace's rules afresh on every request. Equal rule lists are mapped to one
 * array here so those caches hit across calls.
 */
const ruleLists = new Map<string, IgnoreRule[]>();
function stableRules(ignore: IgnoreRule[]): IgnoreRule[] {
  if (ignore.length === 0) return ignore;
  const key = ignore.map((r) => r.source).join('\n');
  const known = ruleLists.get(key);
  if (known) return known;
  if (ruleLists.size >= 16) ruleLists.clear(); // a few workspaces' worth; edits make new keys
  ruleLists.set(key, ignore);
  return ignore;
}

function viewOf(region: RegionConfig, snapshot: Snapshot | null | undefined, input: DriftInput): RegionView {
  const info = regionInfo(region, snapshot, input.now, input.defaultMaxAgeMinutes);
  const items = new Map<ItemKind, Map<string, object>>();
  for (const kind of ITEM_KINDS) {
    const byId = new Map<string, object>();
    // A duplicate identity inside one region keeps its first record: the export is ambiguous,
    // and the first is what a reader of the file sees first.
    for (const record of (snapshot?.[kind] ?? []) as object[]) {
      const id = itemIdentity(kind, record);
      if (!byId.has(id)) byId.set(id, record);
    }
    items.set(kind, byId);
  }
  return { info, items, latest: latestPublished(snapshot?.integrations ?? []) };
}

/**
 * What every row of one kind shares, worked out once per kind rather than once per cell: each
 * region's index for the kind, the baseline's place, which regions are stale.
 */
interface KindContext {
  kind: ItemKind;
  views: RegionView[];
  maps: Map<string, object>[];
  /** Index of the baseline in `views`, -1 when it is not among them. */
  baseIndex: number;
  baseMap: Map<string, object> | undefined;
  /** A baseline snapshot exists to compare with. */
  baseAvailable: boolean;
  /** Per view: its verdicts are provisional (its own snapshot, or the baseline's, is stale). */
  stale: boolean[];
  ignore: IgnoreRule[];
  placement: PlacementChecker | undefined;
}

function rowsOf(kind: ItemKind, views: RegionView[], baseline: RegionView | undefined, input: DriftInput, placement: PlacementChecker | undefined): DriftRow[] {
  const maps = views.map((v) => v.items.get(kind)!);
  const baseIndex = baseline ? views.indexOf(baseline) : -1;
  const baseAvailable = baseline?.info.available === true;
  const baseStale = baseAvailable && baseline!.info.stale;
  const ctx: KindContext = {
    kind,
    views,
    maps,
    baseIndex,
    baseMap: baseAvailable ? baseline!.items.get(kind) : undefined,
    baseAvailable,
    stale: views.map((v, i) => v.info.stale || (i !== baseIndex && baseStale)),
    ignore: input.ignore,
    placement,
  };
  // Baseline items first, in their order; then items only other regions hold. Sorted by label
  // afterwards, so the order does not depend on which region listed an item first.
  // The baseline's index already holds its ids once each: only ids it lacks need remembering.
  const baseIds = baseline?.items.get(kind);
  const rows: DriftRow[] = [];
  if (baseIds) for (const id of baseIds.keys()) rows.push(rowOf(ctx, id));
  const others = new Set<string>();
  for (const map of maps) {
    if (map === baseIds) continue;
    for (const id of map.keys()) if (!baseIds?.has(id) && !others.has(id)) others.add(id);
  }
  for (const id of others) rows.push(rowOf(ctx, id));
  rows.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows;
}

function rowOf(ctx: KindContext, id: string): DriftRow {
  const { kind, views, maps, baseIndex, placement } = ctx;
  const baseRecord = ctx.baseMap?.get(id);
  const cells: Record<string, DriftCell> = {};
  let labelSource: object | undefined = baseRecord;
  let holders: string[] | undefined;
  for (let i = 0; i < views.length; i++) {
    const view = views[i];
    const record = maps[i].get(id);
    if (record) {
      labelSource ??= record;
      if (kind === 'instances') (holders ??= []).push(view.info.id);
    }
    cells[view.info.id] = cellOf(ctx, i, id, record, baseRecord);
  }
  const row: DriftRow = { kind, id, label: labelOf(kind, id, labelSource), cells, drifted: false };
  const customerId = kind === 'customers' ? id : kind === 'instances' ? (labelSource as InstanceRecord).customer : undefined;
  const home = placement && customerId !== undefined ? placement.homeOf(customerId) : undefined;
  for (let i = 0; i < views.length; i++) {
    if (i === baseIndex) continue;
    const regionId = views[i].info.id;
    const cell = cells[regionId];
    if (home !== undefined && residencyExplains(cell, regionId, home)) {
      cell.expected = true;
      (cell.notes ??= []).push(homeNote(home));
    }
    else if (isDrift(cell)) row.drifted = true;
  }
  if (holders && placement) {
    const misplaced = placement.misplacedIn(customerId!, holders);
    if (misplaced) {
      row.misplaced = misplaced;
      row.drifted = true;
      for (const regionId of Object.keys(misplaced)) (cells[regionId].notes ??= []).push('misplaced');
    }
  }
  return row;
}

const homeNotes = new Map<string, string>();
/** One string per home region, not one per cell. */
function homeNote(home: string): string {
  let note = homeNotes.get(home);
  if (note === undefined) homeNotes.set(home, (note = `home: ${home}`));
  return note;
}

function cellOf(ctx: KindContext, index: number, id: string, record: object | undefined, baseRecord: object | undefined): DriftCell {
  const view = ctx.views[index];
  if (!view.info.available) return { state: 'unknown' };
  const kind = ctx.kind;
  // Asked by both the comparison and the notes: read the region's version map once per cell.
  const pinned = record && kind === 'instances' ? (pinnedBehind(record as InstanceRecord, view.latest) ?? null) : undefined;
  let cell: DriftCell;
  if (index === ctx.baseIndex) cell = { state: record ? 'same' : 'missing' };
  // Without a baseline snapshot there is nothing to compare against.
  else if (!ctx.baseAvailable) cell = { state: 'unknown', notes: ['no baseline snapshot'] };
  else if (!record && !baseRecord) cell = { state: 'same', notes: ['absent'] };
  else if (!record) cell = { state: 'missing' };
  else if (!baseRecord) cell = { state: 'extra' };
  else cell = compareItems(kind, id, baseRecord, record, ctx.ignore, view.latest, pinned);
  if (record && kind !== 'customers') {
    const version = versionText(kind, record, view.latest);
    if (version !== undefined) cell.version = version;
    if (kind !== 'components') {
      const notes = recordNotes(kind, record, view.latest, pinned);
      if (notes.length > 0) cell.notes = [...(cell.notes ?? []), ...notes];
    }
  }
  // A stale side (this region's snapshot, or the baseline's it was compared with) makes the
  // verdict provisional: shown as stale, with what the old snapshots said kept underneath.
  if (ctx.stale[index] && cell.state !== 'unknown') return { ...cell, state: 'stale', underlying: cell.state };
  return cell;
}

/**
 * A customer (and its instances) missing from a region it does not live in, or present only in
 * its home region and not the baseline, is the residency policy at work, not drift: the cell
 * keeps its state and says where the customer lives.
 */
function residencyExplains(cell: DriftCell, regionId: string, home: string): boolean {
  const state = cell.state === 'stale' ? cell.underlying : cell.state;
  return (state === 'missing' && home !== regionId) || (state === 'extra' && home === regionId);
}

/**
 * Drift a user should act on. Unknown is not drift (nothing is known), and a stale cell counts
 * by what its old snapshot said, so an unreachable region does not mark every row drifted.
 */
function isDrift(cell: DriftCell): boolean {
  const state: DriftState = cell.state === 'stale' ? (cell.underlying ?? 'same') : cell.state;
  return state !== 'same' && state !== 'unknown';
}

function labelOf(kind: ItemKind, id: string, record: object | undefined): string {
  if (kind === 'customers') {
    const name = (record as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && name !== '' && name !== id ? `${name} (${id})` : id;
  }
  if (kind === 'instances') {
    const r = record as InstanceRecord | undefined;
    return r ? `${r.customer} / ${r.integration} / ${r.name}` : id;
  }
  return id;
}
