// A fiche's history in the browser: the list of revisions, an old revision, the diff between
// two, reverting (editors, as a new commit), and the credit every contributor gets on the fiche
// page and in its attribution text.
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { csrfOf, signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const base = { titre: 'Jardin partagé', resume: 'Un jardin.', licence: 'CC-BY-SA-4.0', auteurs: ['Ana Autrice'] };
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

describe('history pages', () => {
  it('lists revisions, shows an old one and a diff, credits contributors, and an editor reverts', async () => {
    const dir = contentWithSampleOntology({ 'commun/jardin.md': fiche(base, 'Version une.\n') });
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur', { nom: 'Élise Éditrice' });
      const first = (await app.inject('/api/fiches/jardin')).json().revision;
      const put = await app.inject({
        method: 'PUT',
        url: '/api/fiches/jardin',
        headers: { ...editor.auth, 'content-type': 'application/json', 'if-match': `"${first}"` },
        payload: { ...base, resume: 'Un jardin ouvert.', corps: 'Version deux.\n', message: 'Ouverture du jardin' },
      });
      expect(put.statusCode).toBe(200);
      const second = put.json().revision;

      const page = await app.inject('/fiches/jardin');
      expect(page.body).toContain('Élise Éditrice');
      expect(page.body).toMatch(/par Ana Autrice, avec les contributions de [^.]*Élise Éditrice/);

      const history = await app.inject('/fiches/jardin/historique');
      expect(history.statusCode).toBe(200);
      expect(history.body).toContain('Ouverture du jardin');
      expect(history.body.indexOf(second)).toBeLessThan(history.body.indexOf(`/revisions/${first}`));
      const old = await app.inject(`/fiches/jardin/revisions/${first}`);
      expect(old.statusCode).toBe(200);
      expect(old.body).toContain('Version une.');
      expect(old.body).toContain('Ancienne version');
      const diff = await app.inject(`/fiches/jardin/diff?de=${first}&a=${second}`);
      expect(diff.statusCode).toBe(200);
      expect(diff.body).toMatch(/<del>Un jardin\.<\/del>/);
      expect(diff.body).toMatch(/<ins>\+ Version deux\.<\/ins>/);
      for (const res of [history, old, diff]) {
        const report = await validator.validateString(res.body);
        expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
      }

      // Anonymous readers see no revert button; a contributor may not revert.
      expect(history.body).not.toContain('Rétablir');
      const contributor = await addAccount(app, 'contributeur');
      expect((await app.inject({ method: 'POST', url: `/api/fiches/jardin/revisions/${first}/retablir`, headers: contributor.auth })).statusCode).toBe(403);

      const b = await signedInSession(app, editor.account.email);
      const editorHistory = await b.get('/fiches/jardin/historique');
      expect(editorHistory.body).toContain('Rétablir cette version');
      const reverted = await b.post(`/fiches/jardin/revisions/${first}/retablir`, { _csrf: csrfOf(editorHistory.body) });
      expect(reverted.statusCode).toBe(303);
      const now = (await app.inject('/api/fiches/jardin')).json();
      expect(now.resume).toBe('Un jardin.');
      expect(now.revision).toBe(first);
      const entries = (await app.inject('/api/fiches/jardin/historique')).json();
      expect(entries).toHaveLength(3);
      expect(entries[0].message).toContain('Retour à la version');
    });
  });

  it('unknown fiches and revisions are 404 pages', async () => {
    await withApp({ contentDir: contentWithSampleOntology({ 'commun/jardin.md': fiche(base) }) }, async (app) => {
      expect((await app.inject('/fiches/inconnue/historique')).statusCode).toBe(404);
      expect((await app.inject('/fiches/jardin/revisions/abcdef1234')).statusCode).toBe(404);
      expect((await app.inject('/fiches/jardin/revisions/pas-hexa')).statusCode).toBe(404);
    });
  });
});
