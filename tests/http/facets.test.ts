// GET /api/fiches against a brute-force model: ~300 generated fiches, many random filter
// combinations, and for each the total, the result set (paged through) and every facet count
// recomputed here from the corpus alone (contract §4: values OR-ed within a facet, facets AND-ed,
// disjunctive counts, broader concepts covering narrower ones once, private fiches invisible,
// merged ids read as their replacement). Plus the two list orders.
import { describe, expect, it } from 'vitest';
import { useSharedApp, withApp } from '../helpers/app.js';
import type { FacetEntry, ListBody, ListItem } from '../helpers/api-types.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';
import { generateCorpus, MARKER_WORD, PRIVATE_LICENCE, PUBLIC_LICENCES, Rng, type CorpusFiche, type CorpusVocabulary } from '../unit/corpus.js';

const SEED = 20240611;
const FICHE_COUNT = 300;
const COMBINATIONS = 150;
const corpus = generateCorpus({ count: FICHE_COUNT, seed: SEED });
const vocabularies = corpus.vocabularies;
const frenchOrder = new Intl.Collator('fr');


// --- the model: what the contract says, computed the slow way --------------------------------

function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().toLocaleLowerCase('fr');
}

function conceptOf(vocabulary: CorpusVocabulary, id: string) {
  return vocabulary.concepts.find((c) => c.id === id);
}

/** A concept id as read: the end of its remplace_par chain. */
function resolveConcept(vocabularyId: string, id: string): string {
  const vocabulary = vocabularies.get(vocabularyId)!;
  let concept = conceptOf(vocabulary, id);
  for (let hops = 0; concept?.remplace_par && hops < 10; hops++) concept = conceptOf(vocabulary, concept.remplace_par);
  return concept?.id ?? id;
}

function withAncestors(vocabularyId: string, id: string): string[] {
  const vocabulary = vocabularies.get(vocabularyId)!;
  const out: string[] = [];
  for (let concept = conceptOf(vocabulary, id); concept && !out.includes(concept.id); concept = concept.broader ? conceptOf(vocabulary, concept.broader) : undefined) {
    out.push(concept.id);
  }
  return out;
}

/** Every value a fiche counts under, per facet (broader concepts included, merged ids resolved). */
function valuesOf(f: CorpusFiche): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>([
    ['type', new Set([f.type])],
    ['licence', new Set([f.licence])],
    ['tags', new Set(f.tags.map(normaliseTag))],
  ]);
  for (const [vocabularyId, vocabulary] of vocabularies) {
    const ids = (f.concepts[vocabularyId] ?? []).map((id) => resolveConcept(vocabularyId, id));
    values.set(vocabularyId, new Set(ids.flatMap((id) => (vocabulary.hierarchique ? withAncestors(vocabularyId, id) : [id]))));
  }
  return values;
}

const model = corpus.fiches.map((f) => ({ fiche: f, values: valuesOf(f) }));
const visibleModel = model.filter((m) => m.fiche.visibilite === 'public');
const bySlug = new Map(corpus.fiches.map((f) => [f.slug, f]));

type Filters = Map<string, string[]>;
type TextFilter = 'avec' | 'sans' | null;

/** Filter values as the contract reads them: merged ids → replacement, tags in one spelling. */
function normalisedFilters(filters: Filters): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [facet, values] of filters) {
    const read = values.map((v) => (facet === 'tags' ? normaliseTag(v) : vocabularies.has(facet) ? resolveConcept(facet, v) : v));
    out.set(facet, new Set(read));
  }
  return out;
}

function matching(filters: Map<string, Set<string>>, text: TextFilter, except: string | null) {
  return visibleModel.filter((m) => {
    if (text === 'avec' && !m.fiche.marque) return false;
    if (text === 'sans' && m.fiche.marque) return false;
    for (const [facet, wanted] of filters) {
      if (facet === except) continue;
      const has = m.values.get(facet)!;
      if (![...wanted].some((v) => has.has(v))) return false;
    }
    return true;
  });
}

