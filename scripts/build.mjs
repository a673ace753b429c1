#!/usr/bin/env node
// Builds everything `npm start`, the CLI and the tests need, fast enough to run before every
// `npm test`: esbuild for the main-process bundles (well under a second), then `vite build` for the
// renderer when it exists.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => path.join(root, p);
const started = Date.now();

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };

const jobs = [
  // The CLI runs from the installed package, so its npm dependencies stay external (node_modules).
  build({ ...common, entryPoints: [at('src-main/cli/main.ts')], outfile: at('dist/cli.mjs'), format: 'esm', packages: 'external' }),
];

if (existsSync(at('src-main/electron/main.ts'))) {
  // Electron's main is CommonJS; ESM-only dependencies are bundled in so require() never meets them.
  // keytar is native (.node), so it stays external (electron-builder unpacks it from the asar).
  jobs.push(
    build({ ...common, entryPoints: [at('src-main/electron/main.ts')], outfile: at('dist/electron/main.cjs'), format: 'cjs', external: ['electron', 'keytar'] }),
  );
}
if (existsSync(at('src-main/electron/preload.ts'))) {
  // A sandboxed preload may only require('electron') (and a few polyfilled built-ins): bundle the rest.
  jobs.push(
    build({ ...common, entryPoints: [at('src-main/electron/preload.ts')], outfile: at('dist/electron/preload.cjs'), format: 'cjs', platform: 'browser', external: ['electron'] }),
  );
}

try {
  await Promise.all(jobs);
} catch (e) {
  console.error(`build: esbuild failed: ${e.message.split('\n')[0]}`);
  process.exit(1);
}

const viteConfig = at('src-renderer/vite.config.ts');
if (existsSync(viteConfig) && !process.env.REGION_SYNC_SKIP_RENDERER) {
  const r = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--config', viteConfig, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('build: vite build of the renderer failed');
    process.exit(1);
  }
} else if (!existsSync(viteConfig)) {
  console.error('build: src-renderer/vite.config.ts not found yet: renderer skipped');
}
if (process.env.REGION_SYNC_BUILD_VERBOSE) console.error(`build: done in ${Date.now() - started} ms`);
