import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { SAMPLE_CONTENT } from '../helpers/content.js';

const app = useSharedApp(() => ({ contentDir: SAMPLE_CONTENT, config: { publicUrl: 'https://forge.example' } }));

const page = async (url: string) => {
  const res = await app().inject(url);
  return { status: res.statusCode, html: res.body, headers: res.headers };
};

describe('pages', () => {
  it('every page type is French HTML with landmarks, a skip link and security headers', async () => {
    for (const url of ['/', '/fiches', '/fiches/cercle-de-dialogue', '/ontologie', '/ontologie/themes', '/ontologie/themes/facteurs-de-resilience', '/nope']) {
      const { status, html, headers } = await page(url);
      expect(status, url).toBe(url === '/nope' ? 404 : 200);
      expect(headers['content-type']).toMatch(/text\/html; charset=utf-8/);
      expect(html).toMatch(/<html lang="fr">/);
      expect(html).toContain('<main id="contenu-principal"');
      expect(html).toContain('href="#contenu-principal"');
      expect(html).toMatch(/<h1>/);
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('same-origin');
    }
  });

  it('/fiches is a GET form: facet checkboxes with counts, labels, checked state', async () => {
    const { html } = await page('/fiches?contextes=tiers-lieux&type=methode');
    expect(html).toContain('<form id="form-fiches" class="liste" action="/fiches" method="get">');
    const checked = html.match(/<input type="checkbox" id="([^"]+)" name="contextes" value="tiers-lieux" checked>/);
    expect(checked).not.toBeNull();
    expect(html).toMatch(new RegExp(`<label for="${checked![1]}">Tiers-lieux <span class="compte">\\(\\d+\\)</span></label>`));
    expect(html).toMatch(/name="type" value="methode" checked/);
    // Active filters can be removed with a plain link.
    expect(html).toContain('href="/fiches?type=methode"');
  });

  it('the sort menu defaults to no sort, so that a search typed into the form is ranked by relevance', async () => {
    const { html } = await page('/fiches');
    expect(html).toMatch(/<option value="" selected>Pertinence, ou titre sans recherche<\/option>/);
    // What the form sends when the reader types a query and keeps the default sort.
    const ranked = (await app().inject('/api/fiches?q=cercle+dialogue&tri=')).json();
    const relevance = (await app().inject('/api/fiches?q=cercle+dialogue&tri=pertinence')).json();
    expect(ranked.resultats.map((r: { slug: string }) => r.slug)).toEqual(relevance.resultats.map((r: { slug: string }) => r.slug));
    expect((await page('/fiches?q=cercle&tri=titre')).html).toMatch(/<option value="titre" selected>/);
  });

  it('/fiches paginates with plain links', async () => {
    const { html } = await page('/fiches?par_page=5&page=2');
    expect(html).toContain('rel="prev"');
    expect(html).toContain('href="/fiches?par_page=5&amp;page=3"');
    expect((html.match(/<li class="resultat">/g) ?? []).length).toBe(5);
  });

  it('search results escape the query and highlight matches', async () => {
    const { html } = await page('/fiches?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+dialogue');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<mark>');
  });

  it('a fiche page shows metadata linking to concept pages, licence, relations and the attribution text', async () => {
    const { html } = await page('/fiches/cercle-de-dialogue');
    expect(html).toContain('<h1>Cercle de dialogue</h1>');
    expect(html).toMatch(/<th scope="row">Contexte<\/th>\s*<td>.*href="\/ontologie\/contextes\/[a-z-]+"/);
    expect(html).toContain('rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr"');
    expect(html).toContain('Fiches qui renvoient ici');
    expect(html).toMatch(/<textarea id="attribution" readonly rows="4">« Cercle de dialogue », par [^<]+, Forge à communs, https:\/\/forge\.example\/fiches\/cercle-de-dialogue, licence CC BY-SA 4\.0/);
  });

  it('unknown fiches, vocabularies and concepts are French 404 pages', async () => {
    for (const url of ['/fiches/inconnue', '/fiches/..%2F..%2Fetc%2Fpasswd', '/ontologie/inconnu', '/ontologie/themes/inconnu']) {
      const { status, html } = await page(url);
      expect(status, url).toBe(404);
      expect(html).toContain('<h1>Page introuvable</h1>');
      expect(html).not.toMatch(/at .*\.ts|\/work\/|node_modules/);
    }
  });

  it('bad paging on a page is a French 400 page, not a crash', async () => {
    const { status, html } = await page('/fiches?par_page=abc');
    expect(status).toBe(400);
    expect(html).toContain('par_page');
  });

  it('a merged concept redirects to its replacement', async () => {
    const res = await app().inject('/ontologie/themes/facteurs-de-resilience/democratie-locale');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/ontologie/themes/facteurs-de-resilience/gouvernance');
  });

  it('serves the stylesheet and scripts from our own origin', async () => {
    for (const url of ['/static/style.css', '/static/filtres.js', '/static/copier.js']) {
      const res = await app().inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await app().inject('/static/../package.json')).statusCode).toBe(404);
  });
});

describe('API errors', () => {
  it('are JSON {erreur, code} with security headers and no internals', async () => {
    for (const [url, status] of [['/api/nope', 404], ['/api/ontologie/nope', 404], ['/api/fiches?page=0', 400], ['/api/fiches?bidule=1', 400]] as const) {
      const res = await app().inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = res.json();
      expect(typeof body.erreur).toBe('string');
      expect(typeof body.code).toBe('string');
      expect(res.body).not.toMatch(/stack|\/work\/|node_modules/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('URLs Fastify rejects before routing', () => {
  it('get French errors with the security headers, JSON under /api and a page elsewhere', async () => {
    const cases = [
      ['/fiches/%E9', 400, 'text/html', 'adresse'],
      ['/api/fiches/%', 400, 'application/json', 'adresse_invalide'],
      [`/api/fiches/${'a'.repeat(600)}`, 414, 'application/json', 'adresse_trop_longue'],
    ] as const;
    for (const [url, status, type, marker] of cases) {
      const res = await app().inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toContain(type);
      expect(res.body, url).toContain(marker);
      expect(res.body).not.toMatch(/FST_ERR|Bad Request|not a valid url/);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});

describe('GET /api/ontologie', () => {
  it('lists vocabularies and gives concepts with rolled-up counts', async () => {
    const { vocabulaires } = (await app().inject('/api/ontologie')).json();
    expect(vocabulaires.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining(['contextes', 'themes', 'relations']));
    const themes = (await app().inject('/api/ontologie/themes')).json();
    expect(themes).toMatchObject({ id: 'themes', hierarchique: true });
    const byId = new Map(themes.concepts.map((c: { id: string; count: number }) => [c.id, c]));
    const parent = byId.get('facteurs-de-resilience') as { count: number };
    const children = themes.concepts.filter((c: { broader: string | null }) => c.broader === 'facteurs-de-resilience');
    expect(parent.count).toBeGreaterThan(0);
    expect(parent.count).toBeLessThanOrEqual(children.reduce((n: number, c: { count: number }) => n + c.count, 0));
    const merged = byId.get('facteurs-de-resilience/democratie-locale') as { count: number; remplace_par: string };
    expect(merged).toMatchObject({ count: 0, remplace_par: 'facteurs-de-resilience/gouvernance' });
    for (const c of themes.concepts) expect(Object.keys(c).sort()).toEqual(['alt', 'broader', 'count', 'description', 'id', 'label', 'remplace_par']);
  });
});
