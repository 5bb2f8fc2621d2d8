// ContentRepository.commitsByAuthor: one author's latest commits under some paths, matched on the
// e-mail in JavaScript (any case), newest first, with their changes there; a repository that is
// a sub-folder of a larger one (paths relative to CONTENT_DIR); nothing for an unknown e-mail.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContentRepository } from '../../server/git/content-repository.js';
import { fiche, makeTempDir } from '../helpers/content.js';
import { git } from '../helpers/git.js';

const tmp = makeTempDir('forge-author-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ZOE = { nom: 'Zoé', email: 'zoe@example.org' };
const MARC = { nom: 'Marc', email: 'marc@example.org' };

describe('commits by author', () => {
  it('lists one author’s commits under the paths, newest first, whatever the case of the e-mail', async () => {
    const outer = path.join(tmp, 'depot');
    fs.mkdirSync(outer);
    git(outer, 'init', '--quiet', '--initial-branch=main');
    const repo = await openContentRepository(path.join(outer, 'contenu'));
    await repo.commitFile({ relPath: 'commun/jardin.md', content: fiche({ titre: 'Jardin' }), author: ZOE, message: 'Zoé crée le jardin' });
    await repo.commitFile({ relPath: 'outil/scie.md', content: fiche({ titre: 'Scie' }), author: MARC, message: 'Marc crée la scie' });
    await repo.commitFile({ relPath: 'ontologie/themes.yaml', content: 'id: themes\n', author: ZOE, message: 'Zoé touche au vocabulaire' });
    await repo.commitFile({ relPath: 'commun/jardin.md', content: fiche({ titre: 'Jardin partagé' }), author: { ...ZOE, email: 'Zoe@Example.org' }, message: 'Zoé renomme' });

    const zoe = await repo.commitsByAuthor({ email: 'ZOE@example.org', paths: ['commun', 'outil'] });
    expect(zoe.map((c) => c.message)).toEqual(['Zoé renomme', 'Zoé crée le jardin']);
    expect(zoe[0]!.changes).toEqual([expect.objectContaining({ status: 'M', chemin: 'commun/jardin.md' })]);
    expect(zoe[1]!.changes).toEqual([expect.objectContaining({ status: 'A', chemin: 'commun/jardin.md' })]);
    expect(await repo.commitsByAuthor({ email: 'zoe@example.org', paths: ['commun'], limit: 1 })).toHaveLength(1);
    expect(await repo.commitsByAuthor({ email: '--all', paths: ['commun', 'outil'] })).toEqual([]);
    expect(await repo.commitsByAuthor({ email: 'personne@example.org', paths: ['commun'] })).toEqual([]);
  });
});
