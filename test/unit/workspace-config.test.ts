import { describe, expect, it } from 'vitest';
import { parseWorkspaceConfig, prismaticUrlProblem, serializeWorkspaceConfig, slugOf } from '../../src-main/core/workspace/config';

// The example of design.md "The workspace file", plus an eu region the policy routes to.
const GOOD = `name: Acme Corp
baseline: us
regions:
  - id: us
    label: US Commercial
    kind: prismatic
    url: https://app.prismatic.io
    tenant: 0b6f
    geography: { country: US, continent: NA }
  - id: gov
    label: US GovCloud
    kind: prismatic
    url: https://app.us-gov-west-1.prismatic.io
    geography: { country: US, continent: NA }
  - id: eu
    kind: prismatic
    url: https://app.eu-west-1.prismatic.io
  - id: repo
    label: Desired state (git)
    kind: folder
    path: regions/repo
policy:
  default: us
  routes: [{ country: GB, region: eu }, { continent: EU, region: eu }]
  restrictions: [{ customers: { country: [DE, FR] }, regions: [eu] }, { regions: [gov], keep: true }]
ignore:
  - "integrations/*: flows[*].steps[*].inputs.debugLogging"
`;

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** The line of the last occurrence (the second `id: us` is the duplicate). */
const lastLineOf = (text: string, needle: string) => text.split('\n').findLastIndex((l) => l.includes(needle)) + 1;

function failure(text: string) {
  const r = parseWorkspaceConfig(text, 'region-sync.yaml');
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('parseWorkspaceConfig', () => {
  it('reads the documented format', () => {
    const r = parseWorkspaceConfig(GOOD, 'region-sync.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe('acme-corp');
    expect(r.value.regions.map((x) => `${x.id}:${x.kind}`)).toEqual(['us:prismatic', 'gov:prismatic', 'eu:prismatic', 'repo:folder']);
    expect(r.value.regions[0].geography).toEqual({ country: 'US', continent: 'NA' });
    expect(r.value.policy?.restrictions?.[1]).toEqual({ regions: ['gov'], keep: true });
    expect(r.value.ignore).toEqual(['integrations/*: flows[*].steps[*].inputs.debugLogging']);
  });

  it('serializes to text that parses back to the same config', () => {
    const first = parseWorkspaceConfig(GOOD, 'a.yaml');
    if (!first.ok) throw new Error(first.error.message);
    const text = serializeWorkspaceConfig(first.value);
    expect(text).toContain('geography: {country: US, continent: NA}');
    const again = parseWorkspaceConfig(text, 'b.yaml');
    expect(again).toEqual(first);
  });

  it('keeps an explicit id and defaults ignore to []', () => {
    const r = parseWorkspaceConfig('name: X\nid: cust-42\nbaseline: a\nregions: [{id: a, kind: folder, path: a}]\n', 'f');
    expect(r.ok && [r.value.id, r.value.ignore]).toEqual(['cust-42', []]);
    if (r.ok) expect(serializeWorkspaceConfig(r.value)).toContain('id: cust-42');
  });

  it.each([
    ['unknown kind', GOOD.replace('kind: folder', 'kind: ftp'), 'kind: ftp', /prismatic.*folder/],
    ['baseline not a region', GOOD.replace('baseline: us', 'baseline: zz'), 'baseline: zz', /baseline "zz"/],
    ['duplicate region id', GOOD.replace('id: gov', 'id: us'), 'id: us', /used twice/],
    ['folder region without path', GOOD.replace('    path: regions/repo\n', ''), 'id: repo', /has no path/],
    ['prismatic region without url', GOOD.replace('    url: https://app.eu-west-1.prismatic.io\n', ''), 'id: eu', /has no url/],
    ['http to a public host', GOOD.replace('https://app.eu-west', 'http://app.eu-west'), 'http://app.eu-west', /https/],
    ['policy route to a missing region', GOOD.replace('region: eu }]', 'region: mars }]'), 'routes:', /"mars"/],
    ['restriction naming a missing region', GOOD.replace('regions: [gov]', 'regions: [gov2]'), 'restrictions:', /"gov2"/],
    ['policy default missing', GOOD.replace('default: us', 'default: ca'), 'default: ca', /"ca"/],
    ['misspelt key', GOOD.replace('    tenant: 0b6f', '    tennant: 0b6f'), 'tennant', /unknown setting "tennant"/],
    ['bad ignore rule', GOOD.replace('debugLogging"', '"'), 'integrations/*', /Ignore rule/],
    ['bad country code', GOOD.replace('country: GB', 'country: gbr'), 'routes:', /country/],
  ])('%s is WORKSPACE_INVALID with the file and line', (_what, text, needle, message) => {
    const e = failure(text);
    expect(e.code).toBe('WORKSPACE_INVALID');
    expect(e.file).toBe('region-sync.yaml');
    expect(e.line).toBe(lastLineOf(text, needle));
    expect(e.message).toMatch(message);
  });

  it('a duplicate YAML key is YAML_DUPLICATE_KEY at its line', () => {
    const text = `${GOOD}name: Again\n`;
    const e = failure(text);
    expect([e.code, e.file, e.line]).toEqual(['YAML_DUPLICATE_KEY', 'region-sync.yaml', lineOf(text, 'name: Again')]);
  });

  it('a file that is not a mapping is WORKSPACE_INVALID', () => {
    expect(failure('- a\n- b\n').code).toBe('WORKSPACE_INVALID');
    expect(failure('').code).toBe('WORKSPACE_INVALID');
  });
});

describe('helpers', () => {
  it('slugOf makes ids from names', () => {
    expect(slugOf('Acme Corp (demo)')).toBe('acme-corp-demo');
    expect(slugOf('Zürich Münchën GmbH')).toBe('zurich-munchen-gmbh');
    expect(slugOf('***')).toBe('workspace');
  });

  it('plain http is allowed only for loopback', () => {
    expect(prismaticUrlProblem('http://127.0.0.1:4000')).toBeUndefined();
    expect(prismaticUrlProblem('http://localhost:4000/')).toBeUndefined();
    expect(prismaticUrlProblem('http://[::1]:4000')).toBeUndefined();
    expect(prismaticUrlProblem('https://app.prismatic.io')).toBeUndefined();
    expect(prismaticUrlProblem('http://10.0.0.1')).toMatch(/https/);
    expect(prismaticUrlProblem('ftp://x')).toMatch(/https/);
    expect(prismaticUrlProblem('app.prismatic.io')).toMatch(/not a URL/);
  });
});
