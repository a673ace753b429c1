/** Finds the installed app's folder (the one with our package.json), from source or from dist/. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findAppRoot(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'region-sync') return dir;
      } catch {
        // Not ours (or unreadable): keep walking up.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
