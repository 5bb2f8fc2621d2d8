// The private space, on the surfaces private-space.test.ts does not cover: a private fiche P
// links to a public fiche A (wiki link and `liens`), has counted concepts, two revisions, a
// proposition, a deletion. For an anonymous visitor and for contributors without access
// (one never let in, one let in and then let out), every page and answer is exactly what it
// would be if P did not exist; its creator and editors still read it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount, type TestAccount } from '../helpers/accounts.js';
import { signedInSession } from '../helpers/browser-session.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const SLUG = 'carnet-secret';
const NEVER = 'jamais-vue';
const SECRETS = ['Carnet secret', SLUG, 'azalée', 'azalee'];
const prive = {
  titre: 'Carnet secret',
  resume: 'Des notes privées.',
  licence: 'LicenseRef-Prive',
  visibilite: 'prive',
  contextes: ['collectivites', 'tiers-lieux'],
  themes: ['general/modeles'],
  tags: ['azalee'],
  liens: { voir_aussi: ['publique'] },
};
const publique = fiche({ titre: 'Fiche publique', resume: 'Visible de tous.', licence: 'CC0-1.0', contextes: ['collectivites'], themes: ['general/modeles'] });
// B cites A, and P before P exists: its page must not change when P appears (a missing link either way).
const autre = fiche(
  { titre: 'Autre fiche', resume: 'Elle cite la publique.', licence: 'CC0-1.0', liens: { voir_aussi: ['carnet-secret'] } },
  'Voir [[publique]] et [[carnet-secret]].',
);
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

/** Every read surface where P could show without being asked for by name. */
const SURFACES = [
  '/',
  '/fiches',
  '/fiches?contextes=collectivites',
  '/fiches?contextes=tiers-lieux',
  '/fiches?themes=general',
  '/fiches?q=azalée',
  '/fiches?tags=azalee',
  '/fiches?licence=LicenseRef-Prive',
  '/fiches/publique',
  '/api/fiches/publique',
  '/fiches/autre',
  '/fiches/nouvelle?type=commun',
  '/api/fiches?par_page=100',
  '/api/fiches?contextes=tiers-lieux',
  '/api/fiches?themes=general/modeles',
  '/api/fiches?tags=azalee',
  '/api/fiches?licence=LicenseRef-Prive',
  '/api/fiches?q=carnet',
  '/ontologie',
  '/api/ontologie',
  '/ontologie/contextes',
  '/ontologie/contextes/collectivites',
  '/ontologie/contextes/tiers-lieux',
  '/ontologie/themes',
  '/ontologie/themes/general',
  '/ontologie/themes/general/modeles',
  '/ontologie/relations/voir_aussi',
  '/api/ontologie/contextes',
  '/api/ontologie/themes',
  '/modifications',
  '/api/suggestions?q=carnet',
];

/**
 * The addresses of P itself. `modele`: one address per route (family of routes), the one compared
 * byte for byte with an unknown slug's answer and asked by every reader (an unknown slug costs a
 * look into every type folder's history: the other addresses are asked by anonymous visitors only).
 */
const ownSurfaces = (slug: string, rev: { first: string; second: string; commit: string }) => [
  { url: `/fiches/${slug}`, modele: true },
  { url: `/api/fiches/${slug}`, modele: true },
  { url: `/fiches/${slug}/historique`, modele: false },
  { url: `/api/fiches/${slug}/historique`, modele: true },
  { url: `/fiches/${slug}/historique.atom`, modele: true },
  { url: `/fiches/${slug}/revisions/${rev.first}`, modele: false },
  { url: `/fiches/${slug}/revisions/${rev.commit}`, modele: false },
  { url: `/api/fiches/${slug}/revisions/${rev.first}`, modele: true },
  { url: `/fiches/${slug}/diff?de=${rev.first}&a=${rev.second}`, modele: true },
  { url: `/api/fiches/${slug}/diff?de=${rev.first}&a=${rev.second}`, modele: false },
];

type Viewer = { nom: string; headers: Record<string, string> };
const viewersOf = (...accounts: TestAccount[]): Viewer[] => [{ nom: 'anonyme', headers: {} }, ...accounts.map((a) => ({ nom: a.account.nom, headers: a.auth }))];

