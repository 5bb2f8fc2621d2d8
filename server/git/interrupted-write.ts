// The write in progress, recorded in the git directory before the file changes and cleared
// once committed. A kill between the two leaves the file changed but not committed: at the next
// start that change is undone. It was never acknowledged (the contributor will save again), and
// left in place it would be served without history and then slip into the next commit of the
// file under someone else's name. Only a change that is exactly the recorded one is undone: a
// hand edit (no record, or other content) is never touched.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { GitRunner } from './git-runner.js';

interface PendingWrite {
  /** Relative to the content root. */
  chemin: string;
  /** SHA-256 of the content being written; null for a removal. */
  sha256: string | null;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** One record per content root (two forges may share an enclosing repository). */
export function pendingWriteFile(gitDir: string, root: string): string {
  return path.join(gitDir, `forge-ecriture-en-cours-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.json`);
}

/** Durable before the content file changes: written and fsynced, with its directory. */
export async function recordPendingWrite(file: string, relPath: string, content: string | Buffer | null): Promise<void> {
  const record: PendingWrite = { chemin: relPath, sha256: content === null ? null : sha256(Buffer.from(content)) };
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(JSON.stringify(record));
    await handle.sync();
  } finally {
    await handle.close();
  }
  const dir = await fs.open(path.dirname(file), 'r');
  await dir.sync().finally(() => dir.close());
}

export async function clearPendingWrite(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

async function readRecord(file: string): Promise<PendingWrite | null> {
  try {
    const record = JSON.parse(await fs.readFile(file, 'utf8')) as PendingWrite;
    return typeof record?.chemin === 'string' ? record : null;
  } catch {
    return null; // none, or cut short by the kill before the content was touched
  }
}

/**
 * Undoes the recorded write if it landed on disk without its commit; returns the path undone.
 * Called at start, before anything reads the content folder, with git's locks already cleared.
 */
export async function undoInterruptedWrite(git: GitRunner, root: string, file: string): Promise<string | null> {
  const record = await readRecord(file);
  let undone: string | null = null;
  if (record) {
    const rel = record.chemin;
    const disk = await fs.readFile(path.join(root, rel)).catch(() => null);
    const landed = (disk === null ? null : sha256(disk)) === record.sha256;
    const uncommitted = (await git.run(['status', '--porcelain', '-z', '--', rel])) !== '';
    if (landed && uncommitted) {
      await git.run(['reset', '--quiet', '--', rel]);
      const inHead = await git.run(['cat-file', '-e', `HEAD:./${rel}`]).then(
        () => true,
        () => false,
      );
      if (inHead) await git.run(['checkout', 'HEAD', '--', rel]);
      else await fs.rm(path.join(root, rel), { force: true });
      undone = rel;
    }
  }
  await clearPendingWrite(file);
  return undone;
}
