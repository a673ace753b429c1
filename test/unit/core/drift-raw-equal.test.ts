import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawEqual } from '../../../src-main/core/drift/raw-equal';
import { canonicalItem } from '../../../src-main/core/identity';
import type { CustomerRecord, InstanceRecord } from '../../../src-main/core/model';

// rawEqual is a shortcut in front of canonical hashes: it may say "not equal" too often (then the
// hashes decide), but whenever it says "equal" the canonical values must be equal too.
const text = fc.constantFrom('a', 'b', 'https://x.example.com', '', 'prod');
const configVar = fc.record(
  { key: fc.constantFrom('baseUrl', 'apiKey', 'mode'), value: fc.option(text, { nil: undefined }), secret: fc.option(fc.constantFrom('set' as const, 'unset' as const), { nil: undefined }) },
  { requiredKeys: ['key'] },
);
const instance: fc.Arbitrary<InstanceRecord> = fc.record({
  customer: fc.constantFrom('acme', 'globex'),
  integration: fc.constantFrom('Orders', 'Tickets'),
  name: fc.constantFrom('Main', 'Backup'),
  version: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
  enabled: fc.boolean(),
  deployed: fc.boolean(),
  labels: fc.array(text, { maxLength: 3 }),
  configVars: fc.array(configVar, { maxLength: 3 }),
  flowConfigs: fc.array(fc.record({ flow: fc.constantFrom('Sync', 'Import'), webhookUrl: text }), { maxLength: 2 }),
  remoteId: text,
});

/** A copy as another region would hold it: other ids, webhook URLs and version counter. */
const regionalCopy = (i: InstanceRecord): InstanceRecord => ({
  ...structuredClone(i),
  remoteId: `other-${i.remoteId}`,
  version: (i.version ?? 0) + 40,
  flowConfigs: i.flowConfigs?.map((f) => ({ ...f, webhookUrl: `${f.webhookUrl}/other` })),
});

describe('rawEqual', () => {
  it('says equal only when canonical values are equal (instances)', () => {
    fc.assert(
      fc.property(instance, instance, fc.boolean(), (a, b, copy) => {
        const other = copy ? regionalCopy(a) : b;
        if (rawEqual('instances', a, other)) expect(canonicalItem('instances', a, []).hash).toBe(canonicalItem('instances', other, []).hash);
      }),
      { numRuns: 400 },
    );
  });

  it('sees through region ids, webhook URLs and instance version counters, nothing else', () => {
    fc.assert(
      fc.property(instance, (a) => {
        expect(rawEqual('instances', a, regionalCopy(a))).toBe(true);
        expect(rawEqual('instances', a, { ...a, enabled: !a.enabled })).toBe(false);
        expect(rawEqual('instances', a, { ...a, labels: [...a.labels, 'new'] })).toBe(false);
      }),
    );
    const c: CustomerRecord = { externalId: 'acme', name: 'Acme', country: 'US', remoteId: '1' };
    expect(rawEqual('customers', c, { ...c, remoteId: '2' })).toBe(true);
    expect(rawEqual('customers', c, { ...c, country: 'CA' })).toBe(false);
    // `version` is a counter only at the top of an instance.
    expect(rawEqual('customers', { ...c, version: 1 } as CustomerRecord, { ...c, version: 2 } as CustomerRecord)).toBe(false);
  });
});
