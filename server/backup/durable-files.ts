// Files of a backup and of a restore made durable before anyone relies on them: a backup that
// says "done" and a restored forge.sqlite must survive a power cut that follows at once.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** fsync of a file, or of a directory (so that a new name in it survives). */
export async function syncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory: nothing more can be done there.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Writes a new file, fsyncs it and its directory. */
export async function writeFileDurably(file: string, data: string): Promise<void> {
  await fs.writeFile(file, data, { flag: 'wx' });
  await syncPath(file);
  await syncPath(path.dirname(file));
}

/**
 * Puts a copy of `source` at `target` atomically: copy to a temp name in the target's folder,
 * fsync, then `prepare()` (what must happen before the new file appears), rename, fsync the
 * folder. A crash leaves either the old file or the new one, plus at worst a temp file.
 */
export async function replaceFileAtomically(source: string, target: string, prepare: () => Promise<void> = async () => {}): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.restauration`);
  try {
    await fs.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
    await syncPath(temp);
    await prepare();
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncPath(path.dirname(target));
}

/** True when the folder is missing or has no entry at all. */
export async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}
