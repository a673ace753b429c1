#!/usr/bin/env node
// Security gate: electronegativity (Electron's static scanner) over the Electron shell and the
// renderer's index.html. Its CLI always exits 0 and `-s/-c` only filter the console table
// (baselines.md §3), so this uses the programmatic API and decides itself: fail on any finding
// that is not a "review" note and is MEDIUM or worse, and on the node-integration / isolation /
// sandbox checks whatever their severity (an explicit nodeIntegration: true is only INFORMATIONAL).
// The scan tries the network twice (translations, Electron releases) and fails soft offline.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const ALWAYS_FAIL = new Set(['NODE_INTEGRATION_JS_CHECK', 'NODE_INTEGRATION_HTML_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

/** Stage exactly what ships: the shell's sources, the renderer page, and package.json (for the Electron version). */
function stage(electronDir, htmlFiles) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-security-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, main: pkg.main, devDependencies: { electron: pkg.devDependencies.electron } }));
  fs.mkdirSync(path.join(dir, 'electron'));
  for (const f of fs.readdirSync(electronDir)) if (/\.(ts|js|cjs|mjs)$/.test(f)) fs.copyFileSync(path.join(electronDir, f), path.join(dir, 'electron', f));
  for (const [i, html] of htmlFiles.entries()) if (fs.existsSync(html)) fs.copyFileSync(html, path.join(dir, `index${i ? i : ''}.html`));
  return dir;
}

async function main() {
  const args = process.argv.slice(2);
  const electronDir = path.resolve(args[0] ?? path.join(root, 'src-main/electron'));
  const html = args[1] ? [path.resolve(args[1])] : [path.join(root, 'src-renderer/index.html')];
  const dir = stage(electronDir, html);
  const run = require('@doyensec/electronegativity');
  // The scanner logs its offline retries on the console; keep the gate's output to its verdict.
  const quiet = { log: console.log, warn: console.warn, info: console.info };
  console.log = console.warn = console.info = () => {};
  let result;
  try {
    result = await run({ input: dir, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], isRelative: true, isVerbose: false });
  } finally {
    Object.assign(console, quiet);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const failing = result.issues.filter((i) => !i.manualReview && (SEVERE.has(i.severity.name) || ALWAYS_FAIL.has(i.id)));
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  for (const i of failing) console.error(`FAIL ${i.id} ${i.severity.name}/${i.confidence.name} ${path.basename(i.file)}:${i.location?.line ?? '?'}:${i.location?.column ?? '?'} ${i.description ?? ''}`);
  for (const e of parseErrors) console.error(`FAIL parse error in ${path.basename(e.file)}: ${e.message ?? e.error ?? ''}`);
  const reviews = result.issues.filter((i) => i.manualReview).map((i) => i.id);
  console.log(
    `security gate: ${failing.length + parseErrors.length === 0 ? 'pass' : 'FAIL'} — ${result.issues.length} findings, ${failing.length} failing, ${parseErrors.length} parse errors${reviews.length ? `; for review: ${[...new Set(reviews)].join(', ')}` : ''}`,
  );
  process.exit(failing.length + parseErrors.length === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`security gate: could not run: ${e.message}`);
  process.exit(2);
});
