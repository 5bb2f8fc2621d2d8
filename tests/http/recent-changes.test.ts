// "Modifications récentes" (GET /modifications) and the Atom feeds (GET /modifications.atom,
// GET /fiches/:slug/historique.atom), on a real content folder that becomes a git repository:
// changes made through the write API, and one made with git directly. Public fiches only:
// nothing of a private fiche (title, slug, summary) may show anywhere.
import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount, type TestAccount } from '../helpers/accounts.js';
import { contentWithSampleOntology, fiche, writeFiles } from '../helpers/content.js';
import { git } from '../helpers/git.js';
import { atomEntries, elementTexts, xmlProblems } from '../helpers/xml.js';

const SITE = 'https://forge.example.org';
const SECRET = 'Zorglub';
const json = (auth: Record<string, string>, extra: Record<string, string> = {}) => ({ ...auth, 'content-type': 'application/json', ...extra });
const publicFields = { resume: 'Un résumé.', licence: 'CC-BY-SA-4.0' };
const privateFields = { resume: `Notes internes ${SECRET}.`, licence: 'LicenseRef-Prive', visibilite: 'prive' };
const HOSTILE_MESSAGE = 'Ajout <script>alert("x")</script> ]]> \u0001\u0008\u001b fin & suite\n\nDétails & <b>précisions</b>.\n';

/** Revision of each fiche after the last save through these helpers (the read API hides private fiches). */
const revisions = new Map<string, string>();

async function create(app: FastifyInstance, who: TestAccount, payload: Record<string, unknown>): Promise<string> {
  const answer = await app.inject({ method: 'POST', url: '/api/fiches', headers: json(who.auth), payload: { corps: 'Corps.', ...payload } });
  expect(answer.statusCode, answer.body).toBe(201);
  revisions.set(answer.json().slug, answer.json().revision);
  return answer.json().slug;
}

async function update(app: FastifyInstance, who: TestAccount, slug: string, payload: Record<string, unknown>): Promise<void> {
  const headers = json(who.auth, { 'if-match': `"${revisions.get(slug)}"` });
  const answer = await app.inject({ method: 'PUT', url: `/api/fiches/${slug}`, headers, payload: { corps: 'Corps.', ...payload } });
  expect(answer.statusCode, answer.body).toBe(200);
  revisions.set(slug, answer.json().revision);
}

async function remove(app: FastifyInstance, who: TestAccount, slug: string, message: string): Promise<void> {
  const answer = await app.inject({ method: 'DELETE', url: `/api/fiches/${slug}`, headers: json(who.auth), payload: { message } });
  expect(answer.statusCode, answer.body).toBe(204);
}

function expectNothingPrivate(text: string): void {
  expect(text).not.toContain(SECRET);
  expect(text.toLowerCase()).not.toContain(SECRET.toLowerCase());
  expect(text).not.toContain('confidentiel');
}

