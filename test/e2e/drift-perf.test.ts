/**
 * A drift table of 2,500 integrations: virtualized, so scrolling it stays smooth. Prints the long
 * tasks seen while scrolling (no timed assertion on a shared machine); asserts that only a window
 * of rows is in the DOM and that the last row can be reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, openApp, type AppSession, type BrowserSession, type Host } from '../helpers/browser';
import { bodyRows, table } from '../helpers/drift-page';
import { manyIntegrationsWorkspace, type TempWorkspace } from '../helpers/workspaces';

const COUNT = 2_500;
const unavailable = e2eUnavailable();


describe.skipIf(unavailable !== null)(`drift table of ${COUNT} integrations${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let app: AppSession;
  let ws: TempWorkspace;
  let host: Host;
  let s: BrowserSession;

  beforeAll(async () => {
    ws = await manyIntegrationsWorkspace({ count: COUNT, differEvery: 10 });
    app = await openApp(ws, { longTasks: true });
    ({ host, s } = app);
  });

  afterAll(() => app?.close());

  it('keeps a window of rows in the DOM, scrolls to the last row, and filters', async () => {
    const page = s.page;
    const viewport = table(page, 'integrations').locator('[role="rowgroup"]');
    await expect(page.getByRole('grid', { name: 'Integrations drift' }).getAttribute('aria-rowcount')).resolves.toBe(String(COUNT + 1));
    const domRows = await bodyRows(page, 'integrations').count();

    const box = await viewport.boundingBox();
    if (!box) throw new Error('the integrations table is not visible');
    const from = await page.evaluate(() => performance.now());
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 100; i++) {
      await page.mouse.wheel(0, 1500);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    }
    await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    const to = await page.evaluate(() => performance.now());
    const longTasks = await page.evaluate(([a, b]) => (window.__longTasks ?? []).filter((t) => t.start >= a && t.start <= b), [from, to]);
    const last = await bodyRows(page, 'integrations').last().getAttribute('data-row');
    console.log(
      `drift table, ${COUNT} integrations: ${domRows} rows in the DOM; scrolling ${Math.round(to - from)} ms: ${longTasks.length} long tasks` +
        (longTasks.length ? `, longest ${Math.round(Math.max(...longTasks.map((t) => t.duration)))} ms` : ''),
    );
    await s.screenshot('11-many-integrations-end');

    expect(domRows).toBeLessThan(60);
    expect(last).toBe(`Integration ${String(COUNT - 1).padStart(4, '0')}`);

    await page.getByRole('checkbox', { name: 'Only drifted' }).check();
    await expect(table(page, 'integrations').locator('h2').textContent()).resolves.toContain(`${COUNT / 10} shown`);
  }, 180_000);
});
