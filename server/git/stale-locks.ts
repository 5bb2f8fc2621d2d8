// Lock files a git command leaves behind when it is killed (`index.lock`, `HEAD.lock`,
// `refs/heads/main.lock`, the `next-index-*.lock` of `git commit --only`…). While one is there,
// every later command that needs it fails at once ("Unable to create '…/index.lock': File
// exists"): after a crash of the server together with its git commands, every save would fail
// until someone removes it by hand.
//
// Only for a repository the forge owns (it is its only writer): at opening, no git command of
// this server is running, but one started by the previous process may still be finishing (when
// only the server was killed, its children live on for a few milliseconds). So a lock is removed
// once it is older than STALE_AFTER_MS; a younger one is waited for, and usually goes away by itself.
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const STALE_AFTER_MS = 1000;
const POLL_MS = 25;

/** Removes stale locks under `gitDir`; returns their paths relative to it. */
export async function removeStaleLocks(gitDir: string, staleAfterMs = STALE_AFTER_MS): Promise<string[]> {
  const removed: string[] = [];
  for (;;) {
    const locks = await listLocks(gitDir);
    let waiting = false;
    for (const lock of locks) {
      const stat = await fs.stat(path.join(gitDir, lock)).catch(() => null);
      if (!stat) continue;
      if (Date.now() - stat.mtimeMs >= staleAfterMs) {
        await fs.rm(path.join(gitDir, lock), { force: true });
        removed.push(lock);
      } else {
        waiting = true;
      }
    }
    if (!waiting) return removed;
    await sleep(POLL_MS);
  }
}

/** `*.lock` files at the top of the git folder and anywhere under `refs/`. */
async function listLocks(gitDir: string): Promise<string[]> {
  const top = (await fs.readdir(gitDir, { withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.lock')).map((entry) => entry.name);
  const refs = await fs.readdir(path.join(gitDir, 'refs'), { withFileTypes: true, recursive: true }).catch(() => []);
  const refLocks = refs
    .filter((entry) => entry.isFile() && entry.name.endsWith('.lock'))
    .map((entry) => path.relative(gitDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  return [...top, ...refLocks];
}
