// Relevance order when a common word matches far more fiches than the page shows and filters
// keep only a few of them: the ranking must still find and order those few.
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const files: Record<string, string> = {};
// File (and so index slot) order is the reverse of title order, so that a tie-break by slot
// instead of title shows.
for (let i = 0; i < 260; i++) {
  const n = String(i).padStart(3, '0');
  files[`methode/methode-${n}.md`] = fiche(
    { titre: `Méthode numéro ${String(259 - i).padStart(3, '0')}`, resume: 'Une façon de faire parmi d’autres.', licence: 'CC-BY-SA-4.0' },
    `Un texte ordinaire qui parle d’un atelier, au milieu de beaucoup d’autres mots pour la remplir.`,
  );
}
files['outil/dans-le-titre.md'] = fiche({ titre: 'Atelier de cartes', resume: 'Un outil.', licence: 'CC-BY-SA-4.0' }, 'Des cartes à jouer.');
files['outil/dans-le-resume.md'] = fiche({ titre: 'Boîte à idées', resume: 'Pour un atelier.', licence: 'CC-BY-SA-4.0' }, 'Une boîte.');
files['outil/dans-le-corps.md'] = fiche(
  { titre: 'Carnet de bord', resume: 'Un carnet.', licence: 'CC-BY-SA-4.0' },
  'Un long texte de carnet où l’on note bien des choses, et une seule fois le mot atelier, perdu parmi les autres, loin du début, vers la fin.',
);

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology(files) }));

describe('relevance with many hits and a narrow filter', () => {
  it('finds the few filtered fiches and orders them title, résumé, body', async () => {
    const body = (await app().inject('/api/fiches?q=atelier&type=outil')).json();
    expect(body.total).toBe(3);
    expect(body.resultats.map((r: { slug: string }) => r.slug)).toEqual(['dans-le-titre', 'dans-le-resume', 'dans-le-corps']);
  });

  it('pages through them in the same order', async () => {
    const slugs: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const body = (await app().inject(`/api/fiches?q=atelier&type=outil&par_page=1&page=${page}`)).json();
      slugs.push(...body.resultats.map((r: { slug: string }) => r.slug));
    }
    expect(slugs).toEqual(['dans-le-titre', 'dans-le-resume', 'dans-le-corps']);
  });

  it('without a filter, the title match comes first among 263 hits and every page is full', async () => {
    const first = (await app().inject('/api/fiches?q=atelier&par_page=100')).json();
    expect(first.total).toBe(263);
    expect(first.resultats[0].slug).toBe('dans-le-titre');
    const third = (await app().inject('/api/fiches?q=atelier&par_page=100&page=3')).json();
    expect(third.resultats).toHaveLength(63);
    const all = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      for (const r of (await app().inject(`/api/fiches?q=atelier&par_page=100&page=${page}`)).json().resultats) all.add(r.slug);
    }
    expect(all.size).toBe(263);
  });
});

describe('equal scores', () => {
  it('are ordered by title, whatever order the fiches were indexed in, so pages never overlap', async () => {
    const body = (await app().inject('/api/fiches?q=atelier&type=methode&par_page=100')).json();
    const titles = body.resultats.map((r: { titre: string }) => r.titre);
    expect(titles).toEqual([...titles].sort(new Intl.Collator('fr').compare));
    const second = (await app().inject('/api/fiches?q=atelier&type=methode&par_page=100&page=2')).json();
    expect(second.resultats[0].titre).toBe('Méthode numéro 100');
  });
});
