// `npm run backup`: what exists nowhere else, copied while the server may be running —
// forge.sqlite (accounts, tokens, propositions, comments, deletions) and the content repository
// as a git bundle (every fiche with its whole history) — plus a manifest with the SHA-256 of both.
// The index (index.sqlite) is a cache and is left out: it is rebuilt from the content.
//
// The database is copied first, then the repository: a commit made in between (a proposition
// accepted) is then in the bundle while the copy still shows the proposition open, which an
// editor can close again; the other order could leave the database naming commits the bundle
// does not have.
import fs from 'node:fs/promises';
import path from 'node:path';
import { forgeDbPath } from '../forge-db/connect.js';
import { BackupError } from './backup-error.js';
import { bundleHeads, createBundle, verifyBundle } from './content-bundle.js';
import { countFichesAt, currentBranch, hasCommits, ownRepository, uncommittedPaths } from './content-git.js';
import { isMissingOrEmpty, syncPath } from './durable-files.js';
import { isIntact, schemaVersionOf, snapshotDatabase } from './forge-db-file.js';
import { CONTENT_BUNDLE, FORGE_DB_COPY, describeFile, newManifest, writeManifest, type BackupManifest } from './manifest.js';

export interface BackupOptions {
  contentDir: string;
  dataDir: string;
  /** The folder to write: created; must not exist or be empty. */
  outDir: string;
  now?: Date;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  /** Paths of CONTENT_DIR that differ from the last commit: not in the bundle. */
  uncommitted: string[];
}

/** `<parent>/sauvegarde-2024-05-01T08-30-00Z`: a new folder name per backup, sorted by date. */
export function timestampedBackupDir(parent: string, now = new Date()): string {
  return path.join(parent, `sauvegarde-${now.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}`);
}

export async function backupForge({ contentDir, dataDir, outDir, now = new Date() }: BackupOptions): Promise<BackupResult> {
  const dbFile = forgeDbPath(dataDir);
  if (!(await fs.stat(dbFile).catch(() => null))?.isFile()) throw new BackupError('base_absente', { detail: dbFile });
  const git = await ownRepository(contentDir);
  if (!(await hasCommits(git))) throw new BackupError('depot_vide');
  const dir = path.resolve(outDir);
  if (!(await isMissingOrEmpty(dir))) throw new BackupError('sortie_non_vide', { detail: dir });

  // The copy holds password hashes and token digests: the folder is for its owner only.
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    const dbCopy = path.join(dir, FORGE_DB_COPY);
    await snapshotDatabase(dbFile, dbCopy);
    if (!isIntact(dbCopy)) throw new BackupError('copie_invalide');

    const bundle = path.join(dir, CONTENT_BUNDLE);
    await createBundle(git, bundle);
    await syncPath(bundle);
    await verifyBundle(git, bundle);
    // What the bundle itself names, not HEAD read separately: a save may land in between.
    const branch = await currentBranch(git);
    const heads = await bundleHeads(git, bundle);
    const commit = (branch === null ? undefined : heads.get(`refs/heads/${branch}`)) ?? heads.get('HEAD');
    if (!commit) throw new BackupError('bundle_invalide', { detail: 'HEAD absent du paquet' });

    const manifest = newManifest({
      date: now.toISOString(),
      base: { fichier: FORGE_DB_COPY, version_schema: schemaVersionOf(dbCopy), ...(await describeFile(dbCopy)) },
      contenu: { fichier: CONTENT_BUNDLE, commit, branche: branch, fiches: await countFichesAt(git, commit), ...(await describeFile(bundle)) },
    });
    await writeManifest(dir, manifest);
    return { dir, manifest, uncommitted: await uncommittedPaths(git) };
  } catch (error) {
    // Never leave a half-written backup that looks like one: the folder is ours, it goes.
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}
