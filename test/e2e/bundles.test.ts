/**
 * Air-gap bundles in the app, in Chromium against the loopback host on a copy of the demo: save
 * the reviewed Order Sync us→eu plan as a signed bundle from the promote dialog, inspect it in the
 * Bundles tab (valid, trusted, intact, its steps), apply it to eu (Drift then shows eu same), and
 * see the same bundle refused as a replay. Signing keys live in the OS keychain, so this needs
 * REGION_SYNC_KEYRING=1 (an unlocked gnome-keyring in a D-Bus session, as `npm test` sets up).
 * Screenshots go to test-results/e2e/bundles-*.png.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, openApp, type AppSession, type BrowserSession } from '../helpers/browser';
import { copyDemoWorkspace, repoRoot, type TempWorkspace } from '../helpers/workspaces';

const unavailable = e2eUnavailable() ?? (process.env.REGION_SYNC_KEYRING ? null : 'REGION_SYNC_KEYRING unset: bundle signing keys need an unlocked keychain');

describe.skipIf(unavailable !== null)(`Bundles in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let app: AppSession;
  let ws: TempWorkspace;
  let s: BrowserSession;
  let written = '';
  /** The reviewed plan's steps as the promote dialog listed them. */
  let reviewed: string[] = [];

  beforeAll(async () => {
    app = await openApp(await copyDemoWorkspace(path.join(repoRoot, 'resources/demo')));
    ({ ws, s } = app);
  }, 90_000);

  afterAll(() => app?.close());

  const euOrderSync = () => s.page.locator('section[data-kind="integrations"] [data-row="Order Sync"] [data-region="eu"]').getAttribute('data-state');
  const bundlesTab = () => s.page.getByRole('region', { name: 'Bundles' });

  it('saves the reviewed promotion plan as a signed bundle inside the workspace', async () => {
    const { page } = s;
    await expect(euOrderSync()).resolves.toBe('differs');
    await page.getByRole('button', { name: 'Promote Order Sync from us to eu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Promote Order Sync from us to eu' });
    await dialog.getByRole('list', { name: 'Plan steps' }).waitFor({ timeout: 30_000 });
    reviewed = await dialog.locator('.step .description').allTextContents();
    expect(reviewed.length).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Save as signed bundle…' }).click();
    const out = dialog.getByRole('textbox', { name: 'Save bundle to' });
    await expect(out.inputValue()).resolves.toMatch(/^bundles\/order-sync-[0-9a-f]{8}\.rsb$/);
    await s.screenshot('bundles-01-save-form');
    await dialog.getByRole('button', { name: 'Save bundle' }).click();
    const status = dialog.getByRole('status').filter({ hasText: 'Signed bundle written to' });
    await status.waitFor({ timeout: 30_000 });
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(/sequence 1, signed by acme/);
    written = (await status.locator('code').textContent()) ?? '';
    expect(written.startsWith(ws.dir)).toBe(true);
    expect(existsSync(written)).toBe(true);
    await s.screenshot('bundles-02-saved');
    // Saving changed nothing in eu: the dialog closes without applying.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(euOrderSync()).resolves.toBe('differs');
  });

  it('inspects the bundle with no network: valid, trusted, intact, and its steps', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Bundles', exact: true }).click();
    const view = bundlesTab();
    // Typed as the user would: relative to the workspace folder.
    await view.getByRole('textbox', { name: 'Bundle file' }).fill(path.relative(ws.dir, written));
    await view.getByRole('button', { name: 'Inspect' }).click();
    const facts = view.getByRole('definition').filter({ hasText: /Valid|Not valid/ });
    await facts.first().waitFor({ timeout: 30_000 });
    await expect(view.locator('[data-fact="signature"]').textContent()).resolves.toMatch(/^Valid, by trusted signer acme-corp-demo@/);
    await expect(view.locator('[data-fact="files"]').textContent()).resolves.toMatch(/All \d+ match the signed manifest/);
    await expect(view.locator('[data-fact="sequence"]').textContent()).resolves.toBe('1');
    const steps = await view.getByRole('list', { name: 'Bundled plan steps' }).getByRole('listitem').allTextContents();
    // Exactly the plan that was reviewed, step for step, each aimed at eu.
    expect(steps).toEqual(reviewed.map((d) => `eu: ${d}`));
    expect(steps.join('\n')).toMatch(/Order Sync/);
    await expect(view.getByRole('combobox', { name: 'Target region' }).inputValue()).resolves.toBe('eu');
    await expect(view.getByRole('button', { name: 'Apply bundle' }).isEnabled()).resolves.toBe(true);
    await s.screenshot('bundles-03-inspected');
  });

  it('applies it to eu with progress; Drift then shows eu Order Sync the same as us', async () => {
    const { page } = s;
    const view = bundlesTab();
    await view.getByRole('button', { name: 'Apply bundle' }).click();
    const result = view.getByRole('status').filter({ hasText: /^\s*(Applied|Failed|Partially applied)/ });
    await result.waitFor({ timeout: 60_000 });
    const line = /^\s*Applied to eu: run \S+ \((\d+) of (\d+) steps done\)/.exec((await result.textContent()) ?? '');
    expect(line, 'result line').not.toBeNull();
    // Apply re-plans against eu as it is now: every step of that plan ran.
    expect(Number(line?.[1])).toBeGreaterThan(0);
    expect(line?.[1]).toBe(line?.[2]);
    await expect(view.getByRole('list', { name: 'Progress' }).count()).resolves.toBeGreaterThan(0);
    // Spent: this inspection offers no second apply (the host would refuse it anyway).
    await expect(view.getByRole('button', { name: 'Applied', exact: true }).isDisabled()).resolves.toBe(true);
    await s.screenshot('bundles-04-applied');
    await page.getByRole('button', { name: 'Drift', exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('section[data-kind="integrations"] [data-row="Order Sync"] [data-region="eu"]')?.getAttribute('data-state') === 'same',
      undefined,
      { timeout: 30_000 },
    );
    await s.screenshot('bundles-05-drift-after');
  });

  it('refuses the same bundle again as a replay, plainly, with the hint', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Bundles', exact: true }).click();
    const view = bundlesTab();
    await view.getByRole('button', { name: 'Inspect' }).click();
    await view.locator('[data-fact="signature"]').waitFor({ timeout: 30_000 });
    await expect(view.locator('[data-fact="signature"]').textContent()).resolves.toMatch(/^Valid, by trusted signer/);
    await view.getByRole('button', { name: 'Apply bundle' }).click();
    const alert = view.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('BUNDLE_REPLAYED');
    expect(text).toMatch(/not newer than the last one applied here/);
    expect(text).toMatch(/What to do: Ask for a new bundle/);
    await expect(view.getByRole('status').filter({ hasText: /^\s*Applied/ }).count()).resolves.toBe(0);
    await s.screenshot('bundles-06-replayed');
  });

  it('shows a tampered bundle as not intact and never offers to apply it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'region-sync-e2e-tamper-'));
    try {
      await tar.x({ file: written, cwd: dir });
      const yaml = path.join(dir, 'integrations/Order Sync.yaml');
      await writeFile(yaml, `${await readFile(yaml, 'utf8')}# slipped in after signing\n`);
      const tampered = path.join(ws.dir, 'bundles/tampered.rsb');
      await tar.c({ file: tampered, cwd: dir, gzip: true }, await readdir(dir));
      const view = bundlesTab();
      await view.getByRole('textbox', { name: 'Bundle file' }).fill('bundles/tampered.rsb');
      await view.getByRole('button', { name: 'Inspect' }).click();
      await view.locator('[data-fact="files"]').waitFor({ timeout: 30_000 });
      await expect(view.locator('[data-fact="files"]').textContent()).resolves.toMatch(/Do NOT match/);
      await expect(view.getByRole('region', { name: 'Problems' }).textContent()).resolves.toMatch(/Order Sync\.yaml/);
      await expect(view.getByRole('button', { name: 'Apply bundle' }).isDisabled()).resolves.toBe(true);
      await expect(view.getByRole('note').textContent()).resolves.toMatch(/Apply is disabled: The files do not match the signed manifest/);
      await s.screenshot('bundles-07-tampered');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(app.pageErrors).toEqual([]);
  });
});
