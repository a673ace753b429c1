/**
 * Preflight: what would make the apply fail or do harm, found before anything is written. Each
 * finding names the item, the step and what to do. Errors block apply; warnings are shown.
 * Components are checked against the target as it will be once the plan's own component publishes
 * have run, since that is what the import resolves `LATEST` against.
 */
import type { ComponentVersion, RegionConfig, ResidencyPolicy, Snapshot } from '../model';
import { componentKey, instanceKey } from '../model';
import type { UseKind } from './references';
import { findComponent, findIntegration, findInstance, needsOf, resolveRef } from './select';
import type { PlanItem, PlanStep, PreflightFinding } from './types';
import { residencyFindings } from './preflight-residency';

export interface PreflightInput {
  source: Snapshot;
  target: Snapshot;
  items: PlanItem[];
  steps: PlanStep[];
  regions: RegionConfig[];
  policy?: ResidencyPolicy;
}

const KIND_WORDS: Record<UseKind, { list: keyof Pick<ComponentVersion, 'actions' | 'triggers' | 'dataSources' | 'connections'>; word: string }> = {
  action: { list: 'actions', word: 'action' },
  trigger: { list: 'triggers', word: 'trigger' },
  dataSource: { list: 'dataSources', word: 'data source' },
  connection: { list: 'connections', word: 'connection' },
};

/** The target's components with the versions this plan publishes appended (content from the source). */
function componentsAfterPlan(source: Snapshot, target: Snapshot, steps: PlanStep[]): Map<string, ComponentVersion[]> {
  const out = new Map<string, ComponentVersion[]>();
  for (const c of target.components) out.set(componentKey(c), [...c.versions]);
  for (const s of steps) {
    if (s.write.op !== 'publishComponent') continue;
    const w = s.write;
    const key = componentKey(w);
    const versions = out.get(key) ?? [];
    const from = findComponent(source, w.key, w.isPublic)?.versions.find((v) => v.signature === w.signature);
    const next = versions.reduce((n, v) => Math.max(n, v.number), 0) + 1;
    versions.push({ ...(from ?? { actions: [], triggers: [], dataSources: [], connections: [] }), number: next, signature: w.signature });
    out.set(key, versions);
  }
  return out;
}

function hasSurface(v: ComponentVersion): boolean {
  return v.actions.length + v.triggers.length + v.dataSources.length + v.connections.length > 0;
}

