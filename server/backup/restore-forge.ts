// `npm run restore`: a backup made by backupForge brought back into CONTENT_DIR and DATA_DIR.
// The server must be stopped: a running server is detected through its open forge.sqlite and
// refused. Everything is checked before anything is changed (manifest, hashes, schema version,
// targets); then the content, then forge.sqlite (atomically), then the index is deleted so that
// the next start rebuilds it from the restored content.
//
// What --force replaces: an existing forge.sqlite (its -wal/-shm are removed with it), and a
// CONTENT_DIR that is the top level of its own git repository: every ref of the bundle is
// fetched over it, HEAD goes back to the backup's branch and commit, and the work tree is reset
// hard (uncommitted changes of tracked files are discarded). Commits made after the backup stay
// in the repository (reachable from branches the bundle does not name, or from the reflog), and
// files git does not track are left in place and reported.
import fs from 'node:fs/promises';
import path from 'node:path';
import { forgeDbPath } from '../forge-db/connect.js';
import { FORGE_MIGRATIONS } from '../forge-db/migrations.js';
import { BackupError } from './backup-error.js';
import { checkoutBundle } from './content-bundle.js';
import { ownRepository } from './content-git.js';
import { isMissingOrEmpty, replaceFileAtomically } from './durable-files.js';
import { assertNotInUse, isIntact } from './forge-db-file.js';
import { CONTENT_BUNDLE, FORGE_DB_COPY, checkBackupFiles, readManifest, type BackupManifest } from './manifest.js';

export const INDEX_DB_FILE = 'index.sqlite';

export interface RestoreOptions {
  backupDir: string;
  contentDir: string;
  dataDir: string;
  force?: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Files of CONTENT_DIR that git does not track, left in place. */
  untracked: string[];
}

export async function restoreForge({ backupDir, contentDir, dataDir, force = false }: RestoreOptions): Promise<RestoreResult> {
  const source = path.resolve(backupDir);
  const manifest = await readManifest(source);
  await checkBackupFiles(source, manifest);
  if (manifest.base.version_schema > FORGE_MIGRATIONS.length) throw new BackupError('version_plus_recente');
  const dbBackup = path.join(source, FORGE_DB_COPY);
  if (!isIntact(dbBackup)) throw new BackupError('sauvegarde_corrompue', { detail: `${FORGE_DB_COPY} échoue à la vérification d’intégrité` });

  const dbFile = forgeDbPath(dataDir);
  if (await exists(dbFile)) {
    if (!force) throw new BackupError('base_existante', { detail: dbFile });
    assertNotInUse(dbFile);
  }
  const fresh = await isMissingOrEmpty(contentDir);
  if (!fresh) {
    if (!force) throw new BackupError('contenu_non_vide', { detail: contentDir });
    await ownRepository(contentDir).catch((error: unknown) => {
      if (error instanceof BackupError && (error.code === 'depot_absent' || error.code === 'depot_englobant')) {
        throw new BackupError('cible_non_depot', { detail: contentDir, cause: error });
      }
      throw error;
    });
  }

  await fs.mkdir(contentDir, { recursive: true });
  const untracked = await checkoutBundle(await fs.realpath(contentDir), {
    bundle: path.join(source, CONTENT_BUNDLE),
    commit: manifest.contenu.commit,
    branch: manifest.contenu.branche,
    fresh,
  });

  await fs.mkdir(dataDir, { recursive: true });
  // A -wal left by the replaced database would be replayed over the restored one: it goes
  // before the new file takes the name.
  await replaceFileAtomically(dbBackup, dbFile, () => removeFiles([`${dbFile}-wal`, `${dbFile}-shm`]));
  const indexFile = path.join(dataDir, INDEX_DB_FILE);
  await removeFiles([indexFile, `${indexFile}-wal`, `${indexFile}-shm`]);
  return { manifest, untracked };
}

async function exists(file: string): Promise<boolean> {
  return (await fs.lstat(file).catch(() => null)) !== null;
}

async function removeFiles(files: string[]): Promise<void> {
  for (const file of files) await fs.rm(file, { force: true });
}
