/**
 * The layer rules are real: the lint config passes on the tree and bites on a forbidden import,
 * and each layer's tsconfig type-checks while a `node:fs` import in core fails to compile.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('lint: import direction between layers', () => {
  const eslint = new ESLint({ cwd: repo });
  const lintAs = async (file: string, text: string) => (await eslint.lintText(text, { filePath: path.join(repo, file) }))[0].messages.map((m) => m.message);

  it('passes on the source tree', async () => {
    const results = await eslint.lintFiles(['src-main', 'src-renderer', 'test']);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(repo, r.filePath)}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
  }, 300_000);

  it.each([
    ['src-main/core/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['src-main/core/probe.ts', "import { join } from 'path';\nexport const x = join;"],
    ['src-main/core/diff/probe.ts', "import { createApi } from '../../api/dispatch';\nexport const x = createApi;"],
    ['src-main/api/service/probe.ts', "import { NodeFileStore } from '../../providers/fs/file-store';\nexport const x = NodeFileStore;"],
    ['src-main/hosts/http/probe.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['src-main/providers/probe.ts', "import keytar from 'keytar';\nexport const x = keytar;"],
    ['src-main/providers/probe.ts', "import { main } from '../cli/main';\nexport const x = main;"],
    ['src-renderer/src/probe.ts', "import { operations } from '../../src-main/api/contract';\nexport const x = operations;"],
    ['src-renderer/src/probe.ts', "import type { NodeFileStore } from '../../src-main/providers/fs/file-store';\nexport type X = NodeFileStore;"],
  ])('refuses %s: %s', async (file, text) => {
    const messages = await lintAs(file, text);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/restricted/);
  });

  it.each([
    ['src-main/core/probe.ts', "import { x } from './path';\nexport const y = x;"],
    ['src-main/api/service/probe.ts', "import type { Snapshot } from '../../core/model';\nexport type X = Snapshot;"],
    ['src-main/secrets/probe.ts', "import keytar from 'keytar';\nexport const x = keytar;"],
    ['src-renderer/src/probe.ts', "import type { Reply } from '../../src-main/api/contract';\nexport type X = Reply<'workspace.get'>;"],
  ])('allows %s: %s', async (file, text) => {
    expect(await lintAs(file, text)).toEqual([]);
  });
});

describe('typecheck: one tsconfig per layer', () => {
  const layers = [
    ...readdirSync(path.join(repo, 'src-main'))
      .map((d) => `src-main/${d}/tsconfig.json`)
      .filter((p) => existsSync(path.join(repo, p))),
    'test/tsconfig.json',
  ];

  /**
   * Layers whose tsconfigs say exactly the same thing (same base, same lib and types) are checked
   * in one program: five node layers give the same diagnostics together as one by one, and tsc's
   * start-up and the shared imports (core, api) are paid once instead of five times. A layer with
   * its own settings gets its own program, so the guarantee stays "each layer with its own lib and
   * types". Build info goes under node_modules/.cache, so an unchanged tree re-checks quickly.
   */
  function programs(): { name: string; members: string[]; config: string }[] {
    const cache = path.join(repo, 'node_modules/.cache/region-sync-layers');
    mkdirSync(cache, { recursive: true });
    const bySettings = new Map<string, string[]>();
    for (const layer of layers) {
      const { include: _include, ...settings } = JSON.parse(readFileSync(path.join(repo, layer), 'utf8')) as Record<string, unknown>;
      const key = JSON.stringify(settings);
      bySettings.set(key, [...(bySettings.get(key) ?? []), layer]);
    }
    return [...bySettings.values()].map((members) => {
      const name = members.map((m) => path.basename(path.dirname(m))).join('+');
      const include = members.flatMap((m) => {
        const own = (JSON.parse(readFileSync(path.join(repo, m), 'utf8')) as { include?: string[] }).include ?? ['./**/*.ts'];
        return own.map((pattern) => path.join(repo, path.dirname(m), pattern));
      });
      const config = path.join(cache, `tsconfig.${name}.json`);
      const tsBuildInfoFile = path.join(cache, `${name}.tsbuildinfo`);
      writeFileSync(config, JSON.stringify({ extends: path.join(repo, members[0]), compilerOptions: { incremental: true, tsBuildInfoFile }, include }, null, 2));
      return { name, members, config };
    });
  }

  it('merges only layers with identical settings', () => {
    const groups = programs();
    expect(groups.flatMap((g) => g.members).sort()).toEqual([...layers].sort());
    const settingsOf = (layer: string) => {
      const { include: _include, ...settings } = JSON.parse(readFileSync(path.join(repo, layer), 'utf8')) as Record<string, unknown>;
      return settings;
    };
    for (const g of groups) for (const m of g.members) expect(settingsOf(m), `${m} in ${g.name}`).toEqual(settingsOf(g.members[0]));
    // Pure layers never share a program with node ones.
    const core = groups.find((g) => g.members.includes('src-main/core/tsconfig.json'))!;
    expect(core.members.some((m) => /providers|cli|hosts|secrets/.test(m))).toBe(false);
  });

  it('every layer type-checks', async () => {
    // Biggest programs first, two at a time: the machine has two cores, shared.
    const queue = programs().sort((a, b) => b.members.length - a.members.length + (a.name === 'test' ? -100 : b.name === 'test' ? 100 : 0));
    const failures: string[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const r = await run([tsc, '-p', next.config]);
        if (r.code !== 0) failures.push(`${next.members.join(', ')}:\n${r.out.split('\n').slice(0, 10).join('\n')}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
  }, 600_000);

  it('a node:fs import in core fails the core build', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rs-core-probe-'));
    try {
      writeFileSync(path.join(dir, 'probe.ts'), "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
      writeFileSync(path.join(dir, 'ok.ts'), 'export const y: number = [1, 2, 3].at(-1) ?? 0;\n');
      const config = (files: string[]) =>
        JSON.stringify({ extends: path.join(repo, 'src-main/core/tsconfig.json'), compilerOptions: { typeRoots: [] }, include: [], files: files.map((f) => path.join(dir, f)) });
      writeFileSync(path.join(dir, 'tsconfig.bad.json'), config(['probe.ts']));
      writeFileSync(path.join(dir, 'tsconfig.ok.json'), config(['ok.ts']));
      const bad = await run([tsc, '-p', path.join(dir, 'tsconfig.bad.json')]);
      expect(bad.code).not.toBe(0);
      expect(bad.out).toMatch(/node:fs/);
      const good = await run([tsc, '-p', path.join(dir, 'tsconfig.ok.json')]);
      expect(good.out).toBe('');
      expect(good.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
