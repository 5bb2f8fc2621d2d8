// The edit form's enhancements in a real Chromium, under the server's real CSP: the Markdown
// toolbar and shortcuts, the live preview, repeatable rows (lists, roles, relations) and the
// fiche picker that searches titles; and the same form with JavaScript off. No request ever
// leaves the loopback server, no script error, no serious axe violation.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { browserAvailable, loopbackContext, seriousAxeViolations, useAppInChromium } from '../helpers/browser.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const app = useSharedApp(() => ({
  contentDir: contentWithSampleOntology({
    'outil/voisin.md': fiche({ titre: 'Voisin', resume: 'Un voisin.', licence: 'CC0-1.0' }),
    'outil/jardin-partage.md': fiche({ titre: 'Jardins partagés', resume: 'Cultiver ensemble.', licence: 'CC0-1.0' }),
  }),
}));
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
// Set inside the describe block, so that nothing starts Chromium where it is not installed.
let chromium: ReturnType<typeof useAppInChromium>;
const base = () => chromium.base();

async function audit(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page), page.url()).toEqual([]);
}

async function signedInPage(javaScriptEnabled: boolean): Promise<{ page: Page; outside: string[]; errors: string[]; close: () => Promise<void> }> {
  const account = await addAccount(app(), 'editeur', { nom: `Éditrice ${javaScriptEnabled ? 'JS' : 'sans JS'}` });
  const context = await loopbackContext(chromium.browser(), { javaScriptEnabled });
  const outside: string[] = [];
  context.on('requestfailed', (request) => outside.push(request.url()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${base()}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(account.account.email);
  await page.getByLabel('Mot de passe').fill('un mot de passe solide');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${base()}/`);
  return { page, outside, errors, close: () => context.close() };
}

const apiFiche = async (slug: string) => (await app().inject(`/api/fiches/${slug}`)).json();

describe.runIf(browserAvailable)('the edit form in Chromium', () => {
  chromium = useAppInChromium(app);


  it('formats with the toolbar, previews live, fills repeatable rows and picks a fiche by its title', async () => {
    const { page, outside, errors, close } = await signedInPage(true);
    await page.goto(`${base()}/fiches/nouvelle?type=methode`);
    const body = page.getByLabel('Texte de la fiche (Markdown)');

    // Toolbar: bold around the selection; a shortcut for italics; one tab stop, arrows move.
    await body.fill('Un mot important.');
    await body.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(7, 16));
    await page.getByRole('toolbar', { name: 'Mise en forme du texte' }).getByRole('button', { name: /^Gras/ }).click();
    await expect(body.inputValue()).resolves.toBe('Un mot **important**.');
    await body.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(3, 6));
    await body.press('Control+i');
    await expect(body.inputValue()).resolves.toBe('Un _mot_ **important**.');
    await page.getByRole('button', { name: /^Gras/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Italique');

    // Live preview, rendered by the server as the fiche page will be (wiki link resolved).
    await page.getByRole('button', { name: 'Aperçu en direct' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu en direct' });
    await expect(preview.locator('strong').textContent()).resolves.toBe('important');
    await body.press('End');
    await body.pressSequentially(' Voir [[voisin]].');
    await expect(preview.locator('a[href="/fiches/voisin"]').textContent({ timeout: 5000 })).resolves.toBe('Voisin');

    // Lists: one input per value; add and remove rows in place.
    const authors = page.getByRole('group', { name: 'Auteurs' });
    await authors.getByRole('textbox').first().fill('Ada');
    await authors.getByRole('button', { name: /Ajouter une ligne/ }).click();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).id)).resolves.toBe('f_auteurs-2-valeur');
    await page.keyboard.type('Bob');
    await authors.getByRole('button', { name: /Ajouter une ligne/ }).click();
    await page.keyboard.type('Personne');
    await authors.getByRole('button', { name: 'Retirer la ligne 3 : Auteurs' }).click();
    await expect(authors.getByRole('textbox').count()).resolves.toBe(2);

    // Small objects: one input per property, labelled from the schema.
    const roles = page.getByRole('group', { name: /Rôles/ });
    await roles.getByLabel('Nom du rôle').first().fill('Facilitatrice');
    await roles.getByLabel('Raison d’être').first().fill('Garder le cadre');

    // Relations: the picker searches titles, accents and case aside.
    const relations = page.getByRole('group', { name: 'Relations' });
    await relations.getByLabel('Relation').first().selectOption('utilise');
    const picker = relations.getByRole('combobox', { name: 'Fiche liée (titre ou slug) (ligne 1)' });
    await picker.pressSequentially('jardin parta');
    await expect(page.getByRole('listbox', { name: 'Fiches proposées' }).getByRole('option').first().textContent()).resolves.toContain('Jardins partagés');
    await expect(relations.getByRole('status').first().textContent()).resolves.toMatch(/fiches? proposées?/);
    await audit(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editeur-choix-fiche.png'), fullPage: true });
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await expect(picker.inputValue()).resolves.toBe('jardin-partage');
    await expect(relations.locator('.titre-lie').first().textContent()).resolves.toBe('→ Jardins partagés');

    await page.getByLabel('Titre (obligatoire)').fill('Atelier outillé');
    await page.getByLabel('Résumé (obligatoire)').fill('Une méthode écrite avec la barre d’outils.');
    await page.getByLabel('J’accepte que ma contribution').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`${base()}/fiches/atelier-outille`);
    const saved = await apiFiche('atelier-outille');
    expect(saved.auteurs).toEqual(['Ada', 'Bob']);
    expect(saved.roles).toEqual([{ nom: 'Facilitatrice', raison_d_etre: 'Garder le cadre' }]);
    expect(saved.liens).toEqual({ utilise: ['jardin-partage'] });
    expect(saved.html).toContain('<strong>important</strong>');

    // Editing again: the rows come back filled, each relation with its fiche's title.
    await page.goto(`${base()}/fiches/atelier-outille/modifier`);
    await expect(authors.getByRole('textbox').count()).resolves.toBe(3);
    await expect(relations.locator('.titre-lie').first().textContent()).resolves.toBe('→ Jardins partagés');
    await audit(page);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('works with JavaScript off: rows are added by sending the form back, a relation by its exact title', async () => {
    const { page, outside, close } = await signedInPage(false);
    await page.goto(`${base()}/fiches/nouvelle?type=outil`);
    await expect(page.getByRole('toolbar').count()).resolves.toBe(0);
    const authors = page.getByRole('group', { name: 'Auteurs' });
    await authors.getByRole('textbox').first().fill('Ada');
    await page.getByLabel('Titre (obligatoire)').fill('Outil sans script');
    await authors.getByRole('button', { name: /Ajouter une ligne/ }).click();
    await expect(authors.getByRole('textbox').count()).resolves.toBe(2);
    await expect(authors.getByRole('textbox').first().inputValue()).resolves.toBe('Ada');
    await expect(page.getByLabel('Titre (obligatoire)').inputValue()).resolves.toBe('Outil sans script');
    // Enter in a field previews (the form's default button), it does not add a row.
    await page.getByLabel('Titre (obligatoire)').press('Enter');
    await expect(page.getByRole('heading', { name: 'Aperçu' }).count()).resolves.toBe(1);
    await expect(authors.getByRole('textbox').count()).resolves.toBe(2);
    await authors.getByRole('textbox').nth(1).fill('Bob');
    await page.getByRole('group', { name: 'Relations' }).getByLabel('Fiche liée (titre ou slug)').first().fill('jardins PARTAGÉS');
    await page.getByLabel('Résumé (obligatoire)').fill('Un outil décrit sans JavaScript.');
    await page.getByLabel('J’accepte que ma contribution').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`${base()}/fiches/outil-sans-script`);
    const saved = await apiFiche('outil-sans-script');
    expect(saved.auteurs).toEqual(['Ada', 'Bob']);
    expect(saved.liens).toEqual({ voir_aussi: ['jardin-partage'] });
    expect(outside).toEqual([]);
    await close();
  }, 60_000);
});