function expectedCounts(filters: Map<string, Set<string>>, text: TextFilter, facet: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of matching(filters, text, facet)) {
    for (const value of m.values.get(facet)!) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

// --- random combinations ------------------------------------------------------------------

const FACET_WEIGHTS: Array<[string, number]> = [
  ['type', 3],
  ['licence', 2],
  ['tags', 3],
  ['themes', 5],
  ['contextes', 3],
  ['structures', 2],
  ['formats', 2],
  ['communautes', 1],
  ['niveau', 2],
  ['defis', 1],
  ['categories', 1],
  ['echelles', 1],
  ['richesses_recherchees', 1],
];

const tagPool = [...new Set(corpus.fiches.flatMap((f) => f.tags.map(normaliseTag)))].sort();

function randomValue(rng: Rng, facet: string): string {
  if (facet === 'type') return rng.pick(['commun', 'outil', 'methode', 'retour-experience']);
  if (facet === 'licence') return rng.chance(0.1) ? PRIVATE_LICENCE : rng.pick(PUBLIC_LICENCES);
  if (facet === 'tags') {
    const tag = rng.pick(tagPool);
    return rng.chance(0.15) ? tag.toLocaleUpperCase('fr') : tag;
  }
  const concepts = vocabularies.get(facet)!.concepts;
  if (facet === 'themes') {
    const roll = rng.next();
    if (roll < 0.35) return rng.pick(concepts.filter((c) => !c.broader)).id; // a broader concept
    if (roll < 0.5) return rng.pick(concepts.filter((c) => c.remplace_par)).id; // a merged id
  }
  return rng.pick(concepts).id;
}

interface Combination {
  filters: Filters;
  text: TextFilter;
  tri: 'titre' | 'modifie' | null;
}

function randomCombination(rng: Rng): Combination {
  const filters: Filters = new Map();
  const facetCount = rng.weighted([0, 1, 2, 3], [1, 3, 3, 2]);
  while (filters.size < facetCount) {
    const facet = rng.weighted(
      FACET_WEIGHTS.map(([f]) => f),
      FACET_WEIGHTS.map(([, w]) => w),
    );
    if (filters.has(facet)) continue;
    const values = new Set([randomValue(rng, facet)]);
    if (rng.chance(0.5)) values.add(randomValue(rng, facet));
    filters.set(facet, [...values]);
  }
  const textRoll = rng.next();
  const text: TextFilter = textRoll < 0.15 ? 'avec' : textRoll < 0.22 ? 'sans' : null;
  const tri = text ? null : rng.pick(['titre', 'modifie', null] as const);
  return { filters, text, tri };
}

function queryString({ filters, text, tri }: Combination, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [facet, values] of filters) for (const v of values) params.append(facet, v);
  if (text === 'avec') params.set('q', MARKER_WORD);
  if (text === 'sans') params.set('q', `-${MARKER_WORD}`);
  if (tri) params.set('tri', tri);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

// --- the app, built once for the whole file -----------------------------------------------

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology(corpus.files) }));