describe('recent changes of public fiches', () => {
  it('lists changes newest first in the page and the feeds, escaped, and never anything of a private fiche', async () => {
    const dir = contentWithSampleOntology();
    await withApp({ contentDir: dir, config: { publicUrl: SITE } }, async (app) => {
      const editor = await addAccount(app, 'editeur', { nom: 'Édith & Cie' });
      const jardin = await create(app, editor, { type: 'methode', titre: 'Jardin partagé', message: 'Première version du jardin', ...publicFields });
      const secret = await create(app, editor, { type: 'outil', titre: `Projet secret ${SECRET}`, message: `Brouillon confidentiel ${SECRET}`, ...privateFields });
      const cercle = await create(app, editor, { type: 'commun', titre: 'Cercle <script>alert(1)</script> & co', message: HOSTILE_MESSAGE, ...publicFields });
      await update(app, editor, jardin, { titre: 'Jardin partagé', message: 'Résumé revu', ...publicFields, resume: 'Un autre résumé.' });
      // Private first, public later: the private period's summaries stay hidden.
      const gazette = await create(app, editor, { type: 'outil', titre: 'Gazette du quartier', message: `Version confidentielle ${SECRET}`, ...privateFields });
      await update(app, editor, gazette, { titre: 'Gazette du quartier', message: 'Publication de la gazette', ...publicFields });
      const doublon = await create(app, editor, { type: 'outil', titre: 'Doublon à supprimer', message: 'Création du doublon', ...publicFields });
      await remove(app, editor, doublon, 'Doublon retiré');
      await remove(app, editor, secret, `Suppression confidentielle ${SECRET}`);
      expect([jardin, cercle, gazette, doublon]).toEqual(['jardin-partage', 'cercle-script-alert-1-script-co', 'gazette-du-quartier', 'doublon-a-supprimer']);

      const page = await app.inject('/modifications');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = page.body;
      expectNothingPrivate(html);
      expect(html).toContain('<h1>Modifications récentes</h1>');
      expect(html).toContain('href="/modifications.atom"');
      const subjects = ['Doublon retiré', 'Création du doublon', 'Publication de la gazette', 'Résumé revu', 'Ajout &lt;script&gt;', 'Première version du jardin'];
      const positions = subjects.map((s) => html.indexOf(s));
      expect(positions.every((p) => p > 0), JSON.stringify(positions)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(html).not.toContain('<script>');
      expect(html).not.toMatch(/[\u0001\u0008\u001b]/);
      expect(html).not.toContain('Licence-acceptee');
      expect(html).toContain('Édith &amp; Cie');
      expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T[^"]+">/);
      // The deleted fiche keeps its title, without a link to a page that no longer exists.
      expect(html).toContain('Doublon à supprimer');
      expect(html).not.toContain('href="/fiches/doublon-a-supprimer"');
      expect(html).toContain('href="/fiches/jardin-partage"');
      const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html, 'modifications.html');
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`))).toEqual([]);

      const feed = await app.inject('/modifications.atom');
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const xml = feed.body;
      expect(xmlProblems(xml)).toEqual([]);
      expectNothingPrivate(xml);
      expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${SITE}/modifications.atom"/>`);
      expect(xml).toContain(`<link rel="alternate" type="text/html" href="${SITE}/modifications"/>`);
      const entries = atomEntries(xml);
      expect(entries).toHaveLength(6);
      const titles = entries.map((entry) => elementTexts(entry, 'title')[0]);
      expect(titles).toEqual([
        'Doublon à supprimer : Doublon retiré',
        'Doublon à supprimer : Création du doublon',
        'Gazette du quartier : Publication de la gazette',
        'Jardin partagé : Résumé revu',
        'Cercle <script>alert(1)</script> & co : Ajout <script>alert("x")</script> ]]>  fin & suite',
        'Jardin partagé : Première version du jardin',
      ]);
      for (const entry of entries) {
        expect(elementTexts(entry, 'id')[0]).toMatch(new RegExp(`^${SITE}/fiches/[a-z0-9-]+#commit-[0-9a-f]{40}$`));
        expect(elementTexts(entry, 'updated')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
        expect(elementTexts(entry, 'name')).toEqual(['Édith & Cie']);
      }
      expect(elementTexts(entries[4]!, 'summary')[0]).toBe('Création par Édith & Cie.\n\nDétails & <b>précisions</b>.');
      expect(entries[3]).toContain(`<link rel="alternate" type="text/html" href="${SITE}/fiches/jardin-partage"/>`);
      expect(entries[0]).toContain(`href="${SITE}/api/fiches/doublon-a-supprimer/historique"`);

      const history = await app.inject('/fiches/jardin-partage/historique.atom');
      expect(history.statusCode).toBe(200);
      expect(history.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(xmlProblems(history.body)).toEqual([]);
      expect(elementTexts(history.body, 'title')).toEqual(['Forge à communs : historique de « Jardin partagé »', 'Résumé revu', 'Première version du jardin']);
      const deletedHistory = await app.inject('/fiches/doublon-a-supprimer/historique.atom');
      expect(deletedHistory.statusCode).toBe(200);
      expectNothingPrivate(deletedHistory.body);
      // git sees the new fiche as a copy of a similar one: its history still starts at its creation.
      const apiHistory = await app.inject(`/api/fiches/${doublon}/historique`);
      expect(apiHistory.json().map((entry: { message: string }) => entry.message)).toEqual(['Doublon retiré', expect.stringMatching(/^Création du doublon/)]);
      expect(atomEntries(deletedHistory.body).map((entry) => elementTexts(entry, 'summary')[0])).toEqual([
        'Suppression par Édith & Cie.',
        'Création par Édith & Cie.',
      ]);

      for (const url of [`/fiches/${secret}/historique.atom`, '/fiches/inconnue/historique.atom', '/fiches/..%2Fsecret/historique.atom']) {
        const refused = await app.inject(url);
        expect(refused.statusCode, url).toBe(404);
        expectNothingPrivate(refused.body);
      }
    });
  });

  it('keeps a private fiche out of the history feed while it exists, and withholds the summary of a commit that touched one', async () => {
    const dir = contentWithSampleOntology();
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur', { nom: 'Édith' });
      const secret = await create(app, editor, { type: 'outil', titre: `Carnet ${SECRET}`, message: 'Ouverture du carnet', ...privateFields });
      const refused = await app.inject(`/fiches/${secret}/historique.atom`);
      expect(refused.statusCode).toBe(404);
      expectNothingPrivate(refused.body);

      // One commit made outside the forge touches a public and a private fiche.
      writeFiles(dir, {
        'outil/annuaire.md': fiche({ titre: 'Annuaire des lieux', ...publicFields }),
        'outil/liste-noire.md': fiche({ titre: `Liste ${SECRET}`, ...privateFields }),
      });
      git(dir, 'add', '--', 'outil/annuaire.md', 'outil/liste-noire.md');
      git(dir, 'commit', '--quiet', '-m', `Import de l’annuaire et de la liste ${SECRET}`);
      await app.forge.syncPaths(['outil/annuaire.md', 'outil/liste-noire.md']);

      for (const url of ['/modifications', '/modifications.atom']) {
        const answer = await app.inject({ url, headers: { host: 'forge.local' } });
        expect(answer.statusCode, url).toBe(200);
        expectNothingPrivate(answer.body);
        expect(answer.body).toContain('Annuaire des lieux');
        expect(answer.body).toContain('Modification de plusieurs fiches.');
        expect(answer.body).not.toContain('liste-noire');
      }
      const feed = (await app.inject({ url: '/modifications.atom', headers: { host: 'forge.local' } })).body;
      expect(xmlProblems(feed)).toEqual([]);
      // Without PUBLIC_URL, addresses come from the request.
      expect(feed).toContain('<link rel="self" type="application/atom+xml" href="http://forge.local/modifications.atom"/>');
      expect(atomEntries(feed)).toHaveLength(1);
      expect((await app.inject('/fiches/liste-noire/historique.atom')).statusCode).toBe(404);
      expect((await app.inject('/fiches/annuaire/historique.atom')).statusCode).toBe(200);
    });
  });

  it('shows an empty page and a valid empty feed when no public fiche has changed', async () => {
    await withApp({ contentDir: contentWithSampleOntology() }, async (app) => {
      const page = await app.inject('/modifications');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Aucune modification de fiche publique pour le moment.');
      const feed = await app.inject('/modifications.atom');
      expect(feed.statusCode).toBe(200);
      expect(xmlProblems(feed.body)).toEqual([]);
      expect(atomEntries(feed.body)).toEqual([]);
      expect(elementTexts(feed.body, 'updated')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });
  });
});
