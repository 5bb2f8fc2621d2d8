// A tiny cookie jar over inject: what a browser would send back (form posts, session cookie).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './accounts.js';

export function browserSession(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const remember = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as Array<{ name: string; value: string }>) jar.set(c.name, encodeURIComponent(c.value));
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (url: string) => remember(await app.inject({ url, headers: { cookie: cookie() } })),
    post: async (url: string, form: Record<string, string | string[]> | URLSearchParams) => {
      const params = form instanceof URLSearchParams ? form : new URLSearchParams();
      if (!(form instanceof URLSearchParams)) for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) params.append(k, one);
      return remember(await app.inject({ method: 'POST', url, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() }));
    },
  };
}

/** A browser session signed in through the login form (fails loudly if the login is refused). */
export async function signedInSession(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const b = browserSession(app);
  const page = await b.get('/connexion');
  const res = await b.post('/connexion', { _csrf: csrfOf(page.body), email, mot_de_passe: password });
  if (res.statusCode !== 303) throw new Error(`connexion refusée pour ${email} : ${res.statusCode}`);
  return b;
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The fields of the first form of a page, as a browser would submit them unchanged. */
export function formFields(html: string): URLSearchParams {
  const out = new URLSearchParams();
  const form = /<form class="formulaire"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(attrs)) continue;
    out.append(name, decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out.append(m[1]!, decode(m[2]!));
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1];
    out.append(m[1]!, selected ?? '');
  }
  return out;
}
