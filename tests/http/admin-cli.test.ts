// `npm run admin` (scripts/admin.ts) as an administrator runs it: a child process on a temp
// DATA_DIR, the password on standard input, French messages, exit 0 / 1 (refused) / 2 (usage),
// and a token on the last line of stdout that the server then accepts. It runs with the
// default scrypt cost (the command has no other), ~0.4 s per account.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticate, createAccount, listAccounts } from '../../server/accounts/accounts.js';
import { findAccountByToken } from '../../server/accounts/tokens.js';
import { forgeDbPath, inImmediateTransaction, openForgeDb } from '../../server/forge-db/connect.js';
import { makeTempDir } from '../helpers/content.js';
import { runScript, type ScriptRun } from '../helpers/cli.js';

const PASSWORD = 'un mot de passe solide';

function admin(dataDir: string, args: string[], stdin = ''): Promise<ScriptRun> {
  return runScript('admin.ts', args, { env: { DATA_DIR: dataDir }, stdin });
}

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function dataDir(): string {
  const dir = makeTempDir('forge-admin-');
  temp.push(dir);
  return path.join(dir, 'data');
}

const ajouter = (email: string) => ['ajouter', '--email', email, '--nom', 'Ana Bertin', '--role', 'editeur'];

function expectNoStackTrace(run: ScriptRun): void {
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

describe('npm run admin', () => {
  it('creates an account while the server holds the write lock, then a token that the server accepts', async () => {
    const data = dataDir();
    const server = await openForgeDb(forgeDbPath(data));
    try {
      // The command loads and hashes (1.5–2.5 s here), then waits on its busy timeout (5 s)
      // until this transaction ends. (Returned in an object: returning the promise itself
      // would make the transaction wait for the command.)
      const { pending } = await inImmediateTransaction(server, async () => {
        const pending = admin(data, ajouter(' Ana@Exemple.fr'), `${PASSWORD}\nligne ignorée\n`);
        await sleep(3000);
        return { pending };
      });
      expect(await pending).toEqual({ code: 0, stdout: 'Compte créé : « Ana Bertin » <ana@exemple.fr>, rôle editeur (n° 1).\n', stderr: '' });

      const issued = await admin(data, ['jeton', '--email', 'ana@exemple.fr', '--libelle', 'Mon script']);
      expect(issued.code).toBe(0);
      expect(issued.stderr).toBe('');
      const lines = issued.stdout.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(0, -1).join('\n')).toMatch(/Jeton n° 1 créé pour <ana@exemple\.fr>[\s\S]*licence/);
      const token = lines.at(-1) ?? '';
      expect(token).toMatch(/^fac_[A-Za-z0-9_-]{43}$/);

      const account = await findAccountByToken(server, token);
      expect(account).toMatchObject({ email: 'ana@exemple.fr', nom: 'Ana Bertin', role: 'editeur', actif: true });
      expect(await authenticate(server, 'ana@exemple.fr', PASSWORD)).toEqual(account);
    } finally {
      await server.close();
    }
  });

  it('exits 2 with a French message on a usage error, before touching DATA_DIR', async () => {
    const data = dataDir();
    const runs = await Promise.all([
      admin(data, ['ajouter', '--nom', 'Ana', '--role', 'editeur'], `${PASSWORD}\n`),
      admin(data, ['supprimer', '--email', 'ana@exemple.fr']),
      admin(data, ['jeton', '--email', 'ana@exemple.fr', '--libelle', 'l', '--mot-de-passe', 'secret']),
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2]);
    expect(runs.map((run) => run.stderr.split('\n')[0])).toEqual([
      'option manquante : --email',
      'commande inconnue : « supprimer » (ajouter ou jeton)',
      'option inconnue : « --mot-de-passe »',
    ]);
    for (const run of runs) {
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Usage :');
      expectNoStackTrace(run);
    }
    expect(fs.existsSync(data)).toBe(false);
  });

  it('exits 1 with a French message on a refused value, creating nothing', async () => {
    const data = dataDir();
    const forgeDb = await openForgeDb(forgeDbPath(data));
    try {
      await createAccount(forgeDb, { email: 'ana@exemple.fr', nom: 'Ana', role: 'admin', password: PASSWORD }, { cost: { N: 2 ** 10, r: 8, p: 1 } });
      const runs = await Promise.all([
        admin(data, ajouter('ANA@exemple.fr'), `${PASSWORD}\n`),
        admin(data, ajouter('bob@exemple.fr'), 'court\n'),
        admin(data, ['jeton', '--email', 'inconnu@exemple.fr', '--libelle', 'l']),
      ]);
      expect(runs).toEqual([
        { code: 1, stdout: '', stderr: 'Un compte existe déjà avec cette adresse e-mail.\n' },
        { code: 1, stdout: '', stderr: 'Le mot de passe doit compter au moins 10 caractères.\n' },
        { code: 1, stdout: '', stderr: 'Aucun compte n’a l’adresse « inconnu@exemple.fr ».\n' },
      ]);
      expect((await listAccounts(forgeDb)).map((account) => account.email)).toEqual(['ana@exemple.fr']);
      expect(forgeDb.sqlite.prepare('SELECT count(*) FROM jetons').pluck().get()).toBe(0);
    } finally {
      await forgeDb.close();
    }
  });
});
