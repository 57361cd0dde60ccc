import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the run's one DynamoDB Local, shared by every test file's platform (each in a
    // database of its own), and removes the run's temporary directories when it ends.
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests start a platform per file and spend much of it waiting on the platform's
    // workers and the browser: three at a time keep two cores busy (two left a quarter idle).
    maxWorkers: 3,
    pool: 'forks',
    testTimeout: 60_000,
    // A browser test's expect.poll waits for what the platform does asynchronously: give a loaded CI machine time.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
