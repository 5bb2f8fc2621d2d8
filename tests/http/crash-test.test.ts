// The crash-safety script (scripts/crash-test.ts) itself, on 3 tours: it builds what it needs,
// kills the real server in the middle of saves and finds no problem. The 200-tour run is not
// part of `npm test` (several minutes).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/content.js';

describe('scripts/crash-test.ts', () => {
  it('kills the server during saves 3 times and reports no problem', async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/crash-test.ts', '--tours', '3'], { cwd: REPO_ROOT, env: process.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^Test de pannes : 3 tours en \d+ s \(SIGKILL du serveur seul : 2, du serveur avec ses commandes git : 1\)$/m);
    expect(run.stdout).toMatch(/^Problèmes : 0$/m);
  }, 60_000);
});
