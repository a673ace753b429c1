/**
 * Drift matrix at the design bar: 4 regions × 2,000 integrations × 20,000 instances ≤ 1 s and
 * ≤ 400 MB (design.md "Bars").
 *
 *   node --expose-gc --import tsx bench/drift.bench.ts
 *
 * Synthetic snapshots: one baseline region and three copies (separate objects, as separate pulls
 * would give) with a few hundred real differences, some component-version-only differences (not
 * drift), missing/extra/pinned instances and misplaced customers. Reports the first (cold-cache)
 * call, a repeated call, heap and RSS. A second scenario re-numbers component versions in every
 * integration of one region, so every one of its 2,000 definitions has to be parsed.
 */
import { dump } from 'js-yaml';
import { computeDrift } from '../src-main/core/drift/matrix';
import type { ComponentRecord, CustomerRecord, InstanceRecord, IntegrationRecord, RegionConfig, ResidencyPolicy, Snapshot } from '../src-main/core/model';
import { machineFactor, seededRandom } from './align.bench';
import { emitBars } from './bars';

const COUNTRIES = ['US', 'US', 'US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'JP'];
const COMPONENTS = ['http', 'code', 'slack', 'salesforce', 'hubspot', 'sftp', 'postgres', 'jira', 'zendesk', 'stripe'];

function definition(i: number, componentVersion: (key: string) => number, tweak = ''): string {
  const rnd = seededRandom(1000 + i);
  const flows = Array.from({ length: 2 + (i % 3) }, (_, f) => ({
    name: `Flow ${f}`,
    description: `Flow ${f} of integration ${i}`,
    isSynchronous: false,
    retryConfig: { maxAttempts: 3, delayMinutes: 5, usesExponentialBackoff: true },
    steps: Array.from({ length: 3 + (f % 2) }, (_, s) => {
      const key = COMPONENTS[Math.floor(rnd() * COMPONENTS.length)];
      return {
        name: `Step ${s}`,
        description: `Calls ${key}`,
        action: { component: { key, version: componentVersion(key), isPublic: true }, key: s === 0 ? 'webhook' : 'httpRequest' },
        ...(s === 0 ? { isTrigger: true } : {}),
        inputs: {
          url: { type: 'value', value: `https://api.example.com/${i}/${f}/${s}${s === 1 && f === 0 ? tweak : ''}` },
          method: { type: 'value', value: 'POST' },
          data: { type: 'reference', value: `step${s}.results` },
        },
      };
    }),
  }));
  return dump(
    {
      definitionVersion: 7,
      name: `Integration ${i}`,
      description: `Synthetic integration ${i}`,
      requiredConfigVars: [
        { key: 'apiKey', dataType: 'string', description: 'API key' },
        { key: 'baseUrl', dataType: 'string', description: 'Base URL' },
      ],
      flows,
    },
    { lineWidth: -1 },
  );
}

interface Scenario {
  regions: RegionConfig[];
  snapshots: Record<string, Snapshot>;
  policy: ResidencyPolicy;
}

export function buildScenario(opts: { integrations: number; instances: number; renumberAll?: boolean }): Scenario {
  const nInt = opts.integrations;
  const nCust = Math.max(1, Math.floor(opts.instances / 10));
  const now = new Date('2026-11-22T10:00:00Z').toISOString();
  const components: ComponentRecord[] = COMPONENTS.map((key, k) => ({
    key,
    isPublic: true,
    versions: Array.from({ length: 3 }, (_, v) => ({ number: 10 * k + v + 1, signature: `sig-${key}-${v}`, actions: [{ key: 'httpRequest', inputs: [{ key: 'url' }] }], triggers: [], dataSources: [], connections: [] })),
  }));
  const integrations: IntegrationRecord[] = Array.from({ length: nInt }, (_, i) => ({
    name: `Integration ${i}`,
    yaml: definition(i, () => 1),
    versions: [{ number: 1 }, { number: 2 }, { number: 3 }],
  }));
  const customers: CustomerRecord[] = Array.from({ length: nCust }, (_, c) => ({ externalId: `cust-${c}`, name: `Customer ${c}`, country: COUNTRIES[c % COUNTRIES.length], labels: ['tier-1'] }));
  const instances: InstanceRecord[] = Array.from({ length: opts.instances }, (_, n) => ({
    customer: `cust-${n % nCust}`,
    integration: `Integration ${n % nInt}`,
    name: `Instance ${Math.floor(n / nCust)}`,
    version: 3,
    enabled: true,
    deployed: true,
    labels: ['prod'],
    configVars: [
      { key: 'baseUrl', value: `https://c${n % nCust}.example.com` },
      { key: 'apiKey', secret: 'set', kind: 'connection' },
    ],
    flowConfigs: [{ flow: 'Flow 0', webhookUrl: `https://hooks.example.com/${n}` }],
  }));
  const base: Snapshot = { regionId: 'us', capturedAt: now, source: { kind: 'folder' }, components, integrations, customers, instances };

  const copy = (regionId: string): Snapshot => ({ ...structuredClone(base), regionId });
  const gov = copy('gov');
  const eu = copy('eu');
  const au = copy('au');
  // eu: 150 integrations really changed, 20 customers renamed, components one version further on.
  for (let i = 0; i < Math.min(150, nInt); i++) eu.integrations[i * 7 % nInt].yaml = definition(i * 7 % nInt, () => 1, '-eu');
  for (let c = 0; c < Math.min(20, nCust); c++) eu.customers[c].name = `Kunde ${c}`;
  for (const component of eu.components) component.versions = component.versions.map((v) => ({ ...v, number: v.number + 40 }));
  // au: 100 integrations whose only difference is component version numbers (not drift), 50 real.
  for (let i = 0; i < Math.min(opts.renumberAll ? nInt : 100, nInt); i++) au.integrations[i].yaml = definition(i, (key) => 40 + key.length);
  for (let i = 0; i < Math.min(50, nInt); i++) au.integrations[nInt - 1 - i].yaml = definition(nInt - 1 - i, () => 1, '-au');
  // gov: 200 instances with a changed value, 100 missing, 50 extra, 100 pinned behind.
  for (let n = 0; n < Math.min(200, opts.instances); n++) gov.instances[n * 13 % opts.instances].configVars[0].value = 'https://gov.example.com';
  for (let n = 0; n < Math.min(100, opts.instances); n++) gov.instances[n * 17 % opts.instances + 0].version = 2;
  gov.instances = gov.instances.filter((_, n) => n % 200 !== 199);
  for (let n = 0; n < 50; n++) gov.instances.push({ ...structuredClone(base.instances[n]), name: `Gov only ${n}` });

  const regions: RegionConfig[] = [
    { id: 'us', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
    { id: 'gov', kind: 'folder', geography: { country: 'US', continent: 'NA' } },
    { id: 'eu', kind: 'folder', geography: { continent: 'EU' } },
    { id: 'au', kind: 'folder', geography: { country: 'AU', continent: 'OC' } },
  ];
  const policy: ResidencyPolicy = {
    default: 'us',
    routes: [{ continent: 'EU', region: 'eu' }],
    restrictions: [{ customers: { country: ['DE', 'FR'] }, regions: ['eu'] }, { regions: ['gov'], keep: true }],
  };
  return { regions, snapshots: { us: base, gov, eu, au }, policy };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

let factor = 1;

function run(label: string, scenario: Scenario): { cold: number; coldCpu: number; rss: number } {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const input = { regions: scenario.regions, snapshots: scenario.snapshots, baseline: 'us', ignore: [], now: new Date('2026-11-22T10:05:00Z'), policy: scenario.policy };
  let t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const matrix = computeDrift(input);
  const cold = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const coldCpu = (cpu.user + cpu.system) / 1000;
  const heapAfter = process.memoryUsage().heapUsed;
  t0 = performance.now();
  computeDrift(input);
  const warm = performance.now() - t0;
  const c = matrix.counts;
  const misplaced = matrix.rows.filter((r) => r.misplaced).length;
  console.log(
    `${label}: cold ${cold.toFixed(0)} ms (cpu ${coldCpu.toFixed(0)} ms; ≈ ${(cold / factor).toFixed(0)} ms on the standard machine), repeat ${warm.toFixed(0)} ms; heap before ${mb(heapBefore)}, after ${mb(heapAfter)}, rss ${mb(process.memoryUsage().rss)}; ` +
      `rows ${matrix.rows.length} (drifted: components ${c.components.drifted}/${c.components.total}, integrations ${c.integrations.drifted}/${c.integrations.total}, ` +
      `customers ${c.customers.drifted}/${c.customers.total}, instances ${c.instances.drifted}/${c.instances.total}; misplaced ${misplaced})`,
  );
  return { cold, coldCpu, rss: process.resourceUsage().maxRSS * 1024 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  factor = machineFactor();
  if (!gc) console.log('(run with node --expose-gc --import tsx for steadier heap figures)');
  const main = run('4 regions × 2,000 integrations × 20,000 instances', buildScenario({ integrations: 2000, instances: 20000 }));
  const peak = main.rss;
  const all = run('same, every au definition re-numbered', buildScenario({ integrations: 2000, instances: 20000, renumberAll: true }));
  const cpu = (ms: number) => `cpu ${ms.toFixed(0)} ms`;
  emitBars([
    { bar: 'drift 4 × 2,000 × 20,000: first call ≤ 1 s', measured: `${main.cold.toFixed(0)} ms (${cpu(main.coldCpu)})`, ratio: `${(main.cold / 1000).toFixed(2)}× of limit`, pass: main.cold <= 1000 },
    { bar: 'drift 4 × 2,000 × 20,000: memory ≤ 400 MB', measured: `peak RSS ${mb(peak)} (whole process)`, ratio: `${(peak / (400 * 1024 * 1024)).toFixed(2)}× of limit`, pass: peak <= 400 * 1024 * 1024 },
    { bar: '(extra) drift, every au definition re-numbered', measured: `${all.cold.toFixed(0)} ms (${cpu(all.coldCpu)}), peak RSS ${mb(all.rss)}`, ratio: `${(all.cold / 1000).toFixed(2)}× of 1 s`, pass: undefined },
  ]);
}
