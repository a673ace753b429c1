import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../src-main/core/plan/compute';
import { definitionNeeds } from '../../src-main/core/plan/references';
import { translatePins } from '../../src-main/core/plan/translate';
import { parseYaml } from '../../src-main/core/yaml/codec';
import type { Snapshot } from '../../src-main/core/model';
import { createFolderProvider } from '../../src-main/providers/folder';
import { parseWorkspaceConfig } from '../../src-main/core/workspace/config';
import { readFileSync } from 'node:fs';

const demo = path.resolve(__dirname, '../../resources/demo');
const config = (() => {
  const r = parseWorkspaceConfig(readFileSync(path.join(demo, 'region-sync.yaml'), 'utf8'), 'region-sync.yaml');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();
const pull = (id: string): Promise<Snapshot> => createFolderProvider(config.regions.find((r) => r.id === id)!, { workspaceRoot: demo }).pull();

function pinsOf(yaml: string): Array<{ key: string; version: unknown }> {
  const parsed = parseYaml(yaml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return definitionNeeds(parsed.value.value).uses.map((u) => ({ key: u.ref.key, version: u.ref.version }));
}

describe('version-pin translation (demo: acme-erp is us v50 ≡ eu v2 ≡ au v3 by signature)', () => {
  it('rewrites every numeric pin to the target number of the same build and keeps the rest of the text', async () => {
    const [us, eu] = await Promise.all([pull('us'), pull('eu')]);
    const orderSync = us.integrations.find((i) => i.name === 'Order Sync')!;
    const erpUs = us.components.find((c) => c.key === 'acme-erp')!;
    const erpEu = eu.components.find((c) => c.key === 'acme-erp')!;
    const pinnedUs = pinsOf(orderSync.yaml).filter((p) => p.key === 'acme-erp');
    expect(pinnedUs.length).toBeGreaterThan(0);
    const signature = erpUs.versions.find((v) => v.number === pinnedUs[0].version)!.signature;
    const euNumber = erpEu.versions.find((v) => v.signature === signature)!.number;
    expect(euNumber).not.toBe(pinnedUs[0].version);

    const { yaml, translations } = translatePins(orderSync.yaml, us, eu, new Map());
    expect(translations.every((t) => t.to === euNumber && t.signature === signature)).toBe(true);
    expect(pinsOf(yaml).filter((p) => p.key === 'acme-erp').every((p) => p.version === euNumber)).toBe(true);
    // Only the pinned lines changed: same line count, every other line byte-identical.
    const before = orderSync.yaml.split('\n');
    const after = yaml.split('\n');
    expect(after.length).toBe(before.length);
    const changed = before.filter((line, i) => line !== after[i]);
    expect(changed.length).toBe(translations.length);
    expect(changed.every((line) => /version:/.test(line))).toBe(true);
  });

  it('leaves a definition alone when the target has no build with that signature and the plan publishes none', async () => {
    const [us, eu] = await Promise.all([pull('us'), pull('eu')]);
    const orderSync = us.integrations.find((i) => i.name === 'Order Sync')!;
    const stripped: Snapshot = { ...eu, components: eu.components.filter((c) => c.key !== 'acme-erp') };
    expect(translatePins(orderSync.yaml, us, stripped, new Map())).toEqual({ yaml: orderSync.yaml, translations: [] });
  });

  it('pins to the number a planned publish will get in the target', async () => {
    const [us, eu] = await Promise.all([pull('us'), pull('eu')]);
    const orderSync = us.integrations.find((i) => i.name === 'Order Sync')!;
    const erpUs = us.components.find((c) => c.key === 'acme-erp')!;
    const pinned = pinsOf(orderSync.yaml).find((p) => p.key === 'acme-erp')!.version as number;
    const signature = erpUs.versions.find((v) => v.number === pinned)!.signature;
    const erpEu = eu.components.find((c) => c.key === 'acme-erp')!;
    const withoutBuild: Snapshot = {
      ...eu,
      components: eu.components.map((c) => (c === erpEu ? { ...c, versions: c.versions.filter((v) => v.signature !== signature) } : c)),
    };
    const max = Math.max(0, ...withoutBuild.components.find((c) => c.key === 'acme-erp')!.versions.map((v) => v.number));
    const { translations } = translatePins(orderSync.yaml, us, withoutBuild, new Map([['acme-erp (private)', [signature]]]));
    expect(translations.map((t) => t.to)).toContain(max + 1);
  });

  it('a demo plan us → eu for Order Sync passes preflight and imports the translated text', async () => {
    const [us, eu] = await Promise.all([pull('us'), pull('eu')]);
    const plan = computePlan({
      workspace: { name: config.name, id: config.id },
      source: us,
      targets: [eu],
      items: [{ kind: 'integrations', name: 'Order Sync' }],
      instances: 'none',
      regions: config.regions,
      policy: config.policy,
      ignore: [],
      now: new Date('2026-11-22T00:00:00Z'),
    });
    expect(plan.preflight.filter((f) => f.level === 'error')).toEqual([]);
    const imp = plan.steps.find((s) => s.write.op === 'importIntegration')!;
    expect(imp.description).toMatch(/acme-erp \(private\) v\d+ → v\d+/);
    // Order Sync pins acme-erp in several steps: the description names each translation once.
    const named = imp.description.match(/acme-erp \(private\) v\d+ → v\d+/g) ?? [];
    expect(named.length).toBe(new Set(named).size);
    if (imp.write.op === 'importIntegration') expect(pinsOf(imp.write.yaml).filter((x) => x.key === 'acme-erp').length).toBeGreaterThan(1);
    const euErp = eu.components.find((c) => c.key === 'acme-erp')!.versions.map((v) => v.number);
    if (imp.write.op !== 'importIntegration') throw new Error('unreachable');
    for (const p of pinsOf(imp.write.yaml).filter((x) => x.key === 'acme-erp')) expect(euErp).toContain(p.version);
  });
});
