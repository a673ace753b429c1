#!/usr/bin/env node
// `npm test`: build once, then run every suite inside a D-Bus session with an unlocked
// gnome-keyring, so the keychain tests talk to a real Secret Service. Where no Secret Service
// can be started (no dbus-run-session), the keychain tests report themselves skipped with a reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['scripts/build.mjs']);
const vitestArgs = ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)];
const haveDbus = ['/usr/bin/dbus-run-session', '/usr/bin/gnome-keyring-daemon'].every(existsSync);
if (haveDbus && !process.env.REGION_SYNC_NO_KEYRING) {
  // Two phases in one keychain session: everything else in parallel, then the files that use the
  // real keychain one at a time (see vitest.config.ts). Both must pass.
  const vitest = `"${process.execPath}" ${vitestArgs.map((a) => `'${a}'`).join(' ')}`;
  const inner = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; export REGION_SYNC_KEYRING=1; REGION_SYNC_TEST_PHASE=parallel ${vitest} && REGION_SYNC_TEST_PHASE=keychain ${vitest}`;
  run('dbus-run-session', ['--', 'sh', '-c', inner]);
} else {
  console.error('note: dbus-run-session or gnome-keyring-daemon not found: keychain tests will be skipped');
  run(process.execPath, vitestArgs);
}
