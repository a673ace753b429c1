/**
 * bundle.create / bundle.inspect / bundle.apply. Create signs a reviewed plan with the source
 * items it needs; apply (on the far side of an air gap, often in another workspace) verifies the
 * signature and every file, refuses a replayed or older bundle, re-plans against the target with
 * the bundle's source snapshot as the source, and applies it through the journal.
 */
import { fail } from '../../core/errors';
import { computePlan } from '../../core/plan/compute';
import { fingerprint } from '../../core/plan/fingerprint';
import type { RunRecord } from '../../core/plan/types';
import type { BundleInspection } from '../bundle-views';
import type { BundleContent } from '../service/bundle-port';
import type { Handler, ServiceContext } from '../service/context';
import { applyPlan } from './apply';
import { ensureSigningKey, requireBundles } from './bundle-keys';
import { integrationFileNames, parseSourceSnapshot, reviewReport, sliceSource } from './bundle-content';
import { checkPlan } from './plan-schema';
import { planEnvironment, pullFresh, requireRegion } from './regions';
import { audit, BUNDLES_APPLIED_PATH, DIR, listRuns, loadRunPlan, readJson, savePlan, writeJson } from './store';

const SEQUENCE_PATH = `${DIR}/bundle-sequence.json`;

type AppliedBundles = Record<string, { sequence: number; runId: string; appliedAt: string }>;

/**
 * A bundle path the user typed is relative to the workspace folder, not to wherever the host
 * process happens to run (the desktop app's cwd is arbitrary). Absolute paths (POSIX, `C:\`,
 * `\\server`) pass through. Pure string work: the api layer has no node:path.
 */
export function resolveInWorkspace(root: string, file: string): string {
  if (/^([/\\]|[A-Za-z]:[/\\])/.test(file)) return file;
  const rest = file.replace(/^(\.[/\\])+/, '');
  return `${root.replace(/[/\\]+$/, '')}/${rest}`;
}

export const bundleCreate: Handler<'bundle.create'> = async (params, ctx) => {
  const ws = await ctx.workspace();
  const io = requireBundles(ctx);
  const plan = checkPlan(params.plan);
  if (plan.workspace.id !== ws.id) fail('PLAN_INVALID', `The plan belongs to workspace ${plan.workspace.id}, not ${ws.id}.`, { hint: 'Bundle plans made in this workspace.' });
  const errors = plan.preflight.filter((f) => f.level === 'error');
  if (errors.length) fail('PREFLIGHT_FAILED', `The plan has ${errors.length} preflight error(s): ${errors.map((f) => f.message).join(' ')}`, { hint: 'Fix them and plan again before bundling.' });
  // The bundle carries the source as it was planned: a source that moved since is a stale plan.
  let source = await (await ctx.snapshots()).load(plan.source.region);
  if (!source || fingerprint(source) !== plan.source.fingerprint) source = await pullFresh(ctx, plan.source.region, ctx.newOpId('bundle'));
  if (fingerprint(source) !== plan.source.fingerprint)
    fail('STALE_PLAN', `stale plan: ${plan.source.region} changed since the plan was made.`, { hint: 'Re-plan and review again, then bundle the new plan.' });
  const key = await ensureSigningKey(ctx);
  const slice = sliceSource(source, plan);
  const files: Record<string, string> = { 'snapshot/source.json': `${JSON.stringify(slice, null, 2)}\n`, 'report.md': reviewReport(plan, source) };
  const names = integrationFileNames(slice.integrations.map((i) => i.name));
  for (const i of slice.integrations) files[names.get(i.name) as string] = i.yaml;
  const last = (await readJson<{ sequence: number }>(ws.files, SEQUENCE_PATH))?.sequence ?? 0;
  const sequence = last + 1;
  const created = await io.create(resolveInWorkspace(ws.root, params.out), { plan, files }, {
    sequence,
    signer: key.signer,
    privateKeyPem: key.privateKeyPem,
    source: { region: plan.source.region, ...(source.source.org ? { org: source.source.org } : {}), ...(source.source.url ? { url: source.source.url } : {}) },
  });
  await writeJson(ws.files, SEQUENCE_PATH, { sequence });
  await audit(ws.files, { at: ctx.deps.clock.now().toISOString(), actor: ctx.deps.actor ?? 'unknown', action: 'bundle-create', from: plan.source.region, to: plan.targets.map((t) => t.region), planHash: plan.hash, result: `bundle ${sequence} written` });
  return created;
};

function strip(inspection: BundleInspection & { content?: BundleContent }): BundleInspection {
  const { content: _content, ...rest } = inspection;
  return rest;
}

