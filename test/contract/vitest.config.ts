import { defineConfig } from 'vitest/config';

// Runs the contract suite alone (the main config excludes test/contract/**): it validates recordings, so the lead's
// runner starts it last, with MX_IAV_CONTRACT_RECORD_DIR pointing at what the rest of the suite recorded.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/contract/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
