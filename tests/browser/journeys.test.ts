// User journeys in a real Chromium, on the sample content, in three modes: desktop with
// JavaScript, desktop without it, and a phone. Each journey lands on /, narrows the list by two
// facets, searches with and without accents, paginates, opens a fiche, follows a wiki link and
// a backlink, and takes the attribution text. Every page visited is audited with axe-core
// (WCAG 2.1 A/AA, no serious or critical violation) and saved as a full-page screenshot in
// tests/browser/screenshots/ (git-ignored).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { browserAvailable, launchChromium, loopbackContext } from '../helpers/browser.js';
import { REPO_ROOT, SAMPLE_CONTENT } from '../helpers/content.js';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = path.join(REPO_ROOT, 'tests', 'browser', 'screenshots');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Mode {
  name: string;
  javaScript: boolean;
  phone: boolean;
}
const MODES: Mode[] = [
  { name: 'bureau-js', javaScript: true, phone: false },
  { name: 'bureau-sans-js', javaScript: false, phone: false },
  { name: 'telephone', javaScript: true, phone: true },
];

const app = useSharedApp(() => ({ contentDir: SAMPLE_CONTENT }));
let browser: Browser;
let base: string;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core in the page as it is (CSP still applies: the source is evaluated through the devtools protocol). */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    type AxeResult = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, WCAG_TAGS);
}

type FacetCounts = Record<string, Record<string, number>>;

/** Counts shown in the facet labels: facet legend → value label → count. */
async function facetCounts(page: Page): Promise<FacetCounts> {
  return page.locator('#zone-facettes fieldset.facette').evaluateAll((fieldsets) => {
    const counts: Record<string, Record<string, number>> = {};
    for (const fieldset of fieldsets) {
      const values: Record<string, number> = {};
      for (const label of Array.from(fieldset.querySelectorAll('label'))) {
        const match = /^(.*?)\s*\((\d+)\)\s*$/.exec(label.textContent!.trim());
        if (match) values[match[1]!] = Number(match[2]);
      }
      counts[fieldset.querySelector('legend')!.textContent!.trim()] = values;
    }
    return counts;
  });
}

/** The counts of one facet, which must be shown. */
function facet(counts: FacetCounts, name: string): Record<string, number> {
  const values = counts[name];
  if (!values) throw new Error(`no facet « ${name} » among ${Object.keys(counts).join(', ')}`);
  return values;
}

/** The count of one value, which must be shown. */
function countOf(counts: FacetCounts, name: string, value: string): number {
  const count = facet(counts, name)[value];
  if (count === undefined) throw new Error(`no value « ${value} » in facet « ${name} »`);
  return count;
}

async function total(page: Page): Promise<number> {
  const text = (await page.locator('.total').textContent()) ?? '';
  const match = /^(\d+)/.exec(text.replace(/\s/g, ''));
  if (!match) throw new Error(`no total in « ${text} »`);
  return Number(match[1]);
}

const resultTitles = (page: Page) => page.locator('.resultat .resultat-titre a').allTextContents();

class Journey {
  readonly problems: string[] = [];
  private auditPage: Page | null = null;

  constructor(
    readonly mode: Mode,
    readonly page: Page,
    private readonly auditContext: BrowserContext | null,
    private readonly expect: ExpectStatic,
  ) {
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    page.on('requestfailed', (request) => this.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  }

  /** What the user sees now: axe audit (serious or critical violations fail), screenshot, no horizontal scroll on a phone. */
  async check(step: string): Promise<void> {
    const { page, mode } = this;
    const screenshot = () => page.screenshot({ path: path.join(SCREENSHOTS, `${mode.name}-${step}.png`), fullPage: true });
    let violations: Violation[];
    if (this.auditContext) {
      // With scripts disabled, promises in the page never settle and axe cannot run there: the
      // same address is audited in a twin context that runs axe but none of the site's scripts
      // (the pages are server-rendered, so it shows the same page), while the screenshot is taken.
      this.auditPage ??= await this.auditContext.newPage();
      const audit = this.auditPage;
      [violations] = await Promise.all([audit.goto(page.url()).then(() => axeViolations(audit)), screenshot()]);
    } else {
      // Audit first, then the screenshot: both need the page's renderer.
      violations = await axeViolations(page);
      await screenshot();
    }
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.expect(serious.map((v) => `${v.impact} ${v.id} — ${v.help}: ${v.targets.join(' | ')}`), `${mode.name} ${step} (${page.url()})`).toEqual([]);
    if (mode.phone) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      this.expect(overflow, `${mode.name} ${step}: horizontal scroll`).toBeLessThanOrEqual(0);
    }
  }

