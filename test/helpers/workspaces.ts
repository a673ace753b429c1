/**
 * Workspaces for end-to-end tests, always in a fresh temp folder (tests never write into the
 * repo): a copy of the demo, or a generated pair of folder regions holding one large integration.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TempWorkspace {
  dir: string;
  dispose(): Promise<void>;
}

async function tempDir(prefix: string): Promise<TempWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A private copy of resources/demo (or another workspace folder): promotion writes into it. */
export async function copyDemoWorkspace(source = path.join(repoRoot, 'resources/demo')): Promise<TempWorkspace> {
  const ws = await tempDir('region-sync-demo-');
  await cp(source, ws.dir, { recursive: true });
  return ws;
}

/**
 * One integration with `flows × stepsPerFlow` steps (about 11 lines per step); the right side
 * changes every `changeEvery`-th step's URL input, so the diff has real changes spread through it.
 */
export function largeIntegrationYaml(opts: { name: string; flows: number; stepsPerFlow: number; changeEvery?: number; side: 'left' | 'right' }): string {
  const out: string[] = ['definitionVersion: 7', `name: ${JSON.stringify(opts.name)}`, 'description: "Generated for the diff view performance test"', 'flows:'];
  let n = 0;
  for (let f = 0; f < opts.flows; f++) {
    out.push(`  - name: "Flow ${f}"`, `    stableKey: "flow-${f}"`, '    steps:');
    for (let s = 0; s < opts.stepsPerFlow; s++, n++) {
      const changed = opts.side === 'right' && opts.changeEvery !== undefined && n % opts.changeEvery === 0;
      out.push(
        `      - name: "Step ${f}.${s}"`,
        '        action:',
        '          component:',
        '            key: "http"',
        '            version: 1',
        '            isPublic: true',
        '          key: "httpGet"',
        '        inputs:',
        '          url:',
        '            type: "value"',
        `            value: "https://api.example.com/${changed ? 'v2' : 'v1'}/items/${n}"`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Two folder regions, `left` and `right`, each holding one big integration named `name`. */
export async function largeDiffWorkspace(opts: { name: string; lines: number; changeEvery: number }): Promise<TempWorkspace> {
  const ws = await tempDir('region-sync-large-');
  const stepsPerFlow = 50;
  const flows = Math.max(1, Math.ceil(opts.lines / (11 * stepsPerFlow)));
  const config = [
    'name: Large diff',
    'baseline: left',
    'regions:',
    '  - id: left',
    '    label: Left',
    '    kind: folder',
    '    path: regions/left',
    '  - id: right',
    '    label: Right',
    '    kind: folder',
    '    path: regions/right',
    '',
  ].join('\n');
  await writeFile(path.join(ws.dir, 'region-sync.yaml'), config);
  for (const side of ['left', 'right'] as const) {
    const dir = path.join(ws.dir, 'regions', side);
    await mkdir(path.join(dir, 'integrations'), { recursive: true });
    await writeFile(path.join(dir, 'region.yaml'), `id: ${side}\nlabel: ${side === 'left' ? 'Left' : 'Right'}\n`);
    await writeFile(path.join(dir, 'integrations', `${opts.name}.yaml`), largeIntegrationYaml({ name: opts.name, flows, stepsPerFlow, changeEvery: opts.changeEvery, side }));
  }
  return ws;
}

/** Two folder regions with `count` small integrations each; every `differEvery`-th differs on the right. */
export async function manyIntegrationsWorkspace(opts: { count: number; differEvery: number }): Promise<TempWorkspace> {
  const ws = await tempDir('region-sync-many-');
  await writeFile(
    path.join(ws.dir, 'region-sync.yaml'),
    ['name: Many integrations', 'baseline: left', 'regions:', '  - { id: left, label: Left, kind: folder, path: regions/left }', '  - { id: right, label: Right, kind: folder, path: regions/right }', ''].join('\n'),
  );
  for (const side of ['left', 'right'] as const) {
    const dir = path.join(ws.dir, 'regions', side, 'integrations');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(ws.dir, 'regions', side, 'region.yaml'), `id: ${side}\n`);
    for (let n = 0; n < opts.count; n++) {
      const name = `Integration ${String(n).padStart(4, '0')}`;
      await writeFile(path.join(dir, `${name}.yaml`), largeIntegrationYaml({ name, flows: 1, stepsPerFlow: 1, changeEvery: opts.differEvery, side: n % opts.differEvery === 0 ? side : 'left' }));
    }
  }
  return ws;
}
