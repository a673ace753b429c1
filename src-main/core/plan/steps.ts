/**
 * The steps that make one target match the source for the chosen items, in the order a careful
 * person would run them (prismatic-api.md §6): publish the private components the integrations
 * resolve to → create/update customers → import each integration (draft) → publish it → create
 * or move instances to the new version and deploy them. Pure: it reads two snapshots.
 */
import { canonicalItem } from '../identity';
import type { IgnoreRule } from '../ignore';
import type { ConfigVarValue, InstanceRecord, Snapshot } from '../model';
import { componentKey, instanceKey } from '../model';
import { definitionHash } from './fingerprint';
import { PLAN_HASH_PLACEHOLDER } from './hash';
import { translatePins } from './translate';
import { findComponent, findInstance, findIntegration, latestOf, latestPublished, missingItem, needsOf, resolveRef } from './select';
import type { PlanItem, PlanStep, RegionWrite, StepTag } from './types';

export interface StepContext {
  source: Snapshot;
  target: Snapshot;
  items: PlanItem[];
  instances: 'all' | 'none' | string[];
  ignore: IgnoreRule[];
}

/** Secrets never travel: a created instance carries plain values only, secrets as unset. */
export function withoutSecrets(instance: InstanceRecord): InstanceRecord {
  const configVars: ConfigVarValue[] = instance.configVars.map((cv) =>
    cv.secret !== undefined || cv.kind === 'connection' ? { key: cv.key, ...(cv.kind ? { kind: cv.kind } : {}), secret: 'unset' } : { ...cv },
  );
  const flowConfigs = instance.flowConfigs?.map((fc) => ({ flow: fc.flow }));
  const { remoteId: _remoteId, ...rest } = instance;
  return { ...rest, version: null, deployed: false, needsDeploy: undefined, configVars, ...(flowConfigs ? { flowConfigs } : {}) };
}

function selected(instances: StepContext['instances'], inst: InstanceRecord): boolean {
  if (instances === 'all') return true;
  if (instances === 'none') return false;
  return instances.includes(inst.customer) || instances.includes(instanceKey(inst));
}

