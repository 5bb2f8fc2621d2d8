// The profile page in a browser session: one's own contributions (from git) and propositions,
// private fiches one may not read left out, personal access tokens created (shown once, with
// the licence acceptance required) and revoked, CSRF on every form, valid HTML.
import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount, type TestAccount } from '../helpers/accounts.js';
import { csrfOf, signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
const json = (who: TestAccount, extra: Record<string, string> = {}) => ({ ...who.auth, 'content-type': 'application/json', ...extra });
const base = { licence: 'CC-BY-SA-4.0', resume: 'Un résumé.' };

const signIn = (app: FastifyInstance, who: TestAccount) => signedInSession(app, who.account.email);

async function expectValidHtml(html: string, name: string) {
  const report = await validator.validateString(html, name);
  const errors = report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  expect(errors, errors.join('\n')).toEqual([]);
}

/** The text of the "Mes contributions" section. */
const contributionsOf = (html: string) => /id="titre-contributions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const propositionsOf = (html: string) => /id="titre-propositions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

async function createFiche(app: FastifyInstance, who: TestAccount, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/fiches', headers: json(who), payload: { ...base, type: 'commun', corps: 'Texte.', ...payload } });
}

describe('the profile page', () => {
  it('lists one’s own contributions and propositions, not others’, nor private fiches one may not read', async () => {
    await withApp({ contentDir: contentWithSampleOntology() }, async (app) => {
      const alice = await addAccount(app, 'contributeur', { nom: 'Alice Contributrice', confiance: true });
      const bruno = await addAccount(app, 'contributeur', { nom: 'Bruno Nouveau' });
      const editor = await addAccount(app, 'editeur', { nom: 'Édith Éditrice' });

      expect((await createFiche(app, alice, { titre: 'Jardin d’Alice', message: 'Alice plante un jardin' })).statusCode).toBe(201);
      expect((await createFiche(app, editor, { titre: 'Fiche d’Édith', message: 'Édith écrit' })).statusCode).toBe(201);
      // Édith's fiche credits Alice: Alice changes it directly, then Édith makes it private.
      const shared = await createFiche(app, editor, { titre: 'Secret partagé', message: 'Édith crée', auteurs: ['Alice Contributrice'] });
      expect(shared.statusCode).toBe(201);
      const sharedRevision = shared.json().revision;
      const aliceEdit = await app.inject({
        method: 'PUT',
        url: '/api/fiches/secret-partage',
        headers: json(alice, { 'if-match': `"${sharedRevision}"` }),
        payload: { ...base, titre: 'Secret partagé', auteurs: ['Alice Contributrice'], corps: 'Alice complète.', message: 'Alice complète le secret' },
      });
      expect(aliceEdit.statusCode, aliceEdit.body).toBe(200);
      const privatised = await app.inject({
        method: 'PUT',
        url: '/api/fiches/secret-partage',
        headers: json(editor, { 'if-match': `"${aliceEdit.json().revision}"` }),
        payload: { titre: 'Secret partagé', resume: 'r', licence: 'LicenseRef-Prive', visibilite: 'prive', auteurs: ['Alice Contributrice'], corps: 'Privé.', message: 'Rendue privée' },
      });
      expect(privatised.statusCode, privatised.body).toBe(200);

      // Bruno is not trusted: his fiche waits for review; Édith sends it back with a reason.
      const proposed = await createFiche(app, bruno, { titre: 'Idée de Bruno', message: 'Bruno propose' });
      expect(proposed.statusCode).toBe(202);
      const rejected = await app.inject({
        method: 'POST',
        url: `/api/propositions/${proposed.json().proposition}/demander-modifications`,
        headers: json(editor),
        payload: { motif: 'Ajoutez une source, s’il vous plaît.' },
      });
      expect(rejected.statusCode, rejected.body).toBeLessThan(300);

      const aliceBrowser = await signIn(app, alice);
      const page = await aliceBrowser.get('/profil');
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain(alice.account.email);
      expect(page.body).toContain('Contributeur');
      const mine = contributionsOf(page.body);
      expect(mine).toContain('href="/fiches/jardin-d-alice"');
      expect(mine).toContain('Jardin d’Alice');
      expect(mine).toContain('Alice plante un jardin');
      expect(mine).not.toContain('Fiche d’Édith');
      expect(mine).not.toContain('Secret partagé'); // private now, and Alice was not let in
      expect(propositionsOf(page.body)).toContain('Aucune proposition');
      await expectValidHtml(page.body, 'profil-alice.html');

      // Once Édith lets Alice in, her change of the private fiche is listed, with a link to its
      // page (which Alice may now read).
      await app.forge.forgeDb.db.insertInto('acces_prives').values({ slug: 'secret-partage', compte_id: alice.account.id, accorde_par: editor.account.id }).execute();
      const granted = contributionsOf((await aliceBrowser.get('/profil')).body);
      expect(granted).toContain('Secret partagé');
      expect(granted).toContain('fiche privée');
      expect(granted).toContain('href="/fiches/secret-partage"');
      expect((await aliceBrowser.get('/fiches/secret-partage')).statusCode).toBe(200);

      const editorPage = contributionsOf((await (await signIn(app, editor)).get('/profil')).body);
      expect(editorPage).toContain('Fiche d’Édith');
      expect(editorPage).toContain('Rendue privée');
      expect(editorPage).not.toContain('Jardin d’Alice');

      const brunoPage = await (await signIn(app, bruno)).get('/profil');
      expect(contributionsOf(brunoPage.body)).toContain('Aucune contribution');
      const brunoPropositions = propositionsOf(brunoPage.body);
      expect(brunoPropositions).toContain('Idée de Bruno');
      expect(brunoPropositions).toContain('Modifications demandées');
      expect(brunoPropositions).toContain('Ajoutez une source, s’il vous plaît.');
      await expectValidHtml(brunoPage.body, 'profil-bruno.html');
    });
  });

  it('asks to sign in; creates a token shown once (licence acceptance required), which works until revoked; CSRF is required', async () => {
    await withApp({ contentDir: contentWithSampleOntology({ 'commun/jardin.md': fiche({ titre: 'Jardin', ...base }) }) }, async (app) => {
      const anonymous = await app.inject('/profil');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe('/connexion?retour=/profil');
      const who = await addAccount(app, 'contributeur', { nom: 'Claire' });
      // A personal access token is for the API: it opens no profile page and creates no token.
      expect((await app.inject({ url: '/profil', headers: who.auth })).statusCode).toBe(303);
      const b = await signIn(app, who);
      const empty = await b.get('/profil');
      expect(empty.body).toContain('J’accepte que mes contributions par l’API soient publiées sous la licence de chaque fiche');
      expect(empty.body).toMatch(/id="licence_acceptee"[^>]*required/);

      const noLicence = await b.post('/profil/jetons', { _csrf: csrfOf(empty.body), libelle: 'script d’import' });
      expect(noLicence.statusCode).toBe(400);
      expect(noLicence.body).toMatch(/id="licence-erreur" class="erreur-champ">cochez cette case/);
      expect(noLicence.body).toMatch(/id="licence_acceptee"[^>]*aria-invalid="true"/);
      expect(noLicence.body).toContain('value="script d’import"');
      expect(noLicence.body).not.toMatch(/fac_[A-Za-z0-9_-]{43}/);
      await expectValidHtml(noLicence.body, 'profil-erreur.html');

      const noLabel = await b.post('/profil/jetons', { _csrf: csrfOf(noLicence.body), libelle: '  ', licence_acceptee: 'oui' });
      expect(noLabel.statusCode).toBe(400);
      expect(noLabel.body).toMatch(/id="libelle-erreur" class="erreur-champ">/);

      const noCsrf = await b.post('/profil/jetons', { libelle: 'sans jeton CSRF', licence_acceptee: 'oui' });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.body).toContain('value="sans jeton CSRF"');
      expect(noCsrf.body).not.toMatch(/fac_[A-Za-z0-9_-]{43}/);

      const created = await b.post('/profil/jetons', { _csrf: csrfOf(noCsrf.body), libelle: 'script d’import', licence_acceptee: 'oui' });
      expect(created.statusCode).toBe(201);
      expect(created.headers.location).toBeUndefined();
      expect(created.headers['cache-control']).toBe('no-store');
      const token = /value="(fac_[A-Za-z0-9_-]{43})"/.exec(created.body)?.[1];
      expect(token).toBeDefined();
      expect(created.body).toContain('il ne sera plus jamais affiché');
      await expectValidHtml(created.body, 'profil-jeton.html');

      const bearer = { authorization: `Bearer ${token}` };
      expect((await app.inject({ url: '/api/propositions', headers: bearer })).statusCode).toBe(200);

      const later = await b.get('/profil');
      expect(later.body).not.toContain(token!);
      expect(later.body).toContain('script d’import');
      expect(later.body).toContain('<th scope="row">tests</th>'); // the test helper's token is listed too
      const revokeAction = /action="(\/profil\/jetons\/(\d+)\/revoquer)"/g;
      const actions = [...later.body.matchAll(revokeAction)].map((m) => m[1]!);
      expect(actions).toHaveLength(2);
      const action = actions.at(-1)!; // tokens are listed oldest first: the new one is last

      const revokeWithoutCsrf = await b.post(action, {});
      expect(revokeWithoutCsrf.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/propositions', headers: bearer })).statusCode).toBe(200);

      const revoked = await b.post(action, { _csrf: csrfOf(later.body) });
      expect(revoked.statusCode).toBe(303);
      expect(revoked.headers.location).toBe('/profil');
      expect((await app.inject({ url: '/api/propositions', headers: bearer })).statusCode).toBe(401);
      const afterRevocation = await b.get('/profil');
      expect(afterRevocation.body).toContain('révoqué le');
      expect([...afterRevocation.body.matchAll(revokeAction)]).toHaveLength(1);
      // The helper's token still works: only the one revoked stopped.
      expect((await app.inject({ url: '/api/propositions', headers: who.auth })).statusCode).toBe(200);
    });
  });
});
