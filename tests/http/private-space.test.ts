// The private space: a `visibilite: prive` fiche is readable by its creator, by editors and by
// the accounts the creator lets in — and, for everyone else, exactly like a fiche that does not
// exist, on every surface (fiche, list, search, counts, feeds, history).
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';
import { csrfOf, signedInSession } from '../helpers/browser-session.js';
import { HtmlValidate } from 'html-validate';

const prive = { titre: 'Carnet secret', resume: 'Des notes privées.', licence: 'LicenseRef-Prive', visibilite: 'prive' };

describe('the private space', () => {
  it('creator, editors and granted accounts read it; nobody else sees a trace of it', async () => {
    const dir = contentWithSampleOntology({ 'outil/public.md': fiche({ titre: 'Public', resume: 'Visible.', licence: 'CC0-1.0' }) });
    await withApp({ contentDir: dir, config: { reviewPolicy: 'aucune' } }, async (app) => {
      const alice = await addAccount(app, 'contributeur', { nom: 'Alice' });
      const bob = await addAccount(app, 'contributeur', { nom: 'Bob' });
      const carol = await addAccount(app, 'contributeur', { nom: 'Carol' });
      const editor = await addAccount(app, 'editeur');
      const created = await app.inject({
        method: 'POST',
        url: '/api/fiches',
        headers: { ...alice.auth, 'content-type': 'application/json' },
        payload: { type: 'commun', ...prive, corps: 'Le mot secret est azalée.', message: 'Notes' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const read = (auth: Record<string, string> = {}) => app.inject({ url: '/api/fiches/carnet-secret', headers: auth });

      expect((await read()).statusCode).toBe(404);
      expect((await read(bob.auth)).statusCode).toBe(404);
      expect((await read(alice.auth)).statusCode).toBe(200);
      expect((await read(alice.auth)).headers['cache-control']).toContain('no-store');
      expect((await read(editor.auth)).statusCode).toBe(200);

      const grant = (who: typeof alice, email: string, method: 'POST' | 'DELETE' = 'POST') =>
        app.inject({ method, url: '/api/fiches/carnet-secret/acces', headers: { ...who.auth, 'content-type': 'application/json' }, payload: { email } });
      expect((await grant(bob, carol.account.email)).statusCode).toBe(404); // Bob does not even know it exists
      expect((await grant(alice, bob.account.email)).statusCode).toBe(200);
      expect((await read(bob.auth)).json().titre).toBe('Carnet secret');
      expect((await grant(bob, carol.account.email)).statusCode).toBe(403); // read access is not ownership
      expect((await read(carol.auth)).statusCode).toBe(404);

      // Every other surface stays silent, for everyone.
      for (const auth of [{}, bob.auth, alice.auth]) {
        const list = (await app.inject({ url: '/api/fiches?q=azalée', headers: auth })).json();
        expect(list.total).toBe(0);
        const all = (await app.inject({ url: '/api/fiches?par_page=100', headers: auth })).json();
        expect(all.resultats.map((r: { slug: string }) => r.slug)).toEqual(['public']);
        expect(JSON.stringify(all.facettes)).not.toContain('LicenseRef-Prive');
      }
      for (const url of ['/modifications', '/modifications.atom', '/fiches?q=secret', '/api/ontologie/contextes']) {
        const body = (await app.inject(url)).body;
        expect(body, url).not.toContain('Carnet secret');
        expect(body, url).not.toContain('carnet-secret');
      }
      expect((await app.inject('/api/fiches/carnet-secret/historique')).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/fiches/carnet-secret/historique', headers: bob.auth })).statusCode).toBe(200); // shared with Bob
      expect((await app.inject({ url: '/api/fiches/carnet-secret/historique', headers: carol.auth })).statusCode).toBe(404);
      expect((await app.inject('/fiches/carnet-secret')).statusCode).toBe(404);

      expect((await grant(alice, bob.account.email, 'DELETE')).statusCode).toBe(200);
      expect((await read(bob.auth)).statusCode).toBe(404);
    });
  });

  it('the creator shares the fiche from its page, with a form', async () => {
    await withApp({ contentDir: contentWithSampleOntology({}), config: { reviewPolicy: 'aucune' } }, async (app) => {
      const alice = await addAccount(app, 'contributeur', { nom: 'Alice' });
      const bob = await addAccount(app, 'contributeur', { nom: 'Bob' });
      await app.inject({ method: 'POST', url: '/api/fiches', headers: { ...alice.auth, 'content-type': 'application/json' }, payload: { type: 'commun', ...prive } });
      const b = await signedInSession(app, alice.account.email);
      const page = await b.get('/fiches/carnet-secret');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Fiche privée : qui peut la lire');
      const shared = await b.post('/fiches/carnet-secret/acces', { _csrf: csrfOf(page.body), email: bob.account.email, action: 'accorder' });
      expect(shared.statusCode).toBe(303);
      expect((await b.get('/fiches/carnet-secret')).body).toContain(bob.account.email);
      expect((await app.inject({ url: '/api/fiches/carnet-secret', headers: bob.auth })).statusCode).toBe(200);
      const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString((await b.get('/fiches/carnet-secret')).body);
      expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);

      // Profiles: the creator finds it among their contributions, Bob among the fiches shared with
      // him, an editor among every private fiche; Carol sees no trace of it.
      const aliceProfile = (await b.get('/profil')).body;
      expect(aliceProfile).toMatch(/<a href="\/fiches\/carnet-secret">Carnet secret<\/a> <span class="compte">\(fiche privée\)/);
      const bobProfile = (await (await signedInSession(app, bob.account.email)).get('/profil')).body;
      expect(bobProfile).toContain('Fiches privées partagées avec vous');
      expect(bobProfile).toContain('href="/fiches/carnet-secret"');
      const editor = await addAccount(app, 'editeur');
      const editorProfile = (await (await signedInSession(app, editor.account.email)).get('/profil')).body;
      expect(editorProfile).toContain('<h2 id="titre-fiches-privees">Fiches privées</h2>');
      expect(editorProfile).toContain('href="/fiches/carnet-secret"');

      // The creator edits it through the form; someone it was never shared with cannot open it.
      const form = await b.get('/fiches/carnet-secret/modifier');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Carnet secret');
      const carol = await addAccount(app, 'contributeur', { nom: 'Carol' });
      const carolSession = await signedInSession(app, carol.account.email);
      expect((await carolSession.get('/fiches/carnet-secret/modifier')).statusCode).toBe(404);
      const carolProfile = (await carolSession.get('/profil')).body;
      expect(carolProfile).not.toContain('carnet-secret');
      expect(carolProfile).not.toContain('Fiches privées');
    });
  });

  it('a private fiche whose front matter cannot be read stays hidden from contributors, even from its edit form', async () => {
    const broken = '---\ntitre: Journal secret\nresume: r\nlicence: LicenseRef-Prive\nvisibilite: prive\ntags: [a]\ntags: [b]\n---\nCONTENU CONFIDENTIEL\n';
    await withApp({ contentDir: contentWithSampleOntology({ 'outil/journal-secret.md': broken }), config: { reviewPolicy: 'aucune' } }, async (app) => {
      const contributor = await addAccount(app, 'contributeur');
      const editor = await addAccount(app, 'editeur');
      const form = await (await signedInSession(app, contributor.account.email)).get('/fiches/journal-secret/modifier');
      expect(form.statusCode).toBe(404);
      expect(form.body).not.toContain('CONFIDENTIEL');
      const put = await app.inject({
        method: 'PUT',
        url: '/api/fiches/journal-secret',
        headers: { ...contributor.auth, 'content-type': 'application/json', 'if-match': '"x"' },
        payload: { titre: 'Écrasé', resume: 'r', licence: 'CC0-1.0', corps: 'x', message: 'm' },
      });
      expect(put.statusCode).toBe(404);
      // An editor can open it, to repair it.
      expect((await (await signedInSession(app, editor.account.email)).get('/fiches/journal-secret/modifier')).statusCode).toBe(200);
    });
  });

  it('deleting a private fiche ends its grants: a new fiche at that slug is not shared with them', async () => {
    await withApp({ contentDir: contentWithSampleOntology({}), config: { reviewPolicy: 'aucune' } }, async (app) => {
      const alice = await addAccount(app, 'contributeur', { nom: 'Alice' });
      const bob = await addAccount(app, 'contributeur', { nom: 'Bob' });
      const editor = await addAccount(app, 'editeur');
      const json = (who: { auth: Record<string, string> }) => ({ ...who.auth, 'content-type': 'application/json' });
      await app.inject({ method: 'POST', url: '/api/fiches', headers: json(alice), payload: { type: 'commun', ...prive, corps: 'v1', message: 'm' } });
      await app.inject({ method: 'POST', url: '/api/fiches/carnet-secret/acces', headers: json(alice), payload: { email: bob.account.email } });
      expect((await app.inject({ url: '/api/fiches/carnet-secret', headers: bob.auth })).statusCode).toBe(200);
      expect((await app.inject({ method: 'DELETE', url: '/api/fiches/carnet-secret', headers: editor.auth })).statusCode).toBe(204);
      const again = await app.inject({ method: 'POST', url: '/api/fiches', headers: json(editor), payload: { type: 'commun', ...prive, corps: 'autre carnet', message: 'm' } });
      expect(again.statusCode).toBe(201);
      expect((await app.inject({ url: '/api/fiches/carnet-secret', headers: bob.auth })).statusCode).toBe(404);
    });
  });
});
