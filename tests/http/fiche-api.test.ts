import { describe, expect, it } from 'vitest';
import { contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';
import { useSharedApp, withApp } from '../helpers/app.js';

const files = {
  'methode/forum-ouvert.md': fiche(
    {
      titre: 'Forum ouvert',
      resume: 'Les participants construisent l’ordre du jour.',
      licence: 'CC-BY-SA-4.0',
      auteurs: ['Annette M.'],
      contextes: ['collectivites'],
      themes: ['facteurs-de-resilience/democratie-locale'],
      x_source: 'atelier 2023',
      cree: '2023-01-02',
      modifie: '2024-02-01',
    },
    '## Déroulé\n\nVoir aussi [[cercle-de-dialogue|le cercle]] et [[fiche-absente]] et [[notes-privees]].',
  ),
  'methode/cercle-de-dialogue.md': fiche(
    { titre: 'Cercle de dialogue', resume: 'Chacun parle à son tour.', licence: 'CC-BY-SA-4.0', liens: { voir_aussi: ['forum-ouvert'] } },
    'Un cercle. Voir [[forum-ouvert]].',
  ),
  'retour-experience/budget-participatif.md': fiche(
    { titre: 'Budget participatif', resume: 'Un retour.', licence: 'CC-BY-4.0', liens: { utilise: ['forum-ouvert'] }, ressources_utilisees: ['forum-ouvert'] },
    'Nous avons utilisé un forum ouvert.',
  ),
  'retour-experience/mention-seule.md': fiche({ titre: 'Mention seule', resume: 'Cite le forum.', licence: 'CC0-1.0' }, 'Inspiré de [[forum-ouvert]].'),
  'retour-experience/notes-privees.md': fiche(
    { titre: 'Notes privées', resume: 'Privé.', licence: 'LicenseRef-Prive', visibilite: 'prive', liens: { utilise: ['forum-ouvert'] } },
    'Secret : [[forum-ouvert]].',
  ),
};

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology(files) }));

describe('GET /api/fiches/:slug', () => {
  it('returns every front-matter key plus slug, type, url, html, retroliens and a revision', async () => {
    const res = await app().inject('/api/fiches/forum-ouvert');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      slug: 'forum-ouvert',
      type: 'methode',
      url: '/fiches/forum-ouvert',
      titre: 'Forum ouvert',
      auteurs: ['Annette M.'],
      x_source: 'atelier 2023',
      cree: '2023-01-02',
      modifie: '2024-02-01',
      contextes: ['collectivites'],
    });
    expect(typeof body.revision).toBe('string');
    expect(res.headers.etag).toBe(`"${body.revision}"`);
  });

  it('reads a merged concept as its replacement', async () => {
    const body = (await app().inject('/api/fiches/forum-ouvert')).json();
    expect(body.themes).toEqual(['facteurs-de-resilience/gouvernance']);
  });

  it('renders wiki links, marks missing targets, and never links to a private fiche', async () => {
    const { html } = (await app().inject('/api/fiches/forum-ouvert')).json();
    expect(html).toContain('<a class="lien-wiki" href="/fiches/cercle-de-dialogue">le cercle</a>');
    expect(html).toMatch(/<span class="lien-wiki lien-manquant"[^>]*>fiche-absente<\/span>/);
    expect(html).not.toContain('href="/fiches/notes-privees"');
    expect(html).toContain('id="deroule"');
  });

  it('lists backlinks from typed relations and wiki links, once per relation, never from private fiches', async () => {
    const { retroliens } = (await app().inject('/api/fiches/forum-ouvert')).json();
    expect(retroliens).toEqual(
      expect.arrayContaining([
        { slug: 'budget-participatif', titre: 'Budget participatif', relation: 'utilise' },
        { slug: 'cercle-de-dialogue', titre: 'Cercle de dialogue', relation: 'voir_aussi' },
        { slug: 'mention-seule', titre: 'Mention seule', relation: null },
      ]),
    );
    expect(retroliens).toHaveLength(3);
  });

  it('answers 404 JSON for unknown, private or malformed slugs', async () => {
    for (const url of ['/api/fiches/inconnue', '/api/fiches/notes-privees', '/api/fiches/..%2F..%2Fetc%2Fpasswd', '/api/fiches/%00', '/api/fiches/Forum-Ouvert']) {
      const res = await app().inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'fiche_introuvable' });
      expect(res.json().erreur).toMatch(/fiche/);
    }
  });

  it('answers 304 when the revision did not change', async () => {
    const first = await app().inject('/api/fiches/forum-ouvert');
    const again = await app().inject({ url: '/api/fiches/forum-ouvert', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});

describe('private fiches', () => {
  it('never show in lists, counts or search', async () => {
    const list = (await app().inject('/api/fiches?par_page=100')).json();
    expect(list.resultats.map((r: { slug: string }) => r.slug)).not.toContain('notes-privees');
    expect(list.total).toBe(4);
    const retour = list.facettes.type.find((v: { id: string }) => v.id === 'retour-experience');
    expect(retour.count).toBe(2);
    expect(list.facettes.licence.map((v: { id: string }) => v.id)).not.toContain('LicenseRef-Prive');
    expect((await app().inject('/api/fiches?q=secret')).json().total).toBe(0);
    expect((await app().inject('/api/fiches?licence=LicenseRef-Prive')).json().total).toBe(0);
  });

  it('are not counted in the ontology', async () => {
    const { concepts } = (await app().inject('/api/ontologie/relations')).json();
    expect(concepts.find((c: { id: string }) => c.id === 'utilise').count).toBe(1);
  });
});

describe('the list answers with the contract shape', () => {
  it('has url, modifie and an extrait per result', async () => {
    const { resultats } = (await app().inject('/api/fiches?q=construisent')).json();
    expect(resultats[0]).toMatchObject({ slug: 'forum-ouvert', type: 'methode', url: '/fiches/forum-ouvert', licence: 'CC-BY-SA-4.0', modifie: '2024-02-01' });
    // Only the résumé has the word: the excerpt comes from it, the original word highlighted.
    expect(resultats[0].extrait).toContain('<mark>construisent</mark>');
  });
});

describe('an empty content folder', () => {
  it('serves an empty list, not an error', async () => {
    await withApp({ contentDir: makeTempDir() }, async (empty) => {
      const res = await empty.inject('/api/fiches');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ total: 0, resultats: [] });
      expect((await empty.inject('/')).statusCode).toBe(200);
    });
  });
});
