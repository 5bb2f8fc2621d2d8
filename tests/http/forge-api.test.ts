// The write API of contract §4b through inject, on a real content folder that becomes a git
// repository, with accounts and tokens in the real forge database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const base = { titre: 'Cercle de dialogue', resume: 'Un format d’échange en cercle.', licence: 'CC-BY-SA-4.0' };
const json = (auth: Record<string, string>, extra: Record<string, string> = {}) => ({ ...auth, 'content-type': 'application/json', ...extra });
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

describe('writing through the API', () => {
  it('an editor creates, reads, changes and deletes a fiche; every change is a commit', async () => {
    const dir = contentWithSampleOntology({ 'outil/existant.md': fiche({ ...base, titre: 'Existant' }) });
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur', { nom: 'Édith Éditrice' });
      const created = await app.inject({
        method: 'POST',
        url: '/api/fiches',
        headers: json(editor.auth),
        payload: { type: 'methode', message: 'Première version', corps: 'Un **corps** et [[existant]].', ...base, contextes: ['tiers-lieux'] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { slug, revision, url } = created.json();
      expect(slug).toBe('cercle-de-dialogue');
      expect(url).toBe('/fiches/cercle-de-dialogue');

      const read = await app.inject('/api/fiches/cercle-de-dialogue');
      expect(read.statusCode).toBe(200);
      expect(read.headers.etag).toBe(`"${revision}"`);
      expect(read.json()).toMatchObject({ titre: base.titre, contextes: ['tiers-lieux'], revision });
      expect((await app.inject('/api/fiches?q=dialogue')).json().total).toBe(1);

      const log = git(dir, 'log', '-1', '--format=%an|%ae|%cn|%B', '--', 'methode/cercle-de-dialogue.md');
      expect(log).toContain('Édith Éditrice|editeur');
      expect(log).toContain('Première version');
      expect(log).toContain('Licence-acceptee: CC-BY-SA-4.0');

      const noIfMatch = await app.inject({ method: 'PUT', url: `/api/fiches/${slug}`, headers: json(editor.auth), payload: { ...base, corps: 'x' } });
      expect(noIfMatch.statusCode).toBe(428);
      expect(noIfMatch.json().code).toBe('precondition_requise');

      const changed = await app.inject({
        method: 'PUT',
        url: `/api/fiches/${slug}`,
        headers: json(editor.auth, { 'if-match': `"${revision}"` }),
        payload: { ...base, contextes: ['tiers-lieux'], resume: 'Un résumé revu.', message: 'Résumé revu', corps: 'Nouveau corps.' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      const second = changed.json().revision;
      expect(second).not.toBe(revision);
      expect((await app.inject(`/api/fiches/${slug}`)).json().resume).toBe('Un résumé revu.');

      const stale = await app.inject({
        method: 'PUT',
        url: `/api/fiches/${slug}`,
        headers: json(editor.auth, { 'if-match': `"${revision}"` }),
        payload: { ...base, corps: 'Écrit sur une vieille version.' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'conflit', revision: second });

      const history = (await app.inject(`/api/fiches/${slug}/historique`)).json();
      expect(history.map((h: { revision: string }) => h.revision)).toEqual([second, revision]);
      expect(history[0]).toMatchObject({ auteur: 'Édith Éditrice', message: expect.stringContaining('Résumé revu') });
      const old = await app.inject(`/api/fiches/${slug}/revisions/${revision}`);
      expect(old.statusCode).toBe(200);
      expect(old.json()).toMatchObject({ resume: base.resume, corps: expect.stringContaining('Un **corps**') });
      const diff = (await app.inject(`/api/fiches/${slug}/diff?de=${revision}&a=${second}`)).json();
      expect(diff.champs).toEqual([expect.objectContaining({ cle: 'resume', statut: 'modifie' })]);

      const deleted = await app.inject({ method: 'DELETE', url: `/api/fiches/${slug}`, headers: editor.auth });
      expect(deleted.statusCode).toBe(204);
      const gone = await app.inject(`/api/fiches/${slug}`);
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({ code: 'fiche_supprimee', historique: `/api/fiches/${slug}/historique` });
      expect((await app.inject('/api/fiches?q=dialogue')).json().total).toBe(0);
      expect(fs.existsSync(path.join(dir, 'methode', `${slug}.md`))).toBe(false);
      expect(git(dir, 'status', '--porcelain')).toBe('');
    });
  });

  it('refuses what is not allowed: 401 without a token, 400 with fields, 409 on an existing slug, 403 for a contributor deleting', async () => {
    const dir = contentWithSampleOntology({ 'outil/existant.md': fiche({ ...base, titre: 'Existant' }) });
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      const contributor = await addAccount(app, 'contributeur');
      const anonymous = await app.inject({ method: 'POST', url: '/api/fiches', headers: { 'content-type': 'application/json' }, payload: { type: 'outil', ...base } });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('non_authentifie');
      const badToken = await app.inject({ method: 'GET', url: '/api/fiches', headers: { authorization: 'Bearer fac_faux' } });
      expect(badToken.statusCode).toBe(401);

      const invalid = await app.inject({
        method: 'POST',
        url: '/api/fiches',
        headers: json(editor.auth),
        payload: { type: 'outil', titre: 'ab', licence: 'MIT', contextes: ['inconnu'], cle_inventee: 1 },
      });
      expect(invalid.statusCode).toBe(400);
      const champs = invalid.json().champs;
      expect(Object.keys(champs).sort()).toEqual(['cle_inventee', 'contextes', 'licence', 'resume', 'titre']);
      expect(invalid.json().code).toBe('fiche_invalide');

      const taken = await app.inject({ method: 'POST', url: '/api/fiches', headers: json(editor.auth), payload: { type: 'commun', slug: 'existant', ...base } });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('fiche_existante');
      // The creation form lives at /fiches/nouvelle: a fiche there could never be shown.
      const reserved = await app.inject({ method: 'POST', url: '/api/fiches', headers: json(editor.auth), payload: { type: 'outil', ...base, titre: 'Nouvelle' } });
      expect(reserved.statusCode).toBe(400);
      expect(reserved.json().champs.slug).toMatch(/réservée/);

      const forbidden = await app.inject({ method: 'DELETE', url: '/api/fiches/existant', headers: contributor.auth });
      expect(forbidden.statusCode).toBe(403);
      expect((await app.inject('/api/fiches/existant')).statusCode).toBe(200);
    });
  });

  it('a new contributor’s change becomes a proposition that an editor accepts, authored by the contributor', async () => {
    const dir = contentWithSampleOntology({ 'outil/existant.md': fiche({ ...base, titre: 'Existant' }, 'Ligne un.\nLigne deux.\n') });
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      const contributor = await addAccount(app, 'contributeur', { nom: 'Camille Contributrice' });
      const revision = (await app.inject('/api/fiches/existant')).json().revision;
      const proposed = await app.inject({
        method: 'PUT',
        url: '/api/fiches/existant',
        headers: json(contributor.auth, { 'if-match': `"${revision}"` }),
        payload: { ...base, titre: 'Existant', corps: 'Ligne un.\nLigne deux, précisée.\n', message: 'Précision' },
      });
      expect(proposed.statusCode, proposed.body).toBe(202);
      const { proposition } = proposed.json();
      expect((await app.inject('/api/fiches/existant')).json().revision).toBe(revision);

      expect((await app.inject({ url: '/api/propositions', headers: contributor.auth })).json()).toEqual([
        expect.objectContaining({ id: proposition, statut: 'en_attente', auteur: 'Camille Contributrice' }),
      ]);
      const refused = await app.inject({ method: 'POST', url: `/api/propositions/${proposition}/accepter`, headers: contributor.auth });
      expect(refused.statusCode).toBe(403);

      // The fiche moves on meanwhile: the proposition is re-based.
      const moved = await app.inject({
        method: 'PUT',
        url: '/api/fiches/existant',
        headers: json(editor.auth, { 'if-match': `"${revision}"` }),
        payload: { ...base, titre: 'Existant', resume: 'Résumé changé par l’éditrice.', corps: 'Ligne un.\nLigne deux.\n' },
      });
      expect(moved.statusCode).toBe(200);
      const detail = (await app.inject({ url: `/api/propositions/${proposition}`, headers: editor.auth })).json();
      expect(detail).toMatchObject({ statut: 'en_attente', conflit: false });

      const accepted = await app.inject({ method: 'POST', url: `/api/propositions/${proposition}/accepter`, headers: editor.auth });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const now = (await app.inject('/api/fiches/existant')).json();
      expect(now.resume).toBe('Résumé changé par l’éditrice.');
      expect(now.html).toContain('précisée');
      expect(git(dir, 'log', '-1', '--format=%an')).toContain('Camille Contributrice');
      const again = await app.inject({ method: 'POST', url: `/api/propositions/${proposition}/accepter`, headers: editor.auth });
      expect(again.statusCode).toBe(409);
    });
  });

  it('limits writes per account: 429 with Retry-After and a French message, reads unaffected', async () => {
    const dir = contentWithSampleOntology({});
    await withApp({ contentDir: dir, config: { writesPerMinute: 3 } }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const answer = await app.inject({ method: 'POST', url: '/api/fiches', headers: json(editor.auth), payload: { type: 'outil', ...base, titre: `Outil numéro ${i}` } });
        statuses.push(answer.statusCode);
        if (answer.statusCode === 429) {
          expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
          expect(answer.json()).toMatchObject({ code: 'trop_de_requetes', erreur: expect.stringMatching(/réessayez/) });
        }
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect((await app.inject('/api/fiches')).json().total).toBe(3);
    });
  });

  it('a save git cannot commit answers 503 in French and changes nothing', async () => {
    const dir = contentWithSampleOntology({ 'outil/existant.md': fiche({ ...base, titre: 'Existant' }) });
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      const before = (await app.inject('/api/fiches/existant')).json();
      const lock = path.join(dir, '.git', 'index.lock');
      fs.writeFileSync(lock, '');
      try {
        const put = await app.inject({
          method: 'PUT',
          url: '/api/fiches/existant',
          headers: json(editor.auth, { 'if-match': `"${before.revision}"` }),
          payload: { ...base, titre: 'Existant', corps: 'Jamais enregistré.' },
        });
        expect(put.statusCode).toBe(503);
        expect(put.json()).toMatchObject({ code: 'service_indisponible' });
        expect(put.body).not.toContain(dir);
      } finally {
        fs.rmSync(lock);
      }
      const after = await app.inject('/api/fiches/existant');
      expect(after.json().revision).toBe(before.revision);
      expect(git(dir, 'status', '--porcelain')).toBe('');
    });
  });
});

