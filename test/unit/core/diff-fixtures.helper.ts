/** Shared by the core diff/normalize tests: the real fixtures, read in place (never copied). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml, type ParsedYaml } from '../../../src-main/core/yaml/codec';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_DIR = path.resolve(here, '../../../../shared/fixtures/prismatic');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}

export function mustParse(text: string, file?: string): ParsedYaml {
  const r = parseYaml(text, file ? { file } : {});
  if (!r.ok) throw new Error(`${file}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A deep copy of plain data. */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

type Obj = Record<string, any>;

/** Every step of a definition, including loop `steps` and `branches[].steps`. */
export function allSteps(def: Obj): Obj[] {
  const out: Obj[] = [];
  const visit = (steps: unknown) => {
    if (!Array.isArray(steps)) return;
    for (const s of steps) {
      out.push(s);
      visit(s.steps);
      if (Array.isArray(s.branches)) for (const b of s.branches) visit(b.steps);
    }
  };
  for (const f of def.flows ?? []) visit(f.steps);
  return out;
}

/** Every component reference (`component: {key, version, isPublic}`) in a definition. */
export function componentRefs(v: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(v)) for (const x of v) componentRefs(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'component' && x && typeof x === 'object' && typeof (x as Obj).key === 'string') out.push(x as Obj);
      componentRefs(x, out);
    }
  }
  return out;
}

/** What the server does on read-back (prismatic-api.md §3.6): resolve LATEST, bump numbers, inject defaults. */
export function serverReadBack(def: Obj): Obj {
  const d = clone(def);
  for (const ref of componentRefs(d)) {
    if (ref.version === 'LATEST') ref.version = 3;
    else if (typeof ref.version === 'number') ref.version += 7;
  }
  d.category ??= '';
  d.documentation ??= '';
  d.defaultInstanceProfile ??= 'Default Instance Profile';
  d.endpointType ??= 'flow_specific';
  d.configPages ??= [{ elements: [], name: 'Configuration' }];
  d.requiredConfigVars ??= [];
  for (const f of d.flows ?? []) {
    f.endpointSecurityType ??= 'customer_optional';
    f.isAgentFlow ??= false;
  }
  for (const s of allSteps(d)) s.description ??= '';
  return d;
}
