/**
 * The app against two live Prismatic-protocol stacks, the way a consultant meets it: a workspace
 * holding only a folder region, `region-sync serve`, Chromium. Add region (prismatic, URL, pasted
 * token) for `us` and `eu` → "token stored in keychain", the token never in the page again →
 * Pull with progress per region → the integration differs in eu → Promote → the plan → Apply →
 * progress → the eu cell turns same, and the eu stack really holds the integration, imported and
 * published once. Screenshots: test-results/e2e/live-*.png.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, openBrowser, startHost, type BrowserSession, type Host } from '../helpers/browser';
import { cell } from '../helpers/drift-page';
import { repoRoot } from '../helpers/workspaces';
import { effective, euSeed, INTEGRATION, usSeed } from '../integration/apply-prismatic-kit';
import { startStack, type StackHandle } from '../prismatic-server/server';

const unavailable =
  process.env.REGION_SYNC_KEYRING === '1'
    ? e2eUnavailable()
    : 'tokens go to the OS keychain: needs a Secret Service (run under `npm test`: dbus-run-session + unlocked gnome-keyring, REGION_SYNC_KEYRING=1)';

async function cellState(page: Page, row: string, region: string): Promise<string | null> {
  return cell(page, 'integrations', row, region).getAttribute('data-state');
}

describe.skipIf(unavailable !== null)(`live regions in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let us: StackHandle;
  let eu: StackHandle;
  let dir: string;
  let host: Host;
  let s: BrowserSession;
  const pageErrors: string[] = [];
  const wsId = `live-e2e-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    us = await startStack({ port: 0, tls: false, seed: usSeed() });
    eu = await startStack({ port: 0, tls: false, seed: euSeed() });
    dir = await mkdtemp(path.join(tmpdir(), 'region-sync-live-e2e-'));
    // Only a desired-state folder (empty so far): the live regions are added in the app.
    await mkdir(path.join(dir, 'regions/repo'), { recursive: true });
    await writeFile(path.join(dir, 'regions/repo/region.yaml'), 'id: repo\nlabel: Desired state\n');
    await writeFile(
      path.join(dir, 'region-sync.yaml'),
      [`id: ${wsId}`, 'name: Acme Corp (live)', 'baseline: repo', 'regions:', '  - { id: repo, label: Desired state, kind: folder, path: regions/repo }', ''].join('\n'),
    );
    host = await startHost(dir);
    s = await openBrowser();
    s.page.on('pageerror', (e) => pageErrors.push(e.message));
    await s.page.goto(host.url);
    await s.page.locator('.regions [data-region="repo"]').waitFor();
  }, 60_000);

  afterAll(async () => {
    await s?.close();
    await host?.stop();
    // Leave no tokens behind in the keychain.
    if (dir)
      for (const region of ['us', 'eu'])
        await new Promise<void>((resolve) => spawn(process.execPath, [path.join(repoRoot, 'dist/cli.mjs'), 'logout', region, '--workspace', dir], { stdio: 'ignore' }).on('close', () => resolve()));
    await us?.close();
    await eu?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('adds both stacks with a pasted token: stored in the keychain, never shown again', async () => {
    const page = s.page;
    for (const [id, label, stack] of [['us', 'US Commercial', us], ['eu', 'EU (Ireland)', eu]] as const) {
      await page.getByRole('button', { name: 'Add region' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add region' });
      await dialog.getByLabel('Id').fill(id);
      await dialog.getByLabel('Label').fill(label);
      await dialog.getByLabel('Prismatic stack').check();
      await dialog.getByLabel('Stack URL').fill(stack.url);
      await dialog.getByLabel(/Refresh token/).fill(stack.refreshToken);
      await dialog.getByRole('button', { name: 'Add region' }).click();
      const status = dialog.locator('[role="status"], [role="alert"]').first();
      await status.waitFor();
      await s.screenshot(`live-01-added-${id}`);
      await expect(status.textContent()).resolves.toMatch(new RegExp(`Region ${label.replace(/[()]/g, '\\$&')} \\(${id}\\) added.*token stored in keychain`, 's'));
      expect(await page.content()).not.toContain(stack.refreshToken);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
      const chip = page.locator(`.regions [data-region="${id}"]`);
      await expect(chip.locator('.auth').textContent()).resolves.toBe('token stored in keychain');
    }
    const html = await page.content();
    for (const stack of [us, eu]) expect(html).not.toContain(stack.refreshToken);
    // Nor anywhere the page can read: storage, cookies.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    for (const stack of [us, eu]) expect(stored).not.toContain(stack.refreshToken);
    await s.screenshot('live-02-regions-added');
  }, 60_000);

  it('pulls both stacks with progress per region, then shows the integration differing in eu', async () => {
    const page = s.page;
    // Slow answers, so the per-region progress is on screen long enough to see.
    for (const stack of [us, eu]) stack.faults.set({ latencyMs: 150 });
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.locator('.regions [data-region="us"] .progress').waitFor();
    await page.locator('.regions [data-region="eu"] .progress').waitFor();
    await s.screenshot('live-03-pulling');
    const progressWords = await page.locator('.regions .progress').allTextContents();
    expect(progressWords.length).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Pull', exact: true }).waitFor({ timeout: 60_000 }); // "Pulling…" while busy
    for (const stack of [us, eu]) stack.faults.clear();
    // The regions bar refreshes after the pull answers: poll, and say what the page shows if not.
    const problems = () => page.locator('.regions [role="status"]').allTextContents();
    for (const id of ['us', 'eu'])
      await expect
        .poll(async () => `${await page.locator(`.regions [data-region="${id}"] .age`).textContent()} ${(await problems()).join(' | ')}`, { timeout: 30_000 })
        .toMatch(/^as of [^|]*$/);
    await expect(problems()).resolves.toEqual([]);

    await page.getByRole('combobox', { name: 'Baseline' }).selectOption('us');
    await cell(page, 'integrations', INTEGRATION, 'eu').waitFor();
    await expect.poll(() => cellState(page, INTEGRATION, 'eu'), { timeout: 15_000 }).toBe('differs');
    expect(await cellState(page, INTEGRATION, 'us')).toBe('same');
    await cell(page, 'integrations', INTEGRATION, 'eu').scrollIntoViewIfNeeded();
    await s.screenshot('live-04-drift');
  }, 90_000);

  it('promotes the integration to eu: plan, apply with progress, the eu cell turns same and the stack has it', async () => {
    const page = s.page;
    const name = `Promote ${INTEGRATION} from us to eu`;
    const publishesBefore = effective(eu.requests, 'publishIntegration');
    const versionsBefore = eu.state.families.size && [...eu.state.families.values()][0].versionIds.length;
    await page.getByRole('button', { name }).click();
    const dialog = page.getByRole('dialog', { name });
    await dialog.locator('ol[aria-label="Plan steps"], [role="alert"]').first().waitFor({ timeout: 30_000 });
    expect(await dialog.locator('[role="alert"]').allTextContents(), 'plan.create answered an error').toEqual([]);
    const steps = await dialog.getByRole('list', { name: 'Plan steps' }).getByRole('listitem').allTextContents();
    expect(steps.join('\n')).toMatch(/Import integration Acme ERP Orders into eu/);
    expect(steps.join('\n')).toMatch(/Publish integration Acme ERP Orders in eu/);
    expect(await dialog.locator('.finding.error').allTextContents(), 'preflight errors block Apply').toEqual([]);
    await s.screenshot('live-05-plan');

    // Slow the stack down again so the apply's progress can be seen.
    eu.faults.set({ latencyMs: 150 });
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await dialog.locator('[data-step] .status').filter({ hasText: /done/ }).first().waitFor({ timeout: 30_000 });
    await s.screenshot('live-06-applying');
    await dialog.locator('.result').waitFor({ timeout: 60_000 });
    eu.faults.clear();
    await expect(dialog.locator('.result').textContent()).resolves.toMatch(/^Applied/);
    for (const st of await dialog.locator('[data-step] .status').allTextContents()) expect(st).toMatch(/^done/);
    await expect.poll(() => cellState(page, INTEGRATION, 'eu'), { timeout: 30_000 }).toBe('same');
    await s.screenshot('live-07-applied');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    await s.screenshot('live-08-after');

    // The eu stack itself: imported once, published once, the new definition is the latest.
    expect(effective(eu.requests, 'importIntegration')).toBe(1);
    expect(effective(eu.requests, 'publishIntegration') - publishesBefore).toBe(1);
    const family = [...eu.state.families.values()][0];
    expect(family.versionIds.length).toBe(versionsBefore + 1);
    const latest = eu.state.integrations.get(family.versionIds.at(-1)!)!;
    expect(JSON.stringify(latest.definition)).toContain('createOrder');
    // The app promotes the integration alone (plan.create without instances): eu's instance stays
    // on the version it ran until its own row is promoted.
    const instance = [...eu.state.instances.values()].find((i) => i.name === 'Globex Orders')!;
    expect(instance.deployedVersion).toBe(1);
    expect(await page.content()).not.toContain(eu.refreshToken);
  }, 120_000);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
