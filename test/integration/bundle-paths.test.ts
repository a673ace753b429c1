/**
 * Bundle paths typed in the desktop app are relative to the workspace folder, never to the host
 * process's working directory (which for the app is arbitrary). The bundle's folder is created.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInWorkspace } from '../../src-main/api/promotion/bundle-handlers';
import { MemorySecretStore } from '../../src-main/secrets/memory-store';
import { asParam, call, euSnapshot, makeHarness, usSnapshot, type Harness } from '../helpers/promotion';

describe('resolveInWorkspace', () => {
  it('joins relative paths to the workspace root and passes absolute ones through', () => {
    expect(resolveInWorkspace('/ws/acme', 'bundles/a.rsb')).toBe('/ws/acme/bundles/a.rsb');
    expect(resolveInWorkspace('/ws/acme/', './a.rsb')).toBe('/ws/acme/a.rsb');
    expect(resolveInWorkspace('/ws/acme', '/tmp/a.rsb')).toBe('/tmp/a.rsb');
    expect(resolveInWorkspace('C:\\ws', 'D:\\carry\\a.rsb')).toBe('D:\\carry\\a.rsb');
    expect(resolveInWorkspace('C:\\ws', '\\\\share\\a.rsb')).toBe('\\\\share\\a.rsb');
  });
});

describe('bundle handlers resolve relative paths in the workspace', () => {
  let h: Harness;
  const relative = `bundles/rel-test-${process.pid}.rsb`;

  beforeAll(async () => {
    h = await makeHarness({ regions: [{ id: 'us', snapshot: usSnapshot() }, { id: 'eu', snapshot: euSnapshot() }] }, { secrets: new MemorySecretStore() });
  });
  afterAll(() => h?.dispose());

  it('create writes under the workspace (making the folder), inspect and apply read from there', async () => {
    expect(path.resolve(h.dir)).not.toBe(process.cwd());
    const plan = await call(h.api.call('plan.create', { items: [{ kind: 'integrations', name: 'Order Sync' }], from: 'us', to: ['eu'], instances: 'none' }));
    const created = await call(h.api.call('bundle.create', { plan: asParam(plan), out: relative }));
    expect(created.path).toBe(path.join(h.dir, relative));
    expect(existsSync(path.join(h.dir, relative))).toBe(true);
    expect(existsSync(path.resolve(process.cwd(), relative))).toBe(false);

    const inspection = await call(h.api.call('bundle.inspect', { path: relative }));
    expect(inspection.path).toBe(path.join(h.dir, relative));
    expect(inspection.signature).toMatchObject({ valid: true, trusted: true });
    const run = await call(h.api.call('bundle.apply', { path: relative, to: 'eu' }));
    expect(run.status).toBe('succeeded');
  });
});