export function preflight(input: PreflightInput): PreflightFinding[] {
  const { source, target, steps } = input;
  const t = target.regionId;
  const findings: PreflightFinding[] = [];
  const seen = new Set<string>();
  const push = (f: PreflightFinding) => {
    const key = `${f.code}\u0000${f.item}\u0000${f.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.push(f);
    }
  };

  const config = input.regions.find((r) => r.id === t);
  if (config?.org && target.source.org !== config.org)
    push({
      level: 'error',
      code: 'WRONG_TENANT',
      target: t,
      message: `${t} answered as org "${target.source.org ?? 'unknown'}", but the workspace expects "${config.org}".`,
      hint: `Check the endpoint and token for ${t} (region-sync login ${t}), or fix "org" in region-sync.yaml.`,
    });

  const after = componentsAfterPlan(source, target, steps);
  for (const step of steps) {
    if (step.write.op !== 'importIntegration') continue;
    const name = step.write.name;
    const record = findIntegration(source, name);
    if (!record) continue;
    const item = `integrations/${name}`;
    // Check what will really be imported (pins translated for this target), and compare each
    // pin with what it named in the source: the walk order is the same in both texts.
    const needs = needsOf(source.regionId, { ...record, yaml: step.write.yaml });
    const sourceUses = needsOf(source.regionId, record).uses;
    if (needs.isCodeNative) {
      push({
        level: 'error',
        code: 'CODE_NATIVE',
        target: t,
        item,
        step: step.id,
        message: `${name} is a code-native integration: its YAML points at a component built for ${source.regionId} only.`,
        hint: `Rebuild and import it in the target with prism (prism integrations:import against ${t}).`,
      });
      continue;
    }
    for (const [index, use] of needs.uses.entries()) {
      const original = sourceUses[index]?.ref;
      const ck = componentKey({ key: use.ref.key, isPublic: use.ref.isPublic });
      const versions = after.get(ck);
      const inSource = findComponent(source, use.ref.key, use.ref.isPublic);
      if (!versions || versions.length === 0) {
        // Public components are Prismatic's, in every stack; a snapshot may simply not list them.
        if (use.ref.isPublic && !inSource) continue;
        push({
          level: 'error',
          code: 'MISSING_COMPONENT',
          target: t,
          item,
          step: step.id,
          message: `${name} uses component ${ck} (${use.where}), which ${t} does not have.`,
          hint: use.ref.isPublic ? `Ask for component ${use.ref.key} to be enabled in ${t}.` : `Publish component ${use.ref.key} to ${t} first (add components/${use.ref.key} to the plan, or prism components:publish against ${t}).`,
        });
        continue;
      }
      const resolved = resolveRef(use.ref, versions);
      const pinned = use.ref.signature ? `signature ${use.ref.signature.slice(0, 12)}` : typeof use.ref.version === 'number' ? `v${use.ref.version}` : 'LATEST';
      if (!resolved) {
        push({
          level: 'error',
          code: 'MISSING_COMPONENT',
          target: t,
          item,
          step: step.id,
          message: `${name} pins component ${ck} ${pinned} (${use.where}), which ${t} does not have.`,
          hint: `Publish that version of ${use.ref.key} to ${t} first, or export the integration with latest component versions.`,
        });
        continue;
      }
      if (typeof use.ref.version === 'number' && inSource && typeof original?.version === 'number') {
        const sourceVersion = inSource.versions.find((v) => v.number === original.version);
        if (sourceVersion && sourceVersion.signature !== resolved.signature)
          push({
            level: 'warning',
            code: 'VERSION_SKEW',
            target: t,
            item,
            step: step.id,
            message: `${name} pins ${ck} v${original.version}; ${t} has no build with that signature and its v${use.ref.version} is a different build than in ${source.regionId}.`,
            hint: `Export with latest component versions (version: LATEST) so each region resolves its own newest build.`,
          });
      }
      if (!hasSurface(resolved)) continue; // the snapshot does not list this component's actions
      const kw = KIND_WORDS[use.kind];
      const spec = resolved[kw.list].find((a) => a.key === use.key);
      if (!spec) {
        push({
          level: 'error',
          code: 'MISSING_ACTION',
          target: t,
          item,
          step: step.id,
          message: `${name} uses ${kw.word} ${use.key} of ${ck} (${use.where}); ${t}'s ${ck} ${pinned} (v${resolved.number}) has no such ${kw.word}.`,
          hint: `Publish a version of ${use.ref.key} that has ${use.key} to ${t} first.`,
        });
        continue;
      }
      for (const input of use.inputs)
        if (!spec.inputs.some((i) => i.key === input))
          push({
            level: 'error',
            code: 'MISSING_INPUT',
            target: t,
            item,
            step: step.id,
            message: `${name} sets input ${input} of ${kw.word} ${use.key} (${ck}, ${use.where}); ${t}'s v${resolved.number} has no such input.`,
            hint: `Publish the version of ${use.ref.key} that has input ${input} to ${t} first.`,
          });
    }
    configVarFindings(input, step, needs.configVars, push);
  }
  for (const f of residencyFindings(input)) push(f);
  secretFindings(input, push);
  return findings;
}

type Push = (f: PreflightFinding) => void;

/** Instances the plan moves to the new version must have every required config var. */
function configVarFindings(input: PreflightInput, importStep: PlanStep, vars: ReturnType<typeof needsOf>['configVars'], push: Push): void {
  const { target, steps } = input;
  const name = (importStep.write as { name: string }).name;
  const moved = steps.filter((s) => s.write.op === 'setInstanceVersion' && s.write.instance.integration === name);
  for (const s of moved) {
    if (s.write.op !== 'setInstanceVersion') continue;
    const key = instanceKey(s.write.instance);
    const inst = findInstance(target, key);
    if (!inst) continue;
    for (const v of vars) {
      const have = inst.configVars.find((c) => c.key === v.key);
      const set = have && (have.secret === 'set' || (have.secret === undefined && have.value !== undefined && have.value !== null && have.value !== ''));
      if (set || (!v.isConnection && v.hasDefault)) continue;
      push({
        level: 'error',
        code: 'MISSING_CONFIG_VAR',
        target: input.target.regionId,
        item: `instances/${key}`,
        step: s.id,
        message: `Instance ${key} in ${input.target.regionId} has no value for ${v.isConnection ? 'connection' : 'config var'} "${v.key}", which the new version of ${name} requires.`,
        hint: `Set "${v.key}" on the instance in ${input.target.regionId} first, or leave this instance out (--instances).`,
      });
    }
  }
}

/** Created instances arrive without secrets: each connection must be re-entered in the target. */
function secretFindings(input: PreflightInput, push: Push): void {
  for (const s of input.steps) {
    if (s.write.op !== 'createInstance') continue;
    const inst = s.write.instance;
    const key = instanceKey(inst);
    for (const cv of inst.configVars)
      if (cv.secret !== undefined || cv.kind === 'connection')
        push({
          level: 'warning',
          code: 'SECRET_REENTRY',
          target: input.target.regionId,
          item: `instances/${key}`,
          step: s.id,
          message: `Instance ${key} is created in ${input.target.regionId} without "${cv.key}": secrets never leave ${input.source.regionId}.`,
          hint: `Re-enter "${cv.key}" (re-authorize OAuth) in ${input.target.regionId}, then deploy the instance.`,
        });
  }
}

