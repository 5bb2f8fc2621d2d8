// Full-text search through GET /api/fiches on a small hand-written content folder: French
// analysis (accents, plurals, elisions with ' and ’), phrases, exclusions, ranking, highlighted
// and escaped excerpts, private fiches, hostile queries; then paging and parameter errors.
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import type { ListBody, ListItem } from '../helpers/api-types.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';
import { Rng } from '../unit/corpus.js';


const PUBLIC = { licence: 'CC-BY-SA-4.0' };
const FILES: Record<string, string> = {
  'retour-experience/jardin-de-la-source.md': fiche(
    { titre: 'Retour d’expérience : le jardin partagé de la Source', resume: 'Comment un quartier a transformé une friche en jardins partagés.', ...PUBLIC },
    'Au début, personne n’y croyait. Le compost collectif est arrivé la deuxième année.',
  ),
  'methode/experience-en-cercle.md': fiche({ titre: 'Partager son expérience en cercle', resume: 'Une méthode simple pour se raconter.', ...PUBLIC }, 'Chacun raconte une situation vécue, puis le groupe écoute.'),
  'commun/ecologie-urbaine.md': fiche(
    { titre: 'Écologie urbaine en pied d’immeuble', resume: 'Des habitants verdissent leur rue.', ...PUBLIC },
    'Cette expérience montre que l’écologie se vit au quotidien. Une expérience, puis une autre expérience : ainsi les jardins s’étendent.',
  ),
  'outil/carnet-de-bord.md': fiche({ titre: 'Carnet de bord numérique', resume: "Un outil pour garder trace d'expérience vécue.", ...PUBLIC }, 'Le carnet se remplit après chaque atelier.'),
  'methode/cellule-de-crise.md': fiche({ titre: 'Cellule de gestion de crise', resume: 'S’organiser quand tout vacille.', ...PUBLIC }, 'Organiser la gestion de crise au niveau communal.'),
  'methode/quand-la-crise-touche-la-gestion.md': fiche(
    { titre: 'Quand la crise touche la gestion', resume: 'Les finances d’une association en tension.', ...PUBLIC },
    'La crise de la gestion financière d’une association.',
  ),
  'outil/securite-des-pages.md': fiche(
    { titre: 'Sécurité des pages web', resume: 'Par prudence, ne jamais coller <em>tel quel</em> & co.', ...PUBLIC },
    'Ne collez jamais `<script>alert("piège")</script>` dans une page : les balises <b>actives</b> & les "guillemets" sont dangereuses.',
  ),
  'methode/ecoute-active.md': fiche({ titre: 'Écoute active', resume: 'Savoir écouter vraiment.', ...PUBLIC }, 'Reformuler, questionner, se taire.'),
  'commun/projet-zanzibar.md': fiche(
    { titre: 'Projet confidentiel Zanzibar', resume: 'Un projet interne.', licence: 'LicenseRef-Prive', visibilite: 'prive' },
    'Une expérience de jardin et de compost, nom de code zanzibar. Gestion de crise.',
  ),
  'outil/brouillon-prive.md': fiche({ titre: 'Brouillon privé Zanzibar', resume: 'Pas encore publié : expérience en cours.', licence: 'CC-BY-4.0', visibilite: 'prive' }, 'Écologie, jardins, zanzibar.'),
};
const PUBLIC_COUNT = 8;
const PRIVATE_SLUGS = ['projet-zanzibar', 'brouillon-prive'];

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology(FILES) }));

async function get(url: string) {
  const res = await app().inject(url);
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body, json: () => res.json() as ListBody };
}

