// The forge database (DATA_DIR/forge.sqlite): migrations tracked by user_version, WAL, a
// database newer than the code refused and left untouched, and writers in two processes that
// both succeed (IMMEDIATE transactions + busy timeout).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { forgeDbPath, inImmediateTransaction, openForgeDb } from '../../server/forge-db/connect.js';
import { ForgeDbError } from '../../server/forge-db/forge-db-error.js';
import { FORGE_MIGRATIONS, migrateForgeDb, readVersion, type Migration } from '../../server/forge-db/migrations.js';
import { REPO_ROOT, makeTempDir } from '../helpers/content.js';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempFile(): string {
  const dir = makeTempDir('forge-db-');
  temp.push(dir);
  return forgeDbPath(path.join(dir, 'data', 'sous-dossier'));
}

const account = (email: string) => ({ email, nom: 'Ana', role: 'admin' as const, mot_de_passe: 'x', cree_le: '2024-01-01T00:00:00.000Z' });

describe('openForgeDb', () => {
  it('creates the folder and the schema, in WAL mode with a busy timeout, foreign keys and FULL sync', async () => {
    const file = tempFile();
    const forgeDb = await openForgeDb(file);
    try {
      expect(path.basename(file)).toBe('forge.sqlite');
      expect(fs.existsSync(file)).toBe(true);
      expect(readVersion(forgeDb.sqlite)).toBe(FORGE_MIGRATIONS.length);
      expect(forgeDb.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(forgeDb.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(forgeDb.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(forgeDb.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      const tables = forgeDb.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['acces_prives', 'commentaires', 'comptes', 'jetons', 'propositions', 'suppressions']);
    } finally {
      await forgeDb.close();
    }
  });

  it('keeps the data when reopened, and applies each migration once', async () => {
    const file = tempFile();
    const first = await openForgeDb(file);
    await first.db.insertInto('comptes').values(account('ana@exemple.fr')).execute();
    let runs = 0;
    const extra: Migration = {
      description: 'test',
      async up(trx) {
        runs += 1;
        await sql`CREATE TABLE essai (x INTEGER) STRICT`.execute(trx);
      },
    };
    expect(await migrateForgeDb(first, [...FORGE_MIGRATIONS, extra])).toBe(FORGE_MIGRATIONS.length);
    expect(await migrateForgeDb(first, [...FORGE_MIGRATIONS, extra])).toBe(FORGE_MIGRATIONS.length + 1);
    expect(runs).toBe(1);
    await first.close();

    // The code of this version knows fewer migrations than the file has: refused, untouched.
    await expect(openForgeDb(file)).rejects.toThrow(ForgeDbError);
    const raw = new SqliteDatabase(file);
    expect(readVersion(raw)).toBe(FORGE_MIGRATIONS.length + 1);
    raw.pragma(`user_version = ${FORGE_MIGRATIONS.length}`);
    raw.close();

    const second = await openForgeDb(file);
    expect(await second.db.selectFrom('comptes').select('email').execute()).toEqual([{ email: 'ana@exemple.fr' }]);
    expect(readVersion(second.sqlite)).toBe(FORGE_MIGRATIONS.length);
    await second.close();
  });

  it('rolls a failing migration back whole: neither its tables nor the new version remain', async () => {
    const forgeDb = await openForgeDb(tempFile());
    const failing: Migration = {
      description: 'échoue à mi-chemin',
      async up(trx) {
        await sql`CREATE TABLE moitie (x INTEGER) STRICT`.execute(trx);
        throw new Error('panne');
      },
    };
    await expect(migrateForgeDb(forgeDb, [...FORGE_MIGRATIONS, failing])).rejects.toThrow('panne');
    expect(readVersion(forgeDb.sqlite)).toBe(FORGE_MIGRATIONS.length);
    expect(forgeDb.sqlite.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'moitie'").pluck().get()).toBe(0);
    await forgeDb.close();
  });

  it('refuses a database newer than the code with a French message, and drops nothing', async () => {
    const file = tempFile();
    const forgeDb = await openForgeDb(file);
    await forgeDb.db.insertInto('comptes').values(account('ana@exemple.fr')).execute();
    forgeDb.sqlite.pragma(`user_version = ${FORGE_MIGRATIONS.length + 5}`);
    await forgeDb.close();

    const refusal = openForgeDb(file);
    await expect(refusal).rejects.toThrow(ForgeDbError);
    await expect(refusal).rejects.toThrow(/plus récent que celui de ce code .*La base n’a pas été modifiée/);
    const raw = new SqliteDatabase(file, { readonly: true });
    expect(readVersion(raw)).toBe(FORGE_MIGRATIONS.length + 5);
    expect(raw.prepare('SELECT email FROM comptes').pluck().all()).toEqual(['ana@exemple.fr']);
    raw.close();
  });

  it('refuses a file that is not a database, and leaves it as it was', async () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const garbage = 'pas une base SQLite\n'.repeat(300);
    fs.writeFileSync(file, garbage);
    await expect(openForgeDb(file)).rejects.toThrow(/n’est pas une base SQLite lisible/);
    expect(fs.readFileSync(file, 'utf8')).toBe(garbage);
  });

  it('enforces the schema: roles, statuses, cascades', async () => {
    const forgeDb = await openForgeDb(tempFile());
    const insert = (values: ReturnType<typeof account>) => forgeDb.db.insertInto('comptes').values(values).execute();
    await expect(insert({ ...account('a@exemple.fr'), role: 'chef' as 'admin' })).rejects.toThrow(/CHECK/);
    await expect(insert(account('Majuscule@exemple.fr'))).rejects.toThrow(/CHECK/);
    await insert(account('a@exemple.fr'));
    await expect(insert(account('a@exemple.fr'))).rejects.toThrow(/UNIQUE/);
    const { id } = await forgeDb.db.selectFrom('comptes').select('id').executeTakeFirstOrThrow();
    await forgeDb.db.insertInto('jetons').values({ compte_id: id, libelle: 'l', empreinte: 'e', cree_le: 'now' }).execute();
    await forgeDb.db.insertInto('acces_prives').values({ slug: 's', compte_id: id, accorde_par: id }).execute();
    await expect(
      forgeDb.db.insertInto('jetons').values({ compte_id: 999, libelle: 'l', empreinte: 'f', cree_le: 'now' }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      forgeDb.db
        .insertInto('propositions')
        .values({ slug: 's', type: 'outil', base_revision: null, auteur_id: id, message: 'm', contenu: 'c', statut: 'perdue' as 'acceptee', cree_le: 'now' })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await forgeDb.db.updateTable('acces_prives').set({ accorde_par: id }).execute();
    await forgeDb.db.deleteFrom('acces_prives').execute();
    await forgeDb.db.deleteFrom('comptes').where('id', '=', id).execute();
    expect(await forgeDb.db.selectFrom('jetons').selectAll().execute()).toEqual([]);
    await forgeDb.close();
  });
});

describe('inImmediateTransaction', () => {
  it('rolls back on error, serialises callers of one connection, and refuses a nested call', async () => {
    const forgeDb = await openForgeDb(tempFile());
    await expect(
      inImmediateTransaction(forgeDb, async (trx) => {
        await trx.insertInto('comptes').values(account('annule@exemple.fr')).execute();
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await forgeDb.db.selectFrom('comptes').selectAll().execute()).toEqual([]);

    const order: string[] = [];
    const step = (label: string) =>
      inImmediateTransaction(forgeDb, async () => {
        order.push(`${label} début`);
        await sleep(5);
        order.push(`${label} fin`);
      });
    await Promise.all([step('a'), step('b')]);
    expect(order).toEqual(['a début', 'a fin', 'b début', 'b fin']);

    await expect(inImmediateTransaction(forgeDb, () => inImmediateTransaction(forgeDb, async () => 1))).rejects.toThrow(/imbriquée/);
    expect(forgeDb.sqlite.inTransaction).toBe(false);
    await forgeDb.close();
  });

  it('lets two processes that read then write on a new file both succeed, one after the other', async () => {
    const file = tempFile();
    const perWriter = 25;
    const writers = ['a', 'b'].map((label) =>
      spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tests', 'helpers', 'forge-writer.ts'), file, label, String(perWriter)], {
        cwd: REPO_ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    const exits = writers.map((child) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    });
    // Both have opened (and migrated) the file before either writes: then they start together.
    await Promise.all(writers.map((child) => new Promise((resolve) => child.stdout.once('data', resolve))));
    for (const child of writers) child.stdin.end('go\n');
    expect(await Promise.all(exits)).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);

    const raw = new SqliteDatabase(file, { readonly: true });
    const noms = raw.prepare('SELECT nom FROM comptes').pluck().all() as string[];
    raw.close();
    // Every transaction saw the rows of all those before it: no two read the same count.
    expect(noms.sort()).toEqual(Array.from({ length: 2 * perWriter }, (_, i) => `n${i}`).sort());
  }, 20_000);
});
