// A kill between writing a fiche and committing it: at the next start the forge undoes exactly
// that write (recorded before the file changed), so the unacknowledged change is neither served
// without history nor slipped into someone else's next commit. Hand edits are never touched.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContentRepository } from '../../server/git/content-repository.js';
import { pendingWriteFile, recordPendingWrite } from '../../server/git/interrupted-write.js';
import { fiche, makeTempDir, writeFiles } from '../helpers/content.js';
import { git } from '../helpers/git.js';

const author = { nom: 'Ana', email: 'ana@exemple.org' };
const ORIGINAL = fiche({ titre: 'Existant', resume: 'r', licence: 'CC0-1.0' });

/** A content repository with one committed fiche, and the record file of its pending writes. */
async function repositoryWithOneFiche() {
  const dir = makeTempDir('forge-interrupted-');
  writeFiles(dir, { 'commun/existant.md': ORIGINAL });
  const repository = await openContentRepository(dir);
  const record = pendingWriteFile(git(dir, 'rev-parse', '--absolute-git-dir').trim(), repository.contentDir);
  return { dir, record, file: (rel: string) => path.join(dir, rel) };
}

describe('a write interrupted before its commit', () => {
  it('is undone at the next start: a changed fiche comes back from HEAD, a new one goes', async () => {
    const { dir, record, file } = await repositoryWithOneFiche();
    // What a kill right after the rename leaves: the record, the new text, no commit.
    await recordPendingWrite(record, 'commun/existant.md', 'texte jamais acquitté');
    fs.writeFileSync(file('commun/existant.md'), 'texte jamais acquitté');
    git(dir, 'add', '--', 'commun/existant.md'); // even staged
    const reopened = await openContentRepository(dir);
    expect(reopened.undoneWrite).toBe('commun/existant.md');
    expect(fs.readFileSync(file('commun/existant.md'), 'utf8')).toBe(ORIGINAL);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(fs.existsSync(record)).toBe(false);

    await recordPendingWrite(record, 'commun/nouveau.md', 'nouvelle fiche');
    fs.writeFileSync(file('commun/nouveau.md'), 'nouvelle fiche');
    expect((await openContentRepository(dir)).undoneWrite).toBe('commun/nouveau.md');
    expect(fs.existsSync(file('commun/nouveau.md'))).toBe(false);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('undoes an interrupted removal', async () => {
    const { dir, record, file } = await repositoryWithOneFiche();
    await recordPendingWrite(record, 'commun/existant.md', null);
    git(dir, 'rm', '--quiet', '--', 'commun/existant.md');
    expect((await openContentRepository(dir)).undoneWrite).toBe('commun/existant.md');
    expect(fs.readFileSync(file('commun/existant.md'), 'utf8')).toBe(ORIGINAL);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('leaves alone a committed write, a write that never landed and a hand edit', async () => {
    const { dir, record, file } = await repositoryWithOneFiche();
    const repository = await openContentRepository(dir);
    await repository.commitFile({ relPath: 'commun/existant.md', content: 'commité', author, message: 'm' });
    expect(fs.existsSync(record)).toBe(false); // cleared after the commit
    await recordPendingWrite(record, 'commun/existant.md', 'commité'); // killed just after committing
    expect((await openContentRepository(dir)).undoneWrite).toBeNull();
    expect(fs.readFileSync(file('commun/existant.md'), 'utf8')).toBe('commité');

    // The record says one text, the disk holds another: a person edited the file by hand.
    await recordPendingWrite(record, 'commun/existant.md', 'jamais écrit');
    fs.writeFileSync(file('commun/existant.md'), 'retouche à la main');
    expect((await openContentRepository(dir)).undoneWrite).toBeNull();
    expect(fs.readFileSync(file('commun/existant.md'), 'utf8')).toBe('retouche à la main');
    expect(fs.existsSync(record)).toBe(false);

    // No record at all: an uncommitted hand edit stays.
    expect((await openContentRepository(dir)).undoneWrite).toBeNull();
    expect(fs.readFileSync(file('commun/existant.md'), 'utf8')).toBe('retouche à la main');
  });
});
