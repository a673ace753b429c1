#!/usr/bin/env node
// The installed command: the CLI is bundled to dist/cli.mjs by scripts/build.mjs (run by `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('region-sync: dist/cli.mjs is missing — run `npm run build` first\n');
  process.exit(2);
}
await import(cli.href);