async function search(q: string, extra = ''): Promise<ListBody> {
  const res = await get(`/api/fiches?q=${encodeURIComponent(q)}&par_page=100${extra}`);
  expect(res.status, `q=${q}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
}

async function slugsFor(q: string): Promise<string[]> {
  return (await search(q)).resultats.map((r) => r.slug).sort();
}

function itemOf(body: ListBody, slug: string): ListItem {
  const item = body.resultats.find((r) => r.slug === slug);
  expect(item, `${slug} in the results`).toBeDefined();
  return item!;
}

describe('GET /api/fiches?q=: French analysis', () => {
  const EXPERIENCE = ['carnet-de-bord', 'ecologie-urbaine', 'experience-en-cercle', 'jardin-de-la-source'];

  it('finds accented words typed without accents, in any case, singular or plural, with elisions', async () => {
    for (const q of ['experience', 'expérience', 'EXPÉRIENCE', 'Experience', 'expériences', 'experiences', "d'expérience", 'd’experience', "l'expérience"]) {
      expect(await slugsFor(q), `q=${q}`).toEqual(EXPERIENCE);
    }
  });

  it('reads an elided article as the word it is glued to, with a straight or a typographic apostrophe', async () => {
    for (const q of ['écologie', 'ecologie', "l'écologie", 'l’écologie', 'L’ECOLOGIE', 'écologies']) {
      expect(await slugsFor(q), `q=${q}`).toEqual(['ecologie-urbaine']);
    }
  });

  it('matches singular and plural forms both ways', async () => {
    expect(await slugsFor('jardin')).toEqual(['ecologie-urbaine', 'jardin-de-la-source']);
    expect(await slugsFor('jardins')).toEqual(['ecologie-urbaine', 'jardin-de-la-source']);
    expect(await slugsFor('jardins partagés')).toEqual(['jardin-de-la-source']);
    expect(await slugsFor('jardin partage')).toEqual(['jardin-de-la-source']);
  });

  it('requires every word, and a phrase in quotes only where its words follow each other', async () => {
    expect(await slugsFor('gestion crise')).toEqual(['cellule-de-crise', 'quand-la-crise-touche-la-gestion']);
    expect(await slugsFor('"gestion de crise"')).toEqual(['cellule-de-crise']);
    expect(await slugsFor('« gestion de crise »')).toEqual(['cellule-de-crise']);
    expect(await slugsFor('"gestion crise" cellule')).toEqual(['cellule-de-crise']);
  });

  it('excludes a word written with a leading minus', async () => {
    expect(await slugsFor('jardin -compost')).toEqual(['ecologie-urbaine']);
    expect(await slugsFor('experience -"gestion de crise" -carnet')).toEqual(['ecologie-urbaine', 'experience-en-cercle', 'jardin-de-la-source']);
    // Only exclusions: everything public but what is excluded.
    const body = await search('-compost');
    expect(body.total).toBe(PUBLIC_COUNT - 1);
    expect(body.resultats.map((r) => r.slug)).not.toContain('jardin-de-la-source');
    for (const slug of PRIVATE_SLUGS) expect(body.resultats.map((r) => r.slug)).not.toContain(slug);
  });

  it('ranks fiches whose title matches before those that match only in the résumé or the body', async () => {
    const body = await search('expérience');
    const order = body.resultats.map((r) => r.slug);
    expect(order.slice(0, 2).sort()).toEqual(['experience-en-cercle', 'jardin-de-la-source']);
    expect(order.slice(2).sort()).toEqual(['carnet-de-bord', 'ecologie-urbaine']);
    // tri=pertinence without q: nothing to rank, the title order.
    const noQuery = (await get('/api/fiches?tri=pertinence&par_page=100')).json().resultats.map((r) => r.titre);
    expect(noQuery).toEqual([...noQuery].sort(new Intl.Collator('fr').compare));
    expect(noQuery).toHaveLength(PUBLIC_COUNT);
    // tri=titre overrides relevance.
    const byTitle = (await search('expérience', '&tri=titre')).resultats.map((r) => r.titre);
    expect(byTitle).toEqual([...byTitle].sort(new Intl.Collator('fr').compare));
  });
});

describe('GET /api/fiches?q=: excerpts', () => {
  it('marks the original accented word in the body', async () => {
    const item = itemOf(await search('experience'), 'ecologie-urbaine');
    expect(item.extrait).toContain('<mark>expérience</mark>');
    expect(item.extrait).not.toContain('experient'); // the stem never shows
  });

  it('marks an elided word without its article, and marks the résumé when only it matched', async () => {
    expect(itemOf(await search('ecologie'), 'ecologie-urbaine').extrait).toContain('l’<mark>écologie</mark>');
    const carnet = itemOf(await search('experience'), 'carnet-de-bord').extrait;
    expect(carnet).toContain("garder trace d'<mark>expérience</mark> vécue");
    // A title-only match: the excerpt is the start of the body, nothing marked.
    expect(itemOf(await search('experience'), 'experience-en-cercle').extrait).toBe('Chacun raconte une situation vécue, puis le groupe écoute.');
  });

  it('escapes HTML that the fiche text contains, in the body and in the résumé', async () => {
    const fromBody = itemOf(await search('piège'), 'securite-des-pages').extrait;
    expect(fromBody).toContain('&lt;script&gt;alert(&quot;<mark>piège</mark>&quot;)&lt;/script&gt;');
    expect(fromBody).toContain('&lt;b&gt;actives&lt;/b&gt;');
    expect(fromBody).toContain('&amp;');
    expect(withoutMarks(fromBody)).not.toMatch(/[<>]/);

    const fromResume = itemOf(await search('prudence'), 'securite-des-pages').extrait;
    expect(fromResume).toContain('<mark>prudence</mark>');
    expect(fromResume).toContain('&lt;em&gt;');
    expect(withoutMarks(fromResume)).not.toMatch(/[<>]/);

    // Without q too (the excerpt is then the résumé or the start of the body): escaped, nothing marked.
    const plain = itemOf((await get('/api/fiches?type=outil')).json(), 'securite-des-pages').extrait;
    expect(plain).toMatch(/&lt;(?:em|script)&gt;/);
    expect(plain).not.toMatch(/[<>]/);
  });

  it('never lets a query inject markup into an excerpt', async () => {
    for (const q of ['<script>', '<mark>balises</mark>', 'balises"><img src=x>', '&lt;script&gt;']) {
      const body = await search(q);
      for (const item of body.resultats) expect(withoutMarks(item.extrait), `q=${q}`).not.toMatch(/[<>]/);
    }
  });
});

function withoutMarks(html: string): string {
  return html.replace(/<\/?mark>/g, '');
}

describe('GET /api/fiches?q=: private fiches', () => {
  it('never returns or counts a private fiche, whatever matches it', async () => {
    for (const q of ['zanzibar', 'Projet confidentiel Zanzibar', 'brouillon']) {
      const body = await search(q);
      expect(body.total, `q=${q}`).toBe(0);
      expect(body.resultats).toEqual([]);
      for (const [facet, values] of Object.entries(body.facettes)) for (const v of values) expect(v.count, `${facet}=${v.id} for q=${q}`).toBe(0);
    }
    for (const q of ['expérience', 'jardin compost', 'gestion de crise', 'écologie', '-zzz', '']) {
      const body = await search(q);
      const slugs = body.resultats.map((r) => r.slug);
      for (const slug of PRIVATE_SLUGS) expect(slugs, `q=${q}`).not.toContain(slug);
      expect(body.facettes.type!.reduce((sum, v) => sum + v.count, 0), `type counts for q=${q}`).toBe(body.total);
      expect(body.facettes.licence!.find((v) => v.id === 'LicenseRef-Prive')?.count ?? 0).toBe(0);
    }
    expect((await get('/api/fiches/projet-zanzibar')).status).toBe(404);
  });

  it('answers as if private fiches did not exist, even when they hold every word of the query', async () => {
    // « zanzibar » is only in private fiches, next to « jardin »: the answer must not differ from
    // that of a word found nowhere, or it tells what private fiches contain.
    for (const [withPrivateWord, withUnknownWord] of [
      ['jardin zanzibar', 'jardin zoulouzou'],
      ['"gestion de crise" zanzibar', '"gestion de crise" zoulouzou'],
      ['zanzibar expérience', 'zoulouzou expérience'],
    ]) {
      const a = await search(withPrivateWord!);
      const b = await search(withUnknownWord!);
      expect({ ...a, resultats: a.resultats.map((r) => r.slug) }, withPrivateWord).toEqual({ ...b, resultats: b.resultats.map((r) => r.slug) });
    }
  });
});

describe('GET /api/fiches?q=: hostile queries', () => {
  const rng = new Rng(4242);
  const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzéèêàçœÉÀ0123456789 \t\n"\'’«»()[]{}<>*~^:-+!?/\\|&%$#@;,.=_`'].concat(['🙂', '中', 'ا', '\u0301', '\u200b', '\u00a0']);
  const randomText = Array.from({ length: 2000 }, () => rng.pick(ALPHABET)).join('');
  const HOSTILE = ['foo~100', '*', 'a:b:c', '"', '^2', 'title:', '(', ')', 'NOT', 'AND OR NEAR', 'NEAR(a b)', '"unterminated', '-', '--', "'", '\\', '%', '*jardin', 'jardin*', 'titre:jardin', '{}', '[', 'a OR b', '🙂', 'x'.repeat(5000), 'jardin '.repeat(300), randomText];

  it('answers 200 JSON quickly to any q', async () => {
    await search('jardin'); // warm-up: first query loads the stemmer's tables
    for (const q of HOSTILE) {
      const started = performance.now();
      const res = await get(`/api/fiches?q=${encodeURIComponent(q)}`);
      const elapsed = performance.now() - started;
      expect(res.status, `q=${q.slice(0, 60)}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.type).toMatch(/^application\/json/);
      const body = res.json();
      expect(body.total).toBeGreaterThanOrEqual(0);
      expect(body.total).toBeLessThanOrEqual(PUBLIC_COUNT);
      expect(Array.isArray(body.resultats)).toBe(true);
      expect(elapsed, `q=${q.slice(0, 60)} took ${elapsed.toFixed(0)} ms`).toBeLessThan(1000);
    }
  });

  it('treats a NUL byte and odd encodings as text, never as a server error', async () => {
    for (const raw of ['%00', 'jardin%00', '%00%00%00*', '%E9t%E9', '%', '%zz', '%C3', '+jardin+']) {
      const res = await get(`/api/fiches?q=${raw}`);
      expect(res.status, `q=${raw}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.type).toMatch(/^application\/json/);
    }
    expect((await get('/api/fiches?q=jardin%00')).json().total).toBe(2);
  });

  it('reads a query of stop words or punctuation only as no query', async () => {
    for (const q of ['', '   ', 'le la les de', '"" ()']) {
      const body = await search(q);
      expect(body.total, `q=${JSON.stringify(q)}`).toBe(PUBLIC_COUNT);
    }
  });
});

