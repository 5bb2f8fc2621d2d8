// The content repository's recent changes and batch blob reads (server/git/recent-log.ts,
// blob-texts.ts), and a file history that does not run into another file's (copies), with
// real git in temp folders.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContentRepository } from '../../server/git/content-repository.js';
import { folderWith, makeTempDir, writeFiles } from '../helpers/content.js';
import { git, humanRepository } from '../helpers/git.js';

const tmp = makeTempDir('forge-recent-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const ZOE = { nom: 'Zoé Contributrice', email: 'zoe@example.org' };
const FOLDERS = ['commun', 'outil', 'methode', 'retour-experience'];

const freshDir = (files: Record<string, string> = {}) => folderWith(tmp, files);

describe('recent changes', () => {
  it('lists the commits that touched the given folders, newest first, with statuses and blobs, paths under CONTENT_DIR', async () => {
    // CONTENT_DIR inside a larger human repository: paths are still relative to CONTENT_DIR.
    const top = freshDir({ 'README.md': 'projet\n', 'contenu/commun/a.md': 'a\n'.repeat(20), 'contenu/ontologie/x.yaml': 'id: x\n' });
    humanRepository(top);
    const repo = await openContentRepository(path.join(top, 'contenu'));
    await repo.commitFile({ relPath: 'commun/a.md', content: 'a\n'.repeat(21), author: ZOE, message: 'Une ligne de plus\n\nEt un détail.' });
    await repo.commitFile({ relPath: 'outil/b.md', content: 'Café ☕ b\n', author: ZOE, message: 'Création de b' });
    await repo.commitFile({ relPath: 'ontologie/x.yaml', content: 'id: x\nlabel: X\n', author: ZOE, message: 'Vocabulaire' });
    writeFiles(top, { 'README.md': 'autre\n' });
    git(top, 'commit', '--quiet', '--all', '--message=Hors du contenu');
    fs.mkdirSync(path.join(top, 'contenu', 'methode'));
    git(top, 'mv', 'contenu/commun/a.md', 'contenu/methode/a.md');
    git(top, 'commit', '--quiet', '--message=Changement de type');
    await repo.removeFile({ relPath: 'outil/b.md', author: ZOE, message: 'Suppression de b' });

    const commits = await repo.recentChanges({ paths: FOLDERS });
    expect(commits.map((c) => c.message)).toEqual(['Suppression de b', 'Changement de type', 'Création de b', 'Une ligne de plus\n\nEt un détail.', 'Dépôt humain']);
    expect(commits.map((c) => c.changes.map((ch) => [ch.status, ch.chemin, ch.ancienChemin]))).toEqual([
      [['D', 'outil/b.md', null]],
      [['R', 'methode/a.md', 'commun/a.md']],
      [['A', 'outil/b.md', null]],
      [['M', 'commun/a.md', null]],
      [['A', 'commun/a.md', null]],
    ]);
    expect(commits[2]).toMatchObject({ auteur: ZOE.nom, email: ZOE.email, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const [deletion, , creation] = commits;
    expect(deletion!.changes[0]).toMatchObject({ blobApres: null, blobAvant: creation!.changes[0]!.blobApres });
    expect(creation!.changes[0]!.blobAvant).toBeNull();

    expect((await repo.recentChanges({ paths: FOLDERS, limit: 2 })).map((c) => c.message)).toEqual(['Suppression de b', 'Changement de type']);
    expect((await repo.recentChanges({ paths: ['outil'] })).map((c) => c.message)).toEqual(['Suppression de b', 'Création de b']);

    const texts = await repo.blobTexts([creation!.changes[0]!.blobApres!, 'f'.repeat(40), 'pas-un-id', commits[0]!.commit]);
    expect([...texts]).toEqual([[creation!.changes[0]!.blobApres, 'Café ☕ b\n']]);
  });

  it('reads many blobs at once, including one that is not UTF-8 and ones that end without a newline', async () => {
    const dir = freshDir();
    const repo = await openContentRepository(dir);
    const files = { 'commun/un.md': 'été\n', 'commun/deux.md': Buffer.from([0x61, 0xff, 0xfe, 0x62]), 'commun/trois.md': 'sans fin de ligne', 'commun/quatre.md': '' };
    for (const [relPath, content] of Object.entries(files)) await repo.commitFile({ relPath, content, author: ZOE, message: relPath });
    const blobs = (await repo.recentChanges({ paths: ['commun'] })).map((c) => c.changes[0]!.blobApres!).reverse();
    const texts = await repo.blobTexts(blobs);
    expect(blobs.map((id) => texts.get(id))).toEqual(['été\n', 'a\ufffd\ufffdb', 'sans fin de ligne', '']);
  });

  it('answers an empty list for a repository without commits touching those paths', async () => {
    const repo = await openContentRepository(freshDir());
    expect(await repo.recentChanges({ paths: FOLDERS })).toEqual([]);
    expect(await repo.recentChanges({ paths: [] })).toEqual([]);
    await expect(repo.recentChanges({ paths: ['../ailleurs'] })).rejects.toMatchObject({ code: 'chemin_invalide' });
  });
});

describe('file history and copies', () => {
  it('starts a new file’s history at its creation even when git sees it as a copy of a similar file', async () => {
    const repo = await openContentRepository(freshDir());
    const body = (titre: string) => `---\ntitre: ${titre}\nlicence: CC-BY-SA-4.0\n---\n${'Un paragraphe commun.\n'.repeat(8)}`;
    await repo.commitFile({ relPath: 'outil/secret.md', content: body('Secret'), author: ZOE, message: 'Message confidentiel' });
    await repo.commitFile({ relPath: 'outil/secret.md', content: `${body('Secret')}Suite.\n`, author: ZOE, message: 'Autre message confidentiel' });
    await repo.commitFile({ relPath: 'outil/public.md', content: body('Public'), author: ZOE, message: 'Création publique' });
    expect(git(repo.contentDir, 'log', '--follow', '--format=%s', '--', 'outil/public.md').trim().split('\n')).toContain('Message confidentiel');
    const history = await repo.fileHistory('outil/public.md');
    expect(history.map((r) => [r.message, r.chemin, r.delta === r.taille])).toEqual([['Création publique', 'outil/public.md', true]]);
  });
});
