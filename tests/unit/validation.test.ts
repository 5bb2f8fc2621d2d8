// Every rule of the contract (§1–3) as `path:line: message`, on a real content folder synced
// into a real (in-memory) index: the line is the one of the offending key or item, a fiche
// with an error is not served, the rest is; the ontology is live (no schema change needed).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../server/content/problem.js';
import { openIndexDb, type IndexDb } from '../../server/db/connect.js';
import { openCatalogue, type Catalogue } from '../../server/index/catalogue.js';
import { listProblems } from '../../server/index/problems.js';
import { syncContent } from '../../server/index/sync.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { withApp } from '../helpers/app.js';
import { REPO_ROOT, contentWithSampleOntology, fiche, writeFiles } from '../helpers/content.js';

const SCHEMAS = path.join(REPO_ROOT, 'schemas');

interface Synced {
  catalogue: Catalogue;
  /** Syncs the content folder again (no restart), returns the report. */
  sync(): ReturnType<typeof syncContent>;
  /** Every problem as `npm run validate` prints it (relative paths). */
  lines(): Promise<string[]>;
  served(slug: string): boolean;
  close(): Promise<void>;
}

async function openSynced(contentDir: string): Promise<Synced> {
  const index: IndexDb = await openIndexDb(':memory:');
  const catalogue = await openCatalogue(contentDir, index, loadSchemaSet(SCHEMAS));
  await syncContent(catalogue, 'tout');
  return {
    catalogue,
    sync: () => syncContent(catalogue, 'tout'),
    lines: async () => (await listProblems(catalogue)).map(formatProblem),
    served: (slug) => catalogue.facets.idOfSlug(slug) !== undefined,
    close: () => index.close(),
  };
}

/** A front matter written line by line, so that line numbers are obvious in the test. */
function file(lines: string[], body = 'Un corps.'): string {
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}
const BASE = ['titre: Une fiche', 'resume: Un résumé court.', 'licence: CC-BY-SA-4.0']; // lines 2–4
const VALID = fiche({ titre: 'Une fiche valide', resume: 'Un résumé.', licence: 'CC-BY-SA-4.0' });

