/**
 * Chromium (Debian's, via playwright-core) and the real loopback host, started the way users
 * start it: `node dist/cli.mjs serve --workspace <dir> --port 0 --no-open`, reading the one URL
 * line it prints. Each launch gets a fresh profile directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot, type TempWorkspace } from './workspaces';

export const CHROMIUM = '/usr/bin/chromium';
export const screenshotDir = path.join(repoRoot, 'test-results/e2e');

export interface Host {
  /** The URL printed by `serve`, with `#token=…`. */
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Why e2e cannot run here, or null when it can. */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found`;
  if (!existsSync(path.join(repoRoot, 'dist/cli.mjs'))) return 'dist/cli.mjs missing: run `node scripts/build.mjs`';
  if (!existsSync(path.join(repoRoot, 'dist/renderer/index.html'))) return 'dist/renderer missing: run `node scripts/build.mjs`';
  return null;
}

export async function startHost(workspace: string, timeoutMs = 30_000): Promise<Host> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.mjs'), 'serve', '--workspace', workspace, '--port', '0', '--no-open'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none' },
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in ${timeoutMs} ms.\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing a URL.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return {
    url,
    process: child,
    output: () => `${out}${err}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Saves test-results/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(opts: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(tmpdir(), 'region-sync-chromium-'));
  // A persistent context is playwright's way to give Chromium its own --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await mkdir(screenshotDir, { recursive: true });
  return {
    context,
    page,
    async screenshot(name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

export interface AppSession {
  ws: TempWorkspace;
  host: Host;
  s: BrowserSession;
  /** Uncaught errors the page raised; every e2e file expects none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The app as users open it: `region-sync serve` on the workspace, Chromium on its URL, the first
 * screen (the integrations drift grid) shown. `longTasks` records every long task in
 * `window.__longTasks` from the first paint on.
 */
export async function openApp(ws: TempWorkspace, opts: { longTasks?: boolean; firstScreenMs?: number } = {}): Promise<AppSession> {
  const host = await startHost(ws.dir);
  const s = await openBrowser();
  const pageErrors: string[] = [];
  s.page.on('pageerror', (e) => pageErrors.push(e.message));
  if (opts.longTasks)
    await s.page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks?.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
  await s.page.goto(host.url);
  // The machine is shared: the first screen may take a while under load.
  await s.page.getByRole('grid', { name: 'Integrations drift' }).waitFor({ timeout: opts.firstScreenMs ?? 60_000 });
  return {
    ws,
    host,
    s,
    pageErrors,
    close: async () => {
      await s.close();
      await host.stop();
      await ws.dispose();
    },
  };
}
