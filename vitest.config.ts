import { defineConfig } from 'vitest/config';

// One runner for unit, integration and e2e. Integration and e2e spawn processes and browsers, so
// they get longer timeouts; files run in parallel up to the machine's two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
