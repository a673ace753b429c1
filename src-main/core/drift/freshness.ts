/**
 * Which regions can be compared, and how much to trust them: a region with no snapshot is
 * `unknown`; one whose snapshot is older than its region's `maxAgeMinutes` (or the workspace
 * default) is `stale`. A capture time that does not parse counts as stale: its age is unknown.
 */
import type { RegionConfig, Snapshot } from '../model';
import type { DriftRegionInfo } from './types';

export function regionInfo(region: RegionConfig, snapshot: Snapshot | null | undefined, now: Date, defaultMaxAgeMinutes?: number): DriftRegionInfo {
  const base = { id: region.id, label: region.label ?? region.id, kind: region.kind };
  if (!snapshot) return { ...base, stale: false, available: false };
  const maxAge = region.maxAgeMinutes ?? defaultMaxAgeMinutes;
  const captured = Date.parse(snapshot.capturedAt);
  const stale = maxAge !== undefined && (Number.isNaN(captured) || now.getTime() - captured > maxAge * 60_000);
  return { ...base, capturedAt: snapshot.capturedAt, stale, available: true };
}
