// Reviewing propositions in the browser (inject with cookies): the editor's list, the page with
// its diff, preview and comments, asking for changes (seen by the contributor), accepting (a
// commit authored by the contributor), a conflict that cannot be re-based, who may see and do
// what, CSRF, and valid HTML.
import { execFileSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { browserSession, csrfOf, formFields, signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const jardin = { titre: 'Jardin partagé', resume: 'Un jardin.', licence: 'CC-BY-SA-4.0' };
const BODY = 'Première ligne.\nDeuxième ligne.\nTroisième ligne.\n';
// One app for the file (signing in costs a password hash at full cost): each test has its own fiche.
const dir = contentWithSampleOntology({
  'commun/jardin.md': fiche(jardin, BODY),
  'commun/verger.md': fiche({ ...jardin, titre: 'Verger partagé' }, BODY),
});
const app = useSharedApp(() => ({ contentDir: dir }));

async function expectValidHtml(html: string, name: string) {
  const report = await validator.validateString(html, name);
  const errors = report.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  expect(errors, `${name}\n${errors.join('\n')}`).toEqual([]);
}

async function signIn(app: FastifyInstance, role: 'contributeur' | 'editeur', nom: string) {
  const account = await addAccount(app, role, { nom });
  return { ...account, b: await signedInSession(app, account.account.email) };
}

/** A change through the API with a personal access token: its proposition id. */
async function proposeChange(app: FastifyInstance, auth: Record<string, string>, slug: string, payload: Record<string, unknown>) {
  const revision = (await app.inject(`/api/fiches/${slug}`)).json().revision;
  const res = await app.inject({ method: 'PUT', url: `/api/fiches/${slug}`, headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${revision}"` }, payload });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().proposition as number;
}

describe('the propositions pages', () => {
  let editor: Awaited<ReturnType<typeof signIn>>;
  let camille: Awaited<ReturnType<typeof signIn>>;
  let dominique: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    [editor, camille, dominique] = await Promise.all([
      signIn(app(), 'editeur', 'Éva Éditrice'),
      signIn(app(), 'contributeur', 'Camille Contributrice'),
      signIn(app(), 'contributeur', 'Dominique'),
    ]);
  });

  it('an editor reviews a contributor’s change: list, diff, comments, changes asked, then accepted as the contributor', async () => {
    // The contributor proposes through the edit form.
    const form = formFields((await camille.b.get('/fiches/jardin/modifier')).body);
    form.set('f_resume', 'Un jardin cultivé ensemble.');
    form.set('corps', 'Première ligne.\nDeuxième ligne, précisée.\nTroisième ligne.\n');
    form.set('message', 'Précision de la deuxième ligne');
    form.set('licence_acceptee', 'oui');
    form.set('action', 'enregistrer');
    const proposed = await camille.b.post('/fiches/jardin/modifier', form);
    expect(proposed.statusCode).toBe(202);
    const id = Number(/proposition n° (\d+)/.exec(proposed.body)?.[1]);
    expect(id).toBeGreaterThan(0);

    const anonymous = await browserSession(app()).get('/propositions');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/connexion?retour=%2Fpropositions');

    const list = await editor.b.get('/propositions');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/propositions/${id}">Jardin partagé</a>`);
    expect(list.body).toMatch(/En attente de relecture<\/span> · Modification de <code>jardin<\/code> · par Camille Contributrice · <time datetime="\d{4}-/);
    await expectValidHtml(list.body, 'liste-editeur.html');

    const page = await editor.b.get(`/propositions/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Proposition n° ' + id + ' : « Jardin partagé »');
    expect(page.body).toContain('Précision de la deuxième ligne');
    expect(page.body).toMatch(/<th scope="row"><code>resume<\/code><\/th><td><del class="diff-supprime">Un jardin\.<\/del><\/td><td><ins class="diff-ajoute">Un jardin cultivé ensemble\.<\/ins>/);
    expect(page.body).toContain('<del class="diff-supprime">− Deuxième ligne.</del>');
    expect(page.body).toContain('<ins class="diff-ajoute">+ Deuxième ligne, précisée.</ins>');
    expect(page.body).toMatch(/class="apercu"[\s\S]*<p>Première ligne\.\nDeuxième ligne, précisée\./);
    expect(page.body).toMatch(/<details class="texte-propose">[\s\S]*resume: Un jardin cultivé ensemble\./);
    expect(page.body).not.toContain('Conflit');
    for (const action of ['accepter', 'demander-modifications', 'rejeter', 'commentaires']) expect(page.body).toContain(`action="/propositions/${id}/${action}"`);
    await expectValidHtml(page.body, 'proposition-editeur.html');

    // Comments: without the form's CSRF token nothing is stored and the text stays.
    const noToken = await editor.b.post(`/propositions/${id}/commentaires`, { texte: 'Pourquoi ce changement ?' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('>Pourquoi ce changement ?</textarea>');
    const commented = await editor.b.post(`/propositions/${id}/commentaires`, { _csrf: csrfOf(noToken.body), texte: 'Pourquoi ce changement ?' });
    expect(commented.statusCode).toBe(303);
    expect(commented.headers.location).toMatch(new RegExp(`^/propositions/${id}#commentaire-\\d+$`));
    const reply = await camille.b.post(`/propositions/${id}/commentaires`, { _csrf: csrfOf((await camille.b.get(`/propositions/${id}`)).body), texte: 'Pour être plus précise.' });
    expect(reply.statusCode).toBe(303);
    const withComments = (await editor.b.get(`/propositions/${id}`)).body;
    expect(withComments).toMatch(/<strong>Éva Éditrice<\/strong>[\s\S]*Pourquoi ce changement \?[\s\S]*<strong>Camille Contributrice<\/strong>[\s\S]*Pour être plus précise\./);

    // Asking for changes needs a reason.
    const noReason = await editor.b.post(`/propositions/${id}/demander-modifications`, { _csrf: csrfOf(withComments), motif: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toMatch(/id="motif-modifications-erreur" class="erreur-champ">ce champ est obligatoire/);
    await expectValidHtml(noReason.body, 'proposition-motif-manquant.html');
    const staleForm = await editor.b.post(`/propositions/${id}/rejeter`, { _csrf: 'perime', motif: 'Un motif longuement pesé.' });
    expect(staleForm.statusCode).toBe(403);
    expect(staleForm.body).toContain('>Un motif longuement pesé.</textarea>');
    const asked = await editor.b.post(`/propositions/${id}/demander-modifications`, { _csrf: csrfOf(noReason.body), motif: 'Merci de citer une source.' });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe(`/propositions/${id}`);

    const mine = await camille.b.get('/propositions');
    expect(mine.body).toContain('Modifications demandées');
    expect(mine.body).toContain('Merci de citer une source.');
    await expectValidHtml(mine.body, 'liste-contributeur.html');
    const minePage = await camille.b.get(`/propositions/${id}`);
    expect(minePage.body).toContain('Modifications demandées');
    expect(minePage.body).toContain('Merci de citer une source.');
    expect(minePage.body).toContain('href="/fiches/jardin/modifier"');
    expect(minePage.body).not.toContain(`/propositions/${id}/accepter`);
    await expectValidHtml(minePage.body, 'proposition-contributeur.html');

    // Accepted: the fiche changes, authored by the contributor; it leaves the editor's list.
    const accepted = await editor.b.post(`/propositions/${id}/accepter`, { _csrf: csrfOf((await editor.b.get(`/propositions/${id}`)).body) });
    expect(accepted.statusCode, accepted.body.slice(0, 500)).toBe(303);
    expect(accepted.headers.location).toBe('/fiches/jardin');
    const published = await app().inject('/fiches/jardin');
    expect(published.body).toContain('Deuxième ligne, précisée.');
    expect(published.body).toContain('Un jardin cultivé ensemble.');
    expect(git(dir, 'log', '-1', '--format=%an', '--', 'commun/jardin.md').trim()).toBe('Camille Contributrice');
    expect((await editor.b.get('/propositions')).body).not.toContain(`href="/propositions/${id}"`);
    expect((await camille.b.get('/propositions')).body).toContain('Acceptée');
  });

  it('a proposition whose lines changed meanwhile shows “Conflit”, and accepting it answers 409 with the conflict shown', async () => {
    const id = await proposeChange(app(), camille.auth, 'verger', { ...jardin, titre: 'Verger partagé', corps: 'Première ligne.\nDeuxième ligne selon Camille.\nTroisième ligne.\n' });
    const revision = (await app().inject('/api/fiches/verger')).json().revision;
    const moved = await app().inject({
      method: 'PUT',
      url: '/api/fiches/verger',
      headers: { ...editor.auth, 'content-type': 'application/json', 'if-match': `"${revision}"` },
      payload: { ...jardin, titre: 'Verger partagé', corps: 'Première ligne.\nDeuxième ligne selon Éva.\nTroisième ligne.\n' },
    });
    expect(moved.statusCode).toBe(200);

    const page = await editor.b.get(`/propositions/${id}`);
    expect(page.body).toContain('<h2 id="titre-conflit">Conflit</h2>');
    expect(page.body).toContain('<del class="diff-supprime">− Deuxième ligne selon Éva.</del>');
    expect(page.body).toContain('<ins class="diff-ajoute">+ Deuxième ligne selon Camille.</ins>');
    const refused = await editor.b.post(`/propositions/${id}/accepter`, { _csrf: csrfOf(page.body) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('La proposition n’a pas été acceptée');
    expect(refused.body).toContain('<h2 id="titre-conflit">Conflit</h2>');
    await expectValidHtml(refused.body, 'proposition-conflit.html');
    expect((await app().inject('/api/fiches/verger')).json().html).toContain('selon Éva');
    expect(git(dir, 'log', '-1', '--format=%an', '--', 'commun/verger.md').trim()).toBe('Éva Éditrice');
  });

  it('a contributor may neither decide nor see someone else’s proposition; a decided one cannot be decided again', async () => {
    const created = await app().inject({
      method: 'POST',
      url: '/api/fiches',
      headers: { ...camille.auth, 'content-type': 'application/json' },
      payload: { type: 'outil', titre: 'Carnet de graines', resume: 'Un carnet.', licence: 'CC-BY-SA-4.0', corps: 'Des graines.' },
    });
    expect(created.statusCode, created.body).toBe(202);
    const id = created.json().proposition as number;

    const own = await camille.b.get(`/propositions/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('nouvelle fiche (carnet-de-graines)');
    expect(own.body).not.toContain('/accepter"');
    const forbidden = await camille.b.post(`/propositions/${id}/accepter`, { _csrf: csrfOf(own.body) });
    expect(forbidden.statusCode).toBe(403);
    expect((await camille.b.post(`/propositions/${id}/rejeter`, { _csrf: csrfOf(own.body), motif: 'non' })).statusCode).toBe(403);

    const other = await dominique.b.get(`/propositions/${id}`);
    expect(other.statusCode).toBe(404);
    await expectValidHtml(other.body, 'proposition-introuvable.html');
    const page = await dominique.b.get('/propositions');
    expect(page.body).not.toContain('Carnet de graines');
    expect(page.body).toContain('Vous n’avez fait aucune proposition.');
    await expectValidHtml(page.body, 'liste-vide.html');
    expect((await dominique.b.post(`/propositions/${id}/commentaires`, { _csrf: csrfOf(page.body), texte: 'Je passe.' })).statusCode).toBe(404);
    expect((await dominique.b.get('/propositions/abc')).statusCode).toBe(404);
    expect((await browserSession(app()).post(`/propositions/${id}/rejeter`, { motif: 'anonyme' })).statusCode).toBe(401);
    expect((await editor.b.get('/propositions/999999')).statusCode).toBe(404);

    const list = (await editor.b.get('/propositions')).body;
    expect(list).toContain('Création de <code>carnet-de-graines</code>');
    const review = await editor.b.get(`/propositions/${id}`);
    const rejected = await editor.b.post(`/propositions/${id}/rejeter`, { _csrf: csrfOf(review.body), motif: 'Déjà couvert par une autre fiche.' });
    expect(rejected.statusCode).toBe(303);
    const after = await editor.b.get(`/propositions/${id}`);
    expect(after.body).toContain('Rejetée');
    expect(after.body).not.toContain('/accepter"');
    expect(after.body).toContain('Cette proposition a été traitée');
    await expectValidHtml(after.body, 'proposition-rejetee.html');
    // A tab left open on the old page: the decision is refused on the page, with a reason.
    const late = await editor.b.post(`/propositions/${id}/accepter`, { _csrf: csrfOf(after.body) });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Cette proposition a déjà été traitée.');
    const mine = (await camille.b.get('/propositions')).body;
    expect(mine).toContain('Rejetée');
    expect(mine).toContain('Déjà couvert par une autre fiche.');
    expect((await app().inject('/api/fiches/carnet-de-graines')).statusCode).toBe(404);
  });
});
