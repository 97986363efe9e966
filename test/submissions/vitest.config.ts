/**
 * Runs only the e-submission suite, with its PostgreSQL started once for the run (pg-setup.ts):
 *   npx vitest run -c test/submissions/vitest.config.ts
 * The root vitest.config.ts should carry the same `globalSetup` entry so `npm test` shares one cluster too.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/submissions/**/*.test.ts'],
    globalSetup: ['test/submissions/pg-setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