const FILES: Record<string, string> = {
  // required keys and lengths
  'methode/sans-titre.md': file(['resume: r', 'licence: CC0-1.0']),
  'methode/titre-court.md': file(['resume: r', 'licence: CC0-1.0', 'titre: ab']),
  'methode/titre-trois.md': file(['resume: r', 'licence: CC0-1.0', 'titre: abc']),
  'methode/titre-long.md': file(['resume: r', 'licence: CC0-1.0', `titre: ${'t'.repeat(201)}`]),
  'methode/resume-long.md': file(['titre: Abc', `resume: ${'é'.repeat(501)}`, 'licence: CC0-1.0']),
  'methode/resume-500.md': file(['titre: Abc', `resume: ${'é'.repeat(500)}`, 'licence: CC0-1.0']),
  // licence
  'methode/licence-inconnue.md': file(['titre: Abc', 'resume: r', 'licence: CC-BY-SA-3.0']),
  'methode/licence-casse.md': file(['titre: Abc', 'resume: r', 'licence: cc-by-sa-4.0']),
  'methode/prive-sans-visibilite.md': file(['titre: Abc', 'resume: r', 'licence: LicenseRef-Prive']),
  'methode/prive-mais-public.md': file(['titre: Abc', 'resume: r', 'licence: LicenseRef-Prive', 'visibilite: public']),
  'methode/vraiment-prive.md': file(['titre: Abc', 'resume: r', 'licence: LicenseRef-Prive', 'visibilite: prive']),
  // keys
  'methode/cle-mal-ecrite.md': file([...BASE, 'contexte: [collectivites]']),
  'methode/cle-libre.md': file([...BASE, 'x_foo: { source: import, rang: 3 }', 'x_bar: [1, 2]']),
  'methode/cle-libre-et-erreur.md': file(['titre: ab', 'resume: r', 'licence: CC0-1.0', 'x_foo: garde']),
  'methode/erreurs-multiples.md': file(['titre: ab', 'resume: r', 'licence: CC-BY-3.0', 'niveau: inconnu', 'contextes: [tiers-lieu]', 'tag: [mot]']),
  // vocabularies
  'methode/concept-inconnu.md': file([...BASE, 'contextes:', '  - collectivites', '  - colectivites', 'themes: [general/modeles, general/inexistant]']),
  'methode/niveau-liste.md': file([...BASE, 'niveau: [idee]']),
  'methode/niveau-ok.md': file([...BASE, 'niveau: idee']),
  'methode/relation-inconnue.md': file([...BASE, 'liens:', '  voir_ausi: [niveau-ok]']),
  // type-specific keys
  'outil/duree-sur-outil.md': file([...BASE, 'duree: 2 heures']),
  'retour-experience/site-sur-rex.md': file([...BASE, 'site: https://exemple.org']),
  'methode/duree-ok.md': file([...BASE, 'duree: 2 heures', 'participants: { min: 3, max: 12 }', 'roles:', '  - { nom: Facilitateur, raison_d_etre: Tenir le cadre }']),
  'outil/type-faux.md': file([...BASE, 'type: methode']),
  'outil/type-juste.md': file([...BASE, 'type: outil']),
  // file names
  'outil/Mon Fichier.md': VALID,
  'outil/café.md': VALID,
  'outil/Majuscule.md': VALID,
  'outil/double--tiret.md': VALID,
  [`outil/${'a'.repeat(81)}.md`]: VALID,
  [`outil/${'b'.repeat(80)}.md`]: VALID,
  'outil/notes.txt': 'pas une fiche',
  // slugs across types
  'commun/en-double.md': VALID,
  'outil/en-double.md': VALID,
  // links
  'commun/liens-casses.md': file([...BASE, 'liens:', '  voir_aussi:', '    - niveau-ok', '    - fiche-absente'], 'Un corps.\n\nVoir [[autre-absente]] et [[niveau-ok|la fiche]].'),
  'retour-experience/ressource-absente.md': file([...BASE, 'ressources_utilisees: [niveau-ok, outil-absent]']),
  // dates
  'commun/dates-fausses.md': file([...BASE, 'cree: 2024-02-30', 'modifie: 01/02/2024']),
  'retour-experience/date-fausse.md': file([...BASE, 'date: hier']),
  'commun/date-heure.md': file([...BASE, 'cree: 2024-02-01T10:00:00Z']),
  // places
  'commun/lieu-faux.md': file([...BASE, 'lieu:', '  nom: Quelque part', '  lat: 91', '  lon: -181']),
  'commun/lieu-sans-nom.md': file([...BASE, 'lieu: { lat: 48.9, lon: 2.3 }']),
  'commun/lieu-texte.md': file([...BASE, 'lieu: { nom: Paris, lat: "48,9" }']),
  'commun/lieu-ok.md': file([...BASE, 'lieu: { nom: Paris 8, lat: 48.945, lon: 2.363 }']),
  // participants
  'methode/participants-inverses.md': file([...BASE, 'participants: { min: 10, max: 5 }']),
  'methode/participants-zero.md': file([...BASE, 'participants:', '  min: 0']),
};