/** A page as a reader sees it, without what changes on every request (the CSRF token). */
const shown = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.replace(/(name="_csrf" value=")[^"]+"/g, '$1"')}`;

async function snapshot(app: FastifyInstance, viewers: Viewer[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const viewer of viewers) for (const url of SURFACES) out.set(`${viewer.nom} ${url}`, shown(await app.inject({ url, headers: viewer.headers })));
  return out;
}

const json = (app: FastifyInstance, method: 'POST' | 'PUT' | 'DELETE', url: string, who: TestAccount, payload: object, revision?: string) =>
  app.inject({ method, url, headers: { ...who.auth, 'content-type': 'application/json', ...(revision ? { 'if-match': `"${revision}"` } : {}) }, payload });

const expectNoSecret = (body: string, where: string) => {
  for (const secret of SECRETS) expect(body, `${where} mentions « ${secret} »`).not.toContain(secret);
};

async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
}

describe('private fiches leave no trace on the other surfaces', () => {
  it('backlinks, home, facets, ontology pages and counts, feeds, revisions, diffs, profiles', async () => {
    const dir = contentWithSampleOntology({ 'outil/publique.md': publique, 'methode/autre.md': autre });
    await withApp({ contentDir: dir, config: { reviewPolicy: 'aucune' } }, async (app) => {
      const alice = await addAccount(app, 'contributeur', { nom: 'Alice Autrice' });
      const bob = await addAccount(app, 'contributeur', { nom: 'Bob Ancien' });
      const carol = await addAccount(app, 'contributeur', { nom: 'Carol Curieuse' });
      const editor = await addAccount(app, 'editeur', { nom: 'Élise Éditrice' });
      // Bob (let in, then out) and Carol (never let in) are refused by one rule: Bob goes
      // everywhere, Carol to P's address.
      const viewers = viewersOf(bob);
      const countsBefore = (await app.inject('/api/ontologie/contextes')).json().concepts;
      const before = await snapshot(app, viewers);
      // The surfaces are not empty: A has a public backlink, its concepts a count.
      expect((await app.inject('/api/fiches/publique')).json().retroliens).toEqual([{ slug: 'autre', titre: 'Autre fiche', relation: null }]);
      expect(countsBefore.find((c: { id: string }) => c.id === 'collectivites').count).toBe(1);

      // Alice creates P (linking to A twice), lets Bob in, Bob edits it, Alice lets him out.
      const body = 'Voir [[publique]] et [[publique|la fiche publique]]. Le mot secret est azalée.';
      const created = await json(app, 'POST', '/api/fiches', alice, { type: 'commun', slug: SLUG, ...prive, corps: body, message: 'Notes' });
      expect(created.statusCode, created.body).toBe(201);
      const first = created.json().revision as string;
      expect((await json(app, 'POST', `/api/fiches/${SLUG}/acces`, alice, { email: bob.account.email })).statusCode).toBe(200);
      const edited = await json(app, 'PUT', `/api/fiches/${SLUG}`, bob, { ...prive, corps: `${body}\nBob ajoute une ligne.`, message: 'Ajout de Bob' }, first);
      expect(edited.statusCode, edited.body).toBe(200);
      const second = edited.json().revision as string;
      const bobSession = await signedInSession(app, bob.account.email);
      expect((await bobSession.get('/profil')).body).toContain('Carnet secret'); // while he may read it
      expect((await json(app, 'DELETE', `/api/fiches/${SLUG}/acces`, alice, { email: bob.account.email })).statusCode).toBe(200);
      const commit = (await app.inject({ url: `/api/fiches/${SLUG}/historique`, headers: alice.auth })).json()[1].commit as string;

      // Every surface is what it was before P existed, to the byte, for everyone without access.
      const after = await snapshot(app, viewers);
      for (const [key, page] of before) expect(after.get(key), key).toBe(page);
      // (A page asked with a secret word in its address echoes it, B names the slug its author
      // wrote: for those, equality above is the check, and P's title must not show.)
      for (const [key, page] of after) {
        if (SECRETS.some((secret) => key.includes(secret)) || key.endsWith('/autre')) expect(page, key).not.toContain('Carnet secret');
        else expectNoSecret(page, key);
      }
      expect((await app.inject('/api/ontologie/contextes')).json().concepts).toEqual(countsBefore);

      // P's own addresses answer as those of a fiche that never existed.
      const own = ownSurfaces(SLUG, { first, second, commit });
      const never = ownSurfaces(NEVER, { first, second, commit });
      for (const viewer of viewers) {
        for (const [i, { url, modele }] of own.entries()) {
          if (!modele && viewer.nom !== 'anonyme') continue;
          const res = await app.inject({ url, headers: viewer.headers });
          expect(res.statusCode, `${viewer.nom} ${url}`).toBe(404);
          expectNoSecret(res.body.replaceAll(SLUG, ''), `${viewer.nom} ${url}`);
          if (modele && viewer.nom === 'anonyme') expect(shown(res).replaceAll(SLUG, NEVER), url).toBe(shown(await app.inject(never[i]!.url)));
        }
        // Conditional requests tell nothing either.
        expect((await app.inject({ url: `/api/fiches/${SLUG}`, headers: { ...viewer.headers, 'if-none-match': `"${second}"` } })).statusCode).toBe(404);
      }
      for (const who of [bob, carol]) {
        for (const url of [`/fiches/${SLUG}`, `/api/fiches/${SLUG}`, `/fiches/${SLUG}/modifier`]) {
          expect((await app.inject({ url, headers: who.auth })).statusCode, `${who.account.nom} ${url}`).toBe(404);
        }
      }
      const carolSession = await signedInSession(app, carol.account.email);
      for (const session of [bobSession, carolSession]) {
        const profile = await session.get('/profil');
        expect(profile.statusCode).toBe(200);
        expectNoSecret(profile.body, 'profil');
        expect(await htmlProblems(profile.body)).toEqual([]);
      }

      // Its creator and editors still read P, its history and its revisions.
      const aliceSession = await signedInSession(app, alice.account.email);
      const page = await aliceSession.get(`/fiches/${SLUG}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Carnet secret');
      expect(page.body).toContain('href="/fiches/publique"');
      expect(await htmlProblems(page.body)).toEqual([]);
      expect((await aliceSession.get('/profil')).body).toContain('Carnet secret');
      for (const { url } of own.filter((o) => o.modele && !o.url.endsWith('.atom'))) {
        for (const who of [alice, editor]) expect((await app.inject({ url, headers: who.auth })).statusCode, `${who.account.nom} ${url}`).toBe(200);
      }
      // The Atom feed of a fiche is public: P has none, even for them.
      expect((await app.inject({ url: `/fiches/${SLUG}/historique.atom`, headers: alice.auth })).statusCode).toBe(404);
      // A signed-in reading of A by the creator does not leak into the page served to others.
      expect((await app.inject({ url: '/fiches/publique', headers: alice.auth })).statusCode).toBe(200);
      expectNoSecret((await app.inject('/fiches/publique')).body, 'A after its creator read it');
    });
  }, 60_000); // ~30 surfaces × 3 readers × 2 snapshots

  it('a proposition on P is seen by its author only while they may read P, and by editors', async () => {
    const dir = contentWithSampleOntology({ 'outil/publique.md': publique });
    await withApp({ contentDir: dir, config: { reviewPolicy: 'toutes' } }, async (app) => {
      const editor = await addAccount(app, 'editeur', { nom: 'Élise Éditrice' });
      const bob = await addAccount(app, 'contributeur', { nom: 'Bob Ancien' });
      const carol = await addAccount(app, 'contributeur', { nom: 'Carol Curieuse' });
      const created = await json(app, 'POST', '/api/fiches', editor, { type: 'commun', slug: SLUG, ...prive, corps: 'Le mot secret est azalée.', message: 'Notes' });
      expect(created.statusCode, created.body).toBe(201);
      expect((await json(app, 'POST', `/api/fiches/${SLUG}/acces`, editor, { email: bob.account.email })).statusCode).toBe(200);
      const proposed = await json(app, 'PUT', `/api/fiches/${SLUG}`, bob, { ...prive, corps: 'Le mot secret est azalée. Et une idée de Bob.', message: 'Idée de Bob' }, created.json().revision);
      expect(proposed.statusCode, proposed.body).toBe(202);
      const id = proposed.json().proposition as number;
      const bobSession = await signedInSession(app, bob.account.email);
      const carolSession = await signedInSession(app, carol.account.email);

      // Bob, let in, sees his proposition; the editor sees it to review it.
      expect((await app.inject({ url: '/api/propositions', headers: bob.auth })).json().map((p: { id: number }) => p.id)).toEqual([id]);
      expect((await app.inject({ url: `/api/propositions/${id}`, headers: bob.auth })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/propositions', headers: editor.auth })).json().map((p: { id: number }) => p.id)).toEqual([id]);

      // Nobody else does: not anonymous visitors, not Carol.
      expect((await app.inject('/api/propositions')).statusCode).toBe(401);
      expect((await app.inject(`/api/propositions/${id}`)).statusCode).toBe(401);
      expect((await app.inject('/propositions')).statusCode).toBe(303);
      expect((await app.inject({ url: '/api/propositions', headers: carol.auth })).json()).toEqual([]);
      expect((await app.inject({ url: `/api/propositions/${id}`, headers: carol.auth })).statusCode).toBe(404);
      expect((await carolSession.get(`/propositions/${id}`)).statusCode).toBe(404);
      for (const url of ['/propositions', '/profil']) expectNoSecret((await carolSession.get(url)).body, `Carol ${url}`);

      // Once let out, Bob reads P no more: not through his proposition either (its diff shows
      // P's current text), nor in his lists.
      expect((await json(app, 'DELETE', `/api/fiches/${SLUG}/acces`, editor, { email: bob.account.email })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/propositions', headers: bob.auth })).json()).toEqual([]);
      expect((await app.inject({ url: `/api/propositions/${id}`, headers: bob.auth })).statusCode).toBe(404);
      expect((await bobSession.get(`/propositions/${id}`)).statusCode).toBe(404);
      for (const url of ['/propositions', '/profil']) {
        const res = await bobSession.get(url);
        expect(res.statusCode).toBe(200);
        expectNoSecret(res.body, `Bob ${url}`);
      }
      // The editor still reviews it.
      expect((await app.inject({ url: `/api/propositions/${id}`, headers: editor.auth })).json().slug).toBe(SLUG);
    });
  });

  it('a deleted private fiche answers like one that never existed (a public one answers 410)', async () => {
    const dir = contentWithSampleOntology({});
    await withApp({ contentDir: dir }, async (app) => {
      const editor = await addAccount(app, 'editeur');
      const carol = await addAccount(app, 'contributeur');
      const made = await json(app, 'POST', '/api/fiches', editor, { type: 'commun', slug: SLUG, ...prive, liens: {}, corps: 'azalée' });
      expect(made.statusCode, made.body).toBe(201);
      const pub = await json(app, 'POST', '/api/fiches', editor, { type: 'outil', titre: 'Ancienne publique', resume: 'R.', licence: 'CC0-1.0' });
      expect(pub.statusCode, pub.body).toBe(201);
      for (const slug of [SLUG, 'ancienne-publique']) expect((await json(app, 'DELETE', `/api/fiches/${slug}`, editor, {})).statusCode).toBe(204);

      expect((await app.inject('/api/fiches/ancienne-publique')).statusCode).toBe(410);
      for (const headers of [{}, carol.auth]) {
        const res = await app.inject({ url: `/api/fiches/${SLUG}`, headers });
        expect(res.statusCode).toBe(404);
        expect(res.body.replaceAll(SLUG, NEVER)).toBe((await app.inject({ url: `/api/fiches/${NEVER}`, headers })).body);
        for (const url of [`/api/fiches/${SLUG}/historique`, `/fiches/${SLUG}/historique`, `/fiches/${SLUG}/historique.atom`]) {
          expect((await app.inject({ url, headers })).statusCode, url).toBe(404);
        }
      }
      for (const url of ['/modifications', '/modifications.atom']) expectNoSecret((await app.inject(url)).body, url);
      // Its history stays with the editors.
      expect((await app.inject({ url: `/api/fiches/${SLUG}/historique`, headers: editor.auth })).statusCode).toBe(200);
    });
  });
});
