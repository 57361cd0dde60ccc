import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Removes the county stacks synthesized once per run and shared by the platforms (test/support/synthesized.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests start DynamoDB Local (a JVM) per file: two at a time fit two cores.
    maxWorkers: 2,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