describe('contract rules as path:line: message', () => {
  let synced: Synced;
  let all: string[];
  const of = (relPath: string) => all.filter((line) => line.startsWith(`${relPath}:`));

  beforeAll(async () => {
    synced = await openSynced(contentWithSampleOntology(FILES));
    all = await synced.lines();
  });
  afterAll(async () => {
    await synced.close();
    fs.rmSync(synced.catalogue.contentDir, { recursive: true, force: true });
  });

  it('titre is required, 3 to 200 characters', () => {
    expect(of('methode/sans-titre.md')).toEqual(['methode/sans-titre.md:2: la clé « titre » est obligatoire']);
    expect(of('methode/titre-court.md')).toEqual(['methode/titre-court.md:4: titre : doit contenir au moins 3 caractères']);
    expect(of('methode/titre-long.md')).toEqual(['methode/titre-long.md:4: titre : doit contenir au plus 200 caractères']);
    expect(of('methode/titre-trois.md')).toEqual([]);
    expect(synced.served('titre-trois')).toBe(true);
    expect(synced.served('titre-court')).toBe(false);
  });

  it('resume is at most 500 characters (characters, not bytes)', () => {
    expect(of('methode/resume-long.md')).toEqual(['methode/resume-long.md:3: resume : doit contenir au plus 500 caractères']);
    expect(of('methode/resume-500.md')).toEqual([]);
    expect(synced.served('resume-500')).toBe(true);
  });

  it('licence is one of the SPDX ids, with a suggestion', () => {
    const [bad, ...others] = of('methode/licence-inconnue.md');
    expect(others).toEqual([]);
    expect(bad).toMatch(/^methode\/licence-inconnue\.md:4: licence : « CC-BY-SA-3\.0 » n’est pas une valeur permise \(vouliez-vous dire « CC-BY-SA-4\.0 » \?\)/);
    expect(bad).toContain('CC-BY-SA-4.0, CC-BY-4.0, CC-BY-ND-4.0, CC0-1.0, ODbL-1.0, LicenseRef-Prive');
    expect(of('methode/licence-casse.md')).toEqual([expect.stringMatching(/^methode\/licence-casse\.md:4: .*vouliez-vous dire « CC-BY-SA-4\.0 »/)]);
  });

  it('LicenseRef-Prive only with visibilite: prive', () => {
    expect(of('methode/prive-sans-visibilite.md')).toEqual([
      'methode/prive-sans-visibilite.md:4: la licence LicenseRef-Prive est réservée aux fiches privées : ajoutez « visibilite: prive »',
    ]);
    expect(of('methode/prive-mais-public.md')).toEqual([
      'methode/prive-mais-public.md:5: visibilite : doit valoir « prive » : la licence LicenseRef-Prive est réservée aux fiches privées',
    ]);
    expect(of('methode/vraiment-prive.md')).toEqual([]);
    expect(synced.served('vraiment-prive')).toBe(true);
    expect(synced.catalogue.facets.visible.has(synced.catalogue.facets.idOfSlug('vraiment-prive')!)).toBe(false);
  });

  it('an unknown key is an error with a suggestion; x_ keys are accepted', () => {
    expect(of('methode/cle-mal-ecrite.md')).toEqual([
      'methode/cle-mal-ecrite.md:5: clé inconnue « contexte » (vouliez-vous dire « contextes » ?) ; les clés libres commencent par x_',
    ]);
    expect(of('methode/cle-libre.md')).toEqual([]);
    expect(synced.served('cle-libre')).toBe(true);
  });

  it('one bad value reports that value only (no known key nor x_ key called unknown)', () => {
    expect(of('methode/cle-libre-et-erreur.md')).toEqual(['methode/cle-libre-et-erreur.md:2: titre : doit contenir au moins 3 caractères']);
    const lines = of('methode/erreurs-multiples.md');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('methode/erreurs-multiples.md:2: titre : doit contenir au moins 3 caractères');
    expect(lines[1]).toMatch(/^methode\/erreurs-multiples\.md:4: licence : « CC-BY-3\.0 »/);
    expect(lines[2]).toMatch(/^methode\/erreurs-multiples\.md:5: niveau : « inconnu » n’est pas un concept du vocabulaire niveau/);
    expect(lines[3]).toMatch(/^methode\/erreurs-multiples\.md:6: contextes\[0\] : « tiers-lieu » .*\(vouliez-vous dire « tiers-lieux » \?\)/);
    expect(lines[4]).toMatch(/^methode\/erreurs-multiples\.md:7: clé inconnue « tag » \(vouliez-vous dire « tags » \?\)/);
  });

  it('a concept id must exist in its vocabulary, reported on its own line', () => {
    expect(of('methode/concept-inconnu.md')).toEqual([
      'methode/concept-inconnu.md:7: contextes[1] : « colectivites » n’est pas un concept du vocabulaire contextes (vouliez-vous dire « collectivites » ?)',
      expect.stringMatching(/^methode\/concept-inconnu\.md:8: themes\[1\] : « general\/inexistant » n’est pas un concept du vocabulaire themes/),
    ]);
  });

  it('niveau is one id, not a list', () => {
    expect(of('methode/niveau-liste.md')).toEqual(['methode/niveau-liste.md:5: niveau : doit être un texte']);
    expect(synced.served('niveau-ok')).toBe(true);
  });

  it('liens keys come from the relations vocabulary', () => {
    expect(of('methode/relation-inconnue.md')).toEqual([
      expect.stringMatching(/^methode\/relation-inconnue\.md:6: liens : relation inconnue « voir_ausi » \(vouliez-vous dire « voir_aussi » \?\)/),
    ]);
  });

  it('a type-specific key on another type is refused, naming its type', () => {
    const [duree, ...rest] = of('outil/duree-sur-outil.md');
    expect(rest).toEqual([]);
    expect(duree).toMatch(/^outil\/duree-sur-outil\.md:5: .*« duree ».*methode/);
    expect(duree).not.toMatch(/cree/);
    expect(of('retour-experience/site-sur-rex.md')).toEqual([expect.stringMatching(/^retour-experience\/site-sur-rex\.md:5: .*« site ».*commun, outil/)]);
    expect(of('methode/duree-ok.md')).toEqual([]);
    expect(synced.served('duree-ok')).toBe(true);
  });

  it('type: must equal the folder', () => {
    expect(of('outil/type-faux.md')).toEqual(['outil/type-faux.md:5: type : « methode » ne correspond pas au dossier « outil » de la fiche']);
    expect(of('outil/type-juste.md')).toEqual([]);
  });

  it('file names must be valid slugs of at most 80 characters', () => {
    for (const name of ['Mon Fichier.md', 'café.md', 'Majuscule.md', 'double--tiret.md', `${'a'.repeat(81)}.md`]) {
      expect(of(`outil/${name}`)).toEqual([expect.stringMatching(new RegExp(`^outil/${name.replace('.', '\\.')}:1: nom de fichier invalide « ${name.replace('.', '\\.')} »`))]);
    }
    expect(of(`outil/${'b'.repeat(80)}.md`)).toEqual([]);
    expect(synced.served('b'.repeat(80))).toBe(true);
    expect(synced.served('a'.repeat(81))).toBe(false);
    expect(all.some((line) => line.includes('notes.txt'))).toBe(false);
  });

  it('a slug used by two types: both reported, neither served', () => {
    expect(of('commun/en-double.md')).toEqual([expect.stringMatching(/^commun\/en-double\.md:1: le slug « en-double » est déjà pris par outil\/en-double\.md/)]);
    expect(of('outil/en-double.md')).toEqual([expect.stringMatching(/^outil\/en-double\.md:1: le slug « en-double » est déjà pris par commun\/en-double\.md/)]);
    expect(synced.served('en-double')).toBe(false);
  });

  it('links to missing fiches are warnings on their line; the fiche is served', () => {
    expect(of('commun/liens-casses.md')).toEqual([
      'commun/liens-casses.md:8: avertissement : liens.voir_aussi : la fiche « fiche-absente » n’existe pas',
      'commun/liens-casses.md:12: avertissement : lien wiki [[autre-absente]] : la fiche « autre-absente » n’existe pas',
    ]);
    expect(of('retour-experience/ressource-absente.md')).toEqual([
      'retour-experience/ressource-absente.md:5: avertissement : ressources_utilisees : la fiche « outil-absent » n’existe pas',
    ]);
    expect(synced.served('liens-casses')).toBe(true);
    expect(synced.served('ressource-absente')).toBe(true);
  });

  it('dates are ISO dates', () => {
    expect(of('commun/dates-fausses.md')).toEqual([
      'commun/dates-fausses.md:5: cree : « 2024-02-30 » n’est pas une date ISO valide (AAAA-MM-JJ, par exemple 2024-02-01)',
      'commun/dates-fausses.md:6: modifie : « 01/02/2024 » n’est pas une date ISO valide (AAAA-MM-JJ, par exemple 2024-02-01)',
    ]);
    expect(of('retour-experience/date-fausse.md')).toEqual([expect.stringMatching(/^retour-experience\/date-fausse\.md:5: date : « hier » n’est pas une date ISO valide/)]);
    expect(of('commun/date-heure.md')).toEqual([expect.stringMatching(/^commun\/date-heure\.md:5: cree : /)]);
  });

  it('lat and lon are WGS84 numbers, nom is required', () => {
    expect(of('commun/lieu-faux.md')).toEqual([
      'commun/lieu-faux.md:7: lieu.lat : doit être inférieur ou égal à 90',
      'commun/lieu-faux.md:8: lieu.lon : doit être supérieur ou égal à -180',
    ]);
    expect(of('commun/lieu-sans-nom.md')).toEqual(['commun/lieu-sans-nom.md:5: lieu : la clé « nom » est obligatoire']);
    expect(of('commun/lieu-texte.md')).toEqual(['commun/lieu-texte.md:5: lieu.lat : doit être un nombre']);
    expect(of('commun/lieu-ok.md')).toEqual([]);
  });

  it('participants: min ≤ max, at least 1', () => {
    expect(of('methode/participants-inverses.md')).toEqual(['methode/participants-inverses.md:5: participants : min doit être inférieur ou égal à max']);
    expect(of('methode/participants-zero.md')).toEqual(['methode/participants-zero.md:6: participants.min : doit être supérieur ou égal à 1']);
  });

  it('nothing else is reported, and every problem has the path:line: message form', () => {
    const reported = new Set(all.map((line) => line.slice(0, line.indexOf('.md:') + 3)));
    const clean = Object.keys(FILES).filter((p) => p.endsWith('.md') && !reported.has(p));
    const expectedClean = [
      'methode/titre-trois.md', 'methode/resume-500.md', 'methode/vraiment-prive.md', 'methode/cle-libre.md', 'methode/niveau-ok.md',
      'methode/duree-ok.md', 'outil/type-juste.md', `outil/${'b'.repeat(80)}.md`, 'commun/lieu-ok.md',
    ];
    expect(clean.sort()).toEqual(expectedClean.sort());
    for (const line of all) expect(line).toMatch(/^[a-z-]+\/[^:]+\.(md|MD):\d+: .+/);
  });

  it('serves the valid fiches, keeps x_ keys, and hides the invalid ones (HTTP)', async () => {
    await withApp({ contentDir: synced.catalogue.contentDir }, async (app) => {
      const libre = await app.inject('/api/fiches/cle-libre');
      expect(libre.statusCode).toBe(200);
      expect(libre.json()).toMatchObject({ slug: 'cle-libre', type: 'methode', x_foo: { source: 'import', rang: 3 }, x_bar: [1, 2] });
      for (const slug of ['titre-court', 'en-double', 'duree-sur-outil', 'type-faux', 'prive-sans-visibilite', 'vraiment-prive']) {
        expect((await app.inject(`/api/fiches/${slug}`)).statusCode, slug).toBe(404);
      }
      const casses = await app.inject('/api/fiches/liens-casses');
      expect(casses.statusCode).toBe(200);
      const list = (await app.inject('/api/fiches?par_page=100')).json();
      const slugs = list.resultats.map((r: { slug: string }) => r.slug);
      expect(slugs).toEqual(expect.arrayContaining(['cle-libre', 'liens-casses', 'ressource-absente', 'niveau-ok', 'lieu-ok']));
      expect(slugs).not.toContain('en-double');
      expect(slugs).not.toContain('vraiment-prive');
    });
  });
});

