// The pages in a real browser: accessibility (axe-core, WCAG 2.1 A/AA), live filtering with
// JavaScript, the same form without it, and the copy button of the attribution text.
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { browserAvailable, loopbackContext, seriousAxeViolations, useAppInChromium } from '../helpers/browser.js';
import { SAMPLE_CONTENT } from '../helpers/content.js';

const PAGES = ['/', '/fiches', '/fiches?q=dialogue&contextes=quartiers', '/fiches/cercle-de-dialogue', '/ontologie', '/ontologie/themes', '/ontologie/themes/facteurs-de-resilience', '/page-absente', '/connexion', '/inscription', '/modifications', '/fiches/cercle-de-dialogue/historique'];

const app = useSharedApp(() => ({ contentDir: SAMPLE_CONTENT }));
let chromium: ReturnType<typeof useAppInChromium>;
const browser = () => chromium.browser();

describe.runIf(browserAvailable)('pages in Chromium', () => {
  chromium = useAppInChromium(app);

  it.each([1280, 390])('every page type has no serious or critical axe violation at %i px', async (width) => {
    const context = await loopbackContext(browser(), { viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(chromium.base() + path);
      expect(await seriousAxeViolations(page), path).toEqual([]);
    }
    await context.close();
  }, 90_000); // axe over every page type, twice: slow on a loaded 2-core machine

  it('checking a facet updates the results in place, with JavaScript', async () => {
    const context = await loopbackContext(browser());
    const page = await context.newPage();
    await page.goto(`${chromium.base()}/fiches`);
    const before = await page.locator('.total').textContent();
    // A marker on window survives only if the page is not reloaded; one on the count survives
    // only if the live region is kept (a region inserted afresh is not announced).
    await page.evaluate(() => ((window as unknown as { marqueur: number }).marqueur = 42));
    await page.evaluate(() => ((document.querySelector('.total') as unknown as { marqueur: number }).marqueur = 7));
    await page.getByLabel(/^Méthode/).check();
    await expect.poll(() => page.url()).toContain('type=methode');
    await expect.poll(() => page.locator('.total').textContent()).not.toBe(before);
    expect(await page.evaluate(() => (window as unknown as { marqueur?: number }).marqueur)).toBe(42);
    expect(await page.evaluate(() => (document.querySelector('.total') as unknown as { marqueur?: number }).marqueur)).toBe(7);
    await expect.poll(async () => (await page.locator('.resultat .badge').allTextContents()).every((t) => t === 'Méthode')).toBe(true);
    await context.close();
  });

  it('the same form works without JavaScript, and a result opens its fiche', async () => {
    const context = await loopbackContext(browser(), { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${chromium.base()}/fiches`);
    await page.getByLabel(/^Tiers-lieux/).check();
    await page.getByRole('button', { name: 'Appliquer les filtres' }).first().click();
    await page.waitForURL(/contextes=tiers-lieux/);
    const total = Number((await page.locator('.total').textContent())!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(0);
    await page.locator('.resultat-titre a').first().click();
    await page.waitForURL(/\/fiches\/[a-z0-9-]+$/);
    expect((await page.locator('h1').textContent())?.length).toBeGreaterThan(2);
    expect(await page.locator('.metadonnees').textContent()).toContain('Tiers-lieux');
    await context.close();
  });

  it('the attribution text can be copied', async () => {
    const context = await loopbackContext(browser(), { permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${chromium.base()}/fiches/cercle-de-dialogue`);
    await page.getByRole('button', { name: 'Copier le texte d’attribution' }).click();
    await expect.poll(() => page.locator('.statut-copie').textContent()).toBe('Texte copié');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^« Cercle de dialogue », par .+, Forge à communs, http:\/\/127\.0\.0\.1:\d+\/fiches\/cercle-de-dialogue, licence CC BY-SA 4\.0/);
    await context.close();
  });
});
