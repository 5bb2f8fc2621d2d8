// Changes pulled into CONTENT_DIR from another clone (issue 4): the server picks them up while it
// runs (watcher) and at its next start (start-up scan), on every surface — the fiche, its
// revision, lists and search, its history — and its own next commit builds on the pulled HEAD.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { listProblems } from '../../server/index/problems.js';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche, makeTempDir, writeFiles } from '../helpers/content.js';
import { git, humanRepository } from '../helpers/git.js';

const ZOE = { name: 'Zoé Externe', email: 'zoe@exemple.org' };
const temp: string[] = [];
afterAll(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const valid = (titre: string, extra: Record<string, unknown> = {}, body = `Le corps de ${titre}.`) =>
  fiche({ titre, resume: `Résumé de ${titre}.`, licence: 'CC-BY-SA-4.0', ...extra }, body);

/** git as Zoé would run it in her own clone (no machine configuration, her identity by -c). */
function gitAs(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', `user.name=${ZOE.name}`, '-c', `user.email=${ZOE.email}`, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/dev/null', XDG_CONFIG_HOME: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' },
  });
}

/** A content folder that is its own git repository (as a deployment that pulls would have it). */
function contentRepository(files: Record<string, string>): string {
  const dir = contentWithSampleOntology(files);
  temp.push(dir);
  humanRepository(dir);
  return dir;
}

