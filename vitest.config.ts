import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single file at a time on our two
    // cores, while most long files wait on child processes (Chromium, git, the server).
    // Measured here: 294 s for 48 files with one worker, 258 s for 53 files with two.
    maxWorkers: 2,
  },
});
