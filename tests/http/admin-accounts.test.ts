// The account admin page in a browser session: admins only (403 for others, sign in first when
// anonymous); a role changed, trust given (a trusted contributor's edit of a fiche they author is
// published directly), an account deactivated (its session and tokens stop) and reactivated; an
// admin cannot demote or deactivate themselves; CSRF required; valid HTML.
import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { findAccountById } from '../../server/accounts/accounts.js';
import { useSharedApp } from '../helpers/app.js';
import { addAccount, type TestAccount } from '../helpers/accounts.js';
import { csrfOf, signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology } from '../helpers/content.js';

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology() }));
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

const signIn = (server: FastifyInstance, who: TestAccount) => signedInSession(server, who.account.email);

const roleOf = async (who: TestAccount) => (await findAccountById(app().forge.forgeDb, who.account.id))!;

/** PUT of a fiche through the API with its current revision. */
async function editFiche(who: TestAccount, slug: string, corps: string) {
  const current = await app().inject(`/api/fiches/${slug}`);
  const { revision, titre, resume, licence, auteurs } = current.json();
  return app().inject({
    method: 'PUT',
    url: `/api/fiches/${slug}`,
    headers: { ...who.auth, 'content-type': 'application/json', 'if-match': `"${revision}"` },
    payload: { titre, resume, licence, auteurs, corps, message: 'Une modification' },
  });
}

