#!/usr/bin/env node
// `npm start`: build, then launch Electron. Where its binary cannot be had (it downloads on first
// run and needs the internet), say so in one line and serve the same UI from the loopback host,
// opening the browser, so the app still runs. Extra arguments (--workspace DIR, --no-open, --port N)
// are passed on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the download never happened.
    const p = createRequire(path.join(root, 'package.json'))('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function run(cmd, cmdArgs, onSpawnError) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: process.cwd() });
  child.on('error', onSpawnError);
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
  // Ctrl-C reaches the child through the terminal; these keep this wrapper alive until it exits.
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
}

function serveInstead() {
  console.log("Electron's binary is not available here (it downloads on first run and needs the internet): serving the same UI from a loopback host instead.");
  run(process.execPath, [path.join(root, 'dist/cli.mjs'), 'serve', ...args], (e) => {
    console.error(`could not start the loopback host: ${e.message}`);
    process.exit(2);
  });
}

const electron = electronBinary();
if (electron) run(electron, [root, ...args], serveInstead);
else serveInstead();