describe('the ontology is live', () => {
  it('a concept added to a vocabulary file is valid at once (no schema change, no restart)', async () => {
    const dir = contentWithSampleOntology({ 'methode/nouveau-concept.md': file([...BASE, 'contextes: [friches-urbaines]']) });
    const schemasBefore = fs.readdirSync(SCHEMAS).map((name) => fs.readFileSync(path.join(SCHEMAS, name), 'utf8'));
    const synced = await openSynced(dir);
    try {
      expect(await synced.lines()).toEqual([
        expect.stringMatching(/^methode\/nouveau-concept\.md:5: contextes\[0\] : « friches-urbaines » n’est pas un concept du vocabulaire contextes/),
      ]);
      expect(synced.served('nouveau-concept')).toBe(false);

      fs.appendFileSync(path.join(dir, 'ontologie/contextes.yaml'), '  - id: friches-urbaines\n    label: Friches urbaines\n');
      const report = await synced.sync();
      expect(report.ontologieModifiee).toBe(true);
      expect(await synced.lines()).toEqual([]);
      expect(synced.served('nouveau-concept')).toBe(true);
      expect(fs.readdirSync(SCHEMAS).map((name) => fs.readFileSync(path.join(SCHEMAS, name), 'utf8'))).toEqual(schemasBefore);
    } finally {
      await synced.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a new vocabulary file makes its id a list key of every type', async () => {
    const files: Record<string, string> = {
      'commun/public-commun.md': file([...BASE, 'publics: [jeunes]']),
      'outil/public-outil.md': file([...BASE, 'publics: [jeunes, aines]']),
      'methode/public-methode.md': file([...BASE, 'publics:', '  - jeunes']),
      'retour-experience/public-rex.md': file([...BASE, 'publics: [aines]']),
      'methode/public-inconnu.md': file([...BASE, 'publics: [jeunes, enfants]']),
      'methode/public-texte.md': file([...BASE, 'publics: jeunes']),
    };
    const dir = contentWithSampleOntology(files);
    const synced = await openSynced(dir);
    try {
      const before = await synced.lines();
      expect(before).toHaveLength(6);
      for (const line of before) expect(line).toMatch(/:5: clé inconnue « publics »/);

      writeFiles(dir, {
        'ontologie/publics.yaml': [
          'id: publics',
          'label: Public',
          'description: Les personnes à qui la ressource s’adresse.',
          'hierarchique: false',
          'concepts:',
          '  - id: jeunes',
          '    label: Jeunes',
          '  - id: aines',
          '    label: Aînés',
          '',
        ].join('\n'),
      });
      await synced.sync();
      expect(await synced.lines()).toEqual([
        'methode/public-inconnu.md:5: publics[1] : « enfants » n’est pas un concept du vocabulaire publics',
        'methode/public-texte.md:5: publics : doit être une liste',
      ]);
      for (const slug of ['public-commun', 'public-outil', 'public-methode', 'public-rex']) expect(synced.served(slug), slug).toBe(true);
    } finally {
      await synced.close();
    }
    await withApp({ contentDir: dir }, async (app) => {
      expect((await app.inject('/api/fiches/public-outil')).json().publics).toEqual(['jeunes', 'aines']);
      const list = (await app.inject('/api/fiches?publics=aines')).json();
      expect(list.resultats.map((r: { slug: string }) => r.slug).sort()).toEqual(['public-outil', 'public-rex']);
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('remplace_par: the old id is read as the new one', async () => {
    const dir = contentWithSampleOntology({
      'methode/ancien-concept.md': file([...BASE, 'contextes: [mairies, collectivites, tiers-lieux]', 'themes: [facteurs-de-resilience/democratie-locale]']),
    });
    fs.appendFileSync(
      path.join(dir, 'ontologie/contextes.yaml'),
      '  - id: mairies\n    label: Mairies\n    remplace_par: collectivites\n',
    );
    await withApp({ contentDir: dir }, async (app) => {
      const res = await app.inject('/api/fiches/ancien-concept');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.contextes).toEqual(['collectivites', 'tiers-lieux']);
      expect(body.themes).toEqual(['facteurs-de-resilience/gouvernance']);
      const list = (await app.inject('/api/fiches?contextes=collectivites')).json();
      expect(list.resultats.map((r: { slug: string }) => r.slug)).toEqual(['ancien-concept']);
      const facet = list.facettes.contextes as Array<{ id: string; count: number }>;
      expect(facet.find((v) => v.id === 'collectivites')?.count).toBe(1);
      expect(facet.find((v) => v.id === 'mairies')).toBeUndefined();
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
