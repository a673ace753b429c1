/**
 * The Instances screen in Chromium against the loopback host on a copy of the demo: per customer
 * rows × regions, the pinned instance shown behind its region's latest, pausing an instance
 * through the plan-confirm dialog, and the region file really changed. Screenshots go to
 * test-results/e2e/instances-*.png.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, openApp, type AppSession, type BrowserSession } from '../helpers/browser';
import { copyDemoWorkspace, repoRoot, type TempWorkspace } from '../helpers/workspaces';

const unavailable = e2eUnavailable();

describe.skipIf(unavailable !== null)(`Instances screen in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let app: AppSession;
  let ws: TempWorkspace;
  let s: BrowserSession;

  beforeAll(async () => {
    app = await openApp(await copyDemoWorkspace(path.join(repoRoot, 'resources/demo')));
    ({ ws, s } = app);
  }, 90_000);

  afterAll(() => app?.close());

  const cellOf = (key: string, region: string) => s.page.locator(`tr[data-instance="${key}"] .cell[data-region="${region}"]`);

  it('shows each customer with instances × regions: versions against the latest, paused, misplaced', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Instances' }).click();
    const northwind = page.getByRole('region', { name: 'Customer Northwind Traders' });
    await northwind.waitFor();
    await expect(cellOf('northwind/Order Sync/Order Sync', 'us').locator('.version').textContent()).resolves.toBe('v2 (latest v3)');
    await expect(cellOf('northwind/Slack Alerts/Slack Alerts', 'us').getAttribute('data-state')).resolves.toBe('paused');
    await expect(cellOf('northwind/Order Sync/Order Sync', 'us').locator('.secret.s-unset').textContent()).resolves.toBe('Slack Connection: unset');
    await expect(cellOf('bergmann-gmbh/Order Sync/Order Sync', 'us').locator('.misplaced').textContent()).resolves.toContain('restriction #1');
    await s.screenshot('instances-01-view');
  });

  it('pauses an instance through the plan dialog and shows it paused', async () => {
    const { page } = s;
    const key = 'northwind/Lead Router/Lead Router';
    await expect(cellOf(key, 'us').getAttribute('data-state')).resolves.toBe('running');
    await page.getByRole('button', { name: `Pause ${key} in us` }).click();
    const dialog = page.getByRole('dialog', { name: `Pause ${key} in us` });
    await dialog.getByRole('list', { name: 'Plan steps' }).waitFor();
    await expect(dialog.locator('.step .description').allTextContents()).resolves.toEqual([`Pause (disable) instance ${key} in us.`]);
    await s.screenshot('instances-02-pause-plan');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: 'Applied' }).waitFor({ timeout: 15_000 });
    await dialog.getByText('Close', { exact: true }).click();
    await page.waitForFunction((k) => document.querySelector(`tr[data-instance="${k}"] .cell[data-region="us"]`)?.getAttribute('data-state') === 'paused', key, { timeout: 15_000 });
    await expect(page.getByRole('button', { name: `Unpause ${key} in us` }).count()).resolves.toBe(1);
    const file = load(await readFile(path.join(ws.dir, 'regions/us/instances/northwind/Lead Router.yaml'), 'utf8')) as { enabled: boolean };
    expect(file.enabled).toBe(false);
    await s.screenshot('instances-03-paused');
  });

  it('plans a relocation and names the connections to re-enter', async () => {
    const { page } = s;
    const customer = page.getByRole('region', { name: 'Customer Bergmann GmbH' });
    await customer.getByRole('combobox', { name: 'Relocate bergmann-gmbh to' }).selectOption('eu');
    await customer.getByRole('button', { name: 'Relocate bergmann-gmbh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relocate bergmann-gmbh from us to eu' });
    const reenter = dialog.getByRole('region', { name: 'Connections to re-enter' });
    await reenter.waitFor();
    await expect(reenter.locator('li').allTextContents()).resolves.toEqual(['bergmann-gmbh/Order Sync/Order Sync: Acme ERP Connection']);
    await s.screenshot('instances-04-relocate-plan');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(app.pageErrors).toEqual([]);
  });
});
