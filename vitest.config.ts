import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PDF rendering and text extraction are CPU-heavy; two cores on CI.
    testTimeout: 60_000,
    pool: 'forks',
    // dist/ built first when stale (the CLI processes and the render threads run it); then one throwaway PostgreSQL
    // for the whole run (the e-submission suite runs on SQLite and PostgreSQL alike).
    globalSetup: ['test/support/build-setup.ts', 'test/submissions/pg-setup.ts'],
  },
});
