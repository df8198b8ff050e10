import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// One run covers every package. The einvoice library is resolved from its sources so tests
// never depend on a previous build.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@chorale\/einvoice$/,
        replacement: fileURLToPath(new URL('./packages/einvoice/src/index.ts', import.meta.url)),
      },
      {
        find: /^@chorale\/einvoice\/node$/,
        replacement: fileURLToPath(
          new URL('./packages/einvoice/src/node/index.ts', import.meta.url),
        ),
      },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['./scripts/test-global-setup.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a two-core machine,
    // where browser and database tests spend much of their time waiting on other processes
    // (Chromium, PostgreSQL). Two workers keep both cores busy.
    maxWorkers: 2,
  },
});