  /** Opens the facet panel when it is closed (the script closes it on narrow screens). */
  async openFacets(): Promise<void> {
    const panel = this.page.locator('#zone-facettes');
    if (!(await panel.evaluate((details) => (details as HTMLDetailsElement).open))) {
      await this.page.locator('#zone-facettes > summary').click();
    }
    this.expect(await panel.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
  }

  /** Checks a facet value: live update with JavaScript, the "Apply filters" button without it. */
  async checkFacet(label: RegExp, expectedTotal: number, param: string): Promise<void> {
    const { page } = this;
    await this.openFacets();
    await this.inPlace(async () => {
      await page.locator('#zone-facettes').getByLabel(label).check();
      if (this.mode.javaScript) {
        await this.expect.poll(() => page.url()).toContain(param);
      } else {
        await Promise.all([page.waitForURL((url) => url.search.includes(param)), page.locator('#zone-facettes').getByRole('button', { name: 'Appliquer les filtres' }).click()]);
      }
      await this.expect.poll(() => total(page)).toBe(expectedTotal);
    });
  }

  /** Types a search in the list form: live update with JavaScript, the search button without it. */
  async search(text: string): Promise<void> {
    const { page } = this;
    await this.inPlace(async () => {
      await page.locator('#form-fiches #q').fill(text);
      if (this.mode.javaScript) {
        await this.expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(text);
      } else {
        await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === text), page.locator('#form-fiches').getByRole('button', { name: 'Rechercher', exact: true }).click()]);
      }
      await this.expect.poll(() => page.locator('main h1').textContent()).toBe(`Fiches pour « ${text} »`);
    });
  }

  /** With JavaScript, runs a change that must update the list in place (a marker on window survives only without reload). */
  private async inPlace(change: () => Promise<void>): Promise<void> {
    if (!this.mode.javaScript) return change();
    const marker = Math.random();
    await this.page.evaluate((m) => ((window as unknown as { marqueur: number }).marqueur = m), marker);
    await change();
    this.expect(await this.page.evaluate(() => (window as unknown as { marqueur?: number }).marqueur), 'updated in place, without reloading').toBe(marker);
  }

  /** Follows a link as a user does, and waits for the new page. */
  async follow(link: ReturnType<Page['locator']>, url: Parameters<Page['waitForURL']>[0]): Promise<void> {
    await Promise.all([this.page.waitForURL(url), link.click()]);
  }
}

