// Writing a file of the content folder so that a crash never leaves it empty or truncated:
// temp file in the same directory, write, fsync, rename over the target, fsync the directory
// (measured: plain writeFileSync killed mid-write truncated a third of the files; this left
// none). Temp files left by a crash are removed at start by sweepTempFiles.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FICHE_TYPES, ONTOLOGY_FOLDER } from './paths.js';

export const TEMP_SUFFIX = '.tmp-forge';

/** The folders where the forge writes, relative to the content root ('' is the root itself). */
const WRITTEN_FOLDERS = ['', ONTOLOGY_FOLDER, ...FICHE_TYPES];

export class UnsafeWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeWriteError';
  }
}

/**
 * Replaces (or creates) `absPath` with `data` atomically. `root` is the content root: the
 * target must resolve strictly under it, through no symbolic link, and must not be one.
 */
export async function writeFileAtomic(absPath: string, data: string | Buffer, options: { root: string }): Promise<void> {
  const target = await checkedTarget(absPath, options.root);
  const existing = await fs.lstat(target).catch(ignoreMissing);
  if (existing?.isSymbolicLink()) throw new UnsafeWriteError('écriture refusée : la cible est un lien symbolique');
  if (existing && !existing.isFile()) throw new UnsafeWriteError('écriture refusée : la cible n’est pas un fichier');

  const directory = path.dirname(target);
  const temp = path.join(directory, `.${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    // 'wx': never follow or reuse something already at the temp name.
    const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Removes the `*.tmp-forge` files a crash left behind; returns their paths relative to the root. */
export async function sweepTempFiles(contentDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of WRITTEN_FOLDERS) {
    const entries = await fs.readdir(path.join(contentDir, folder), { withFileTypes: true }).catch(ignoreMissing);
    for (const entry of entries ?? []) {
      if (!entry.name.endsWith(TEMP_SUFFIX) || entry.isDirectory()) continue;
      await fs.rm(path.join(contentDir, folder, entry.name), { force: true });
      removed.push(folder ? `${folder}/${entry.name}` : entry.name);
    }
  }
  return removed;
}

/**
 * The absolute target, once it is known to stay under the root both by name and on disk (a
 * symlinked folder inside the root must not lead the write elsewhere). Missing parent folders
 * are created, only after their nearest existing ancestor was checked.
 */
async function checkedTarget(absPath: string, root: string): Promise<string> {
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(absPath);
  if (!target.startsWith(resolvedRoot + path.sep) || absPath.includes('\0')) {
    throw new UnsafeWriteError('écriture refusée : le chemin sort du dossier de contenu');
  }
  const realRoot = await fs.realpath(resolvedRoot);
  const directory = path.dirname(target);
  await assertInside(await nearestExisting(directory), realRoot);
  await fs.mkdir(directory, { recursive: true });
  await assertInside(directory, realRoot);
  return target;
}

async function assertInside(directory: string, realRoot: string): Promise<void> {
  const real = await fs.realpath(directory);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new UnsafeWriteError('écriture refusée : un dossier du chemin mène hors du dossier de contenu');
  }
}

async function nearestExisting(directory: string): Promise<string> {
  let current = directory;
  while (!(await fs.lstat(current).catch(ignoreMissing))) current = path.dirname(current);
  return current;
}

/** Makes the rename durable. Some platforms cannot open or fsync a directory: nothing to do there. */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(directory, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
  throw error;
}
