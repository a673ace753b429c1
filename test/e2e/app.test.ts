/**
 * The app as users meet it: `region-sync serve` on a copy of the demo workspace, Chromium on the
 * printed URL. Drift in every kind, search and filter, the diff of "Order Sync" us vs eu,
 * promotion of it to eu, and keyboard navigation. Screenshots go to test-results/e2e/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eUnavailable, openApp, type AppSession, type BrowserSession, type Host } from '../helpers/browser';
import { bodyRows, cell, DRIFT_STATES, renderedStates, table } from '../helpers/drift-page';
import { copyDemoWorkspace, repoRoot } from '../helpers/workspaces';

// REGION_SYNC_E2E_DEMO points at another demo-like workspace to copy (for developing the UI).
const demoDir = process.env.REGION_SYNC_E2E_DEMO ?? path.join(repoRoot, 'resources/demo');
const unavailable = e2eUnavailable() ?? (existsSync(path.join(demoDir, 'region-sync.yaml')) ? null : `${demoDir}/region-sync.yaml not found`);

async function waitForCellState(page: Page, row: string, region: string, state: string): Promise<void> {
  await page.waitForFunction(
    ([r, g, st]) => document.querySelector(`section[data-kind="integrations"] [data-row="${r}"] [data-region="${g}"]`)?.getAttribute('data-state') === st,
    [row, region, state],
    { timeout: 15_000 },
  );
}

describe.skipIf(unavailable !== null)(`app in Chromium against the loopback host${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let app: AppSession;
  let host: Host;
  let s: BrowserSession;

  beforeAll(async () => {
    app = await openApp(await copyDemoWorkspace(demoDir));
    ({ host, s } = app);
  }, 90_000);

  // Each test starts on the drift view, whatever the previous one left open.
  beforeEach(async () => {
    if (!s) return;
    for (let i = 0; i < 3 && (await s.page.locator('dialog[open], section.diff-screen').count()) > 0; i++) await s.page.keyboard.press('Escape');
  });

  afterAll(() => app?.close());

  it('takes the token out of the address bar and shows the workspace and its regions', async () => {
    expect(s.page.url()).not.toContain('token=');
    await expect(s.page.getByRole('heading', { level: 1 }).textContent()).resolves.not.toBe('');
    for (const id of ['us', 'eu', 'gov', 'au']) await s.page.locator(`.regions [data-region="${id}"]`).waitFor();
  });

  it('shows drift in components, integrations and instances, with real states in words', async () => {
    for (const kind of ['components', 'integrations', 'instances']) {
      await bodyRows(s.page, kind).first().waitFor();
      const states = await renderedStates(s.page, kind);
      expect(states.length, kind).toBeGreaterThan(0);
      for (const state of states) expect(DRIFT_STATES, `${kind} cell state`).toContain(state);
    }
    const all = [...(await renderedStates(s.page, 'components')), ...(await renderedStates(s.page, 'integrations')), ...(await renderedStates(s.page, 'instances'))];
    expect(all.some((st) => st !== 'same'), 'some drift somewhere in the demo').toBe(true);
    const orderSyncEu = cell(s.page, 'integrations', 'Order Sync', 'eu');
    await expect(orderSyncEu.getAttribute('data-state')).resolves.toBe('differs');
    await expect(orderSyncEu.textContent()).resolves.toMatch(/differs \(\d+\)/);
    await s.screenshot('01-drift');
  });

  it('shows an absence the residency policy expects as a neutral fact, with no Promote button', async () => {
    const page = s.page;
    // acme-retail lives in us (policy default): its instance is not expected in eu.
    const expected = cell(page, 'instances', 'acme-retail/Order Sync/Order Sync', 'eu');
    await expected.waitFor();
    await expect(expected.getAttribute('data-state')).resolves.toBe('missing');
    await expect(expected.getAttribute('data-expected')).resolves.toBe('true');
    await expect(expected.textContent()).resolves.toMatch(/not here[\s\S]*home: us/);
    await expect(expected.textContent()).resolves.not.toMatch(/missing/);
    await expect(expected.getByRole('button').count()).resolves.toBe(0);
    // Grey (the muted colour), not the red of a real absence.
    const colours = await expected.locator('.state').evaluate((badge) => {
      const probe = (v: string) => {
        const el = document.createElement('span');
        el.style.color = `var(${v})`;
        document.body.append(el);
        const c = getComputedStyle(el).color;
        el.remove();
        return c;
      };
      return { badge: getComputedStyle(badge).color, muted: probe('--muted'), missing: probe('--missing') };
    });
    expect(colours.badge).toBe(colours.muted);
    expect(colours.badge).not.toBe(colours.missing);
  });

  it('filters by search and by "only drifted"', async () => {
    const page = s.page;
    const allIntegrations = await bodyRows(page, 'integrations').count();
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search items' });
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await search.fill('Order Sync');
    const labels = await bodyRows(page, 'integrations').locator('[role="rowheader"]').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label.toLowerCase()).toContain('order sync');
    expect(labels.length).toBeLessThanOrEqual(allIntegrations);
    await search.fill('');

    await page.getByRole('checkbox', { name: 'Only drifted' }).check();
    const drifted = bodyRows(page, 'integrations');
    const classes = await drifted.evaluateAll((rows) => rows.map((r) => r.classList.contains('drifted')));
    expect(classes.length).toBeGreaterThan(0);
    expect(classes.every(Boolean)).toBe(true);
    await s.screenshot('02-only-drifted');
    await page.getByRole('checkbox', { name: 'Only drifted' }).uncheck();
  });

  it('opens the diff of Order Sync us vs eu with the changed input highlighted, and steps through changes', async () => {
    const page = s.page;
    await cell(page, 'integrations', 'Order Sync', 'eu').click();
    await page.getByRole('heading', { name: /Order Sync: us vs eu/ }).waitFor();
    const changed = page.locator('[role="rowgroup"] [data-kind="changed"]');
    await changed.first().waitFor();
    await expect(changed.first().locator('mark').count()).resolves.toBeGreaterThan(0);
    const changes = page.getByRole('navigation', { name: 'Changes' }).getByRole('button');
    expect(await changes.count()).toBeGreaterThan(0);
    const firstPath = await changes.first().locator('.path').textContent();
    expect(firstPath).toMatch(/inputs/);

    await changes.first().click();
    await expect(changes.first().getAttribute('aria-current')).resolves.toBe('true');
    await page.locator('[role="rowgroup"] .current').first().waitFor();
    await page.keyboard.press('n');
    await expect(page.locator('.position').textContent()).resolves.toMatch(/change \d+ of \d+/);
    await s.screenshot('03-diff-order-sync');

    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    await page.getByRole('button', { name: 'Copy review report' }).click();
    await page.getByRole('button', { name: 'Copied ✓' }).waitFor();
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toMatch(/us → eu/);
    expect(report).toContain('includeLineItems');
    await page.keyboard.press('Escape');
    await page.getByRole('grid', { name: 'Integrations drift' }).waitFor();
  });

  it('"Show more context" unfolds that whole stretch, and only that one', async () => {
    const page = s.page;
    await cell(page, 'integrations', 'Order Sync', 'eu').click();
    await page.getByRole('heading', { name: /Order Sync: us vs eu/ }).waitFor();
    // The header names the build behind each pinned number: same signature, so proven.
    await expect(page.getByRole('list', { name: 'Component version translations' }).textContent()).resolves.toMatch(/acme-erp\s+v50 in us ≡ v2 in eu\s+\(same package signature\)/);
    const table = page.locator('.diff[role="table"]');
    const rowCount = async () => Number(await table.getAttribute('aria-rowcount'));
    const folds = page.locator('.diff [role="rowgroup"] .collapsed');
    await folds.first().waitFor();
    const before = await rowCount();
    const hidden = Number((await folds.first().textContent())?.match(/(\d+) unchanged lines?/)?.[1]);
    expect(hidden).toBeGreaterThan(1);
    await folds.first().getByRole('button', { name: 'Show more context' }).click();
    await page.waitForFunction((n) => Number(document.querySelector('.diff[role="table"]')?.getAttribute('aria-rowcount')) > n, before);
    // The fold's row is replaced by every line it hid.
    expect(await rowCount()).toBe(before - 1 + hidden);
    await page.keyboard.press('Escape');
    await page.getByRole('grid', { name: 'Integrations drift' }).waitFor();
  });

  it('opens a diff with Enter and closes it with Escape, returning to the cell', async () => {
    const page = s.page;
    const target = cell(page, 'integrations', 'Order Sync', 'eu');
    await target.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await expect(target.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Order Sync: us vs eu/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('grid', { name: 'Integrations drift' }).waitFor({ state: 'visible' });
    await expect(target.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it('closes the promote dialog with Escape without changing anything', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Promote Order Sync from us to eu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Promote Order Sync from us to eu' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(cell(page, 'integrations', 'Order Sync', 'eu').getAttribute('data-state')).resolves.toBe('differs');
    // Focus is back on the Promote button that opened the dialog.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Promote Order Sync from us to eu');
  });

  it('pulls every region and shows each snapshot time', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.getByRole('button', { name: 'Pull', exact: true }).waitFor(); // "Pulling…" while busy
    for (const id of ['us', 'eu', 'gov', 'au']) await expect(page.locator(`.regions [data-region="${id}"]`).textContent()).resolves.toMatch(/as of/);
    await expect(page.locator('.regions [role="status"]').count()).resolves.toBe(0);
    // Each drift column says the same as its chip: the region's kind and its snapshot's age.
    for (const id of ['us', 'eu', 'gov', 'au']) {
      const chipAge = (await page.locator(`.regions [data-region="${id}"] .age`).textContent())?.trim();
      const head = (await table(page, 'integrations').locator(`[role="columnheader"][data-region="${id}"]`).textContent()) ?? '';
      expect(head).toContain('folder');
      expect(chipAge).toMatch(/^as of /);
      expect(head).toContain(chipAge!);
    }
  });

  it('promotes Order Sync from us to eu: the plan, apply with progress, and the eu cell turns same', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Promote Order Sync from us to eu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Promote Order Sync from us to eu' });
    await dialog.waitFor();
    await dialog.locator('ol[aria-label="Plan steps"], [role="alert"]').first().waitFor();
    const error = await dialog.locator('[role="alert"]').allTextContents();
    expect(error, 'plan.create answered an error').toEqual([]);
    const planSteps = () => dialog.getByRole('list', { name: 'Plan steps' }).getByRole('listitem').allTextContents();
    const definitionOnly = await planSteps();
    expect(definitionOnly.join('\n')).toMatch(/Order Sync/);
    expect(definitionOnly.join('\n')).not.toMatch(/Move instance/);
    // Moving eu's running instances is a second, deliberate choice: re-planned, shown step by step.
    await dialog.getByRole('checkbox', { name: /Also move eu's instances/ }).check();
    await expect.poll(async () => (await planSteps()).join('\n'), { timeout: 30_000 }).toMatch(/Move instance schmidt-logistik\/Order Sync\//);
    const withInstances = await planSteps();
    expect(withInstances.join('\n')).toMatch(/Deploy instance schmidt-logistik\/Order Sync\//);
    // The demo's eu instance lacks the Slack connection the new version needs: preflight says so
    // and blocks, naming the instance and what to do.
    const instanceBlockers = await dialog.locator('.finding.error').allTextContents();
    expect(instanceBlockers.join('\n')).toMatch(/schmidt-logistik\/Order Sync\/Order Sync in eu has no value for connection "Slack Connection"/);
    await expect(dialog.getByRole('button', { name: /Apply/ }).isDisabled()).resolves.toBe(true);
    await s.screenshot('04a-promote-plan-with-instances');
    await dialog.getByRole('checkbox', { name: /Also move eu's instances/ }).uncheck();
    // Re-planning empties the list first: wait for the new plan, which must be the first one again.
    await expect.poll(planSteps, { timeout: 30_000 }).toEqual(definitionOnly);
    const steps = await planSteps();
    await s.screenshot('04-promote-plan');
    const blockers = await dialog.locator('.finding.error').allTextContents();
    expect(blockers, 'preflight errors block Apply').toEqual([]);

    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await dialog.locator('.result').waitFor({ timeout: 30_000 });
    await expect(dialog.locator('.result').textContent()).resolves.toMatch(/^Applied/);
    const stepStates = await dialog.locator('[data-step] .status').allTextContents();
    expect(stepStates.length).toBe(steps.length);
    for (const st of stepStates) expect(st).toMatch(/^done/);
    await waitForCellState(page, 'Order Sync', 'eu', 'same');
    await s.screenshot('05-promote-applied');

    // Roll back from the finished run: eu goes back to what it was.
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => dialog.locator('.result').textContent(), { timeout: 30_000 }).toMatch(/^Rolled back/);
    await waitForCellState(page, 'Order Sync', 'eu', 'differs');
    await s.screenshot('06-rolled-back');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('adds a folder region from the Add region dialog: a new chip and a new drift column', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Add region' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add region' });
    await dialog.getByLabel('Id').fill('mirror');
    await dialog.getByLabel('Label').fill('EU mirror');
    await dialog.getByLabel('Folder of exported YAML').check();
    await dialog.getByLabel('Folder path').fill('regions/eu');
    await dialog.getByRole('button', { name: 'Add region' }).click();
    await dialog.getByText('Region EU mirror (mirror) added').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.locator('.regions [data-region="mirror"]').waitFor();
    await cell(page, 'integrations', 'Order Sync', 'mirror').waitFor();
  });

  it('sends a pasted token once and never shows it again', async () => {
    const page = s.page;
    const token = 'rs-e2e-token-7f3a9c';
    await page.getByRole('button', { name: 'Add region' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add region' });
    await dialog.getByLabel('Id').fill('live');
    await dialog.getByLabel('Stack URL').fill('https://app.eu-west-1.prismatic.io');
    await dialog.getByLabel(/Refresh token/).fill(token);
    await dialog.getByRole('button', { name: 'Add region' }).click();
    // Either the keychain took it, or the host explains why it could not: both without the token.
    await dialog.locator('[role="status"], [role="alert"]').first().waitFor();
    await s.screenshot('08-add-prismatic-region');
    expect(await page.content()).not.toContain(token);
    const field = dialog.getByLabel(/Refresh token/);
    if (await field.count()) await expect(field.inputValue()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });

  it('renders the drift view in the dark theme', async () => {
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await table(s.page, 'integrations').waitFor();
    await s.screenshot('07-drift-dark');
    const bg = await s.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgb(246, 247, 249)');
  });
});
