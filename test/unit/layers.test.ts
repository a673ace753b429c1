/**
 * The layer rules are real: the lint config passes on the tree and bites on a forbidden import,
 * and each layer's tsconfig type-checks while a `node:fs` import in core fails to compile.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
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

  it('every layer type-checks', async () => {
    const failures: string[] = [];
    // Two at a time: the machine is shared.
    for (let i = 0; i < layers.length; i += 2) {
      const batch = await Promise.all(layers.slice(i, i + 2).map(async (p) => ({ p, r: await run([tsc, '-p', p]) })));
      for (const { p, r } of batch) if (r.code !== 0) failures.push(`${p}:\n${r.out.split('\n').slice(0, 10).join('\n')}`);
    }
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