describe('the account admin page', () => {
  it('is for admins: anonymous people sign in first, others get 403; the page is valid HTML', async () => {
    const anonymous = await app().inject('/admin/comptes');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/connexion?retour=/admin/comptes');

    const editor = await addAccount(app(), 'editeur', { nom: 'Éric Éditeur' });
    const editorBrowser = await signIn(app(), editor);
    const refused = await editorBrowser.get('/admin/comptes');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Votre compte ne permet pas cette action.');
    const home = await editorBrowser.get('/');
    const notAllowed = await editorBrowser.post(`/admin/comptes/${editor.account.id}/role`, { _csrf: csrfOf(home.body), role: 'admin' });
    expect(notAllowed.statusCode).toBe(403);
    expect((await roleOf(editor)).role).toBe('editeur');

    const admin = await addAccount(app(), 'admin', { nom: 'Ada Admin' });
    const page = await (await signIn(app(), admin)).get('/admin/comptes');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Éric Éditeur');
    expect(page.body).toContain(editor.account.email);
    const report = await validator.validateString(page.body, 'admin-comptes.html');
    const errors = report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('changes a role and marks a contributor trusted, whose edit of a fiche they author is then published directly', async () => {
    const admin = await addAccount(app(), 'admin', { nom: 'Albane Admin' });
    const camille = await addAccount(app(), 'contributeur', { nom: 'Camille Contributrice' });
    const dora = await addAccount(app(), 'contributeur', { nom: 'Dora' });
    const b = await signIn(app(), admin);
    const page = await b.get('/admin/comptes');

    const noCsrf = await b.post(`/admin/comptes/${dora.account.id}/role`, { role: 'editeur' });
    expect(noCsrf.statusCode).toBe(403);
    expect((await roleOf(dora)).role).toBe('contributeur');
    const promoted = await b.post(`/admin/comptes/${dora.account.id}/role`, { _csrf: csrfOf(page.body), role: 'editeur' });
    expect(promoted.statusCode).toBe(303);
    expect(promoted.headers.location).toBe(`/admin/comptes#compte-${dora.account.id}`);
    expect((await roleOf(dora)).role).toBe('editeur');
    expect((await b.get('/admin/comptes')).body).toMatch(new RegExp(`id="role-${dora.account.id}" name="role">\\s*<option value="contributeur">[^<]*</option><option value="editeur" selected>`));

    // Camille creates a fiche (reviewed: she is not trusted), which Dora, now an editor, accepts.
    const created = await app().inject({
      method: 'POST',
      url: '/api/fiches',
      headers: { ...camille.auth, 'content-type': 'application/json' },
      payload: { type: 'commun', titre: 'Atelier vélo', resume: 'Réparer ensemble.', licence: 'CC-BY-SA-4.0', corps: 'v1', message: 'Création' },
    });
    expect(created.statusCode).toBe(202);
    expect((await app().inject({ method: 'POST', url: `/api/propositions/${created.json().proposition}/accepter`, headers: dora.auth })).statusCode).toBe(200);

    expect((await editFiche(camille, 'atelier-velo', 'v2 avant confiance')).statusCode).toBe(202);
    const trusted = await b.post(`/admin/comptes/${camille.account.id}/confiance`, { _csrf: csrfOf(page.body), confiance: 'oui' });
    expect(trusted.statusCode).toBe(303);
    expect((await roleOf(camille)).confiance).toBe(true);
    const direct = await editFiche(camille, 'atelier-velo', 'v3 après confiance');
    expect(direct.statusCode, direct.body).toBe(200);

    const untrusted = await b.post(`/admin/comptes/${camille.account.id}/confiance`, { _csrf: csrfOf(page.body), confiance: 'non' });
    expect(untrusted.statusCode).toBe(303);
    expect((await editFiche(camille, 'atelier-velo', 'v4 sans confiance')).statusCode).toBe(202);

    const badRole = await b.post(`/admin/comptes/${camille.account.id}/role`, { _csrf: csrfOf(page.body), role: 'roi' });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.body).toContain('Rôle inconnu');
  });

  it('deactivates an account (its session and tokens stop working) and reactivates it; an admin cannot demote or deactivate themselves', async () => {
    const admin = await addAccount(app(), 'admin', { nom: 'Anouk Admin' });
    const emile = await addAccount(app(), 'contributeur', { nom: 'Émile' });
    const emileBrowser = await signIn(app(), emile);
    expect((await emileBrowser.get('/profil')).statusCode).toBe(200);
    expect((await app().inject({ url: '/api/propositions', headers: emile.auth })).statusCode).toBe(200);

    const b = await signIn(app(), admin);
    const page = await b.get('/admin/comptes');
    const deactivated = await b.post(`/admin/comptes/${emile.account.id}/actif`, { _csrf: csrfOf(page.body), actif: 'non' });
    expect(deactivated.statusCode).toBe(303);
    expect((await emileBrowser.get('/profil')).statusCode).toBe(303); // signed out: back to the sign-in page
    expect((await app().inject({ url: '/api/propositions', headers: emile.auth })).statusCode).toBe(401);
    expect((await b.get('/admin/comptes')).body).toMatch(/class="compte-inactif"[\s\S]*?Émile/);

    const reactivated = await b.post(`/admin/comptes/${emile.account.id}/actif`, { _csrf: csrfOf(page.body), actif: 'oui' });
    expect(reactivated.statusCode).toBe(303);
    expect((await app().inject({ url: '/api/propositions', headers: emile.auth })).statusCode).toBe(200);

    const demoteSelf = await b.post(`/admin/comptes/${admin.account.id}/role`, { _csrf: csrfOf(page.body), role: 'editeur' });
    expect(demoteSelf.statusCode).toBe(403);
    expect(demoteSelf.body).toContain('Vous ne pouvez pas retirer votre propre rôle d’administrateur');
    expect(demoteSelf.body).toMatch(/class="message-erreur" role="alert"/);
    const deactivateSelf = await b.post(`/admin/comptes/${admin.account.id}/actif`, { _csrf: csrfOf(page.body), actif: 'non' });
    expect(deactivateSelf.statusCode).toBe(403);
    expect(deactivateSelf.body).toContain('Vous ne pouvez pas désactiver votre propre compte');
    const after = await roleOf(admin);
    expect(after).toMatchObject({ role: 'admin', actif: true });
    expect((await b.get('/admin/comptes')).statusCode).toBe(200);
  });
});
