import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the run's one DynamoDB Local, shared by every test file's platform (each in a
    // database of its own), and removes the run's temporary directories when it ends.
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests start a platform per file: two at a time fit two cores (three were slower).
    maxWorkers: 2,
    pool: 'forks',
    testTimeout: 60_000,
    // A browser test's expect.poll waits for what the platform does asynchronously: give a loaded CI machine time.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
