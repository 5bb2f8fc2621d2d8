// Registration, sign-in and sign-out through the HTML forms: CSRF tokens, a renewed encrypted
// session cookie, generic failure messages, the honeypot, and pages that show who is signed in.
import { describe, expect, it } from 'vitest';
import { withApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { browserSession as browser, csrfOf } from '../helpers/browser-session.js';
import { contentWithSampleOntology } from '../helpers/content.js';


describe('accounts in the browser', () => {
  it('registers, is signed in, signs out; the session cookie is HttpOnly and SameSite', async () => {
    await withApp({ contentDir: contentWithSampleOntology({}) }, async (app) => {
      const b = browser(app);
      const form = await b.get('/inscription');
      expect(form.statusCode).toBe(200);
      const refused = await b.post('/inscription', { _csrf: csrfOf(form.body), nom: 'Léa', email: 'pas-un-email', mot_de_passe: 'court' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('value="Léa"');
      const created = await b.post('/inscription', { _csrf: csrfOf(refused.body), nom: 'Léa Durand', email: 'lea@exemple.org', mot_de_passe: 'une phrase de passe', site_web: '' });
      expect(created.statusCode).toBe(303);
      const setCookie = String(created.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const home = await b.get('/');
      expect(home.body).toContain('Léa Durand');
      expect(home.body).toContain('Se déconnecter');
      const out = await b.post('/deconnexion', { _csrf: csrfOf(home.body) });
      expect(out.statusCode).toBe(303);
      expect((await b.get('/')).body).not.toContain('Léa Durand');
    });
  });

  it('signs in with a generic failure message, renews the session, and refuses a form without its CSRF token', async () => {
    await withApp({ contentDir: contentWithSampleOntology({}) }, async (app) => {
      const { account } = await addAccount(app, 'contributeur', { nom: 'Paul Martin' });
      const b = browser(app);
      const page = await b.get('/connexion');
      const before = b.jar.get('forge_session');
      const wrong = await b.post('/connexion', { _csrf: csrfOf(page.body), email: account.email, mot_de_passe: 'mauvais mot de passe' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('Adresse e-mail ou mot de passe incorrect.');
      const unknown = await b.post('/connexion', { _csrf: csrfOf(wrong.body), email: 'personne@exemple.org', mot_de_passe: 'mauvais mot de passe' });
      expect(unknown.body).toContain('Adresse e-mail ou mot de passe incorrect.');
      const noToken = await b.post('/connexion', { email: account.email, mot_de_passe: 'un mot de passe solide' });
      expect(noToken.statusCode).toBe(403);
      const ok = await b.post('/connexion', { _csrf: csrfOf(noToken.body), email: account.email, mot_de_passe: 'un mot de passe solide', retour: '//evil.example/' });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/');
      expect(b.jar.get('forge_session')).not.toBe(before);
      expect((await b.get('/fiches')).body).toContain('Paul Martin');
    });
  });

  it('a honeypot filled in by a bot creates nothing', async () => {
    await withApp({ contentDir: contentWithSampleOntology({}) }, async (app) => {
      const b = browser(app);
      const form = await b.get('/inscription');
      const bot = await b.post('/inscription', { _csrf: csrfOf(form.body), nom: 'Robot', email: 'robot@exemple.org', mot_de_passe: 'une phrase de passe', site_web: 'http://spam' });
      expect(bot.statusCode).toBe(400);
      const login = await b.get('/connexion');
      const tryLogin = await b.post('/connexion', { _csrf: csrfOf(login.body), email: 'robot@exemple.org', mot_de_passe: 'une phrase de passe' });
      expect(tryLogin.statusCode).toBe(401);
    });
  });

  it('limits login attempts and registrations per address: 429 with Retry-After, in French', async () => {
    await withApp({ contentDir: contentWithSampleOntology({}), config: { loginsPerMinute: 3, registrationsPerHour: 2 } }, async (app) => {
      const b = browser(app);
      const token = csrfOf((await b.get('/connexion')).body);
      const attempts = [];
      for (let i = 0; i < 4; i++) attempts.push(await b.post('/connexion', { _csrf: token, email: 'x@exemple.org', mot_de_passe: 'faux mot de passe' }));
      expect(attempts.slice(0, 3).map((r) => r.statusCode)).toEqual([401, 401, 401]);
      expect(attempts[3]!.statusCode).toBe(429);
      expect(Number(attempts[3]!.headers['retry-after'])).toBeGreaterThan(0);
      expect(attempts[3]!.body).toMatch(/Trop de requêtes|trop de/i);

      const registrations = [];
      for (let i = 0; i < 3; i++) {
        const form = await b.get('/inscription');
        registrations.push(await b.post('/inscription', { _csrf: csrfOf(form.body), nom: `Compte ${i}`, email: `c${i}@exemple.org`, mot_de_passe: 'une phrase de passe', site_web: '' }));
      }
      expect(registrations.map((r) => r.statusCode)).toEqual([303, 303, 429]);
      expect(registrations[2]!.headers['retry-after']).toBeDefined();
    });
  });
});
