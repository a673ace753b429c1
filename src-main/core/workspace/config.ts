/**
 * Parsing and writing `region-sync.yaml`. Pure: text in, config (or a coded error naming the file
 * and the line of the offending field) out. Shape errors come from the zod schema; the checks
 * that need the whole file (unique ids, references between sections, URL rules) follow.
 */
import { dump } from 'js-yaml';
import type { PathSegment } from '../diff/types';
import { appError, err, ok, type AppError, type Result } from '../errors';
import { parseIgnoreRules } from '../ignore';
import type { RegionConfig, ResidencyPolicy, WorkspaceConfig } from '../model';
import { parseYaml, type ParsedYaml } from '../yaml/codec';
import { workspaceConfigSchema } from './schema';

export type LoadedWorkspaceConfig = WorkspaceConfig & { id: string };

/** The workspace id when the file names none: a slug of the name ("Acme Corp (demo)" → "acme-corp-demo"). */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return slug || 'workspace';
}

type Path = readonly (string | number)[];

function segmentsOf(path: Path): PathSegment[] {
  return path.map((p) => (typeof p === 'number' ? { type: 'index', index: p } : { type: 'key', key: p }));
}

function showPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

/** The line of the deepest node along `path` that exists in the file. */
function lineAt(parsed: ParsedYaml, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const line = parsed.lineOf(segmentsOf(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return undefined;
}

function invalid(parsed: ParsedYaml, file: string, path: Path, message: string, hint?: string): AppError {
  return appError('WORKSPACE_INVALID', `${showPath(path)}: ${message}`, {
    file,
    line: lineAt(parsed, path),
    hint: hint ?? 'Fix that field in the workspace file; see design.md "The workspace file" for the format.',
    details: { path: showPath(path) },
  });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

// Core has no URL global (it runs anywhere), so the few rules we need are checked by pattern.
const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|[^\s/:?#@[\]]+)(:\d{1,5})?([/?#][^\s]*)?$/i;

/** Why a prismatic region's URL is unusable, or undefined when it is fine. */
export function prismaticUrlProblem(url: string): string | undefined {
  const match = URL_PATTERN.exec(url);
  if (!match) return 'is not a URL (expected e.g. https://app.prismatic.io)';
  const scheme = match[1].toLowerCase();
  const host = match[2].toLowerCase();
  if (scheme === 'https') return undefined;
  if (scheme === 'http' && LOOPBACK_HOSTS.has(host)) return undefined;
  if (scheme === 'http') return 'must use https (plain http is allowed only for 127.0.0.1, localhost and ::1)';
  return `must be an https URL, not ${scheme}:`;
}

function checkRegions(parsed: ParsedYaml, file: string, regions: RegionConfig[]): AppError | undefined {
  const seen = new Map<string, number>();
  for (const [i, r] of regions.entries()) {
    const key = r.id.toLowerCase();
    if (seen.has(key))
      return invalid(parsed, file, ['regions', i, 'id'], `region id "${r.id}" is used twice (also regions[${seen.get(key)}])`, 'Give every region its own id.');
    seen.set(key, i);
    if (r.kind === 'folder' && !r.path)
      return invalid(parsed, file, ['regions', i], `folder region "${r.id}" has no path`, 'Add `path:`, relative to the workspace folder (e.g. regions/repo).');
    if (r.kind === 'prismatic') {
      if (!r.url)
        return invalid(parsed, file, ['regions', i], `prismatic region "${r.id}" has no url`, 'Add `url:`, e.g. https://app.prismatic.io.');
      const problem = prismaticUrlProblem(r.url);
      if (problem) return invalid(parsed, file, ['regions', i, 'url'], `url ${problem}`);
    }
  }
  return undefined;
}

function checkPolicy(parsed: ParsedYaml, file: string, policy: ResidencyPolicy, ids: Set<string>): AppError | undefined {
  const unknown = (path: Path, id: string) =>
    invalid(parsed, file, path, `region "${id}" is not one of the regions (${[...ids].join(', ')})`, 'Use the id of a region listed under `regions:`.');
  if (policy.default && !ids.has(policy.default)) return unknown(['policy', 'default'], policy.default);
  for (const [i, route] of (policy.routes ?? []).entries()) {
    if (!ids.has(route.region)) return unknown(['policy', 'routes', i, 'region'], route.region);
    if (!route.country && !route.continent)
      return invalid(parsed, file, ['policy', 'routes', i], 'a route needs a country or a continent');
  }
  for (const [i, restriction] of (policy.restrictions ?? []).entries()) {
    for (const [j, id] of restriction.regions.entries()) {
      if (!ids.has(id)) return unknown(['policy', 'restrictions', i, 'regions', j], id);
    }
  }
  return undefined;
}

function checkIgnore(parsed: ParsedYaml, file: string, rules: string[]): AppError | undefined {
  for (const [i, rule] of rules.entries()) {
    const result = parseIgnoreRules([rule]);
    if (!result.ok) return { ...result.error, code: 'WORKSPACE_INVALID', file, line: lineAt(parsed, ['ignore', i]) };
  }
  return undefined;
}

export function parseWorkspaceConfig(text: string, file: string): Result<LoadedWorkspaceConfig> {
  const parsedResult = parseYaml(text, { file });
  if (!parsedResult.ok) return parsedResult;
  const parsed = parsedResult.value;
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
    return err(
      appError('WORKSPACE_INVALID', 'The workspace file must be a mapping with name, baseline and regions.', {
        file,
        line: 1,
        hint: 'Start from the example in design.md "The workspace file".',
      }),
    );

  const shape = workspaceConfigSchema.safeParse(parsed.value);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const path: (string | number)[] = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      return err(invalid(parsed, file, [...path, key], `unknown setting "${key}"`, 'Remove it or check its spelling.'));
    }
    return err(invalid(parsed, file, path, issue.message));
  }
  const data = shape.data;
  const regionError = checkRegions(parsed, file, data.regions);
  if (regionError) return err(regionError);
  const ids = new Set(data.regions.map((r) => r.id));
  if (!ids.has(data.baseline))
    return err(invalid(parsed, file, ['baseline'], `baseline "${data.baseline}" is not one of the regions (${[...ids].join(', ')})`));
  const policyError = data.policy ? checkPolicy(parsed, file, data.policy, ids) : undefined;
  if (policyError) return err(policyError);
  const ignore = data.ignore ?? [];
  const ignoreError = checkIgnore(parsed, file, ignore);
  if (ignoreError) return err(ignoreError);

  const config: LoadedWorkspaceConfig = {
    id: data.id ?? slugOf(data.name),
    name: data.name,
    baseline: data.baseline,
    regions: data.regions,
    ignore,
    ...(data.policy ? { policy: data.policy } : {}),
    ...(data.trustedSigners ? { trustedSigners: data.trustedSigners } : {}),
  };
  return ok(config);
}

// ---- writing ----------------------------------------------------------------------------------

const REGION_KEY_ORDER: (keyof RegionConfig)[] = ['id', 'label', 'kind', 'url', 'tenant', 'path', 'org', 'maxAgeMinutes'];

function block(value: unknown): string {
  return dump(value, { noRefs: true, lineWidth: -1 });
}

/** One-line flow YAML (`{country: US, continent: NA}`), as the documented format shows small maps. */
function flow(value: unknown): string {
  return dump(value, { noRefs: true, lineWidth: -1, flowLevel: 0 }).trimEnd();
}

function indent(text: string, first: string, rest: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

/** The workspace file in the documented layout: small maps on one line, sections in fixed order. */
export function serializeWorkspaceConfig(config: WorkspaceConfig & { id?: string }): string {
  const out: string[] = [];
  const head: Record<string, unknown> = { name: config.name };
  if (config.id && config.id !== slugOf(config.name)) head.id = config.id;
  head.baseline = config.baseline;
  out.push(block(head).trimEnd());
  out.push('regions:');
  for (const region of config.regions) {
    const ordered: Record<string, unknown> = {};
    for (const key of REGION_KEY_ORDER) if (region[key] !== undefined) ordered[key] = region[key];
    let text = block(ordered).trimEnd();
    if (region.geography) text += `\ngeography: ${flow(region.geography)}`;
    out.push(indent(text, '  - ', '    '));
  }
  if (config.policy) {
    const policy = config.policy;
    out.push('policy:');
    if (policy.default) out.push(`  default: ${flow(policy.default)}`);
    if (policy.routes) out.push(`  routes: ${flow(policy.routes)}`);
    if (policy.restrictions) out.push(`  restrictions: ${flow(policy.restrictions)}`);
  }
  out.push(config.ignore.length ? indent(block({ ignore: config.ignore }), '', '') : 'ignore: []');
  if (config.trustedSigners && Object.keys(config.trustedSigners).length)
    out.push(indent(block({ trustedSigners: config.trustedSigners }), '', ''));
  return `${out.join('\n')}\n`;
}
