import { defineConfig } from 'vitest/config';

/**
 * Browser tests (`npm run e2e -w web`): Playwright (playwright-core) drives the system's Chromium against the
 * real server, started once by e2e/global-setup.ts on a free port with a fresh embedded database.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    // Two files at a time: each runs its own Chromium beside the one server process.
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
