// Opening the content repository after a crash that killed git in the middle of a command: the
// lock files it left would make every later save fail. In the forge's own repository they are
// removed (a young one is first given the time to go away by itself); in an enclosing
// repository, which humans use too, they are left alone.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContentRepository } from '../../server/git/content-repository.js';
import { GitContentError } from '../../server/git/git-content-error.js';
import { STALE_AFTER_MS } from '../../server/git/stale-locks.js';
import { fiche, makeTempDir, writeFiles } from '../helpers/content.js';
import { commitCount, git, humanRepository } from '../helpers/git.js';

const tmp = makeTempDir('forge-locks-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const ZOE = { nom: 'Zoé Contributrice', email: 'zoe@example.org' };
let counter = 0;

/** A repository of the forge's own, with one fiche committed. */
async function ownRepository(): Promise<string> {
  const dir = path.join(tmp, `depot-${++counter}`);
  writeFiles(dir, { 'commun/jardin.md': fiche({ titre: 'Jardin' }) });
  await openContentRepository(dir);
  return dir;
}

/** A lock file as a killed git leaves it, `ageMs` old. */
function leaveLock(file: string, ageMs: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

const save = (dir: string, text: string) =>
  openContentRepository(dir).then((repo) => repo.commitFile({ relPath: 'commun/jardin.md', content: fiche({ titre: text }), author: ZOE, message: text }).then(() => repo));

describe('lock files left by a killed git command', () => {
  it('while one stays, every save fails (what a restart must repair)', async () => {
    const dir = await ownRepository();
    const repo = await openContentRepository(dir);
    leaveLock(path.join(dir, '.git', 'index.lock'), 60_000);
    const error = await repo.commitFile({ relPath: 'commun/jardin.md', content: fiche({ titre: 'Après' }), author: ZOE, message: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitContentError);
  });

  it('are removed when the forge opens its own repository again, and saves work', async () => {
    const dir = await ownRepository();
    const gitDir = path.join(dir, '.git');
    leaveLock(path.join(gitDir, 'index.lock'), 60_000);
    leaveLock(path.join(gitDir, 'HEAD.lock'), 60_000);
    leaveLock(path.join(gitDir, 'next-index-4242.lock'), 60_000);
    leaveLock(path.join(gitDir, 'refs', 'heads', 'main.lock'), 60_000);
    const repo = await save(dir, 'Jardin partagé');
    expect([...repo.removedGitLocks].sort()).toEqual(['HEAD.lock', 'index.lock', 'next-index-4242.lock', 'refs/heads/main.lock']);
    expect(commitCount(dir)).toBe(2);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('a fresh lock is waited for: left to its owner if it goes away, removed once it is old enough', async () => {
    const dir = await ownRepository();
    const lock = path.join(dir, '.git', 'index.lock');
    leaveLock(lock, 0);
    const owner = setTimeout(() => fs.rmSync(lock, { force: true }), 150);
    const started = Date.now();
    const repo = await openContentRepository(dir);
    clearTimeout(owner);
    expect(repo.removedGitLocks).toEqual([]);
    expect(Date.now() - started).toBeLessThan(STALE_AFTER_MS);

    leaveLock(lock, 0);
    const again = await save(dir, 'Jardin après l’attente');
    expect(again.removedGitLocks).toEqual(['index.lock']);
    expect(commitCount(dir)).toBe(2);
  });

  it('are left alone in an enclosing repository, which humans use too', async () => {
    const outer = path.join(tmp, `englobant-${++counter}`);
    writeFiles(outer, { 'README.md': 'Projet\n', 'contenu/commun/jardin.md': fiche({ titre: 'Jardin' }) });
    humanRepository(outer);
    leaveLock(path.join(outer, '.git', 'index.lock'), 60_000);
    const repo = await openContentRepository(path.join(outer, 'contenu'));
    expect(repo.kind).toBe('enclosing');
    expect(repo.removedGitLocks).toEqual([]);
    expect(fs.existsSync(path.join(outer, '.git', 'index.lock'))).toBe(true);
  });
});
