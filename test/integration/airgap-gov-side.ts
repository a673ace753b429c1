/**
 * The GovCloud side of the air-gap test, run inside `unshare -n` (a network namespace of its own:
 * only a loopback, no route anywhere): proves the commercial stack cannot be reached, starts its
 * own gov stack, then runs `bundle inspect`, `bundle verify --trust`, `bundle apply --to gov`
 * with the CLI as processes, and prints one JSON line with what happened and the gov stack's state.
 *
 * argv: <bundle.rsb> <public-key.pem> <signer> <commercial stack url> <work dir>
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../helpers/workspaces';
import { startStack } from '../prismatic-server/server';
import { euSeed, stackFacts } from './apply-prismatic-kit';

const [bundle, keyFile, signer, commercialUrl, work] = process.argv.slice(2);

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.mjs'), ...args], { cwd: work, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function reach(url: string): Promise<string> {
  try {
    const r = await fetch(`${url}/auth/meta`, { signal: AbortSignal.timeout(3000) });
    return `answered HTTP ${r.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return `unreachable (${cause?.code ?? (e as Error).name})`;
  }
}

// A fresh namespace has its loopback down; bring it up so the gov stack can listen on it.
execFileSync('ip', ['link', 'set', 'lo', 'up']);
const commercial = await reach(commercialUrl);
const interfaces = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((l) => l.split(':')[1].trim());

// GovCloud: the old definition, not yet the one the bundle carries.
const gov = await startStack({ port: 0, tls: false, seed: euSeed() });
const pem = (await import('node:fs')).readFileSync(keyFile, 'utf8');
await writeFile(
  path.join(work, 'region-sync.yaml'),
  [
    'id: acme-gov',
    'name: Acme Corp (GovCloud)',
    'baseline: gov',
    'regions:',
    `  - { id: gov, kind: prismatic, url: "${gov.url}" }`,
    'trustedSigners:',
    `  ${JSON.stringify(signer)}: ${JSON.stringify(pem)}`,
    '',
  ].join('\n'),
);
const before = stackFacts(gov);
// The gov token the way prism takes it on a headless box.
const env = { PRISMATIC_URL: gov.url, PRISM_REFRESH_TOKEN: gov.refreshToken };
const inspect = await cli(['bundle', 'inspect', bundle, '--workspace', work]);
const verify = await cli(['bundle', 'verify', bundle, '--trust', keyFile]);
const apply = await cli(['bundle', 'apply', bundle, '--to', 'gov', '--yes', '--workspace', work], env);
const replay = await cli(['bundle', 'apply', bundle, '--to', 'gov', '--yes', '--workspace', work], env);
const after = stackFacts(gov);
const publishes = gov.requests.filter((r) => r.fields?.includes('publishIntegration') && !r.fault).length;
const imports = gov.requests.filter((r) => r.fields?.includes('importIntegration') && !r.fault).length;
await gov.close();
process.stdout.write(`${JSON.stringify({ commercial, interfaces, inspect, verify, apply, replay, before, after, publishes, imports, token: gov.refreshToken })}\n`);