async function list(qs: string): Promise<ListBody> {
  const res = await app().inject(`/api/fiches?${qs}`);
  expect(res.statusCode, `${qs} → ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as ListBody;
}

/** Every page of a query, par_page=100; checks that pages agree on total and facets. */
async function allPages(qs: string): Promise<{ first: ListBody; items: ListItem[] }> {
  const first = await list(`${qs}${qs ? '&' : ''}par_page=100`);
  const items = [...first.resultats];
  for (let page = 2; (page - 1) * 100 < first.total; page++) {
    const next = await list(`${qs}${qs ? '&' : ''}par_page=100&page=${page}`);
    expect(next.total, qs).toBe(first.total);
    expect(next.page, qs).toBe(page);
    items.push(...next.resultats);
  }
  return { first, items };
}

// --- the tests ----------------------------------------------------------------------------

describe('GET /api/fiches: filters and disjunctive facet counts on a generated corpus', () => {
  it('serves every generated fiche (the corpus is valid) and lists only the public ones', async () => {
    const { first, items } = await allPages('');
    expect(first.total).toBe(visibleModel.length);
    expect(first.par_page).toBe(100);
    expect(items.map((i) => i.slug).sort()).toEqual(visibleModel.map((m) => m.fiche.slug).sort());
    for (const item of items) {
      const f = bySlug.get(item.slug)!;
      expect(item).toMatchObject({ type: f.type, titre: f.titre, resume: f.resume, licence: f.licence, modifie: f.modifie, url: `/fiches/${f.slug}` });
      expect(typeof item.extrait).toBe('string');
    }
    // The private ones exist (and are valid): the detail route does not serve them either.
    const privates = corpus.fiches.filter((f) => f.visibilite === 'prive');
    expect(privates.length).toBeGreaterThan(10);
    for (const f of privates.slice(0, 5)) expect((await app().inject(`/api/fiches/${f.slug}`)).statusCode).toBe(404);
  });

  it('has a facet for type and for every vocabulary but relations', async () => {
    const body = await list('');
    expect(Object.keys(body.facettes)).toEqual(expect.arrayContaining(['type', ...vocabularies.keys()]));
    expect(body.facettes.relations).toBeUndefined();
    expect(body.facettes.type!.map((v) => v.id)).toEqual(['commun', 'outil', 'methode', 'retour-experience']);
  });

  it(`agrees with the brute-force model on ${COMBINATIONS} random filter combinations`, async () => {
    const rng = new Rng(SEED + 1);
    const combinations = Array.from({ length: COMBINATIONS }, () => randomCombination(rng));
    // Always include the interesting shapes, whatever the seed gives.
    combinations.push(
      { filters: new Map([['themes', ['facteurs-de-resilience']]]), text: null, tri: null },
      { filters: new Map([['themes', ['facteurs-de-resilience/democratie-locale']]]), text: null, tri: null },
      { filters: new Map([['themes', ['facteurs-de-resilience', 'facteurs-de-resilience/gouvernance']]]), text: null, tri: null },
      { filters: new Map([['themes', ['facteurs-de-resilience/democratie-locale', 'general']], ['type', ['commun', 'outil']]]), text: null, tri: null },
      { filters: new Map([['licence', [PRIVATE_LICENCE]]]), text: null, tri: null },
      { filters: new Map([['tags', [tagPool[0]!.toLocaleUpperCase('fr')]], ['licence', ['CC-BY-SA-4.0', 'CC0-1.0']]]), text: 'avec', tri: null },
    );
    let nonEmpty = 0;
    for (const combination of combinations) {
      const qs = queryString(combination);
      const filters = normalisedFilters(combination.filters);
      const expected = matching(filters, combination.text, null);
      const { first, items } = await allPages(qs);
      if (expected.length > 0) nonEmpty++;

      expect(first.total, `total for ${qs}`).toBe(expected.length);
      const slugs = items.map((i) => i.slug);
      expect(new Set(slugs).size, `no fiche twice for ${qs}`).toBe(slugs.length);
      expect([...slugs].sort(), `result set for ${qs}`).toEqual(expected.map((m) => m.fiche.slug).sort());
      checkOrder(combination, items, qs);
      checkFacets(first.facettes, filters, combination, qs);
    }
    expect(nonEmpty, 'the combinations are not all empty').toBeGreaterThan(combinations.length / 3);
  });

  it('never counts a merged id on its own and counts a broader concept once per fiche', async () => {
    const body = await list('');
    const themes = new Map(body.facettes.themes!.map((v) => [v.id, v.count]));
    expect(themes.get('facteurs-de-resilience/democratie-locale') ?? 0).toBe(0);
    const underParent = visibleModel.filter((m) => (m.fiche.concepts.themes ?? []).some((id) => resolveConcept('themes', id).startsWith('facteurs-de-resilience')));
    expect(themes.get('facteurs-de-resilience')).toBe(underParent.length);
    // The same set that filtering on it returns, for every concept (merged ids read as their replacement).
    for (const concept of vocabularies.get('themes')!.concepts) {
      const filtered = await list(`themes=${encodeURIComponent(concept.id)}&par_page=1`);
      expect(filtered.total, concept.id).toBe(themes.get(resolveConcept('themes', concept.id)) ?? 0);
    }
    // Sanity of the corpus itself: the edge cases are present.
    expect(visibleModel.some((m) => m.fiche.concepts.themes?.includes('facteurs-de-resilience/democratie-locale'))).toBe(true);
    expect(visibleModel.some((m) => (m.fiche.concepts.themes ?? []).filter((id) => id.startsWith('facteurs-de-resilience')).length >= 2)).toBe(true);
  });

  it('labels concepts as their vocabulary does, and types and licences in French', async () => {
    const body = await list('');
    for (const [id, vocabulary] of vocabularies) {
      for (const entry of body.facettes[id]!) {
        expect(entry.label, `${id}/${entry.id}`).toBe(vocabulary.concepts.find((c) => c.id === entry.id)!.label);
      }
    }
    expect(body.facettes.type!.find((v) => v.id === 'methode')!.label).toBe('Méthode');
  });
});

function checkOrder({ tri, text }: Combination, items: ListItem[], qs: string): void {
  if (text) return; // relevance order: see search.test.ts
  if (tri === 'modifie') {
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!.modifie, items[i]!.modifie];
      expect(a === null ? b === null : b === null || a >= b, `newest first for ${qs}: ${a} then ${b}`).toBe(true);
    }
    return;
  }
  const expected = [...items].sort((a, b) => frenchOrder.compare(a.titre, b.titre)).map((i) => i.slug);
  expect(
    items.map((i) => i.slug),
    `title order for ${qs}`,
  ).toEqual(expected);
}

function checkFacets(facettes: Record<string, FacetEntry[]>, filters: Map<string, Set<string>>, combination: Combination, qs: string): void {
  for (const facet of ['type', 'licence', 'tags', ...vocabularies.keys()]) {
    const entries = facettes[facet];
    expect(entries, `facet ${facet} for ${qs}`).toBeDefined();
    const expected = expectedCounts(filters, combination.text, facet);
    const got = new Map(entries!.map((e) => [e.id, e.count]));
    expect(got.size, `facet ${facet} lists each value once for ${qs}`).toBe(entries!.length);
    for (const [id, count] of got) expect(count, `count of ${facet}=${id} for ${qs}`).toBe(expected.get(id) ?? 0);
    for (const [id, count] of expected) if (count > 0) expect(got.get(id), `${facet}=${id} listed for ${qs}`).toBe(count);
    // A selected value stays visible, even when it would give nothing.
    if (facet === 'tags' || facet === 'type') for (const id of filters.get(facet) ?? []) expect(got.has(id), `selected ${facet}=${id} shown for ${qs}`).toBe(true);
  }
}

describe('GET /api/fiches: a deeper hierarchy and a chain of merges', () => {
  const milieux = [
    'id: milieux',
    'label: Milieu',
    'description: Un vocabulaire de test à trois niveaux.',
    'hierarchique: true',
    'concepts:',
    '  - { id: terre, label: Terre }',
    '  - { id: terre/foret, label: Forêt, broader: terre }',
    '  - { id: terre/foret/chenaie, label: Chênaie, broader: terre/foret }',
    '  - { id: eau, label: Eau }',
    '  - { id: eau/riviere, label: Rivière, broader: eau }',
    '  - { id: vieux, label: Vieux bois, broader: eau, remplace_par: terre/foret/chenaie }',
    '  - { id: ancien, label: Ancien bois, remplace_par: vieux }',
    '',
  ].join('\n');
  const files = {
    'ontologie/milieux.yaml': milieux,
    'commun/f1.md': fiche({ titre: 'Fiche un', resume: 'r', licence: 'CC0-1.0', milieux: ['terre/foret/chenaie'] }),
    'commun/f2.md': fiche({ titre: 'Fiche deux', resume: 'r', licence: 'CC0-1.0', milieux: ['ancien'] }),
    'outil/f3.md': fiche({ titre: 'Fiche trois', resume: 'r', licence: 'CC0-1.0', milieux: ['terre/foret', 'terre/foret/chenaie', 'vieux'] }),
    'methode/f4.md': fiche({ titre: 'Fiche quatre', resume: 'r', licence: 'CC0-1.0', milieux: ['eau/riviere', 'terre'] }),
    'methode/f5.md': fiche({ titre: 'Fiche cinq', resume: 'r', licence: 'LicenseRef-Prive', visibilite: 'prive', milieux: ['terre/foret/chenaie', 'eau'] }),
    'methode/f6.md': fiche({ titre: 'Fiche six', resume: 'r', licence: 'CC0-1.0' }),
  };

  it('rolls counts up every level, each fiche once, and reads merged ids through the whole chain', async () => {
    await withApp({ contentDir: contentWithSampleOntology(files) }, async (treeApp) => {
      const totalOf = async (qs: string) => ((await treeApp.inject(`/api/fiches?${qs}`)).json() as ListBody).total;
      const body = (await treeApp.inject('/api/fiches')).json() as ListBody;
      expect(body.total).toBe(5);
      const counts = Object.fromEntries(body.facettes.milieux!.map((v) => [v.id, v.count]));
      expect(counts).toMatchObject({ terre: 4, 'terre/foret': 3, 'terre/foret/chenaie': 3, eau: 1, 'eau/riviere': 1 });
      expect(counts.vieux ?? 0).toBe(0);
      expect(counts.ancien ?? 0).toBe(0);
      expect(await totalOf('milieux=terre')).toBe(4);
      expect(await totalOf('milieux=terre%2Fforet')).toBe(3);
      expect(await totalOf('milieux=ancien')).toBe(3);
      expect(await totalOf('milieux=vieux')).toBe(3);
      expect(await totalOf('milieux=eau')).toBe(1); // vieux's own broader (eau) is not where f2 is filed
      expect(await totalOf('milieux=eau&milieux=terre%2Fforet')).toBe(4);
      expect(await totalOf('milieux=eau&type=commun')).toBe(0);
      // Disjunctive: with milieux=eau selected, the milieux counts ignore it, the type counts do not.
      const filtered = (await treeApp.inject('/api/fiches?milieux=eau')).json() as ListBody;
      expect(Object.fromEntries(filtered.facettes.milieux!.map((v) => [v.id, v.count]))).toMatchObject({ terre: 4, eau: 1 });
      expect(Object.fromEntries(filtered.facettes.type!.map((v) => [v.id, v.count]))).toEqual({ commun: 0, outil: 0, methode: 1, 'retour-experience': 0 });
      // The API shows the new id.
      expect(((await treeApp.inject('/api/fiches/f2')).json() as { milieux: string[] }).milieux).toEqual(['terre/foret/chenaie']);
    });
  });
});

describe('GET /api/fiches: list orders', () => {
  // Titles that differ only by accents and case, in an order that is not the slugs' order.
  const titles = ['Côté jardin', 'Cote jardin', 'côte jardin', 'Coté jardin', 'Éducation populaire', 'Ecole des communs', 'Œuvres partagées', 'Oeil du quartier', 'Zèbre', 'abeilles', 'Âge de pierre', 'L’atelier', "L'atelier du soir", 'Lac'];
  const dates = ['2024-02-01', null, '2023-12-31', '2024-02-01', '2025-01-15', null, '2019-06-30', '2024-11-05', '2024-02-10', '2022-01-01', null, '2025-01-15', '2021-07-14', '2020-03-03'];

  it('tri=titre (the default without q) follows French collation, accents and case included', async () => {
    const files = Object.fromEntries(titles.map((titre, i) => [`methode/ordre-${String.fromCharCode(122 - i)}.md`, fiche({ titre, resume: 'Un résumé.', licence: 'CC0-1.0', ...(dates[i] ? { modifie: dates[i] } : {}) })]));
    await withApp({ contentDir: contentWithSampleOntology(files) }, async (orderApp) => {
      const expected = [...titles].sort(frenchOrder.compare);
      for (const qs of ['', 'tri=titre']) {
        const body = (await orderApp.inject(`/api/fiches?par_page=100&${qs}`)).json() as ListBody;
        expect(body.resultats.map((r) => r.titre)).toEqual(expected);
      }
      // Paging does not reorder: page by page gives the same sequence.
      const paged: string[] = [];
      for (let page = 1; page <= 5; page++) paged.push(...((await orderApp.inject(`/api/fiches?par_page=3&page=${page}`)).json() as ListBody).resultats.map((r) => r.titre));
      expect(paged).toEqual(expected);
    });
  });

  it('tri=modifie puts the newest first and undated fiches last', async () => {
    const files = Object.fromEntries(titles.map((titre, i) => [`outil/date-${i}.md`, fiche({ titre, resume: 'Un résumé.', licence: 'CC0-1.0', ...(dates[i] ? { modifie: dates[i] } : {}) })]));
    await withApp({ contentDir: contentWithSampleOntology(files) }, async (orderApp) => {
      const body = (await orderApp.inject('/api/fiches?tri=modifie&par_page=100')).json() as ListBody;
      const got = body.resultats.map((r) => r.modifie);
      const dated = dates.filter((d): d is string => d !== null).sort().reverse();
      expect(got).toEqual([...dated, ...dates.filter((d) => d === null)]);
      // Same date: no fiche is lost or repeated across pages.
      const paged: string[] = [];
      for (let page = 1; page <= 5; page++) paged.push(...((await orderApp.inject(`/api/fiches?tri=modifie&par_page=3&page=${page}`)).json() as ListBody).resultats.map((r) => r.titre));
      expect(paged).toEqual(body.resultats.map((r) => r.titre));
    });
  });
});