describe('GET /api/fiches: paging and parameter errors', () => {
  it('pages through the results', async () => {
    const all = (await get('/api/fiches?par_page=100')).json();
    expect(all.total).toBe(PUBLIC_COUNT);
    const first = (await get('/api/fiches')).json();
    expect(first).toMatchObject({ page: 1, par_page: 20, total: PUBLIC_COUNT });
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await get(`/api/fiches?par_page=3&page=${page}`)).json();
      expect(body).toMatchObject({ page, par_page: 3, total: PUBLIC_COUNT });
      paged.push(...body.resultats.map((r) => r.slug));
    }
    expect(paged).toEqual(all.resultats.map((r) => r.slug));
  });

  it('answers a page beyond the end with no results and the right total', async () => {
    for (const [url, total] of [
      ['/api/fiches?page=5&par_page=3', PUBLIC_COUNT],
      ['/api/fiches?page=2', PUBLIC_COUNT],
      ['/api/fiches?page=1000000&par_page=100', PUBLIC_COUNT],
      ['/api/fiches?q=jardin&page=2&par_page=2', 2],
      ['/api/fiches?q=zanzibar&page=3', 0],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      const body = res.json();
      expect(body.resultats, url).toEqual([]);
      expect(body.total, url).toBe(total);
    }
  });

  it('rejects bad paging values with a French error in JSON', async () => {
    for (const [param, value] of [
      ['par_page', '0'],
      ['par_page', '101'],
      ['par_page', 'abc'],
      ['par_page', '-5'],
      ['par_page', '2.5'],
      ['page', '0'],
      ['page', '-1'],
      ['page', 'abc'],
      ['page', '1e3'],
      ['tri', 'hasard'],
    ] as const) {
      const res = await get(`/api/fiches?${param}=${value}`);
      expect(res.status, `${param}=${value}`).toBe(400);
      expectFrenchError(res, param);
    }
  });

  it('rejects unknown parameters, relations included (it is not a facet)', async () => {
    for (const qs of ['foo=bar', 'Q=jardin', 'theme=general', 'relations=voir_aussi', 'q=jardin&sort=titre', '__proto__=x', 'constructor=x']) {
      const res = await get(`/api/fiches?${qs}`);
      expect(res.status, qs).toBe(400);
      expectFrenchError(res, null);
    }
  });
});

function expectFrenchError(res: { type: string; body: string; json: () => unknown }, param: string | null): void {
  expect(res.type).toMatch(/^application\/json/);
  const body = res.json() as { erreur: unknown; code: unknown };
  expect(typeof body.erreur).toBe('string');
  expect(body.code).toMatch(/^[a-z_]+$/);
  expect(body.erreur as string).toMatch(/param[eè]tre/i);
  if (param) expect(body.erreur as string).toContain(param);
  expect(res.body).not.toMatch(/\/work\/|node_modules|\.ts:\d|\bat [A-Za-z.]+ \(|stack/);
}
