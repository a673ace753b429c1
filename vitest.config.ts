import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files that use the real OS keychain (they read REGION_SYNC_KEYRING, or say
 * `keychain: serial`). gnome-keyring is one shared store: files that add, read and delete tokens
 * at the same time step on each other in ways no user does, so `npm test` runs them one file at a
 * time after everything else (scripts/test.mjs sets REGION_SYNC_TEST_PHASE).
 */
function keychainFiles(dir = 'test'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...keychainFiles(file));
    else if (name.endsWith('.test.ts') && /REGION_SYNC_KEYRING|keychain: serial/.test(readFileSync(file, 'utf8'))) out.push(file);
  }
  return out;
}

const phase = process.env.REGION_SYNC_TEST_PHASE;
const serial = phase ? keychainFiles() : [];

// One runner for unit, integration and e2e. Integration and e2e spawn processes and browsers, so
// they get longer timeouts; files run in parallel up to the machine's two cores.
export default defineConfig({
  test: {
    include: phase === 'keychain' ? serial : ['test/**/*.test.ts'],
    exclude: phase === 'parallel' ? ['**/node_modules/**', ...serial] : ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: phase !== 'keychain',
    reporters: ['default'],
  },
});
