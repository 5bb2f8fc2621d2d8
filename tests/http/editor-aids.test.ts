// What the edit form's scripts ask while someone types: title suggestions for the relation
// picker (public fiches only, accents and case aside, every word a prefix) and the live
// preview (signed-in only, CSRF-checked for a session, rendered like the fiche page).
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { csrfOf, signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const app = useSharedApp(() => ({
  contentDir: contentWithSampleOntology({
    'outil/jardin-partage.md': fiche({ titre: 'Jardins partagés', resume: 'r', licence: 'CC0-1.0' }),
    'outil/partage-de-jardin.md': fiche({ titre: 'Le partage des jardins', resume: 'r', licence: 'CC0-1.0' }),
    'outil/cuisine.md': fiche({ titre: 'Cuisine collective', resume: 'r', licence: 'CC0-1.0' }),
    'outil/jardin-secret.md': fiche({ titre: 'Jardin secret', resume: 'r', licence: 'LicenseRef-Prive', visibilite: 'prive' }),
  }),
}));

const suggest = async (q: string, extra = '') => app().inject(`/api/suggestions?q=${encodeURIComponent(q)}${extra}`);
const slugs = async (q: string) => (await suggest(q)).json().resultats.map((r: { slug: string }) => r.slug);

describe('title suggestions', () => {
  it('match every typed word at the start of a word of the title or slug, accents and case aside', async () => {
    const res = await suggest('JARDIN parta');
    expect(res.statusCode).toBe(200);
    expect(res.json().resultats[0]).toEqual({ slug: 'jardin-partage', titre: 'Jardins partagés', type: 'outil', url: '/fiches/jardin-partage' });
    // A title that starts with what was typed comes first.
    expect(await slugs('jardins')).toEqual(['jardin-partage', 'partage-de-jardin']);
    expect(await slugs('partages')).toEqual(['jardin-partage']);
    expect(await slugs('cuis coll')).toEqual(['cuisine']);
    expect(await slugs('rdin')).toEqual([]); // not inside a word
    expect(await slugs('')).toEqual([]);
  });

  it('never suggest a private fiche, and bound what they accept', async () => {
    expect(await slugs('secret')).toEqual([]);
    expect((await suggest('jardin', '&limite=1')).json().resultats).toHaveLength(1);
    const tooLong = await suggest('x'.repeat(300));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().erreur).toMatch(/q/);
    expect((await suggest('a', '&limite=500')).statusCode).toBe(400);
  });
});

describe('the live preview', () => {
  it('renders the body as the fiche page would, for signed-in accounts only', async () => {
    const { auth } = await addAccount(app(), 'contributeur');
    const preview = (headers: Record<string, string>, corps: unknown = 'Un **mot**, [[jardin-partage]] et [[jardin-secret]].') =>
      app().inject({ method: 'POST', url: '/api/apercu', headers: { ...headers, 'content-type': 'application/json' }, payload: { corps } });

    const anonymous = await preview({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('non_authentifie');

    const res = await preview(auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const { html } = res.json();
    expect(html).toContain('<strong>mot</strong>');
    expect(html).toContain('href="/fiches/jardin-partage"');
    expect(html).not.toContain('Jardin secret'); // a private title stays private
    expect((await preview(auth, '<script>alert(1)</script>')).json().html).not.toContain('<script>');
    const missing = await app().inject({ method: 'POST', url: '/api/apercu', headers: { ...auth, 'content-type': 'application/json' }, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().erreur).toMatch(/corps/);
  });

  it('takes a session only with its CSRF token', async () => {
    const { account } = await addAccount(app(), 'contributeur');
    const b = await signedInSession(app(), account.email);
    const page = await b.get('/fiches/nouvelle?type=outil');
    const cookie = [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const send = (headers: Record<string, string>) =>
      app().inject({ method: 'POST', url: '/api/apercu', headers: { cookie, 'content-type': 'application/json', ...headers }, payload: { corps: '*ok*' } });
    expect((await send({})).statusCode).toBe(403);
    const res = await send({ 'x-csrf-token': csrfOf(page.body) });
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toContain('<em>ok</em>');
  });
});
