// Derives component definitions from the real fixture YAML (shared/fixtures/prismatic) so the demo
// seed always holds exactly the components, actions, triggers, data sources, connections and
// inputs those files reference. Private components are left out: the code-native fixture's is a
// per-build random UUID (§3.5), so importing that file alone fails as it would on a real stack.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { componentRefSites } from './definition-refs';
import type { SeedAction, SeedComponent, SeedConnection, SeedInput } from './types';

export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/prismatic');

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(FIXTURES_DIR, f));
}

type Obj = Record<string, any>;

const SECRET_INPUT = /secret|password|token|privatekey|apikey|accesskey/i;

function inputType(name: string, value: Obj | undefined, connectionKeys: Set<string>): string {
  if (value?.type === 'configVar' && connectionKeys.has(String(value.value))) return 'CONNECTION';
  if (value?.type === 'complex') return 'DATA';
  if (name === 'code') return 'CODE';
  return 'STRING';
}

function titleCase(key: string): string {
  return key.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

interface Draft {
  key: string;
  public: boolean;
  actions: Map<string, SeedAction>;
  triggers: Map<string, SeedAction>;
  dataSources: Map<string, SeedAction>;
  connections: Map<string, SeedConnection>;
  /** Highest concrete version any fixture pins; the component needs at least that many versions. */
  minVersions: number;
  /** A package signature some fixture pins (code-native references); given to the latest version. */
  signature?: string;
}

function mergeInputs(into: SeedInput[], extra: SeedInput[]): void {
  for (const input of extra) if (!into.some((i) => i.key === input.key)) into.push(input);
}

export function fixtureComponents(files = fixtureFiles()): SeedComponent[] {
  const drafts = new Map<string, Draft>();
  for (const file of files) {
    const doc = load(readFileSync(file, 'utf8')) as Obj;
    const connectionKeys = new Set<string>(
      (doc.requiredConfigVars ?? []).filter((cv: Obj) => cv?.dataType === 'connection').map((cv: Obj) => String(cv.key)),
    );
    const configVarsByHolder = new Map<unknown, Obj>();
    for (const cv of doc.requiredConfigVars ?? []) {
      if (cv?.connection) configVarsByHolder.set(cv.connection, cv);
    }
    const stepsByAction = new Map<unknown, Obj>();
    const walk = (steps: unknown): void => {
      if (!Array.isArray(steps)) return;
      for (const s of steps as Obj[]) {
        if (s?.action) stepsByAction.set(s.action, s);
        walk(s?.steps);
        for (const b of s?.branches ?? []) walk(b?.steps);
      }
    };
    for (const flow of doc.flows ?? []) walk(flow?.steps);

    for (const site of componentRefSites(doc)) {
      const ref = site.holder.component as Obj;
      const isPublic = ref.isPublic !== false;
      if (!isPublic) continue;
      const id = `${ref.key}\u0000${isPublic}`;
      let draft = drafts.get(id);
      if (!draft) {
        draft = {
          key: String(ref.key), public: isPublic, actions: new Map(), triggers: new Map(),
          dataSources: new Map(), connections: new Map(), minVersions: 1,
        };
        drafts.set(id, draft);
      }
      if (typeof ref.version === 'number') draft.minVersions = Math.max(draft.minVersions, ref.version);
      if (typeof ref.signature === 'string') draft.signature = ref.signature;
      const itemKey = String(site.holder.key);
      if (site.kind === 'connection') {
        const cv = configVarsByHolder.get(site.holder);
        const inputs: SeedInput[] = Object.keys(cv?.inputs ?? {}).map((name) => ({
          key: name, label: titleCase(name), type: SECRET_INPUT.test(name) ? 'PASSWORD' : 'STRING', required: true,
        }));
        const existing = draft.connections.get(itemKey);
        if (existing) mergeInputs(existing.inputs!, inputs);
        else {
          draft.connections.set(itemKey, {
            key: itemKey, label: titleCase(itemKey), inputs,
            oauth2Type: /oauth/i.test(itemKey) ? 'authorization_code' : null,
          });
        }
        continue;
      }
      const step = stepsByAction.get(site.holder);
      const inputs: SeedInput[] = Object.entries((step?.inputs ?? {}) as Obj).map(([name, value]) => ({
        key: name, label: titleCase(name), type: inputType(name, value as Obj, connectionKeys),
      }));
      const bucket = site.kind === 'trigger' ? draft.triggers : site.kind === 'dataSource' ? draft.dataSources : draft.actions;
      const existing = bucket.get(itemKey);
      if (existing) mergeInputs(existing.inputs!, inputs);
      else bucket.set(itemKey, { key: itemKey, label: titleCase(itemKey), description: `${titleCase(itemKey)} (${draft.key})`, inputs });
    }
  }
  return [...drafts.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((d) => {
      const version = {
        actions: [...d.actions.values()],
        triggers: [...d.triggers.values()],
        dataSources: [...d.dataSources.values()],
        connections: [...d.connections.values()],
      };
      // Two versions unless a fixture pins a higher number, so LATEST resolution is observable.
      const count = Math.max(2, d.minVersions);
      return {
        key: d.key,
        public: d.public,
        label: titleCase(d.key),
        description: `${titleCase(d.key)} component`,
        versions: Array.from({ length: count }, (_, i) => ({
          ...structuredClone(version),
          comment: `Release ${i + 1}`,
          ...(d.signature && i === count - 1 ? { signature: d.signature } : {}),
        })),
      };
    });
}
