// The HTML of every page type is valid (html-validate, recommended rules): home, list (plain,
// searched, filtered, second page), a fiche of each type, vocabularies, a vocabulary, a
// hierarchical concept and the error pages.
import { HtmlValidate, type Message } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { SAMPLE_CONTENT } from '../helpers/content.js';
import { addAccount } from '../helpers/accounts.js';
import { signedInSession } from '../helpers/browser-session.js';

const app = useSharedApp(() => ({ contentDir: SAMPLE_CONTENT }));

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Checkbox groups (one facet) share a name on purpose.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

const PAGES: Array<[string, number]> = [
  ['/', 200],
  ['/fiches', 200],
  ['/fiches?q=exp%C3%A9rience', 200],
  ['/fiches?q=dialogue&contextes=quartiers&type=methode', 200],
  ['/fiches?type=methode&type=outil&par_page=5&page=2', 200],
  ['/fiches?q=zzzzqqqq', 200],
  ['/fiches/commun-de-la-cooperation', 200],
  ['/fiches/cercle-de-dialogue', 200],
  ['/fiches/yeswiki', 200],
  ['/fiches/world-cafe-tiers-lieu-rural', 200],
  ['/ontologie', 200],
  ['/ontologie/contextes', 200],
  ['/ontologie/themes', 200],
  ['/ontologie/themes/general', 200],
  ['/ontologie/themes/general/modeles', 200],
  ['/ontologie/relations', 200],
  ['/page-absente', 404],
  ['/fiches/fiche-absente', 404],
  ['/fiches?par_page=abc', 400],
];

function describeMessages(messages: Message[]): string[] {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`);
}

describe('HTML validity of every page type', () => {
  it.each(PAGES)('%s is valid HTML', async (url, status) => {
    const response = await app().inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const report = await validator.validateString(response.body, `page${url}.html`);
    const errors = report.results.flatMap((r) => r.messages);
    expect(describeMessages(errors), `${url}\n${describeMessages(errors).join('\n')}`).toEqual([]);
  });
});

describe('HTML validity of the account pages and the edit form', () => {
  const SIGNED_IN_PAGES = ['/', '/fiches/nouvelle', '/fiches/nouvelle?type=methode', '/fiches/nouvelle?type=commun', '/fiches/cercle-de-dialogue/modifier'];

  it.each(['/connexion', '/inscription'])('%s is valid HTML', async (url) => {
    const response = await app().inject({ url });
    expect(response.statusCode).toBe(200);
    const report = await validator.validateString(response.body, `page${url}.html`);
    expect(describeMessages(report.results.flatMap((r) => r.messages))).toEqual([]);
  });

  it('signed-in pages and the generated forms are valid HTML', async () => {
    const { account } = await addAccount(app(), 'editeur', { nom: 'Validatrice' });
    const b = await signedInSession(app(), account.email);
    for (const url of SIGNED_IN_PAGES) {
      const response = await b.get(url);
      expect(response.statusCode, url).toBe(200);
      const report = await validator.validateString(response.body, `page${url}.html`);
      const errors = describeMessages(report.results.flatMap((r) => r.messages));
      expect(errors, `${url}\n${errors.join('\n')}`).toEqual([]);
    }
  });
});
