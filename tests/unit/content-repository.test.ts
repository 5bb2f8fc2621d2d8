// The content folder as a git repository (server/git/content-repository.ts), with real git in
// temp folders: which repository is used, what a commit holds and who it is by, hostile
// messages, concurrency, history, old revisions, and independence from the machine's config.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContentRepository, type ContentRepository } from '../../server/git/content-repository.js';
import { parseFollowLog } from '../../server/git/file-history.js';
import { GitContentError } from '../../server/git/git-content-error.js';
import { FORGE_COMMITTER_EMAIL, FORGE_COMMITTER_NAME } from '../../server/git/git-runner.js';
import { INITIAL_COMMIT_MESSAGE } from '../../server/git/locate-repository.js';
import { fiche, folderWith, makeTempDir, writeFiles } from '../helpers/content.js';
import { commitCount, git, humanRepository } from '../helpers/git.js';

const tmp = makeTempDir('forge-git-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ZOE = { nom: 'Zoé Contributrice', email: 'zoe@example.org' };
const MARC = { nom: 'Marc Éditeur', email: 'marc@example.org' };

const freshDir = (files: Record<string, string> = {}) => folderWith(tmp, files);

/** Paths of the files a commit changed, relative to the repository's top level. */
const changedIn = (dir: string, commit: string) => git(dir, 'show', '--format=', '--name-only', commit).trim().split('\n').filter(Boolean);

async function expectRefusal(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitContentError);
  expect((error as GitContentError).code).toBe(code);
  expect((error as GitContentError).message).not.toMatch(/\/tmp|git exited/);
}

