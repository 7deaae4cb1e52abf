import { defineConfig } from 'vitest/config';

// npm run test:unit — the tests that need no service (no database, mail server, browser or build):
// the domain, the use cases over in-memory fakes, the lint's floors, pure renderers and triage.
export default defineConfig({
  test: {
    // A test that needs no service says so in its name: `*.unit.test.ts`.
    include: ['test/**/*.unit.test.ts'],
    testTimeout: 20_000,
    // Pure tests share nothing: one module graph per worker thread, not one process per file.
    pool: 'threads',
    isolate: false,
  },
});
