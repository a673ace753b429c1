/**
 * The electronegativity gate (scripts/security-gate.cjs) passes on our Electron shell and fails on
 * a deliberately insecure one — so the gate is known to bite. Each scan takes a few seconds (it
 * tries the network and fails soft offline).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const gate = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'scripts/security-gate.cjs'), ...args], { cwd: repo, encoding: 'utf8' });

describe('electronegativity gate', () => {
  it('passes on src-main/electron and the renderer page', () => {
    const r = gate();
    expect(r.stdout + r.stderr).toMatch(/security gate: pass/);
    expect(r.status).toBe(0);
  }, 120_000);

  it('fails an insecure shell (nodeIntegration, no isolation, no CSP)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rs-insecure-'));
    try {
      writeFileSync(
        path.join(dir, 'main.ts'),
        "import { app, BrowserWindow } from 'electron';\napp.whenReady().then(() => {\n  const w = new BrowserWindow({ webPreferences: { nodeIntegration: true } });\n  w.loadFile('index.html');\n});\n",
      );
      const html = path.join(dir, 'index.html');
      writeFileSync(html, '<!doctype html><html><body><script>1</script></body></html>');
      const r = gate(dir, html);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/NODE_INTEGRATION_JS_CHECK/);
      expect(r.stderr).toMatch(/CONTEXT_ISOLATION_JS_CHECK/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