describe('opening the content folder', () => {
  it('initialises a folder that is in no repository, with its files (not stray temp files) as a first commit', async () => {
    const dir = freshDir({ 'commun/jardin.md': fiche({ titre: 'Jardin' }), 'ontologie/themes.yaml': 'id: themes\n', 'commun/.jardin.md.1a2b.tmp-forge': 'moitié' });
    const repo = await openContentRepository(dir);
    expect(repo.kind).toBe('created');
    expect(repo.sweptTempFiles).toEqual(['commun/.jardin.md.1a2b.tmp-forge']);
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(commitCount(dir)).toBe(1);
    expect(git(dir, 'log', '-1', '--format=%an|%ae|%cn|%B').trim()).toBe(`${FORGE_COMMITTER_NAME}|${FORGE_COMMITTER_EMAIL}|${FORGE_COMMITTER_NAME}|${INITIAL_COMMIT_MESSAGE}`);
    expect(git(dir, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n')).toEqual(['commun/jardin.md', 'ontologie/themes.yaml']);
    expect(await repo.headCommit()).toBe(git(dir, 'rev-parse', 'HEAD').trim());
  });

  it('initialises an empty (or missing) folder with an empty first commit', async () => {
    const dir = path.join(tmp, 'absent', 'contenu');
    const repo = await openContentRepository(dir);
    expect(repo.kind).toBe('created');
    expect(await repo.headCommit()).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reuses a folder that is already the top of a repository, keeping its history', async () => {
    const dir = freshDir({ 'commun/jardin.md': 'v1\n' });
    humanRepository(dir);
    const before = git(dir, 'rev-parse', 'HEAD').trim();
    const repo = await openContentRepository(dir);
    expect(repo.kind).toBe('own');
    expect(await repo.headCommit()).toBe(before);
    const commit = await repo.commitFile({ relPath: 'commun/jardin.md', content: 'v2\n', author: ZOE, message: 'Deuxième version' });
    expect(git(dir, 'rev-parse', `${commit}^`).trim()).toBe(before);
  });

  it('in a sub-folder of another repository, commits only the path it wrote, leaving what a human staged', async () => {
    const outer = freshDir({ 'README.md': 'projet\n', 'contenu/commun/jardin.md': 'v1\n' });
    humanRepository(outer);
    // A human's work in progress: a staged change outside the content folder and one inside it.
    writeFiles(outer, { 'README.md': 'projet modifié\n', 'notes.txt': 'brouillon\n', 'contenu/commun/autre.md': 'en cours\n' });
    git(outer, 'add', 'README.md', 'notes.txt', 'contenu/commun/autre.md');

    const repo = await openContentRepository(path.join(outer, 'contenu'));
    expect(repo.kind).toBe('enclosing');
    const commit = await repo.commitFile({ relPath: 'commun/jardin.md', content: 'v2, plus longue\n', author: ZOE, message: 'Précision' });
    expect(changedIn(outer, commit)).toEqual(['contenu/commun/jardin.md']);
    expect(git(outer, 'diff', '--cached', '--name-only').trim().split('\n')).toEqual(['README.md', 'contenu/commun/autre.md', 'notes.txt']);

    const history = await repo.fileHistory('commun/jardin.md');
    expect(history.map((r) => [r.taille, r.delta, r.chemin])).toEqual([[16, 13, 'commun/jardin.md'], [3, 3, 'commun/jardin.md']]);
    expect(await repo.fileAt('commun/jardin.md', history[1]!.commit)).toBe('v1\n');
    const removed = await repo.removeFile({ relPath: 'commun/jardin.md', author: MARC, message: 'Retrait' });
    expect(changedIn(outer, removed)).toEqual(['contenu/commun/jardin.md']);
    expect(await repo.pathsChangedSince(history[1]!.commit)).toEqual(['commun/jardin.md']);
  });

  it('makes its own repository when the enclosing one ignores the content folder', async () => {
    const outer = freshDir({ '.gitignore': 'donnees/\n', 'donnees/contenu/commun/a.md': 'a\n' });
    humanRepository(outer);
    const repo = await openContentRepository(path.join(outer, 'donnees', 'contenu'));
    expect(repo.kind).toBe('created');
    expect(commitCount(path.join(outer, 'donnees', 'contenu'))).toBe(1);
  });
});

describe('committing', () => {
  it('authors the commit as the contributor, with the forge as committer', async () => {
    const repo = await openContentRepository(freshDir());
    const commit = await repo.commitFile({ relPath: 'commun/jardin.md', content: 'x\n', author: ZOE, message: 'Création' });
    expect(commit).toBe(git(repo.contentDir, 'rev-parse', 'HEAD').trim());
    expect(git(repo.contentDir, 'log', '-1', '--format=%an|%ae|%cn|%ce|%s', commit).trim()).toBe(
      `${ZOE.nom}|${ZOE.email}|${FORGE_COMMITTER_NAME}|${FORGE_COMMITTER_EMAIL}|Création`,
    );
  });

  it('stores hostile messages and author names verbatim, never as options or shell text', async () => {
    const repo = await openContentRepository(freshDir());
    const messages = [
      '--amend',
      '-F /etc/passwd',
      '--author="Pirate <p@x>" --allow-empty',
      'guillemets " et \' et `id`',
      'ligne 1\nligne 2\n\n# pas un commentaire\n  indentée  ',
      '$(rm -rf /)',
      'é'.repeat(5000) + '\n' + 'x'.repeat(100),
    ];
    const commits: string[] = [];
    for (const [i, message] of messages.entries()) {
      commits.push(await repo.commitFile({ relPath: 'commun/fiche.md', content: `version ${i}\n`, author: { nom: '--help', email: '-c@x' }, message }));
    }
    const history = await repo.fileHistory('commun/fiche.md');
    expect(history.map((r) => r.message)).toEqual([...messages].reverse());
    expect(history.map((r) => r.auteur)).toEqual(messages.map(() => '--help'));
    expect(history.map((r) => r.commit)).toEqual([...commits].reverse());
    expect(git(repo.contentDir, 'log', '-1', '-z', '--format=%B', commits[4]!).replace(/\0$/, '')).toBe(messages[4]);
    expect(commitCount(repo.contentDir)).toBe(1 + messages.length);
  });

  it('gives an empty summary a French default', async () => {
    const repo = await openContentRepository(freshDir());
    await repo.commitFile({ relPath: 'commun/jardin.md', content: 'x\n', author: ZOE, message: '  \n' });
    expect((await repo.fileHistory('commun/jardin.md'))[0]!.message).toBe('Modification de commun/jardin.md');
  });

  it('lands 20 concurrent commits on different files, one commit each', async () => {
    const repo = await openContentRepository(freshDir());
    const commits = await Promise.all(
      Array.from({ length: 20 }, (_, i) => repo.commitFile({ relPath: `methode/m-${i}.md`, content: `méthode ${i}\n`, author: i % 2 ? ZOE : MARC, message: `Méthode ${i}` })),
    );
    expect(new Set(commits).size).toBe(20);
    expect(commitCount(repo.contentDir)).toBe(21);
    expect(git(repo.contentDir, 'ls-tree', '--name-only', 'HEAD', 'methode/').trim().split('\n')).toHaveLength(20);
    expect(git(repo.contentDir, 'status', '--porcelain').trim()).toBe('');
  });

  it('creates no commit when the content did not change, answering the file’s last commit', async () => {
    const repo = await openContentRepository(freshDir());
    const first = await repo.commitFile({ relPath: 'commun/jardin.md', content: 'x\n', author: ZOE, message: 'Création' });
    await repo.commitFile({ relPath: 'outil/tableur.md', content: 'y\n', author: ZOE, message: 'Autre' });
    expect(await repo.commitFile({ relPath: 'commun/jardin.md', content: 'x\n', author: MARC, message: 'Rien' })).toBe(first);
    expect(commitCount(repo.contentDir)).toBe(3);
  });

  it('refuses paths outside the folder, into .git, through a symlink, and unknown removals', async () => {
    const outside = freshDir({ 'secret.txt': 'intact' });
    const repo = await openContentRepository(freshDir({ 'commun/a.md': 'a\n' }));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(repo.contentDir, 'commun', 'lien.md'));
    for (const relPath of ['../evade.md', '/etc/passwd', '.git/config', 'commun/../../x.md', 'commun//a.md', '', 'commun\\a.md', 'commun/.a.md.1.tmp-forge']) {
      await expectRefusal(repo.commitFile({ relPath, content: 'x', author: ZOE, message: 'm' }), 'chemin_invalide');
    }
    await expectRefusal(repo.commitFile({ relPath: 'commun/lien.md', content: 'piégé', author: ZOE, message: 'm' }), 'chemin_invalide');
    expect(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('intact');
    await expectRefusal(repo.commitFile({ relPath: 'commun/b.md', content: 'x', author: { nom: ' ', email: 'x@y' }, message: 'm' }), 'auteur_invalide');
    await expectRefusal(repo.removeFile({ relPath: 'commun/jamais.md', author: ZOE, message: 'm' }), 'fichier_non_suivi');
    expect(commitCount(repo.contentDir)).toBe(1);
  });
});

describe('history and old revisions', () => {
  // One file created, lengthened, shortened then deleted, with an unrelated commit in between.
  let repo: ContentRepository;
  let commits: string[];
  beforeAll(async () => {
    repo = await openContentRepository(freshDir());
    commits = [
      await repo.commitFile({ relPath: 'commun/jardin.md', content: '0123456789', author: ZOE, message: 'Création' }),
      await repo.commitFile({ relPath: 'outil/autre.md', content: 'ailleurs', author: ZOE, message: 'Sans rapport' }),
      await repo.commitFile({ relPath: 'commun/jardin.md', content: 'x'.repeat(25), author: MARC, message: 'Allongée' }),
      await repo.commitFile({ relPath: 'commun/jardin.md', content: 'court', author: ZOE, message: 'Raccourcie' }),
      await repo.removeFile({ relPath: 'commun/jardin.md', author: MARC, message: 'Supprimée' }),
    ];
  });

  it('lists revisions newest first with author, ISO date, message, size and size change', async () => {
    const history = await repo.fileHistory('commun/jardin.md');
    expect(history.map(({ commit, auteur, email, message, taille, delta }) => ({ commit, auteur, email, message, taille, delta }))).toEqual([
      { commit: commits[4], auteur: MARC.nom, email: MARC.email, message: 'Supprimée', taille: 0, delta: -5 },
      { commit: commits[3], auteur: ZOE.nom, email: ZOE.email, message: 'Raccourcie', taille: 5, delta: -20 },
      { commit: commits[2], auteur: MARC.nom, email: MARC.email, message: 'Allongée', taille: 25, delta: 15 },
      { commit: commits[0], auteur: ZOE.nom, email: ZOE.email, message: 'Création', taille: 10, delta: 10 },
    ]);
    expect(history.map((r) => r.chemin)).toEqual([null, 'commun/jardin.md', 'commun/jardin.md', 'commun/jardin.md']);
    for (const revision of history) expect(revision.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    // A limit keeps the newest ones, with the delta still taken against the older revision.
    expect((await repo.fileHistory('commun/jardin.md', { limit: 2 })).map((r) => [r.taille, r.delta])).toEqual([[0, -5], [5, -20]]);
    expect(await repo.fileHistory('commun/jamais.md')).toEqual([]);
  });

  it('follows a file across a rename made outside the forge', async () => {
    const renamed = await openContentRepository(freshDir());
    await renamed.commitFile({ relPath: 'commun/ancien-nom.md', content: 'contenu stable\n'.repeat(5), author: ZOE, message: 'Création' });
    git(renamed.contentDir, 'mv', 'commun/ancien-nom.md', 'commun/nouveau-nom.md');
    git(renamed.contentDir, 'commit', '--quiet', '--message=Renommage');
    await renamed.commitFile({ relPath: 'commun/nouveau-nom.md', content: 'contenu stable\n'.repeat(6), author: MARC, message: 'Ajout' });
    const history = await renamed.fileHistory('commun/nouveau-nom.md');
    expect(history.map((r) => [r.message, r.taille, r.delta, r.chemin])).toEqual([
      ['Ajout', 90, 15, 'commun/nouveau-nom.md'],
      ['Renommage', 75, 0, 'commun/nouveau-nom.md'],
      ['Création', 75, 75, 'commun/ancien-nom.md'],
    ]);
    // An old revision is read under the name it had then.
    expect(await renamed.fileAt(history[2]!.chemin!, history[2]!.commit)).toBe('contenu stable\n'.repeat(5));
  });

  it('gives the file as it was at any commit, null where it did not exist', async () => {
    expect(await repo.fileAt('commun/jardin.md', commits[0]!)).toBe('0123456789');
    expect(await repo.fileAt('commun/jardin.md', commits[1]!.slice(0, 7))).toBe('0123456789');
    expect(await repo.fileAt('commun/jardin.md', commits[3]!)).toBe('court');
    expect(await repo.fileAt('commun/jardin.md', commits[4]!)).toBeNull();
    expect(await repo.fileAt('outil/autre.md', commits[0]!)).toBeNull();
    expect(await repo.fileAt('commun', commits[0]!)).toBeNull();
    expect(await repo.fileAt('commun/jardin.md', 'deadbeefdeadbeef')).toBeNull();
  });

  it('refuses a revision id that is not 7 to 64 hexadecimal characters, before calling git', async () => {
    for (const commit of ['HEAD', 'main', '--output=/tmp/x', 'abc123', 'g'.repeat(10), 'a'.repeat(65), 'abcdef0~1', 'abcdef0^{tree}']) {
      await expectRefusal(repo.fileAt('commun/jardin.md', commit), 'revision_invalide');
      await expectRefusal(repo.pathsChangedSince(commit), 'revision_invalide');
    }
  });

  it('lists the paths changed since a commit, such as those pulled from outside', async () => {
    const repo = await openContentRepository(freshDir({ 'commun/a.md': 'a\n', 'commun/b.md': 'b\n' }));
    const start = (await repo.headCommit())!;
    expect(await repo.pathsChangedSince(start)).toEqual([]);
    writeFiles(repo.contentDir, { 'commun/a.md': 'a modifiée\n', 'outil/c.md': 'c\n' });
    git(repo.contentDir, 'rm', '--quiet', 'commun/b.md');
    git(repo.contentDir, 'add', '--all');
    git(repo.contentDir, 'commit', '--quiet', '--message=Tiré d’ailleurs');
    expect((await repo.pathsChangedSince(start))?.sort()).toEqual(['commun/a.md', 'commun/b.md', 'outil/c.md']);
    expect(await repo.pathsChangedSince('0123456789abcdef')).toBeNull();
  });
});

describe('parseFollowLog', () => {
  it('keeps messages whole whatever they contain, and reads commits without a change line (merges)', () => {
    const h = (c: string) => c.repeat(40);
    const output = [
      `${h('a')}\x1fZoé\x1fz@x\x1f2024-02-01T10:00:00+01:00\x1fDeux\n:100644 100644 piège\x1fchamp\n`,
      '\n:100644 100644 1111 2222 M', 'commun/b.md',
      `${h('b')}\x1fMarc\x1fm@x\x1f2024-01-01T10:00:00Z\x1fFusion\n`,
      `\n${h('c')}\x1fZoé\x1fz@x\x1f2023-12-01T10:00:00Z\x1fRenommage`,
      '\n:100644 100644 3333 4444 R090', 'commun/a.md', 'commun/b.md', '',
    ].join('\0');
    expect(parseFollowLog(output)).toEqual([
      { commit: h('a'), auteur: 'Zoé', email: 'z@x', date: '2024-02-01T10:00:00+01:00', message: 'Deux\n:100644 100644 piège\x1fchamp', pathAfter: 'commun/b.md', pathBefore: 'commun/b.md' },
      { commit: h('b'), auteur: 'Marc', email: 'm@x', date: '2024-01-01T10:00:00Z', message: 'Fusion', pathAfter: undefined, pathBefore: undefined },
      { commit: h('c'), auteur: 'Zoé', email: 'z@x', date: '2023-12-01T10:00:00Z', message: 'Renommage', pathAfter: 'commun/b.md', pathBefore: 'commun/a.md' },
    ]);
  });
});

describe('independence from the machine’s git configuration', () => {
  it('ignores a hostile global config and ambient GIT_ variables, and a repository that asks for signed commits', async () => {
    const home = freshDir({
      '.gitconfig': '[user]\n\tname = Bizarre\n\temail = bizarre@example.org\n[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = /bin/false\n[core]\n\thooksPath = /nonexistent\n[init]\n\tdefaultBranch = autre\n',
    });
    const saved = { ...process.env };
    Object.assign(process.env, { HOME: home, XDG_CONFIG_HOME: home, GIT_AUTHOR_NAME: 'Ambiant', GIT_DIR: '/nonexistent', GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig') });
    try {
      const fresh = await openContentRepository(freshDir({ 'commun/a.md': 'a\n' }));
      expect(git(fresh.contentDir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
      const commit = await fresh.commitFile({ relPath: 'commun/a.md', content: 'a2\n', author: ZOE, message: 'Malgré la config' });
      expect(git(fresh.contentDir, 'log', '-1', '--format=%an|%cn|%G?', commit).trim()).toBe(`${ZOE.nom}|${FORGE_COMMITTER_NAME}|N`);

      const existing = freshDir({ 'commun/a.md': 'a\n' });
      humanRepository(existing);
      git(existing, 'config', 'commit.gpgSign', 'true');
      git(existing, 'config', 'gpg.program', '/bin/false');
      const repo = await openContentRepository(existing);
      await repo.commitFile({ relPath: 'commun/a.md', content: 'signée ?\n', author: MARC, message: 'Sans signature' });
      expect(git(existing, 'log', '-1', '--format=%an|%G?').trim()).toBe(`${MARC.nom}|N`);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
