/**
 * BundleIO over npm `tar` and node:crypto Ed25519. A bundle (.rsb, gzipped tar) holds
 * MANIFEST.json (every file's SHA-256 and size), MANIFEST.sig (Ed25519 over the exact manifest
 * bytes, base64), plan.json, integrations/*.yaml, snapshot/source.json, report.md and component
 * packages when given. Inspection needs no network and trusts nothing before checking it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair as genKeyPair, sign, verify } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tar from 'tar';
import { fail } from '../../core/errors';
import type { Plan } from '../../core/plan/types';
import type { BundleCreated, BundleFileEntry, BundleInspection, BundleManifest } from '../../api/bundle-views';
import type { BundleContent, BundleIO } from '../../api/service/bundle-port';
import { extractChecked, pathProblem } from './safe-tar';
import { parseManifest } from './manifest';

const MANIFEST = 'MANIFEST.json';
const SIGNATURE = 'MANIFEST.sig';
const TEXT_FILE = /\.(ya?ml|json|md)$/i;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function checkBundlePath(p: string): void {
  const problem = pathProblem(p);
  if (problem || p === MANIFEST || p === SIGNATURE) fail('INVALID_INPUT', `Cannot put "${p}" in a bundle: ${problem ?? 'the name is reserved'}.`);
}

async function fsyncFile(file: string): Promise<void> {
  const h = await open(file, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

async function create(out: string, content: BundleContent, meta: Parameters<BundleIO['create']>[2]): Promise<BundleCreated> {
  const bodies = new Map<string, Uint8Array>();
  bodies.set('plan.json', Buffer.from(`${JSON.stringify(content.plan, null, 2)}\n`, 'utf8'));
  for (const [p, text] of Object.entries(content.files)) bodies.set(p, Buffer.from(text, 'utf8'));
  for (const [p, abs] of Object.entries(content.packages ?? {})) bodies.set(p, await readFile(abs));
  for (const p of bodies.keys()) checkBundlePath(p);
  const files: BundleFileEntry[] = [...bodies.entries()].map(([p, b]) => ({ path: p, sha256: sha256(b), bytes: b.byteLength })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest: BundleManifest = {
    format: 1,
    source: meta.source,
    target: content.plan.targets.map((t) => t.region),
    createdAt: new Date().toISOString(),
    sequence: meta.sequence,
    signer: meta.signer,
    planHash: content.plan.hash,
    files,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = sign(null, manifestBytes, createPrivateKey(meta.privateKeyPem)).toString('base64');

  const outAbs = path.resolve(out);
  const staging = await mkdtemp(path.join(tmpdir(), 'region-sync-bundle-out-'));
  const temp = path.join(path.dirname(outAbs), `.rs-tmp-${path.basename(outAbs)}-${process.pid}-${Date.now()}`);
  try {
    // A default like `bundles/<item>.rsb` names a folder that may not exist yet.
    await mkdir(path.dirname(outAbs), { recursive: true });
    await writeFile(path.join(staging, MANIFEST), manifestBytes);
    await writeFile(path.join(staging, SIGNATURE), `${signature}\n`);
    for (const [p, b] of bodies) {
      await mkdir(path.dirname(path.join(staging, p)), { recursive: true });
      await writeFile(path.join(staging, p), b);
    }
    await tar.c({ file: temp, cwd: staging, gzip: true, portable: true, noDirRecurse: true }, [MANIFEST, SIGNATURE, ...files.map((f) => f.path)]);
    await fsyncFile(temp);
    await rename(temp, outAbs);
  } catch (e) {
    await rm(temp, { force: true });
    fail('IO_ERROR', `Could not write the bundle ${out}: ${(e as Error).message}`, { file: out });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { path: outAbs, manifest };
}

async function walkFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await walkFiles(root, p)));
    else out.push(p);
  }
  return out;
}

function publicKeyFrom(text: string) {
  const t = text.trim();
  return t.includes('BEGIN') ? createPublicKey(t) : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
}

function checkSignature(manifestBytes: Buffer, sigText: string, signer: string, trusted: Record<string, string>): BundleInspection['signature'] {
  const key = trusted[signer];
  if (!key) return { valid: false, signer, trusted: false, reason: `signer "${signer}" is not among the trusted signers` };
  try {
    const ok = verify(null, manifestBytes, publicKeyFrom(key), Buffer.from(sigText.trim(), 'base64'));
    return ok ? { valid: true, signer, trusted: true } : { valid: false, signer, trusted: true, reason: 'the signature does not match the manifest' };
  } catch (e) {
    return { valid: false, signer, trusted: true, reason: `the signature cannot be checked: ${(e as Error).message}` };
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

async function inspect(file: string, trusted: Record<string, string>): Promise<BundleInspection & { content?: BundleContent }> {
  const info = await stat(file).catch(() => fail('NOT_FOUND', `There is no bundle at ${file}.`, { file }));
  if (!info.isFile()) fail('BUNDLE_INVALID', `${file} is not a file.`, { file });
  const dir = await extractChecked(file);
  try {
    const manifestBytes = await readFile(path.join(dir, MANIFEST)).catch(() => fail('BUNDLE_INVALID', `${path.basename(file)} has no ${MANIFEST}.`, { file }));
    const sigText = await readFile(path.join(dir, SIGNATURE), 'utf8').catch(() => fail('BUNDLE_INVALID', `${path.basename(file)} has no ${SIGNATURE}.`, { file }));
    const manifest = parseManifest(manifestBytes, file);
    const signature = checkSignature(manifestBytes, sigText, manifest.signer, trusted);
    const problems: string[] = [];
    if (!signature.valid && signature.reason) problems.push(signature.reason);
    const listed = new Set(manifest.files.map((f) => f.path));
    const present = new Set((await walkFiles(dir)).filter((p) => p !== MANIFEST && p !== SIGNATURE));
    const bodies = new Map<string, Buffer>();
    for (const f of manifest.files) {
      if (!present.has(f.path)) {
        problems.push(`${f.path} is listed in the manifest but missing`);
        continue;
      }
      const body = await readFile(path.join(dir, f.path));
      if (body.byteLength !== f.bytes || sha256(body) !== f.sha256) problems.push(`${f.path} does not match its SHA-256 in the manifest`);
      else bodies.set(f.path, body);
    }
    for (const p of present) if (!listed.has(p)) problems.push(`${p} is in the bundle but not in the manifest`);
    const intact = bodies.size === manifest.files.length && [...present].every((p) => listed.has(p));

    let plan: Plan | undefined;
    const planBody = bodies.get('plan.json');
    if (planBody) {
      try {
        plan = JSON.parse(decoder.decode(planBody)) as Plan;
      } catch {
        problems.push('plan.json is not valid JSON');
      }
    } else if (intact) problems.push('the bundle has no plan.json');
    const planSummary = plan && Array.isArray(plan.steps) ? plan.steps.map((s) => `${s.target}: ${s.description}`) : [];
    if (plan && plan.hash !== manifest.planHash) problems.push('plan.json is not the plan the manifest names');
    const inspection: BundleInspection = { path: path.resolve(file), manifest, signature, intact, problems, planSummary };
    if (!signature.valid || !intact || !plan || problems.length) return inspection;
    const files: Record<string, string> = {};
    for (const [p, body] of bodies) {
      if (p === 'plan.json' || !TEXT_FILE.test(p)) continue;
      try {
        files[p] = decoder.decode(body);
      } catch {
        fail('BUNDLE_INVALID', `${p} in the bundle is not UTF-8 text.`, { file });
      }
    }
    return { ...inspection, content: { plan, files } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function generateKeyPair(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  const { publicKey, privateKey } = await promisify(genKeyPair)('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

async function publicKeyOf(privateKeyPem: string): Promise<string> {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

export function createBundleIO(): BundleIO & { publicKeyOf(privateKeyPem: string): Promise<string> } {
  return { create, inspect, generateKeyPair, publicKeyOf };
}
