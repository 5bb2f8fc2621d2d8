// Contributing in a real Chromium, on a temp content folder that becomes a git repository:
// register, create a fiche with a validation error then fix it, edit it, meet a conflict
// (two people on the same base), read the history and a diff, and revert as an editor.
// Every page visited is audited with axe-core (no serious or critical WCAG 2.1 A/AA violation).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { addAccount } from '../helpers/accounts.js';
import { browserAvailable, loopbackContext, seriousAxeViolations, useAppInChromium } from '../helpers/browser.js';
import { contentWithSampleOntology, fiche } from '../helpers/content.js';

const app = useSharedApp(() => ({ contentDir: contentWithSampleOntology({ 'outil/voisin.md': fiche({ titre: 'Voisin', resume: 'Un voisin.', licence: 'CC0-1.0' }) }) }));
let chromium: ReturnType<typeof useAppInChromium>;
const base = () => chromium.base();

async function audit(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page), page.url()).toEqual([]);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${base()}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('un mot de passe solide');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${base()}/`);
}

describe.runIf(browserAvailable)('contributing in Chromium', () => {
  chromium = useAppInChromium(app);

  it('registers, creates with an error then fixes it, edits, meets a conflict, reads the history and reverts', async () => {
    const context = await loopbackContext(chromium.browser());
    const page = await context.newPage();

    // Register: signed in at once.
    await page.goto(`${base()}/inscription`);
    await audit(page);
    await page.getByLabel('Nom affiché').fill('Zoé Contributrice');
    await page.getByLabel('Adresse e-mail').fill('zoe@exemple.org');
    await page.getByLabel('Mot de passe').fill('une phrase de passe');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.waitForURL(`${base()}/`);
    await expect(page.locator('.compte-nom').textContent()).resolves.toBe('Zoé Contributrice');
    await context.close();

    // An editor creates a fiche: a title too short is refused next to its field, text kept.
    const editor = await addAccount(app(), 'editeur', { nom: 'Edgar Éditeur' });
    const edgar = await loopbackContext(chromium.browser());
    const e = await edgar.newPage();
    await signIn(e, editor.account.email);
    await e.goto(`${base()}/fiches/nouvelle?type=methode`);
    await audit(e);
    await e.getByLabel('Titre (obligatoire)').fill('ab');
    await e.getByLabel('Résumé (obligatoire)').fill('Une méthode pour se parler.');
    await e.getByLabel('Texte de la fiche (Markdown)').fill('Une longue explication, avec [[voisin]].');
    await e.getByLabel('J’accepte que ma contribution').check();
    await e.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(e.locator('#f_titre-erreur').textContent()).resolves.toMatch(/3/);
    await expect(e.getByLabel('Texte de la fiche (Markdown)').inputValue()).resolves.toContain('Une longue explication');
    await audit(e);
    await e.getByLabel('Titre (obligatoire)').fill('Cercle de parole');
    await e.getByRole('button', { name: 'Prévisualiser' }).click();
    await expect(e.locator('.apercu a[href="/fiches/voisin"]').count()).resolves.toBe(1);
    await e.getByLabel('J’accepte que ma contribution').check();
    await e.getByRole('button', { name: 'Enregistrer' }).click();
    await e.waitForURL(`${base()}/fiches/cercle-de-parole`);
    await expect(e.locator('h1').textContent()).resolves.toBe('Cercle de parole');

    // Two editors open the same version; the second to save meets the conflict, text kept.
    const other = await addAccount(app(), 'editeur', { nom: 'Olga' });
    const olga = await loopbackContext(chromium.browser());
    const o = await olga.newPage();
    await signIn(o, other.account.email);
    await o.goto(`${base()}/fiches/cercle-de-parole/modifier`);
    await e.goto(`${base()}/fiches/cercle-de-parole/modifier`);
    await e.getByLabel('Texte de la fiche (Markdown)').fill('La version d’Edgar.');
    await e.getByLabel('Résumé de votre modification').fill('Réécriture');
    await e.getByLabel('J’accepte que ma contribution').check();
    await e.getByRole('button', { name: 'Enregistrer' }).click();
    await e.waitForURL(`${base()}/fiches/cercle-de-parole`);
    await o.getByLabel('Texte de la fiche (Markdown)').fill('La version d’Olga, écrite en même temps.');
    await o.getByLabel('J’accepte que ma contribution').check();
    await o.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(o.getByRole('heading', { name: /Conflit/ }).count()).resolves.toBe(1);
    await expect(o.getByLabel('Texte de la fiche (Markdown)').inputValue()).resolves.toContain('La version d’Olga');
    await audit(o);
    await olga.close();

    // History, diff, revert.
    await e.goto(`${base()}/fiches/cercle-de-parole/historique`);
    await audit(e);
    await expect(e.locator('tbody tr').count()).resolves.toBe(2);
    await e.getByRole('button', { name: 'Comparer' }).click();
    await expect(e.locator('pre.diff ins').first().textContent()).resolves.toContain('La version d’Edgar.');
    await audit(e);
    await e.goto(`${base()}/fiches/cercle-de-parole/historique`);
    await e.getByRole('button', { name: 'Rétablir cette version' }).last().click();
    await e.waitForURL(`${base()}/fiches/cercle-de-parole`);
    await expect(e.locator('.corps').textContent()).resolves.toContain('Une longue explication');
    await edgar.close();
  }, 120_000);

  it('a new contributor’s change becomes a proposition that an editor accepts in the browser', async () => {
    const contributor = await addAccount(app(), 'contributeur', { nom: 'Néo Nouveau' });
    const editor = await addAccount(app(), 'editeur', { nom: 'Rita Relectrice' });
    const neo = await loopbackContext(chromium.browser());
    const n = await neo.newPage();
    await signIn(n, contributor.account.email);
    await n.goto(`${base()}/fiches/voisin/modifier`);
    await n.getByLabel('Texte de la fiche (Markdown)').fill('Un voisin bienveillant, précisé par Néo.');
    await n.getByLabel('Résumé de votre modification').fill('Précision');
    await n.getByLabel('J’accepte que ma contribution').check();
    await n.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(n.getByRole('status').textContent()).resolves.toMatch(/relecture/);
    await neo.close();

    const rita = await loopbackContext(chromium.browser());
    const r = await rita.newPage();
    await signIn(r, editor.account.email);
    await r.goto(`${base()}/propositions`);
    await audit(r);
    await r.getByRole('link', { name: 'Voisin' }).first().click();
    await audit(r);
    await r.getByRole('button', { name: 'Accepter' }).click();
    await r.waitForURL(`${base()}/fiches/voisin`);
    await expect(r.locator('.corps').textContent()).resolves.toContain('précisé par Néo');
    await expect(r.locator('.contributeurs').textContent()).resolves.toContain('Néo Nouveau');
    await rita.close();
  }, 120_000);
});
