// A save is all or nothing: when git cannot commit (here, another git command holds the
// index lock), the file goes back to what it was and nothing stays staged.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContentRepository } from '../../server/git/content-repository.js';
import { fiche, makeTempDir, writeFiles } from '../helpers/content.js';
import { git } from '../helpers/git.js';

const author = { nom: 'Ana', email: 'ana@exemple.org' };

describe('a commit that fails', () => {
  it('restores a changed file, removes a new one, and leaves nothing staged', async () => {
    const dir = makeTempDir('forge-failed-commit-');
    writeFiles(dir, { 'commun/existant.md': fiche({ titre: 'Existant', resume: 'r', licence: 'CC0-1.0' }) });
    const repository = await openContentRepository(dir);
    const before = fs.readFileSync(path.join(dir, 'commun/existant.md'), 'utf8');
    const lock = path.join(dir, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    try {
      await expect(repository.commitFile({ relPath: 'commun/existant.md', content: 'changé', author, message: 'm' })).rejects.toThrow();
      await expect(repository.commitFile({ relPath: 'commun/nouveau.md', content: 'nouveau', author, message: 'm' })).rejects.toThrow();
    } finally {
      fs.rmSync(lock);
    }
    expect(fs.readFileSync(path.join(dir, 'commun/existant.md'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(dir, 'commun/nouveau.md'))).toBe(false);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    // And the next save works.
    await repository.commitFile({ relPath: 'commun/existant.md', content: 'changé', author, message: 'm' });
    expect(fs.readFileSync(path.join(dir, 'commun/existant.md'), 'utf8')).toBe('changé');
  });
});
