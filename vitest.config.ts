import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single file at a time on our two
    // cores, while most long files wait on child processes (Chromium, git, the server).
    // Measured here: 294 s for 48 files with one worker, 258 s for 53 files with two.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'suite', include: ['tests/**/*.test.ts'], exclude: ['tests/abuse/**'], sequence: { groupOrder: 0 } } },
      // The abuse suite asserts answer times (1 s per hostile input) and runs a 30 s load:
      // after everything else, one file at a time, so that no other test shares the cores.
      { extends: true, test: { name: 'abus', include: ['tests/abuse/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
