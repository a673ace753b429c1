import { describe, expect, it } from 'vitest';
import { formatReportMarkdown, formatReportText, reportToJson } from '../../../src-main/core/diff/format';
import { MASK, maskSecrets } from '../../../src-main/core/diff/mask';
import { diffItems, diffYaml } from '../../../src-main/core/diff/semantic';
import { dumpYaml } from '../../../src-main/core/yaml/codec';
import { fixtureNames, mustParse, readFixture, serverReadBack } from './diff-fixtures.helper';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const STRIPE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

describe('maskSecrets', () => {
  it('masks by key name, by write-only input, and by shape', () => {
    expect(maskSecrets('requiredConfigVars[Gmail].inputs.clientSecret.value', 'abc')).toBe(MASK);
    expect(maskSecrets('x.inputs', { apiKey: { type: 'value', value: 'k-123' }, url: { type: 'value', value: 'https://a.b' } })).toEqual({
      apiKey: { type: 'value', value: MASK },
      url: { type: 'value', value: 'https://a.b' },
    });
    expect(maskSecrets('x.inputs.thing', { type: 'value', value: 'plain', meta: { writeOnly: true } })).toEqual({ type: 'value', value: MASK, meta: { writeOnly: true } });
    expect(maskSecrets('flows[F].steps[S].inputs.body.value', JWT)).toBe(MASK);
    expect(maskSecrets('a.b', STRIPE)).toBe(MASK);
    expect(maskSecrets('configVars[API Key].value', 'hunter2')).toBe(MASK);
    expect(maskSecrets('configVars', [{ key: 'API Key', value: 'hunter2' }])).toEqual([{ key: 'API Key', value: MASK }]);
  });

  it('leaves ordinary values, digests, empty values and set/unset markers alone', () => {
    expect(maskSecrets('flows[Refresh Token].steps[Get Token].inputs.url.value', 'https://api.example.com/token')).toBe('https://api.example.com/token');
    expect(maskSecrets('latest.signature', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3')).toBe('a94a8fe5ccb19ba61c4c0873d391e987982fbbd3');
    expect(maskSecrets('inputs.password.value', '')).toBe('');
    expect(maskSecrets('configVars[Token].secret', 'set')).toBe('set');
    expect(maskSecrets('x.tokenUrl.value', 'https://auth.example/token')).toBe('https://auth.example/token');
    expect(maskSecrets('x', 'loopOverItems.currentItem.results')).toBe('loopOverItems.currentItem.results');
  });
});

describe('report formats', () => {
  const left = { customer: 'acme', integration: 'Orders', name: 'Prod', version: 1, enabled: true, deployed: true, labels: ['<b>x</b>'], configVars: [{ key: 'Password', value: 'old-secret-value' }, { key: 'Region', value: 'us' }] };
  const right = { ...left, enabled: false, configVars: [{ key: 'Password', value: STRIPE }, { key: 'Region', value: 'eu' }] };
  const report = diffItems('instances', 'acme/Orders/Prod', left, right);
  const meta = { left: 'us', right: 'eu | <script>' };

  it('text lists each counted change with both values, secrets masked', () => {
    const text = formatReportText(report, meta);
    expect(text).toContain('3 changes');
    expect(text).toContain('~ configVars[Region].value');
    expect(text).toContain('- "us"');
    expect(text).toContain('+ "eu"');
    expect(text).not.toContain('old-secret-value');
    expect(text).not.toContain(STRIPE);
  });

  it('markdown has a summary table, both values, translations, and escapes names', () => {
    const name = fixtureNames()[1];
    const def = mustParse(readFixture(name)).value as any;
    const withTranslations = diffYaml(mustParse(readFixture(name)), mustParse(dumpYaml(serverReadBack(def))), { kind: 'integrations', name: 'x' });
    const md = formatReportMarkdown({ ...report, translations: withTranslations.translations }, meta);
    expect(md).toContain('| Changed | 3 |');
    expect(md).toContain('| **Total** | **3** |');
    expect(md).toContain('### Component versions (not drift)');
    expect(md).toContain('| LATEST | 3 | latest |');
    expect(md).toContain('**changed** `configVars[Region].value`');
    expect(md).toContain('left: `"us"`');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('old-secret-value');
    expect(md).not.toContain(STRIPE);
  });

  it('json has the documented shape, secrets masked', () => {
    const json = reportToJson(report);
    expect(Object.keys(json).sort()).toEqual(['changes', 'summary', 'translations']);
    expect(json.summary).toEqual(report.summary);
    const region = json.changes.find((c) => c.path === 'configVars[Region].value')!;
    expect(region).toEqual({ kind: 'changed', path: 'configVars[Region].value', left: 'us', right: 'eu', leftLine: expect.any(Number), rightLine: expect.any(Number) });
    const text = JSON.stringify(json);
    expect(text).not.toContain('old-secret-value');
    expect(text).not.toContain(STRIPE);
  });
});
