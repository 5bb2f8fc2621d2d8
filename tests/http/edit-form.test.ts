// The edit form in a browser session (inject with cookies): generated from the schemas, errors
// next to their fields, preview, licence acceptance, conflict with the person's text kept, and
// an expired session that keeps what was typed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { browserSession, csrfOf, formFields, signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

async function signedIn(app: FastifyInstance, role: 'contributeur' | 'editeur', nom: string) {
  const { account } = await addAccount(app, role, { nom });
  return signedInSession(app, account.email);
}

describe('the edit form', () => {
  it('creates a fiche: a field error shown next to the field with the text kept, a preview, then published', async () => {
    await withApp({ contentDir: contentWithSampleOntology({ 'outil/voisin.md': fiche({ titre: 'Voisin', resume: 'r', licence: 'CC0-1.0' }) }) }, async (app) => {
      const b = await signedIn(app, 'editeur', 'Éva Éditrice');
      expect((await b.get('/fiches/nouvelle')).body).toContain('/fiches/nouvelle?type=methode');
      const empty = await b.get('/fiches/nouvelle?type=methode');
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('Titre (obligatoire)');
      expect(empty.body).toContain('Les milieux où la ressource'); // help from the schema's description
      // The guide: open on a new fiche, with the type's own description from its schema.
      expect(empty.body).toMatch(/<details class="guide" open>\s*<summary>Comment remplir une fiche<\/summary>/);
      expect(empty.body).toContain('Une méthode : une manière de faire');
      expect(empty.body).toMatch(/type="checkbox" id="f_contextes-tiers-lieux"/); // vocabulary as checkboxes

      const form = formFields(empty.body);
      form.set('f_titre', 'ab');
      form.set('f_resume', 'Un résumé.');
      form.append('f_contextes', 'tiers-lieux');
      form.set('corps', 'Un texte long que je ne veux pas perdre, avec [[voisin]].');
      form.set('licence_acceptee', 'oui');
      form.set('action', 'enregistrer');
      const invalid = await b.post('/fiches/nouvelle', form);
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toMatch(/id="f_titre-erreur" class="erreur-champ">[^<]*3/);
      expect(invalid.body).toContain('Un texte long que je ne veux pas perdre');
      expect(invalid.body).toMatch(/id="f_contextes-tiers-lieux" name="f_contextes" value="tiers-lieux" checked/);

      const again = formFields(invalid.body);
      again.set('f_titre', 'Atelier des communs');
      again.set('action', 'apercu');
      const preview = await b.post('/fiches/nouvelle', again);
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toMatch(/class="apercu"[\s\S]*href="\/fiches\/voisin"/);

      const final = formFields(preview.body);
      final.set('action', 'enregistrer');
      const withoutLicence = await b.post('/fiches/nouvelle', final);
      expect(withoutLicence.statusCode).toBe(400);
      expect(withoutLicence.body).toContain('licence-erreur');
      final.set('_csrf', csrfOf(withoutLicence.body));
      final.set('licence_acceptee', 'oui');
      const saved = await b.post('/fiches/nouvelle', final);
      expect(saved.statusCode, saved.body.slice(0, 2000)).toBe(303);
      expect(saved.headers.location).toBe('/fiches/atelier-des-communs');
      const api = (await app.inject('/api/fiches/atelier-des-communs')).json();
      expect(api).toMatchObject({ titre: 'Atelier des communs', contextes: ['tiers-lieux'], licence: 'CC-BY-SA-4.0' });
    });
  });

  it('edits; a stale base shows the conflict with both texts and keeps the person’s text', async () => {
    const dir = contentWithSampleOntology({ 'commun/jardin.md': fiche({ titre: 'Jardin partagé', resume: 'Un jardin.', licence: 'CC-BY-SA-4.0', x_interne: 'gardé' }, 'Première version.\n') });
    await withApp({ contentDir: dir }, async (app) => {
      const alice = await signedIn(app, 'editeur', 'Alice');
      const bob = await signedIn(app, 'editeur', 'Bob');
      const aliceForm = formFields((await alice.get('/fiches/jardin/modifier')).body);
      const bobForm = formFields((await bob.get('/fiches/jardin/modifier')).body);

      aliceForm.set('corps', 'Version d’Alice.\n');
      aliceForm.set('licence_acceptee', 'oui');
      aliceForm.set('message', 'Alice réécrit');
      aliceForm.set('action', 'enregistrer');
      expect((await alice.post('/fiches/jardin/modifier', aliceForm)).statusCode).toBe(303);
      const afterAlice = (await app.inject('/api/fiches/jardin')).json();
      expect(afterAlice.x_interne).toBe('gardé'); // keys the form does not show survive

      bobForm.set('corps', 'Version de Bob, écrite longuement.\n');
      bobForm.set('licence_acceptee', 'oui');
      bobForm.set('action', 'enregistrer');
      const conflict = await bob.post('/fiches/jardin/modifier', bobForm);
      expect(conflict.statusCode).toBe(409);
      expect(conflict.body).toContain('Version de Bob, écrite longuement.');
      expect(conflict.body).toContain('Version d’Alice.');
      expect(conflict.body).toContain('Conflit');
      const retry = formFields(conflict.body);
      retry.set('licence_acceptee', 'oui');
      retry.set('action', 'enregistrer');
      expect((await bob.post('/fiches/jardin/modifier', retry)).statusCode).toBe(303);
      expect((await app.inject('/api/fiches/jardin')).json().html).toContain('Version de Bob');
      const authors = execFileSync('git', ['log', '--format=%an', '--', 'commun/jardin.md'], { cwd: dir, encoding: 'utf8' });
      expect(authors.split('\n').slice(0, 2)).toEqual(['Bob', 'Alice']);
    });
  });

  it('an expired session or form keeps what was typed', async () => {
    await withApp({ contentDir: contentWithSampleOntology({ 'commun/jardin.md': fiche({ titre: 'Jardin partagé', resume: 'Un jardin.', licence: 'CC-BY-SA-4.0' }) }) }, async (app) => {
      const b = await signedIn(app, 'editeur', 'Claire');
      const form = formFields((await b.get('/fiches/jardin/modifier')).body);
      form.set('corps', 'Deux heures de rédaction.');
      form.set('licence_acceptee', 'oui');
      form.set('action', 'enregistrer');
      const anonymous = browserSession(app);
      const expired = await anonymous.post('/fiches/jardin/modifier', form);
      expect(expired.statusCode).toBe(401);
      expect(expired.body).toContain('Deux heures de rédaction.');
      form.set('_csrf', 'perime');
      const stale = await b.post('/fiches/jardin/modifier', form);
      expect(stale.statusCode).toBe(403);
      expect(stale.body).toContain('Deux heures de rédaction.');
    });
  });

  it('saving the form unchanged changes nothing: lists, relations, a `false`, choices in the stored order', async () => {
    const stored = fiche({
      titre: 'Boussole',
      resume: 'Un outil.',
      licence: 'CC-BY-SA-4.0',
      auteurs: ['Zoé', 'Ada'],
      contextes: ['tiers-lieux', 'collectivites'],
      logiciel_libre: false,
      liens: { voir_aussi: ['voisin'], utilise: ['voisin'] },
      x_source: 'import',
    });
    const dir = contentWithSampleOntology({ 'outil/boussole.md': stored, 'outil/voisin.md': fiche({ titre: 'Voisin', resume: 'r', licence: 'CC0-1.0' }) });
    await withApp({ contentDir: dir }, async (app) => {
      const b = await signedIn(app, 'editeur', 'Éva');
      const commits = () => execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
      const before = commits();
      const page = await b.get('/fiches/boussole/modifier');
      expect(page.body).toContain('→ Voisin');
      const form = formFields(page.body);
      form.set('licence_acceptee', 'oui');
      form.set('action', 'enregistrer');
      const saved = await b.post('/fiches/boussole/modifier', form);
      expect(saved.statusCode).toBe(303);
      expect(commits()).toBe(before);
      expect(fs.readFileSync(path.join(dir, 'outil/boussole.md'), 'utf8')).toBe(stored);

      // A real change keeps the stored key order: the diff shows the one line that changed.
      const edited = formFields((await b.get('/fiches/boussole/modifier')).body);
      edited.set('f_resume', 'Un outil pour s’orienter.');
      edited.set('licence_acceptee', 'oui');
      edited.set('action', 'enregistrer');
      expect((await b.post('/fiches/boussole/modifier', edited)).statusCode).toBe(303);
      const keys = (text: string) => [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
      expect(keys(fs.readFileSync(path.join(dir, 'outil/boussole.md'), 'utf8'))).toEqual(['titre', 'resume', 'licence', 'auteurs', 'contextes', 'logiciel_libre', 'liens', 'x_source']);
    });
  });
});
