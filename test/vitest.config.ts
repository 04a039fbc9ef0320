import { defineConfig } from 'vitest/config';

// Files that replace a module (vi.mock) or spy on the process's own streams run each in a fresh module graph; the
// rest share one per worker. Runs keep no state between them (src/session/io.ts), so reloading mx-iav's two hundred
// modules for every file bought nothing, and it was most of the suite's CPU.
const ISOLATED = ['test/ui/progress.test.ts', 'test/ui/inquirer-prompter.test.ts', 'test/cli/in-process.test.ts'];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests spawn the CLI and servers; two cores cannot take much more than this at once.
    maxWorkers: 3,
    projects: [
      // Each project names all its files: a project extending this config would add its lists to ones set here.
      { extends: true, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: ['test/contract/**', 'node_modules/**', ...ISOLATED] } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