export function buildSteps(ctx: StepContext): PlanStep[] {
  const { source, target } = ctx;
  const t = target.regionId;
  const steps: PlanStep[] = [];
  const add = (write: RegionWrite, description: string, tag: StepTag, after?: string[]): string => {
    const id = `t:${t}#${steps.length + 1}`;
    steps.push({ id, target: t, write, description, tag, ...(after && after.length ? { after } : {}) });
    return id;
  };
  const byKind = (k: PlanItem['kind']) => ctx.items.filter((i) => i.kind === k).map((i) => i.name);

  // 1. components: explicit items, then the private ones each integration resolves to.
  const published = new Set<string>();
  const publishComponent = (key: string, isPublic: boolean, signature: string, label: string | undefined, why: string) => {
    const id = `${componentKey({ key, isPublic })}@${signature}`;
    if (published.has(id)) return;
    published.add(id);
    const have = findComponent(target, key, isPublic);
    if (have?.versions.some((v) => v.signature === signature)) return;
    add(
      { op: 'publishComponent', key, isPublic, signature, ...(label ? { label } : {}) },
      `Publish component ${componentKey({ key, isPublic })} (signature ${signature.slice(0, 12)}) to ${t}${why}.`,
      have ? 'updates' : 'creates',
    );
  };
  for (const name of byKind('components')) {
    const c = findComponent(source, name) ?? missingItem('components', name, source.regionId);
    const latest = latestOf(c) ?? missingItem('components', `${name} (no published version)`, source.regionId);
    publishComponent(c.key, c.isPublic, latest.signature, c.label, '');
  }
  const integrations = byKind('integrations').map((name) => findIntegration(source, name) ?? missingItem('integrations', name, source.regionId));
  for (const integration of integrations) {
    if (integration.isCodeNative) continue; // preflight refuses it; its refs point at a per-build component
    for (const use of needsOf(source.regionId, integration).uses) {
      // Public components are Prismatic's own, in every region; only private ones can be published.
      // A pinned number is the source's own counter: the build it names is published by signature
      // and the pin translated to the target's number at import (translate.ts).
      if (use.ref.isPublic) continue;
      const c = findComponent(source, use.ref.key, false);
      const v = c && resolveRef(use.ref, c.versions);
      if (c && v) publishComponent(c.key, false, v.signature, c.label, `, used by ${integration.name}`);
    }
  }
  const componentSteps = steps.map((s) => s.id);

  // 2. customers: explicit items, then the owners of instances being created.
  const customerStep = new Map<string, string>();
  const upsertCustomer = (externalId: string) => {
    if (customerStep.has(externalId)) return;
    const c = source.customers.find((x) => x.externalId === externalId) ?? missingItem('customers', externalId, source.regionId);
    const have = target.customers.find((x) => x.externalId === externalId);
    const same = have && canonicalItem('customers', have, ctx.ignore).hash === canonicalItem('customers', c, ctx.ignore).hash;
    if (same) return;
    const { remoteId: _r, ...customer } = c;
    customerStep.set(externalId, add({ op: 'upsertCustomer', customer }, `${have ? 'Update' : 'Create'} customer ${c.name} (${externalId}) in ${t}.`, have ? 'updates' : 'creates'));
  };
  for (const id of byKind('customers')) upsertCustomer(id);
  const instanceItems = byKind('instances').map((key) => findInstance(source, key) ?? missingItem('instances', key, source.regionId));
  for (const inst of instanceItems) if (!target.customers.some((c) => c.externalId === inst.customer)) upsertCustomer(inst.customer);

  // 3. integrations: import the draft, publish it, move the chosen instances and deploy them.
  const publishStep = new Map<string, string>();
  const explicitInstances = new Set(instanceItems.map(instanceKey));
  const planned = new Map<string, string[]>();
  for (const step of steps)
    if (step.write.op === 'publishComponent') {
      const key = componentKey(step.write);
      planned.set(key, [...(planned.get(key) ?? []), step.write.signature]);
    }
  for (const integration of integrations) {
    const have = findIntegration(target, integration.name);
    const { yaml, translations } = translatePins(integration.yaml, source, target, planned);
    // One definition pins the same build in many steps: name each (component, from, to) once.
    const pinChanges = [...new Set(translations.map((x) => `${x.component} v${x.from} → v${x.to}`))];
    const translated = pinChanges.length ? ` Component pins translated for ${t}: ${pinChanges.join(', ')} (same build by signature).` : '';
    const sameDraft = have && canonicalItem('integrations', have, ctx.ignore).hash === canonicalItem('integrations', integration, ctx.ignore).hash;
    const importTag: StepTag = !have ? 'creates' : sameDraft ? 'no-change' : 'overwrites-draft';
    const importId = add(
      { op: 'importIntegration', name: integration.name, yaml, mode: have ? 'overwrite-draft' : 'create' },
      (!have
        ? `Import integration ${integration.name} into ${t} (creates it as a draft).`
        : sameDraft
          ? `Integration ${integration.name} in ${t} already has this definition (no change).`
          : `Import integration ${integration.name} into ${t}, overwriting its draft.`) + translated,
      importTag,
      componentSteps,
    );
    const defHash = definitionHash(integration.yaml);
    const latest = latestPublished(have);
    const samePublished = latest?.definitionHash === defHash;
    const pubId = add(
      { op: 'publishIntegration', name: integration.name, comment: `Promoted from ${source.regionId} by region-sync, plan ${PLAN_HASH_PLACEHOLDER}`, definitionHash: defHash },
      samePublished
        ? `Integration ${integration.name} in ${t}: the latest published version (v${latest?.number}) is already this definition (no change).`
        : `Publish integration ${integration.name} in ${t} as a new version.`,
      samePublished ? 'no-change' : latest ? 'updates' : 'creates',
      [importId],
    );
    publishStep.set(integration.name, pubId);
    for (const inst of target.instances) {
      if (inst.integration !== integration.name || explicitInstances.has(instanceKey(inst)) || !selected(ctx.instances, inst)) continue;
      const current = samePublished && latest && inst.version === latest.number && inst.deployed && !inst.needsDeploy;
      if (current) continue;
      const ref = { customer: inst.customer, integration: inst.integration, name: inst.name };
      const setId = add({ op: 'setInstanceVersion', instance: ref, version: 'latest-published' }, `Move instance ${instanceKey(inst)} in ${t} to the newly published version.`, 'updates', [pubId]);
      add({ op: 'deployInstance', instance: ref }, `Deploy instance ${instanceKey(inst)} in ${t}.`, 'updates', [setId]);
    }
  }

  // 4. instances chosen as items: create (unconfigured, secrets re-entered later) or update.
  for (const inst of instanceItems) {
    const key = instanceKey(inst);
    const ref = { customer: inst.customer, integration: inst.integration, name: inst.name };
    const after = [customerStep.get(inst.customer), publishStep.get(inst.integration)].filter((x): x is string => !!x);
    const have = findInstance(target, key);
    const versionFromPublishOf = publishStep.has(inst.integration) || latestPublished(findIntegration(target, inst.integration)) ? inst.integration : undefined;
    if (!have) {
      const createId = add(
        { op: 'createInstance', instance: withoutSecrets(inst), ...(versionFromPublishOf ? { versionFromPublishOf } : {}) },
        `Create instance ${key} in ${t} on the latest published version of ${inst.integration}, without secrets.`,
        'creates',
        after,
      );
      const hasSecrets = inst.configVars.some((cv) => cv.secret !== undefined || cv.kind === 'connection');
      if (!hasSecrets && inst.deployed) add({ op: 'deployInstance', instance: ref }, `Deploy instance ${key} in ${t}.`, 'creates', [createId]);
      continue;
    }
    const targetLatest = latestPublished(findIntegration(target, inst.integration));
    const movesVersion = publishStep.has(inst.integration) || have.version !== (targetLatest?.number ?? null);
    let last: string | undefined;
    if (movesVersion) last = add({ op: 'setInstanceVersion', instance: ref, version: 'latest-published' }, `Move instance ${key} in ${t} to the latest published version.`, 'updates', after);
    if (have.enabled !== inst.enabled)
      last = add({ op: 'setInstanceEnabled', instance: ref, enabled: inst.enabled }, `${inst.enabled ? 'Enable' : 'Disable'} instance ${key} in ${t}.`, 'updates', last ? [last] : after);
    if (movesVersion || have.needsDeploy) add({ op: 'deployInstance', instance: ref }, `Deploy instance ${key} in ${t}.`, 'updates', last ? [last] : after);
  }
  return steps;
}
