// The index schema. Bump INDEX_SCHEMA_VERSION whenever it or the meaning of a stored column
// changes: the index is then rebuilt from the content folder at the next start.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

export const INDEX_SCHEMA_VERSION = 7;

export async function createIndexSchema(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('cle', 'text', (c) => c.primaryKey())
    .addColumn('valeur', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sources')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('slug', 'text')
    .addColumn('mtime_ms', 'real', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('lecture', 'text', (c) => c.notNull())
    .addColumn('valide', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problemes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('donnees', 'text')
    .execute();
  await db.schema.createIndex('sources_slug').on('sources').columns(['genre', 'slug']).execute();
  // Covering index for the stat comparison of every sync: rows carry large JSON columns, and a
  // scan of the table itself reads them all (0.5 s at 50,000 fiches).
  await db.schema.createIndex('sources_stat').on('sources').columns(['path', 'genre', 'mtime_ms', 'size', 'digest', 'slug']).execute();
  await sql`CREATE INDEX sources_problemes ON sources(path) WHERE problemes != '[]'`.execute(db);
  await db.schema
    .createTable('fiches')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('titre', 'text', (c) => c.notNull())
    .addColumn('resume', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('visibilite', 'text', (c) => c.notNull())
    .addColumn('modifie', 'text')
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('empreinte', 'text', (c) => c.notNull())
    .addColumn('valeurs', 'blob', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('liens')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('fiche_id', 'integer', (c) => c.notNull().references('fiches.id').onDelete('cascade'))
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('cible', 'text', (c) => c.notNull())
    .addColumn('ligne', 'integer', (c) => c.notNull())
    .addColumn('pointeur', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('liens_cible').on('liens').column('cible').execute();
  await db.schema.createIndex('liens_fiche').on('liens').column('fiche_id').execute();
  await db.schema
    .createTable('paires')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('facette', 'text', (c) => c.notNull())
    .addColumn('valeur', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('textes')
    .addColumn('id', 'integer', (c) => c.primaryKey().references('fiches.id').onDelete('cascade'))
    .addColumn('texte', 'text', (c) => c.notNull())
    .execute();
  // Fed with text already analysed by our French analyser (stems, folded): unicode61 only
  // splits on spaces here. Contentless: the text lives in `sources`.
  await sql`CREATE VIRTUAL TABLE fiches_fts USING fts5(
    titre, resume, corps, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
}
