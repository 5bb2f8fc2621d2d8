// The forge schema, as an ordered list of migrations. The database's `PRAGMA user_version` is
// the number of migrations applied; each runs in its own IMMEDIATE transaction together with
// the version bump, so a crash leaves the database at a whole version. Never edit or reorder a
// published migration: append a new one.
import { sql, type Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { ForgeDatabase } from './database.js';
import { ForgeDbError } from './forge-db-error.js';
import { inImmediateTransaction } from './transaction.js';

export interface Migration {
  description: string;
  /** Runs inside the migration's transaction. The database is untyped here on purpose: a
   * migration sees the schema as it was when it was written, not as ForgeDatabase says now.
   * `PRAGMA foreign_keys` cannot change inside a transaction: a table rebuild must keep
   * references valid by itself. */
  up(trx: Kysely<any>): Promise<void>;
}

/** A migration made of SQL statements run in order. */
function statements(description: string, list: readonly string[]): Migration {
  return {
    description,
    async up(trx) {
      for (const statement of list) await sql.raw(statement).execute(trx);
    },
  };
}

export const FORGE_MIGRATIONS: readonly Migration[] = [
  statements('comptes, jetons, propositions, commentaires, accès privés', [
    `CREATE TABLE comptes (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE CHECK (email = lower(trim(email)) AND email <> ''),
      nom TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('contributeur', 'editeur', 'admin')),
      mot_de_passe TEXT NOT NULL,
      cree_le TEXT NOT NULL,
      actif INTEGER NOT NULL DEFAULT 1 CHECK (actif IN (0, 1)),
      confiance INTEGER NOT NULL DEFAULT 0 CHECK (confiance IN (0, 1))
    ) STRICT`,
    `CREATE TABLE jetons (
      id INTEGER PRIMARY KEY,
      compte_id INTEGER NOT NULL REFERENCES comptes(id) ON DELETE CASCADE,
      libelle TEXT NOT NULL,
      empreinte TEXT NOT NULL UNIQUE,
      cree_le TEXT NOT NULL,
      dernier_usage TEXT,
      revoque_le TEXT
    ) STRICT`,
    `CREATE INDEX jetons_compte ON jetons(compte_id)`,
    // Authors and deciders are not cascaded: an account that took part in reviews is
    // deactivated, never deleted, so the history keeps its names.
    `CREATE TABLE propositions (
      id INTEGER PRIMARY KEY,
      slug TEXT NOT NULL,
      type TEXT NOT NULL,
      base_revision TEXT,
      auteur_id INTEGER NOT NULL REFERENCES comptes(id),
      message TEXT NOT NULL,
      contenu TEXT NOT NULL,
      statut TEXT NOT NULL DEFAULT 'en_attente' CHECK (statut IN ('en_attente', 'a_modifier', 'acceptee', 'rejetee')),
      motif TEXT,
      cree_le TEXT NOT NULL,
      decide_par INTEGER REFERENCES comptes(id),
      decide_le TEXT,
      revision_resultat TEXT
    ) STRICT`,
    `CREATE INDEX propositions_statut ON propositions(statut, cree_le)`,
    `CREATE INDEX propositions_slug ON propositions(slug)`,
    `CREATE INDEX propositions_auteur ON propositions(auteur_id)`,
    `CREATE TABLE commentaires (
      id INTEGER PRIMARY KEY,
      proposition_id INTEGER NOT NULL REFERENCES propositions(id) ON DELETE CASCADE,
      auteur_id INTEGER NOT NULL REFERENCES comptes(id),
      texte TEXT NOT NULL,
      cree_le TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX commentaires_proposition ON commentaires(proposition_id)`,
    `CREATE TABLE acces_prives (
      slug TEXT NOT NULL,
      compte_id INTEGER NOT NULL REFERENCES comptes(id) ON DELETE CASCADE,
      accorde_par INTEGER NOT NULL REFERENCES comptes(id),
      PRIMARY KEY (slug, compte_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX acces_prives_compte ON acces_prives(compte_id)`,
  ]),
  statements('fiches supprimées par la forge (réponse 410)', [
    `CREATE TABLE suppressions (
      slug TEXT PRIMARY KEY,
      chemin TEXT NOT NULL,
      commit_git TEXT NOT NULL,
      supprime_par INTEGER NOT NULL REFERENCES comptes(id),
      supprime_le TEXT NOT NULL
    ) STRICT`,
  ]),
];

/**
 * Brings the database up to the last migration and returns the version it was at. Each step
 * reads the version again under the write lock: another process (the admin command, a second
 * server) may be migrating the same file at the same moment.
 */
export async function migrateForgeDb(
  forgeDb: { db: Kysely<ForgeDatabase>; sqlite: SqliteDatabase.Database },
  migrations: readonly Migration[] = FORGE_MIGRATIONS,
): Promise<number> {
  const initial = readVersion(forgeDb.sqlite);
  refuseNewer(initial, migrations.length);
  // Up to date (every open but the first): no need to take the write lock.
  if (initial === migrations.length) return initial;
  for (;;) {
    const applied = await inImmediateTransaction(forgeDb, async (trx) => {
      const version = readVersion(forgeDb.sqlite);
      refuseNewer(version, migrations.length);
      const next = migrations[version];
      if (!next) return false;
      await next.up(trx);
      writeVersion(forgeDb.sqlite, version + 1);
      return true;
    });
    if (!applied) return initial;
  }
}

export function readVersion(sqlite: SqliteDatabase.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

function writeVersion(sqlite: SqliteDatabase.Database, version: number): void {
  // PRAGMA takes no bound parameter; the value is an integer computed here, never input.
  if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`user_version ${version}`);
  sqlite.pragma(`user_version = ${version}`);
}

function refuseNewer(version: number, known: number): void {
  if (version > known) {
    throw new ForgeDbError(
      `La base de la forge est au schéma n° ${version}, plus récent que celui de ce code (n° ${known}) : ` +
        'mettez le code à jour. La base n’a pas été modifiée.',
    );
  }
}