async function journey(mode: Mode, expect: ExpectStatic): Promise<void> {
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const context = await loopbackContext(browser, {
    ...(mode.phone ? phone : { viewport: { width: 1280, height: 900 } }),
    javaScriptEnabled: mode.javaScript,
    permissions: mode.javaScript ? ['clipboard-read', 'clipboard-write'] : [],
    locale: 'fr-FR',
  });
  // Without JavaScript, the audit runs in a twin context where only the site's scripts are off.
  const auditContext = mode.javaScript ? null : await loopbackContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  await auditContext?.route(/\/static\/.*\.js$/, (route) => route.abort());
  try {
    const page = await context.newPage();
    const j = new Journey(mode, page, auditContext, expect);

    // 1. Home.
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Forge à communs');
    const allLink = page.getByRole('link', { name: /^Voir les \d+ fiches$/ });
    const announced = Number(/\d+/.exec((await allLink.textContent())!)![0]);
    expect(announced).toBe(46);
    await j.check('01-accueil');

    // 2. The list, every fiche.
    await j.follow(allLink, `${base}/fiches`);
    expect(await total(page)).toBe(announced);
    expect(await page.locator('.resultat').count()).toBe(20);
    if (mode.phone && mode.javaScript) {
      expect(await page.locator('#zone-facettes').evaluate((d) => (d as HTMLDetailsElement).open), 'facets start closed on a phone').toBe(false);
      expect(await page.getByLabel(/^Méthode/).isVisible()).toBe(false);
    }
    await j.check('02-fiches');

    // 3. Two facets: a type, then a context. A facet's own counts do not move; the others do.
    const start = await facetCounts(page);
    await j.checkFacet(/^Méthode/, countOf(start, 'Type de fiche', 'Méthode'), 'type=methode');
    const afterType = await facetCounts(page);
    expect(facet(afterType, 'Type de fiche'), 'the type facet keeps its counts').toEqual(facet(start, 'Type de fiche'));
    expect(facet(afterType, 'Contexte'), 'context counts follow the type filter').not.toEqual(facet(start, 'Contexte'));
    for (const [value, count] of Object.entries(facet(afterType, 'Contexte'))) expect(count).toBeLessThanOrEqual(countOf(start, 'Contexte', value));
    expect(countOf(afterType, 'Contexte', 'Quartiers')).toBeLessThan(countOf(start, 'Contexte', 'Quartiers'));
    expect(new Set(await page.locator('.resultat .badge').allTextContents())).toEqual(new Set(['Méthode']));
    await j.check('03-facette-type');

    await j.checkFacet(/^Quartiers/, countOf(afterType, 'Contexte', 'Quartiers'), 'contextes=quartiers');
    const afterContext = await facetCounts(page);
    expect(facet(afterContext, 'Contexte'), 'the context facet keeps its counts').toEqual(facet(afterType, 'Contexte'));
    expect(facet(afterContext, 'Type de fiche'), 'type counts follow the context filter').not.toEqual(facet(afterType, 'Type de fiche'));
    expect(countOf(afterContext, 'Type de fiche', 'Méthode')).toBe(await total(page));
    expect(facet(afterContext, 'Type de structure')).not.toEqual(facet(afterType, 'Type de structure'));
    expect(await page.locator('.resultat').count()).toBe(await total(page));
    expect(await page.locator('.filtres-actifs li').allTextContents()).toEqual([expect.stringMatching(/^Type de fiche : Méthode/), expect.stringMatching(/^Contexte : Quartiers/)]);
    await j.check('04-facette-contexte');

    // 4. Search from the header (a new search, without the filters), then again from the list
    // form with the accent: the same fiches, the word marked in the excerpts.
    const header = page.locator('form.recherche-entete');
    await header.getByLabel('Rechercher dans les fiches').fill('experience');
    await j.follow(header.getByRole('button', { name: 'Rechercher', exact: true }), (url) => url.pathname === '/fiches' && url.searchParams.get('q') === 'experience');
    expect(await page.locator('main h1').textContent()).toBe('Fiches pour « experience »');
    expect(await page.locator('.filtres-actifs').count(), 'a header search starts without filters').toBe(0);
    const plain = { total: await total(page), titles: await resultTitles(page) };
    expect(plain.total).toBeGreaterThan(4);
    expect(plain.titles).toHaveLength(plain.total);
    const marksPlain = await page.locator('.resultat .extrait mark').allTextContents();
    expect(marksPlain.length).toBeGreaterThan(0);
    for (const mark of marksPlain) expect(mark).toMatch(/^exp[ée]riences?$/i);
    await j.check('05-recherche-sans-accent');

    await j.search('expérience');
    expect(await total(page)).toBe(plain.total);
    expect(await resultTitles(page)).toEqual(plain.titles);
    const marksAccent = await page.locator('.resultat .extrait mark').allTextContents();
    expect(marksAccent.length).toBeGreaterThan(0);
    for (const mark of marksAccent) expect(mark).toMatch(/^exp[ée]riences?$/i);
    await j.check('06-recherche-avec-accent');

    // 5. Paginate, four fiches a page (the address is edited: the form has no page-size field).
    const paged = new URL(page.url());
    paged.searchParams.set('par_page', '4');
    await page.goto(paged.href);
    const pageOne = await resultTitles(page);
    expect(pageOne).toEqual(plain.titles.slice(0, 4));
    expect(await page.locator('nav.pagination [aria-current="page"]').textContent()).toBe('1');
    await j.check('07-page-1');

    await j.follow(page.locator('nav.pagination').getByRole('link', { name: 'Page suivante', exact: true }), /[?&]page=2(&|$)/);
    const pageTwo = await resultTitles(page);
    expect(pageTwo).toEqual(plain.titles.slice(4, 8));
    expect(pageTwo.some((title) => pageOne.includes(title)), 'page 2 shows other fiches').toBe(false);
    expect(await total(page)).toBe(plain.total);
    expect(await page.locator('nav.pagination [aria-current="page"]').textContent()).toBe('2');
    expect(await page.locator('nav.pagination').getByRole('link', { name: 'Page précédente', exact: true }).count()).toBe(1);
    await j.check('08-page-2');

    // 6. Open a fiche from page 2.
    const opened = page.locator('.resultat .resultat-titre a').last();
    const openedTitle = (await opened.textContent())!;
    const openedPath = (await opened.getAttribute('href'))!;
    await j.follow(opened, base + openedPath);
    expect(await page.locator('main h1').textContent()).toBe(openedTitle);
    await j.check('09-fiche');

    // 7. A wiki link in its body leads to another fiche.
    const wikiLink = page.locator('.corps a.lien-wiki').first();
    const wikiPath = (await wikiLink.getAttribute('href'))!;
    expect(wikiPath).toMatch(/^\/fiches\/[a-z0-9-]+$/);
    expect(wikiPath).not.toBe(openedPath);
    await j.follow(wikiLink, base + wikiPath);
    const wikiTitle = (await page.locator('main h1').textContent())!;
    expect(wikiTitle.length).toBeGreaterThan(2);
    expect(wikiTitle).not.toBe(openedTitle);
    await j.check('10-lien-wiki');

    // 8. Its backlinks list the fiche we came from; follow another one.
    const backlinks = page.locator('.relations h3:text-is("Fiches qui renvoient ici") + dl a');
    const backlinkPaths = await backlinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(backlinkPaths, 'the fiche that links here is a backlink').toContain(openedPath);
    const other = page.locator(`.relations h3:text-is("Fiches qui renvoient ici") + dl a:not([href="${openedPath}"])`).first();
    const otherTitle = (await other.textContent())!;
    const otherPath = (await other.getAttribute('href'))!;
    await j.follow(other, base + otherPath);
    expect(await page.locator('main h1').textContent()).toBe(otherTitle);
    await j.check('11-retrolien');

    // 9. The attribution text: title, authors, address and licence; copied with JavaScript.
    const attribution = (await page.locator('#attribution').inputValue()).trim();
    const authors = ((await page.locator('.metadonnees tr', { has: page.locator('th', { hasText: /^Auteurs$/ }) }).locator('td').textContent()) ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const licence = (await page.locator('.licence-badge').textContent())!.trim();
    expect(authors.length).toBeGreaterThan(0);
    expect(attribution.startsWith(`« ${otherTitle} »`)).toBe(true);
    for (const author of authors) expect(attribution).toContain(author);
    expect(attribution).toContain(page.url());
    expect(attribution).toContain(`licence ${licence}`);
    const copyButton = page.getByRole('button', { name: 'Copier le texte d’attribution' });
    if (mode.javaScript) {
      await copyButton.click();
      await expect.poll(() => page.locator('.statut-copie').textContent()).toBe('Texte copié');
      expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(attribution);
    } else {
      expect(await copyButton.count(), 'no copy button without JavaScript').toBe(0);
      expect(await page.locator('#attribution').isVisible()).toBe(true);
    }
    await j.check('12-attribution');

    expect(j.problems, 'console errors, page errors or refused requests').toEqual([]);
  } finally {
    await context.close();
    await auditContext?.close();
  }
}

describe.runIf(browserAvailable)('user journeys in Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    [base, browser] = await Promise.all([app().listen({ port: 0, host: '127.0.0.1' }), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe.concurrent('three modes', () => {
    for (const mode of MODES) {
      it(`${mode.name}: home, two facets, search with and without accents, pages, fiche, wiki link, backlink, attribution`, async ({ expect }) => {
        await journey(mode, expect);
      }, 90_000);
    }
  });
});