/** Another clone of the content folder, where Zoé works. */
function otherClone(contentDir: string): string {
  const parent = makeTempDir('forge-clone-');
  temp.push(parent);
  const clone = path.join(parent, 'clone');
  execFileSync('git', ['clone', '--quiet', contentDir, clone], { env: { PATH: process.env.PATH, HOME: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  return clone;
}

/** Zoé's change, committed in her clone. */
function commitInClone(clone: string, message: string, change: { write?: Record<string, string>; remove?: string[] }): string {
  writeFiles(clone, change.write ?? {});
  for (const rel of change.remove ?? []) gitAs(clone, 'rm', '--quiet', '--', rel);
  gitAs(clone, 'add', '--all');
  gitAs(clone, 'commit', '--quiet', `--message=${message}`);
  return gitAs(clone, 'rev-parse', 'HEAD').trim();
}

/** What an operator runs on the server: a fast-forward pull from the other clone. */
function pullInto(contentDir: string, clone: string): void {
  gitAs(contentDir, 'pull', '--quiet', '--ff-only', clone, 'main');
}

/** Polls until `check` holds; fails after `timeoutMs` (the watcher answers well within it). */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const slugsOf = async (app: FastifyInstance, query = '') =>
  ((await app.inject(`/api/fiches?par_page=100${query}`)).json().resultats as Array<{ slug: string }>).map((r) => r.slug).sort();

const put = (app: FastifyInstance, auth: Record<string, string>, slug: string, revision: string, titre: string) =>
  app.inject({
    method: 'PUT',
    url: `/api/fiches/${slug}`,
    headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${revision}"` },
    payload: { titre, resume: `Résumé de ${titre}.`, licence: 'CC-BY-SA-4.0', corps: 'Repris sur le serveur.', message: 'Retouche sur le serveur' },
  });

describe('commits pulled into CONTENT_DIR while the server runs', () => {
  it('are served, searched, listed in history, and the next save builds on them', async () => {
    const dir = contentRepository({
      'commun/jardin-partage.md': valid('Jardin partagé'),
      'outil/vieil-outil.md': valid('Vieil outil'),
      'methode/fragile.md': valid('Méthode fragile'),
    });
    const clone = otherClone(dir);
    await withApp({ contentDir: dir, watch: true, config: { reviewPolicy: 'aucune' } }, async (app) => {
      const contributor = await addAccount(app, 'contributeur', { nom: 'Camille Contributrice' });
      const before = await app.inject('/api/fiches/jardin-partage');
      expect(before.statusCode).toBe(200);
      const oldRevision = before.json().revision as string;
      expect(await slugsOf(app)).toEqual(['fragile', 'jardin-partage', 'vieil-outil']);
      // Pages and answers seen before the pull (and kept by the page cache) must not outlive it.
      for (const url of ['/', '/fiches', '/fiches?q=lilas', '/fiches?type=outil', '/fiches/jardin-partage', '/modifications', '/api/fiches?q=lilas']) {
        expect((await app.inject(url)).statusCode, url).toBe(200);
      }

      // Zoé changes one fiche, adds one (in a type folder the server has never seen), deletes one.
      const changed = commitInClone(clone, 'Le jardin devient celui des Lilas', {
        write: { 'commun/jardin-partage.md': valid('Jardin partagé des Lilas', {}, 'On y sème des capucines.') },
      });
      commitInClone(clone, 'Nouvelle fiche et ménage', {
        write: { 'retour-experience/nouvelle-venue.md': valid('Nouvelle venue') },
        remove: ['outil/vieil-outil.md'],
      });
      pullInto(dir, clone);

      await waitFor('the changed fiche', async () => (await app.inject('/api/fiches/jardin-partage')).json().titre === 'Jardin partagé des Lilas');
      await waitFor('the new and the deleted fiche', async () => (await slugsOf(app)).join() === 'fragile,jardin-partage,nouvelle-venue');
      const after = await app.inject('/api/fiches/jardin-partage');
      const newRevision = after.json().revision as string;
      expect(newRevision).not.toBe(oldRevision);
      expect(after.headers.etag).toBe(`"${newRevision}"`);
      expect(after.json().html).toContain('capucines');
      expect((await app.inject('/fiches/jardin-partage')).body).toContain('Jardin partagé des Lilas');

      // Search finds the new words (title and body), and no longer the old title alone.
      expect(await slugsOf(app, '&q=lilas')).toEqual(['jardin-partage']);
      expect(await slugsOf(app, '&q=capucine')).toEqual(['jardin-partage']);
      expect((await app.inject('/fiches?q=lilas')).body).toContain('/fiches/jardin-partage');

      // New fiche served; deleted one gone from the fiche route and from every list.
      expect((await app.inject('/api/fiches/nouvelle-venue')).json().titre).toBe('Nouvelle venue');
      expect((await app.inject('/api/fiches/vieil-outil')).statusCode).toBe(404);
      expect((await app.inject('/fiches/vieil-outil')).statusCode).toBe(404);
      expect((await app.inject('/fiches?type=outil')).body).not.toContain('vieil-outil');
      expect((await app.inject('/')).body).not.toContain('Vieil outil');
      // Its history is still there, ending with Zoé's deletion.
      const goneHistory = (await app.inject('/api/fiches/vieil-outil/historique')).json();
      expect(goneHistory[0]).toMatchObject({ auteur: ZOE.name, revision: null, message: 'Nouvelle fiche et ménage' });

      // History and recent changes name Zoé and her commit.
      const history = (await app.inject('/api/fiches/jardin-partage/historique')).json();
      expect(history[0]).toMatchObject({ auteur: ZOE.name, commit: changed, revision: newRevision, message: 'Le jardin devient celui des Lilas' });
      expect(history.map((e: { revision: string }) => e.revision)).toContain(oldRevision);
      const recent = await app.inject('/modifications');
      expect(recent.body).toContain(ZOE.name);
      expect(recent.body).toContain('Le jardin devient celui des Lilas');
      expect((await app.inject('/modifications.atom')).body).toContain('Nouvelle venue');
      expect((await app.inject('/fiches/jardin-partage')).body).toContain(ZOE.name); // credited as a contributor

      // Compare-and-swap against the pulled text: the old revision is stale, the new one wins.
      const stale = await put(app, contributor.auth, 'jardin-partage', oldRevision, 'Jardin écrasé');
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'conflit', revision: newRevision });
      const fresh = await put(app, contributor.auth, 'jardin-partage', newRevision, 'Jardin des Lilas, repris');
      expect(fresh.statusCode, fresh.body).toBe(200);

      // The server's commit sits on top of the pulled HEAD: nothing lost, Zoé can fast-forward.
      const pulledHead = gitAs(clone, 'rev-parse', 'HEAD').trim();
      expect(git(dir, 'rev-parse', 'HEAD~1').trim()).toBe(pulledHead);
      const log = git(dir, 'log', '--format=%an|%s', 'HEAD');
      expect(log.split('\n').slice(0, 3)).toEqual(['Camille Contributrice|Retouche sur le serveur', `${ZOE.name}|Nouvelle fiche et ménage`, `${ZOE.name}|Le jardin devient celui des Lilas`]);
      expect(git(dir, 'status', '--porcelain')).toBe('');
      gitAs(clone, 'pull', '--quiet', '--ff-only', dir, 'main');
      expect(gitAs(clone, 'log', '-1', '--format=%s')).toContain('Retouche sur le serveur');
    });
  });

  it('a pulled commit that breaks a fiche withdraws it, reports it, and the server keeps serving', async () => {
    const dir = contentRepository({ 'commun/jardin-partage.md': valid('Jardin partagé'), 'methode/fragile.md': valid('Méthode fragile') });
    const clone = otherClone(dir);
    await withApp({ contentDir: dir, watch: true }, async (app) => {
      expect((await app.inject('/api/fiches/fragile')).statusCode).toBe(200);
      commitInClone(clone, 'Casse la méthode', {
        write: { 'methode/fragile.md': '---\ntitre: Méthode fragile\nresume: Une licence inconnue.\nlicence: MIT\nchamp_inconnu: oui\n---\nCorps.\n' },
      });
      pullInto(dir, clone);
      await waitFor('the withdrawal', async () => (await app.inject('/api/fiches/fragile')).statusCode === 404);
      await app.syncQueue.idle();
      const problems = await listProblems(app.catalogue);
      expect(problems.filter((p) => p.path === 'methode/fragile.md' && p.severity === 'erreur').length).toBeGreaterThan(0);
      expect(await slugsOf(app)).toEqual(['jardin-partage']);
      expect((await app.inject('/api/fiches/jardin-partage')).statusCode).toBe(200);
      for (const url of ['/', '/fiches', '/modifications', '/modifications.atom', '/fiches/fragile/historique']) {
        expect((await app.inject(url)).statusCode, url).toBeLessThan(500);
      }
      // Zoé's breaking commit is not a public change anybody can read: the file is not served.
      expect((await app.inject('/modifications')).body).not.toContain('Casse la méthode');

      // Fixed by another pull: served again.
      commitInClone(clone, 'Répare la méthode', { write: { 'methode/fragile.md': valid('Méthode réparée') } });
      pullInto(dir, clone);
      await waitFor('the repair', async () => (await app.inject('/api/fiches/fragile')).statusCode === 200);
      expect((await app.inject('/api/fiches/fragile')).json().titre).toBe('Méthode réparée');
      await app.syncQueue.idle();
      expect((await listProblems(app.catalogue)).filter((p) => p.path === 'methode/fragile.md')).toEqual([]);
    });
  });
});

describe('commits pulled while the server is stopped', () => {
  it('are there at the next start (the start-up scan)', async () => {
    const dir = contentRepository({ 'commun/jardin-partage.md': valid('Jardin partagé'), 'outil/vieil-outil.md': valid('Vieil outil') });
    const dataDir = makeTempDir('forge-data-');
    temp.push(dataDir);
    const clone = otherClone(dir);
    const first = await withApp({ contentDir: dir, dataDir }, async (app) => (await app.inject('/api/fiches/jardin-partage')).json().revision as string);

    commitInClone(clone, 'Pendant l’arrêt', {
      write: { 'commun/jardin-partage.md': valid('Jardin pendant l’arrêt', {}, 'Des capucines.'), 'methode/arrivee.md': valid('Arrivée') },
      remove: ['outil/vieil-outil.md'],
    });
    pullInto(dir, clone);

    await withApp({ contentDir: dir, dataDir, config: { reviewPolicy: 'aucune' } }, async (app) => {
      const now = (await app.inject('/api/fiches/jardin-partage')).json();
      expect(now.titre).toBe('Jardin pendant l’arrêt');
      expect(now.revision).not.toBe(first);
      expect(await slugsOf(app)).toEqual(['arrivee', 'jardin-partage']);
      expect(await slugsOf(app, '&q=capucines')).toEqual(['jardin-partage']);
      expect((await app.inject('/api/fiches/vieil-outil')).statusCode).toBe(404);
      expect((await app.inject('/api/fiches/jardin-partage/historique')).json()[0]).toMatchObject({ auteur: ZOE.name, message: 'Pendant l’arrêt' });

      const contributor = await addAccount(app, 'contributeur');
      expect((await put(app, contributor.auth, 'jardin-partage', first, 'Trop tard')).statusCode).toBe(409);
      expect((await put(app, contributor.auth, 'jardin-partage', now.revision, 'À jour')).statusCode).toBe(200);
      expect(git(dir, 'rev-parse', 'HEAD~1').trim()).toBe(gitAs(clone, 'rev-parse', 'HEAD').trim());
    });
  });
});