export const bundleInspect: Handler<'bundle.inspect'> = async ({ path }, ctx) => {
  const ws = await ctx.workspace();
  return strip(await requireBundles(ctx).inspect(resolveInWorkspace(ws.root, path), ws.config.trustedSigners ?? {}));
};

/** Turns an inspection into its one blocking error, if any. */
export function requireVerified(inspection: BundleInspection & { content?: BundleContent }): BundleContent {
  const file = inspection.path;
  const sig = inspection.signature;
  if (!sig.trusted) fail('SIGNER_UNKNOWN', `The bundle is signed by "${sig.signer ?? 'unknown'}", who is not a trusted signer here.`, { file, hint: 'Add the sender’s public key to trustedSigners in region-sync.yaml (region-sync bundle key prints it on their side).' });
  if (!sig.valid) fail('SIGNATURE_INVALID', `The bundle's signature is not valid: ${sig.reason ?? 'it does not match'}.`, { file, hint: 'The manifest was changed after signing; do not use this bundle.' });
  if (!inspection.intact || !inspection.content) fail('BUNDLE_TAMPERED', `The bundle was changed after signing: ${inspection.problems.join('; ') || 'its files do not match the manifest'}.`, { file, hint: 'Do not use this bundle; ask for a new one.' });
  return inspection.content;
}

async function applyBundle(ctx: ServiceContext, file: string, to: string): Promise<RunRecord> {
  const ws = await ctx.workspace();
  const path = resolveInWorkspace(ws.root, file);
  requireRegion(ws, to);
  const inspection = await requireBundles(ctx).inspect(path, ws.config.trustedSigners ?? {});
  const content = requireVerified(inspection);
  const { signer, sequence } = inspection.manifest;
  const bundle = { signer, sequence };
  const bplan = checkPlan(content.plan, 'plan.json');
  if (bplan.hash !== inspection.manifest.planHash) fail('BUNDLE_TAMPERED', 'plan.json is not the plan the manifest names.', { file: path });
  // A run of this very bundle that did not finish resumes; anything else at or below the last
  // applied sequence of this signer is a replay.
  const unfinished = (await listRuns(ws.files)).find((r) => r.bundle?.signer === signer && r.bundle.sequence === sequence && r.targets.includes(to) && r.status !== 'succeeded' && r.status !== 'rolled-back');
  if (unfinished) {
    const plan = await loadRunPlan(ws.files, unfinished.runId);
    if (plan) return record(ctx, bundle, await applyPlan(ctx, checkPlan(plan), { auditAction: 'bundle-apply', bundle, resumeRunId: unfinished.runId }));
  }
  const applied = (await readJson<AppliedBundles>(ws.files, BUNDLES_APPLIED_PATH)) ?? {};
  const last = applied[signer];
  if (last && sequence <= last.sequence)
    fail('BUNDLE_REPLAYED', `Bundle ${sequence} from ${signer} is not newer than the last one applied here (${last.sequence}, run ${last.runId}).`, { file: path, hint: 'Ask for a new bundle; an old or repeated one is never applied twice.' });
  const source = parseSourceSnapshot(content.files['snapshot/source.json']);
  if (source.regionId !== inspection.manifest.source.region) fail('BUNDLE_TAMPERED', 'snapshot/source.json is not from the region the manifest names.', { file: path });
  const target = await pullFresh(ctx, to, ctx.newOpId('bundle'));
  const plan = computePlan({
    ...planEnvironment(ctx, ws),
    source,
    targets: [target],
    items: bplan.items,
    instances: bplan.instances,
  });
  await savePlan(ws.files, plan);
  return record(ctx, bundle, await applyPlan(ctx, plan, { auditAction: 'bundle-apply', bundle }));
}

async function record(ctx: ServiceContext, bundle: { signer: string; sequence: number }, run: RunRecord): Promise<RunRecord> {
  if (run.status !== 'succeeded') return run;
  const ws = await ctx.workspace();
  const applied = (await readJson<AppliedBundles>(ws.files, BUNDLES_APPLIED_PATH)) ?? {};
  const prev = applied[bundle.signer];
  if (!prev || prev.sequence < bundle.sequence) applied[bundle.signer] = { sequence: bundle.sequence, runId: run.runId, appliedAt: ctx.deps.clock.now().toISOString() };
  await writeJson(ws.files, BUNDLES_APPLIED_PATH, applied);
  return run;
}

export const bundleApply: Handler<'bundle.apply'> = ({ path, to }, ctx) => applyBundle(ctx, path, to);
