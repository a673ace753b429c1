/**
 * Diff view performance on a generated 50k-line integration (two folder regions). Prints the
 * time from opening to the first painted screen (performance marks set by the app) and the long
 * tasks seen while scrolling (PerformanceObserver 'longtask'). Timing is reported, not asserted:
 * this machine is shared; the assertion is that the rows render and scroll to the end.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, openApp, type AppSession, type BrowserSession, type Host } from '../helpers/browser';
import { cell } from '../helpers/drift-page';
import { largeDiffWorkspace, largeIntegrationYaml, type TempWorkspace } from '../helpers/workspaces';

const NAME = 'Big Integration';
const QUIET = 'Big Quiet Integration';
const unavailable = e2eUnavailable();


describe.skipIf(unavailable !== null)(`diff view of a 50k-line integration${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let app: AppSession;
  let ws: TempWorkspace;
  let host: Host;
  let s: BrowserSession;

  beforeAll(async () => {
    ws = await largeDiffWorkspace({ name: NAME, lines: 50_000, changeEvery: 10 });
    // A second one whose only change is its first step: one fold hides ~50k lines, and unfolding
    // it is the worst case for the view (every line a row).
    for (const side of ['left', 'right'] as const)
      await writeFile(path.join(ws.dir, 'regions', side, 'integrations', `${QUIET}.yaml`), largeIntegrationYaml({ name: QUIET, flows: 91, stepsPerFlow: 50, changeEvery: 1e9, side }));
    app = await openApp(ws, { longTasks: true });
    ({ host, s } = app);
  });

  afterAll(() => app?.close());

  it('renders the first screen and scrolls to the end; prints first-screen time and long tasks', async () => {
    const page = s.page;
    const target = cell(page, 'integrations', NAME, 'right');
    await expect(target.getAttribute('data-state')).resolves.toBe('differs');
    await target.click();
    const rows = page.locator('.diff [role="rowgroup"] [role="row"]');
    await rows.first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => performance.getEntriesByName('diff:first-screen').length > 0);

    const timing = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      return { open: at('diff:open'), data: at('diff:data'), firstScreen: at('diff:first-screen') };
    });
    const rowCount = () => page.evaluate(() => Number(document.querySelector('.diff[role="table"]')?.getAttribute('aria-rowcount') ?? 0));
    const collapsedCount = await rowCount();
    const domRows = await rows.count();

    // "Show more context" on one fold: the host re-sends the diff with that stretch unfolded.
    const firstFold = page.locator('.diff [role="rowgroup"] .collapsed').first();
    const foldHidden = Number((await firstFold.textContent())?.match(/(\d+) unchanged lines?/)?.[1]);
    const expandAt = await page.evaluate(() => performance.now());
    await firstFold.getByRole('button', { name: 'Show more context' }).click();
    await page.waitForFunction((before) => Number(document.querySelector('.diff[role="table"]')?.getAttribute('aria-rowcount') ?? 0) > before, collapsedCount, { timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const expanded = await page.evaluate(() => ({
      data: performance.getEntriesByName('diff:data').at(-1)?.startTime ?? NaN,
      painted: performance.getEntriesByName('diff:first-screen').at(-1)?.startTime ?? NaN,
    }));
    const lineCount = await rowCount();

    // Scroll the whole diff in wheel steps, one per animation frame, as a user flinging through it.
    const scrollStart = await page.evaluate(() => performance.now());
    const box = await page.locator('.diff .rows').boundingBox();
    if (!box) throw new Error('diff rows are not visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 150; i++) {
      await page.mouse.wheel(0, 8000);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    }
    await page.locator('.diff .rows').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    const scrollEnd = await page.evaluate(() => performance.now());
    const longTasks = await page.evaluate(([from, to]) => (window.__longTasks ?? []).filter((t) => t.start >= from && t.start <= to), [scrollStart, scrollEnd]);
    const lastLine = await page.locator('.diff [role="rowgroup"] [data-kind] .right .num').last().textContent();

    const fmt = (n: number) => `${Math.round(n)} ms`;
    console.log(
      [
        `diff view, ${NAME} (50k lines each side): ${collapsedCount} rows (context 3), ${lineCount} rows (one fold of ${foldHidden} unfolded), ${domRows} rows in the DOM`,
        `  open → first screen ${fmt(timing.firstScreen - timing.open)} (host diff + transfer ${fmt(timing.data - timing.open)}, renderer ${fmt(timing.firstScreen - timing.data)})`,
        `  "show more context" → first screen of ${lineCount} rows ${fmt(expanded.painted - expandAt)} (renderer ${fmt(expanded.painted - expanded.data)})`,
        `  scrolling ${fmt(scrollEnd - scrollStart)}: ${longTasks.length} long tasks` +
          (longTasks.length ? `, longest ${fmt(Math.max(...longTasks.map((t) => t.duration)))}` : ''),
      ].join('\n'),
    );
    await s.screenshot('10-large-diff-end');

    expect(lineCount).toBe(collapsedCount - 1 + foldHidden); // the fold's row became every line it hid
    expect(domRows).toBeLessThan(300); // virtualized: only the rows in view exist
    expect(Number(lastLine)).toBeGreaterThan(40_000); // scrolled to the end of a 50k-line file
  }, 180_000);

  it('"Show more context" on a 50k-line fold shows every line and scrolls to the end', async () => {
    const page = s.page;
    for (let i = 0; i < 3 && (await page.locator('section.diff-screen').count()) > 0; i++) await page.keyboard.press('Escape');
    await cell(page, 'integrations', QUIET, 'right').click();
    const folds = page.locator('.diff [role="rowgroup"] .collapsed');
    await folds.first().waitFor({ timeout: 60_000 });
    const rowCount = () => page.evaluate(() => Number(document.querySelector('.diff[role="table"]')?.getAttribute('aria-rowcount') ?? 0));
    const before = await rowCount();
    const last = folds.last();
    const hidden = Number((await last.textContent())?.match(/(\d+) unchanged lines?/)?.[1]);
    expect(hidden).toBeGreaterThan(40_000);
    const at = await page.evaluate(() => performance.now());
    await last.getByRole('button', { name: 'Show more context' }).click();
    await page.waitForFunction((n) => Number(document.querySelector('.diff[role="table"]')?.getAttribute('aria-rowcount') ?? 0) > n, before, { timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const painted = await page.evaluate(() => performance.now());
    expect(await rowCount()).toBe(before - 1 + hidden);
    await page.locator('.diff .rows').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
    const lastLine = await page.locator('.diff [role="rowgroup"] [data-kind] .right .num').last().textContent();
    expect(Number(lastLine)).toBeGreaterThan(40_000);
    expect(await page.locator('.diff [role="rowgroup"] [role="row"]').count()).toBeLessThan(300);
    console.log(`unfolding one fold of ${hidden} lines → painted in ${Math.round(painted - at)} ms (${await rowCount()} rows)`);
  }, 180_000);
});
