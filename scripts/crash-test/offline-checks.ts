// What must hold right after the kill, before anything restarts: every fiche file parses (not
// empty, front matter closed), every acknowledged save is on disk and committed, git's objects
// and refs are intact, and both SQLite files pass their integrity check.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { isIntact } from '../../server/backup/forge-db-file.js';
import { FICHE_TYPES } from '../../server/content/paths.js';
import { TEMP_SUFFIX } from '../../server/content/write-atomic.js';
import { readFiche } from '../../server/content/read-fiche.js';
import type { ForgeDatabase } from '../../server/forge-db/database.js';
import { revisionOfText } from '../../server/forge/current-fiche.js';
import { GitCommandFailure, createGitRunner } from '../../server/git/git-runner.js';
import type { BurstState } from './burst.js';

/** Fiche files as `type/slug.md` → text. */
export function readFicheFiles(contentDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const type of FICHE_TYPES) {
    for (const name of fs.readdirSync(path.join(contentDir, type))) {
      if (name.endsWith('.md')) files.set(`${type}/${name}`, fs.readFileSync(path.join(contentDir, type, name), 'utf8'));
    }
  }
  return files;
}

/** Files whose front matter does not split (already so in the sample content: not a crash). */
export function unreadableFiches(files: Map<string, string>): string[] {
  return [...files].filter(([, text]) => text.trim() === '' || readFiche(text).problems.length > 0).map(([relPath]) => relPath);
}

export async function checkAfterKill(contentDir: string, dataDir: string, state: BurstState, knownUnreadable: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  const files = readFicheFiles(contentDir);
  for (const relPath of unreadableFiches(files)) if (!knownUnreadable.has(relPath)) problems.push(`fiche vide ou tronquée : ${relPath}`);

  const revisions = new Map([...files].map(([relPath, text]) => [path.basename(relPath, '.md'), revisionOfText(text)]));
  for (const [slug, revision] of state.expected) {
    if (state.inFlight.has(slug)) continue;
    const found = revisions.get(slug);
    if (found !== revision) problems.push(`sauvegarde acquittée perdue : ${slug} (attendu ${revision}, trouvé ${found ?? 'aucun fichier'})`);
  }

  // fsck and status run at the same time (two git processes).
  const git = createGitRunner(contentDir);
  const [fsck, dirty] = await Promise.all([
    git.run(['fsck', '--no-dangling', '--no-progress']).then(
      () => null,
      (error: unknown) => (error instanceof GitCommandFailure ? error.stderr.trim().split('\n').slice(0, 3).join(' | ') : String(error)),
    ),
    // Temp files of an interrupted write are left out: the next start sweeps them (checked after it).
    uncommittedFiches(contentDir),
  ]);
  if (fsck !== null) problems.push(`git fsck : ${fsck}`);
  for (const relPath of dirty) {
    const slug = path.basename(relPath, '.md');
    if (!state.inFlight.has(slug) && !state.uncertain.has(slug)) problems.push(`modification non commitée sans écriture en vol : ${relPath}`);
  }

  for (const file of ['forge.sqlite', 'index.sqlite']) {
    if (!isIntact(path.join(dataDir, file))) problems.push(`PRAGMA integrity_check en échec : ${file}`);
  }
  const missing = await missingPropositions(path.join(dataDir, 'forge.sqlite'), state.propositions);
  if (missing.length > 0) problems.push(`propositions acquittées absentes de forge.sqlite : ${missing.join(', ')}`);
  return problems;
}

async function missingPropositions(file: string, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const db = new Kysely<ForgeDatabase>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file, { readonly: true, fileMustExist: true }) }) });
  try {
    const found = new Set((await db.selectFrom('propositions').select('id').where('id', 'in', ids).execute()).map((row) => row.id));
    return ids.filter((id) => !found.has(id));
  } finally {
    await db.destroy();
  }
}

/** Fiche files that differ from HEAD: writes that landed on disk but whose commit never ran. */
export async function uncommittedFiches(contentDir: string): Promise<string[]> {
  const output = await createGitRunner(contentDir).run(['--no-optional-locks', 'status', '--porcelain', '-z', '--no-renames', '--', ...FICHE_TYPES]);
  return output.split('\0').filter((line) => line !== '' && !line.endsWith(TEMP_SUFFIX)).map((line) => line.slice(3));
}

/** Lock files git leaves when it dies in the middle of a command. */
export function gitLocks(contentDir: string): string[] {
  const gitDir = path.join(contentDir, '.git');
  return fs
    .readdirSync(gitDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.lock'))
    .map((entry) => path.relative(gitDir, path.join(entry.parentPath, entry.name)));
}

/** `*.tmp-forge` files anywhere in the content folder (outside .git). */
export function tempFiles(contentDir: string): string[] {
  return fs
    .readdirSync(contentDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(TEMP_SUFFIX) && !path.relative(contentDir, entry.parentPath).startsWith('.git'))
    .map((entry) => path.relative(contentDir, path.join(entry.parentPath, entry.name)));
}
