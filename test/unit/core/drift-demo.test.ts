/** The drift matrix over the demo workspace, read through the folder provider like the app does. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeDrift } from '../../../src-main/core/drift/matrix';
import type { DriftMatrix, DriftRow } from '../../../src-main/core/drift/types';
import { diffItems } from '../../../src-main/core/diff/semantic';
import { parseIgnoreRules } from '../../../src-main/core/ignore';
import type { Snapshot } from '../../../src-main/core/model';
import { parseWorkspaceConfig } from '../../../src-main/core/workspace/config';
import { createFolderProvider } from '../../../src-main/providers/folder';

const DEMO = path.resolve(__dirname, '../../../resources/demo');
let matrix: DriftMatrix;
const snaps: Record<string, Snapshot> = {};

beforeAll(async () => {
  const config = parseWorkspaceConfig(await readFile(path.join(DEMO, 'region-sync.yaml'), 'utf8'), 'region-sync.yaml');
  if (!config.ok) throw new Error(config.error.message);
  const rules = parseIgnoreRules(config.value.ignore);
  if (!rules.ok) throw new Error(rules.error.message);
  for (const region of config.value.regions) snaps[region.id] = await createFolderProvider(region, { workspaceRoot: DEMO }).pull();
  matrix = computeDrift({
    regions: config.value.regions,
    snapshots: snaps,
    baseline: config.value.baseline,
    ignore: rules.value,
    now: new Date(Math.max(...Object.values(snaps).map((s) => Date.parse(s.capturedAt)))),
    ...(config.value.policy ? { policy: config.value.policy } : {}),
  });
});

const row = (kind: DriftRow['kind'], id: string): DriftRow => {
  const r = matrix.rows.find((x) => x.kind === kind && x.id === id);
  if (!r) throw new Error(`no ${kind} ${id}`);
  return r;
};

describe('drift of the demo workspace', () => {
  it('has a row per identity and a cell per region', () => {
    expect(matrix.regions.map((r) => r.id)).toEqual(['us', 'eu', 'gov', 'au']);
    for (const r of matrix.rows) expect(Object.keys(r.cells).sort()).toEqual(['au', 'eu', 'gov', 'us']);
    const ids = matrix.rows.map((r) => `${r.kind}:${r.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of ['components', 'integrations', 'customers', 'instances'] as const)
      expect(matrix.counts[kind].total).toBe(matrix.rows.filter((r) => r.kind === kind).length);
  });

  it('shows component versions as translations, not drift', () => {
    const erp = row('components', 'acme-erp (private)');
    expect(Object.values(erp.cells).map((c) => c.state)).toEqual(['same', 'same', 'same', 'same']);
    expect(new Set(Object.values(erp.cells).map((c) => c.version)).size).toBe(4); // four different numbers
  });

  it('counts the one real change in eu’s Order Sync, as the semantic diff does', () => {
    const order = row('integrations', 'Order Sync');
    const expected = diffItems('integrations', 'Order Sync', snaps.us.integrations.find((i) => i.name === 'Order Sync'), snaps.eu.integrations.find((i) => i.name === 'Order Sync')).summary.total;
    expect(order.cells.eu).toMatchObject({ state: 'differs', changes: expected });
    expect(order.cells.gov.state).toBe('same');
    expect(order.cells.au.state).toBe('same');
  });

  it('flags the German customer’s instance living in us', () => {
    const misplaced = matrix.rows.filter((r) => r.misplaced);
    expect(misplaced.length).toBeGreaterThan(0);
    for (const r of misplaced) {
      const customer = r.id.split('/')[0];
      for (const [region, rule] of Object.entries(r.misplaced!)) {
        const country = (snaps[region].customers.find((c) => c.externalId === customer) ?? snaps.us.customers.find((c) => c.externalId === customer))?.country;
        expect(['DE', 'FR']).toContain(country);
        expect(rule).toBe('restriction #1: customers in DE, FR only in [eu]');
        expect(r.cells[region].notes).toContain('misplaced');
      }
    }
  });
});
