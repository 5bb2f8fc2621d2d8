// The crash-safety script (scripts/crash-test.ts) itself, on 3 tours: it builds what it needs,
// kills the real server in the middle of saves and finds no problem. The 200-tour run is not
// part of `npm test` (several minutes).
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/cli.js';

describe('scripts/crash-test.ts', () => {
  it('kills the server during saves 3 times and reports no problem', async () => {
    const run = await runScript('crash-test.ts', ['--tours', '3']);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^Test de pannes : 3 tours en \d+ s \(SIGKILL du serveur seul : 2, du serveur avec ses commandes git : 1\)$/m);
    expect(run.stdout).toMatch(/^Problèmes : 0$/m);
  }, 60_000);
});
