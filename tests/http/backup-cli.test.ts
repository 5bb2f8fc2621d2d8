// `npm run backup` and `npm run restore` as an administrator runs them: child processes on temp
// folders, French messages, exit codes 0 (done), 1 (refused or failed) and 2 (usage), never a
// stack trace. What they do is tested in backup-restore.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';
import { runScript, type ScriptRun } from '../helpers/cli.js';

const tmp = makeTempDir('forge-sauvegarde-cli-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => path.join(tmp, `${name}-${++counter}`);
const base = { titre: 'Existant', resume: 'Une fiche.', licence: 'CC-BY-SA-4.0' };

describe('the backup and restore commands', () => {
  it('npm run backup and npm run restore: French messages, exit codes 0, 1 and 2', async () => {
    const contentDir = contentWithSampleOntology({ 'outil/existant.md': fiche(base) });
    const dataDir = fresh('donnees');
    await withApp({ contentDir, dataDir }, async (app) => void (await addAccount(app, 'admin')));
    const backupDir = fresh('sauvegarde');
    const env = { CONTENT_DIR: contentDir, DATA_DIR: dataDir };

    const notABackup = fresh('vide');
    fs.mkdirSync(notABackup);
    // Three processes at once: each spends ~1 s loading TypeScript.
    const [written, usage, refused] = await Promise.all([
      cli('backup.ts', ['--sortie', backupDir], env),
      cli('backup.ts', ['--inconnue'], env),
      cli('restore.ts', [notABackup], { CONTENT_DIR: fresh('contenu'), DATA_DIR: fresh('donnees') }),
    ]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain(`Sauvegarde écrite dans ${backupDir}`);
    expect(written.stdout).toMatch(/1 fiches, commit [0-9a-f]{12} \(branche main\)/);
    expect(fs.readdirSync(backupDir).sort()).toEqual(['contenu.bundle', 'forge.sqlite', 'manifeste.json']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^option inconnue : « --inconnue »\n\nUsage :/);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`Ce dossier ne contient pas de sauvegarde complète (manifeste.json absent ou illisible). (${notABackup})\n`);
  });
});

function cli(script: string, args: string[], env: Record<string, string>): Promise<ScriptRun> {
  return runScript(script, args, { env });
}
