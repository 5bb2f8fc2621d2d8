// Abuse and bad input (issue 3, part 4): a catalogue of hostile inputs, content-side (files
// written into the content folder before the server starts, and while it runs with the watcher
// on) and request-side (URLs, query strings, methods, headers, bodies). Every answer to every
// input must be a 2xx/4xx within a second, French, free of server paths, stack traces and
// injected markup, and the server must still list its fiches afterwards. Hostile files must be
// reported (listProblems) or ignored, never served, never evaluated, and never take the good
// fiches down with them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProblems } from '../../server/index/problems.js';
import { useSharedApp, withApp } from '../helpers/app.js';
import { REPO_ROOT, contentWithSampleOntology, fiche, makeTempDir } from '../helpers/content.js';
import { seededRandom } from '../../scripts/corpus/random.js';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const MARKER_DIR = makeTempDir('forge-abuse-marker-');
const marker = (name: string) => path.join(MARKER_DIR, `${name}.pwned`);
let contentDir = '';
const dataDir = makeTempDir('forge-abuse-data-');


/** `length` code points drawn from ASCII, Latin, Arabic, Hebrew, CJK, emoji and controls. */
function randomText(length: number, seed: number): string {
  const random = seededRandom(seed);
  const ranges: Array<[number, number]> = [
    [0x00, 0x7f],
    [0xa0, 0x24f],
    [0x591, 0x6ff],
    [0x4e00, 0x4fff],
    [0x1f300, 0x1f64f],
    [0x200b, 0x202e],
  ];
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = ranges[Math.floor(random() * ranges.length)]!;
    out += String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
  }
  return out;
}

const valid = (titre: string, extra: Record<string, unknown> = {}) =>
  fiche({ titre, resume: `Résumé de ${titre}.`, licence: 'CC-BY-SA-4.0', ...extra });

/** Valid front matter around an arbitrary YAML line (or block) added at the end. */
const withYaml = (titre: string, yaml: string) =>
  `---\ntitre: ${titre}\nresume: Une fiche piégée.\nlicence: CC0-1.0\n${yaml}\n---\nCorps.\n`;

/** The good fiches: every one must be served whatever the hostile files around them. */
const GOOD_FICHES: Record<string, string> = {
  'commun/bon-commun.md': valid('Bon commun', { contextes: ['tiers-lieux'] }),
  'outil/bon-outil.md': valid('Bon outil', { tags: ['robuste'] }),
  'methode/bonne-methode.md': valid('Bonne méthode', { contextes: ['collectivites'] }),
  'retour-experience/bon-retour.md': valid('Bon retour', { themes: ['facteurs-de-resilience/gouvernance'] }),
};
const GOOD_SLUGS = ['bon-commun', 'bon-outil', 'bonne-methode', 'bon-retour'];

const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
const XSS_ATTR = '"><script>alert(2)</script><svg onload=alert(3)>';

// gray-matter's JavaScript engine runs `(function() { return <front matter>; }())` through eval,
// with `require` in scope: each payload would write its marker file if it were ever evaluated.
const jsPayload = (name: string) =>
  `{ titre: (require('fs').writeFileSync(${JSON.stringify(marker(name))}, 'x'), 'Piégé'), resume: 'x', licence: 'CC0-1.0' }`;
const jsPayloadNoRequire = (name: string) =>
  `{ titre: (process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker(name))}, 'x'), 'Piégé'), resume: 'x', licence: 'CC0-1.0' }`;

const DEEP = 10_000;
const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

const MARKDOWN_XSS = [
  '## <script>alert("titre")</script>',
  '',
  '<script>alert("corps")</script>',
  '',
  '<img src=x onerror=alert(1)>',
  '',
  '<iframe src="javascript:alert(1)"></iframe> <svg onload=alert(1)> <a href="javascript:alert(1)">brut</a>',
  '',
  '[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [ent](jav&#x61;script:alert(1)) [esp](  javascript:alert(1))',
  '[vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [fichier](file:///etc/passwd)',
  '<javascript:alert(1)> ![image](javascript:alert(1)) [ref][r] [tab](java\tscript:alert(1))',
  '',
  '[[wiki|<b>x</b>]] [[<script>alert(1)</script>]] [[../../etc/passwd]] [[bonne-methode|<img src=x onerror=alert(1)>]]',
  '',
  '[r]: javascript:alert(1)',
].join('\n');

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

interface Probe {
  url: string;
  method?: 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers?: Record<string, string>;
  payload?: string;
  /** The exact status expected, when there is one; otherwise any 2xx/4xx passes. */
  status?: number;
}

type FileContent = string | Buffer | { symlink: string } | { dossier: true } | { fifo: true };

interface ContentCase {
  side: 'contenu';
  name: string;
  /** Relative path → content. */
  files: Record<string, FileContent>;
  /** Written before the server starts, or while it runs (found by the watcher). */
  phase: 'avant' | 'pendant';
  /**
   * refusee: reported by listProblems (as an error) and not served; ignoree: not ours, neither
   * reported nor served (a directory, a FIFO); servie: valid, served with everything escaped;
   * libre: either served (escaped) or refused, the general checks alone apply.
   */
  outcome: 'refusee' | 'ignoree' | 'servie' | 'libre';
  /** The slug the file would claim (probed through the API and the page). */
  slug?: string;
  /** Marker files that must never exist (the payload would write them if evaluated). */
  markers?: string[];
  /**
   * A known bug outside the files this suite may fix: the outcome is then checked by the
   * `it.fails` tests of "known bugs" below, and only the general checks apply here.
   */
  bogue?: string;
  probes?: Probe[];
}

interface RequestCase {
  side: 'requete';
  name: string;
  probes: Probe[];
}

type Case = ContentCase | RequestCase;

const content = (c: Omit<ContentCase, 'side' | 'phase'> & { phase?: ContentCase['phase'] }): ContentCase => ({ side: 'contenu', phase: 'avant', ...c });
const request = (name: string, ...probes: Array<Probe | string>): RequestCase => ({
  side: 'requete',
  name,
  probes: probes.map((p) => (typeof p === 'string' ? { url: p } : p)),
});
/** The same query string on the API and on the browse page. */
const both = (query: string, status?: number): Probe[] => [
  { url: `/api/fiches?${query}`, status },
  { url: `/fiches?${query}`, status },
];
const q = (text: string) => both(`q=${encodeURIComponent(text)}`, 200);
/** A slug on the API and on the page: it never names a fiche. */
const slug = (raw: string, status = 404): Probe[] => [
  { url: `/api/fiches/${raw}`, status },
  { url: `/fiches/${raw}`, status },
];

const CONTENT_CASES: ContentCase[] = [
  // Front matter languages other than YAML: refused, never evaluated.
  content({ name: '---js front matter writing a marker file', files: { 'commun/piege-js.md': `---js\n${jsPayload('js')}\n---\nCorps.\n` }, outcome: 'refusee', slug: 'piege-js', markers: [marker('js')] }),
  content({ name: '---javascript front matter', files: { 'outil/piege-javascript.md': `---javascript\n${jsPayload('javascript')}\n---\nCorps.\n` }, outcome: 'refusee', slug: 'piege-javascript', markers: [marker('javascript')] }),
  content({ name: '--- js (space before the language)', files: { 'methode/piege-espace-js.md': `--- js\n${jsPayload('espace-js')}\n---\nCorps.\n` }, outcome: 'refusee', slug: 'piege-espace-js', markers: [marker('espace-js')] }),
  content({ name: '---JS (upper case), payload without require', files: { 'commun/piege-js-majuscule.md': `---JS\n${jsPayloadNoRequire('JS')}\n---\nCorps.\n` }, outcome: 'refusee', slug: 'piege-js-majuscule', markers: [marker('JS')] }),
  content({
    name: '---coffee front matter',
    files: { 'outil/piege-coffee.md': `---coffee\ntitre: do -> require('fs').writeFileSync(${JSON.stringify(marker('coffee'))}, 'x')\nresume: 'x'\nlicence: 'CC0-1.0'\n---\nCorps.\n` },
    outcome: 'refusee',
    slug: 'piege-coffee',
    markers: [marker('coffee')],
  }),
  content({ name: '---json front matter', files: { 'commun/piege-json.md': '---json\n{"titre": "Piégé en JSON", "resume": "x", "licence": "CC0-1.0"}\n---\nCorps.\n' }, outcome: 'refusee', slug: 'piege-json' }),
  content({
    name: '---js written while the server runs',
    phase: 'pendant',
    files: { 'methode/piege-js-vivant.md': `---js\n${jsPayload('js-vivant')}\n---\nCorps.\n` },
    outcome: 'refusee',
    slug: 'piege-js-vivant',
    markers: [marker('js-vivant')],
  }),
  content({ name: 'YAML !!js/function tag', files: { 'commun/piege-tag-js.md': withYaml('Piège tag', `x_code: !!js/function "function () { require('fs').writeFileSync(${JSON.stringify(marker('tag'))}, 'x') }"`) }, outcome: 'refusee', slug: 'piege-tag-js', markers: [marker('tag')] }),
  // An unknown tag on a collection is only a warning for the yaml package: the value stays inert
  // data under an x_ key (kept and ignored), so serving the fiche is fine.
  content({ name: 'YAML !!python/object tag', files: { 'outil/piege-tag-python.md': withYaml('Piège python', 'x_objet: !!python/object/apply:os.system ["touch /tmp/forge-pwned"]') }, outcome: 'libre', slug: 'piege-tag-python', markers: ['/tmp/forge-pwned'] }),
  // Alias bombs.
  content({ name: 'billion laughs alias bomb in front matter', files: { 'commun/bombe-alias.md': withYaml('Bombe', billionLaughs.replace(/^/gm, 'x_')) }, outcome: 'refusee', slug: 'bombe-alias' }),
  content({ name: 'alias bomb written while running', phase: 'pendant', files: { 'outil/bombe-alias-vivante.md': withYaml('Bombe vivante', billionLaughs.replace(/^/gm, 'x_')) }, outcome: 'refusee', slug: 'bombe-alias-vivante' }),
  content({ name: 'alias bomb in a vocabulary file', files: { 'ontologie/bombe.yaml': `id: bombe\nlabel: Bombe\n${billionLaughs.replace(/^/gm, 'x_')}\nconcepts: []\n` }, outcome: 'refusee', probes: [{ url: '/api/ontologie/bombe', status: 404 }, { url: '/ontologie/bombe', status: 404 }] }),
  // 10,000-deep YAML in several forms.
  content({ name: `${DEEP}-deep flow sequences`, files: { 'commun/profond-crochets.md': withYaml('Profond', `x_p: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}`) }, outcome: 'refusee', slug: 'profond-crochets' }),
  content({ name: `${DEEP}-deep flow mappings`, files: { 'outil/profond-accolades.md': withYaml('Profond', `x_p: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}`) }, outcome: 'refusee', slug: 'profond-accolades' }),
  content({ name: `${DEEP}-deep compact block sequence (- - - v)`, files: { 'methode/profond-tirets.md': withYaml('Profond', `x_p:\n  ${'- '.repeat(DEEP)}v`) }, outcome: 'refusee', slug: 'profond-tirets' }),
  content({ name: `${DEEP}-deep explicit keys (? ? ? v)`, files: { 'retour-experience/profond-cles.md': withYaml('Profond', `x_p:\n  ${'? '.repeat(DEEP)}v`) }, outcome: 'refusee', slug: 'profond-cles' }),
  content({ name: `${DEEP / 2}-deep mixed [{a: [{a: …`, files: { 'commun/profond-mixte.md': withYaml('Profond', `x_p: ${'[{a: '.repeat(DEEP / 2)}1${'}]'.repeat(DEEP / 2)}`) }, outcome: 'refusee', slug: 'profond-mixte' }),
  content({
    name: '1,000-level indented block mapping',
    files: { 'outil/profond-indente.md': withYaml('Profond', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}x_${i}:`).join('\n') + ' v') },
    outcome: 'refusee',
    slug: 'profond-indente',
  }),
  content({ name: `${DEEP}-deep flow sequences written while running`, phase: 'pendant', files: { 'methode/profond-vivant.md': withYaml('Profond', `x_p: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}`) }, outcome: 'refusee', slug: 'profond-vivant' }),
  content({ name: `${DEEP}-deep vocabulary`, files: { 'ontologie/profond.yaml': `id: profond\nlabel: Profond\nconcepts: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` }, outcome: 'refusee', probes: [{ url: '/api/ontologie/profond', status: 404 }] }),
  // Size, bytes and encodings.
  content({ name: '5 MB file', files: { 'commun/cinq-mega.md': `${valid('Cinq mégaoctets')}${'Un corps énorme. '.repeat(5 * 1024 * 64)}` }, outcome: 'refusee', slug: 'cinq-mega' }),
  content({ name: '5 MB file written while running', phase: 'pendant', files: { 'outil/cinq-mega-vivant.md': `${valid('Cinq mégaoctets')}${'x'.repeat(5 * 1024 * 1024)}` }, outcome: 'refusee', slug: 'cinq-mega-vivant' }),
  content({ name: '5 MB of YAML front matter', files: { 'methode/yaml-enorme.md': withYaml('YAML énorme', `x_gros: "${'y'.repeat(900 * 1024)}"`) }, outcome: 'refusee', slug: 'yaml-enorme' }),
  content({ name: 'binary garbage', files: { 'commun/binaire.md': Buffer.from(Array.from({ length: 64 * 1024 }, ((r) => () => Math.floor(r() * 256))(seededRandom(7)))) }, outcome: 'refusee', slug: 'binaire' }),
  content({ name: 'binary garbage written while running', phase: 'pendant', files: { 'retour-experience/binaire-vivant.md': Buffer.from(Array.from({ length: 4096 }, ((r) => () => Math.floor(r() * 256))(seededRandom(8)))) }, outcome: 'refusee', slug: 'binaire-vivant' }),
  content({ name: 'invalid UTF-8 (a Latin-1 é)', files: { 'outil/latin1.md': Buffer.concat([Buffer.from('---\ntitre: Caf'), Buffer.from([0xe9]), Buffer.from('\nresume: x\nlicence: CC0-1.0\n---\nCorps.\n')]) }, outcome: 'refusee', slug: 'latin1' }),
  content({ name: 'overlong UTF-8 and lone surrogate bytes', files: { 'methode/utf8-invalide.md': Buffer.concat([Buffer.from(valid('UTF-8 invalide')), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88])]) }, outcome: 'refusee', slug: 'utf8-invalide' }),
  content({ name: 'NUL bytes and control characters in the body', files: { 'commun/octets-nuls.md': `${valid('Octets nuls')}a\u0000b\u0001c\u001bd\u202ee\u2028f\n` }, outcome: 'libre', slug: 'octets-nuls' }),
  content({ name: 'empty file', files: { 'outil/vide.md': '' }, outcome: 'refusee', slug: 'vide' }),
  content({ name: 'unclosed front matter', files: { 'methode/non-ferme.md': '---\ntitre: Non fermé\nresume: x\nlicence: CC0-1.0\n' }, outcome: 'refusee', slug: 'non-ferme' }),
  content({ name: 'front matter that is a list', files: { 'commun/liste.md': '---\n- titre\n- resume\n---\nCorps.\n' }, outcome: 'refusee', slug: 'liste' }),
  content({ name: 'duplicate keys', files: { 'outil/cle-double.md': '---\ntitre: Un\ntitre: Deux\nresume: x\nlicence: CC0-1.0\n---\nCorps.\n' }, outcome: 'refusee', slug: 'cle-double' }),
  content({
    name: '__proto__, constructor, toString keys',
    files: { 'methode/prototype.md': withYaml('Prototype', '__proto__: { pollue: true }\nconstructor: { prototype: { pollue: true } }\ntoString: 1\nhasOwnProperty: 1') },
    outcome: 'refusee',
    slug: 'prototype',
    bogue: 'ajv’s unevaluatedProperties looks keys up in a plain object: inherited names pass as evaluated',
  }),
  content({ name: 'huge title (10,000 characters)', files: { 'commun/titre-immense.md': valid('T'.repeat(10_000)) }, outcome: 'refusee', slug: 'titre-immense' }),
  content({ name: 'huge title (60 KB of markup)', files: { 'outil/titre-balises.md': valid(XSS.repeat(1000)) }, outcome: 'refusee', slug: 'titre-balises' }),
  content({ name: 'longest valid title (200 characters, accents and markup)', files: { 'methode/titre-long.md': valid(`Éléphant ${XSS}`.padEnd(200, 'é')) }, outcome: 'servie', slug: 'titre-long' }),
  // XSS in every text field; the fiches are valid and served, everything escaped.
  content({
    name: 'XSS in titre, resume, auteurs, tags, organisations, lieu.nom (commun)',
    files: {
      'commun/xss-commun.md': fiche(
        {
          titre: `Commun ${XSS}`,
          resume: `Résumé ${XSS_ATTR} </textarea><script>alert(4)</script> <%~ process.exit(1) %> {{constructor.constructor('alert(5)')()}}`,
          licence: 'CC-BY-SA-4.0',
          auteurs: [XSS, XSS_ATTR, '</textarea><script>alert(6)</script>'],
          tags: ['<script>alert(7)</script>', '<img src=x onerror=alert(8)>', '"><svg onload=alert(9)>'],
          organisations: [XSS, XSS_ATTR],
          lieu: { nom: XSS, lat: 48.8, lon: 2.3 },
          site: "https://exemple.org/'onmouseover='alert(10)'/&amp;",
          modifie: '2030-01-01',
        },
        `Corps du commun piégé. ${XSS}`,
      ),
    },
    outcome: 'servie',
    slug: 'xss-commun',
    probes: [{ url: `/fiches?q=${encodeURIComponent('commun piégé')}` }, { url: '/api/fiches?q=alert' }, { url: '/fiches?q=alert' }, { url: `/fiches?tags=${encodeURIComponent('<script>alert(7)</script>')}` }],
  }),
  content({
    name: 'XSS in titre, resume, auteurs, tags, organisations, lieu.nom (commun, no site)',
    files: {
      'commun/xss-commun-sans-site.md': fiche(
        {
          titre: `Commun ${XSS_ATTR}`,
          resume: `Résumé ${XSS} </textarea><script>alert(4)</script>`,
          licence: 'CC-BY-SA-4.0',
          auteurs: [XSS, XSS_ATTR],
          tags: ['<script>alert(7)</script>', '<img src=x onerror=alert(8)>'],
          organisations: [XSS],
          lieu: { nom: XSS_ATTR },
          modifie: '2030-01-02',
        },
        `Corps. ${XSS_ATTR}`,
      ),
    },
    outcome: 'servie',
    slug: 'xss-commun-sans-site',
    probes: [{ url: `/fiches?tags=${encodeURIComponent('<script>alert(7)</script>')}` }, { url: `/api/fiches?tags=${encodeURIComponent('<img src=x onerror=alert(8)>')}` }, { url: '/' }],
  }),
  content({
    name: 'XSS in roles and duree (methode)',
    files: {
      'methode/xss-methode.md': fiche(
        {
          titre: 'Méthode piégée',
          resume: 'Des rôles piégés.',
          licence: 'CC-BY-4.0',
          duree: XSS,
          participants: { min: 1, max: 2 },
          roles: [{ nom: XSS, raison_d_etre: XSS_ATTR }, { nom: '</dd><script>alert(11)</script>' }],
          modifie: '2030-01-03',
        },
        MARKDOWN_XSS,
      ),
    },
    outcome: 'servie',
    slug: 'xss-methode',
    probes: [{ url: '/api/fiches?q=javascript' }, { url: '/fiches?q=javascript' }, { url: '/fiches?q=alert+corps' }],
  }),
  content({ name: 'site with a javascript: URL', files: { 'outil/site-javascript.md': valid('Site piégé', { site: 'javascript:alert(document.cookie)' }) }, outcome: 'refusee', slug: 'site-javascript' }),
  content({ name: 'site with a data:text/html URL', files: { 'commun/site-data.md': valid('Site data', { site: 'data:text/html,<script>alert(1)</script>' }) }, outcome: 'refusee', slug: 'site-data' }),
  content({ name: 'site with https://" onmouseover=…', files: { 'outil/site-guillemets.md': valid('Site guillemets', { site: 'https://x.example/" onmouseover="alert(1)' }) }, outcome: 'libre', slug: 'site-guillemets' }),
  content({
    name: 'XSS in the labels, alt and descriptions of a vocabulary',
    files: {
      'ontologie/pieges.yaml': [
        'id: pieges',
        `label: ${JSON.stringify(`Pièges ${XSS}`)}`,
        `description: ${JSON.stringify(XSS_ATTR)}`,
        'concepts:',
        '  - id: piege-un',
        `    label: ${JSON.stringify(XSS)}`,
        `    alt: [${JSON.stringify(XSS_ATTR)}]`,
        `    description: ${JSON.stringify(XSS)}`,
        '  - id: piege-deux',
        `    label: ${JSON.stringify(XSS_ATTR)}`,
      ].join('\n'),
      'retour-experience/xss-vocabulaire.md': valid('Retour piégé', { pieges: ['piege-un', 'piege-deux'], modifie: '2030-01-04' }),
    },
    outcome: 'servie',
    slug: 'xss-vocabulaire',
    probes: [
      { url: '/ontologie', status: 200 },
      { url: '/ontologie/pieges', status: 200 },
      { url: '/ontologie/pieges/piege-un', status: 200 },
      { url: '/api/ontologie/pieges', status: 200 },
      { url: '/fiches?pieges=piege-un', status: 200 },
      { url: '/api/fiches?pieges=piege-deux', status: 200 },
    ],
  }),
  content({
    name: 'XSS fiche written while running',
    phase: 'pendant',
    files: { 'outil/xss-vivant.md': fiche({ titre: `Vivant ${XSS}`, resume: XSS_ATTR, licence: 'CC0-1.0', auteurs: [XSS] }, MARKDOWN_XSS) },
    outcome: 'servie',
    slug: 'xss-vivant',
  }),
  content({
    name: '10,000-deep Markdown (blockquotes, lists, brackets, emphasis)',
    files: {
      'commun/markdown-profond.md': `${valid('Markdown profond')}${'>'.repeat(DEEP)} citation\n\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n').slice(0, 200_000)}\n\n${'['.repeat(DEEP)}${'*'.repeat(DEEP)}x${'*'.repeat(DEEP)}${']'.repeat(DEEP)}(javascript:alert(1))\n${'[['.repeat(2000)}x${']]'.repeat(2000)}\n`,
    },
    outcome: 'servie',
    slug: 'markdown-profond',
  }),
  // File names that are not slugs: reported, never served under any slug.
  content({ name: 'file name in upper case', files: { 'commun/Majuscule.md': valid('Majuscule') }, outcome: 'refusee', probes: [...slug('Majuscule'), ...slug('majuscule')] }),
  content({ name: 'file name with an accent (NFC)', files: { 'commun/café.md': valid('Café NFC') }, outcome: 'refusee', probes: [...slug('caf%C3%A9'), ...slug('cafe')] }),
  content({ name: 'file name with an accent (NFD)', files: { 'outil/cafe\u0301.md': valid('Café NFD') }, outcome: 'refusee', probes: slug('cafe%CC%81') }),
  content({ name: 'file name with fullwidth letters', files: { 'methode/ｆｕｌｌ.md': valid('Pleine chasse') }, outcome: 'refusee', probes: [...slug('%EF%BD%86%EF%BD%95%EF%BD%8C%EF%BD%8C'), ...slug('full')] }),
  content({ name: 'file names with dots, underscores, spaces, leading or doubled dashes', files: { 'commun/a..b.md': valid('Points'), 'commun/sous_tiret.md': valid('Souligné'), 'commun/avec espace.md': valid('Espace'), 'outil/-tiret.md': valid('Tiret'), 'outil/double--tiret.md': valid('Double tiret') }, outcome: 'refusee', probes: [...slug('a..b'), ...slug('sous_tiret'), ...slug('avec%20espace'), ...slug('-tiret'), ...slug('double--tiret')] }),
  content({ name: 'file name of 81 characters', files: { [`retour-experience/${'a'.repeat(81)}.md`]: valid('Trop long') }, outcome: 'refusee', probes: slug('a'.repeat(81)) }),
  content({ name: 'file name with markup', files: { 'commun/<script>alert(1)<\\script>.md': valid('Balise') }, outcome: 'refusee', probes: slug(encodeURIComponent('<script>alert(1)<\\script>')) }),
  content({ name: 'upper-case .MD extension', files: { 'outil/extension.MD': valid('Extension') }, outcome: 'refusee', probes: slug('extension') }),
  content({ name: 'one slug claimed by two types', files: { 'commun/doublon.md': valid('Doublon commun'), 'outil/doublon.md': valid('Doublon outil') }, outcome: 'refusee', slug: 'doublon' }),
  content({ name: 'bad file name written while running', phase: 'pendant', files: { 'methode/Vivant_Mal_Nomme.md': valid('Mal nommé') }, outcome: 'refusee', probes: slug('vivant-mal-nomme') }),
  content({ name: 'symbolic link to /etc/passwd', files: { 'commun/lien-passwd.md': { symlink: '/etc/passwd' } }, outcome: 'refusee', slug: 'lien-passwd' }),
  content({ name: 'symbolic link to a good fiche outside the folder', files: { 'outil/lien-externe.md': { symlink: path.join(REPO_ROOT, 'content', 'methode', 'forum-ouvert.md') } }, outcome: 'refusee', slug: 'lien-externe' }),
  content({ name: 'a directory named like a fiche', files: { 'methode/dossier.md': { dossier: true } }, outcome: 'ignoree', slug: 'dossier' }),
  content({ name: 'a FIFO named like a fiche (reading it would block)', files: { 'commun/tube.md': { fifo: true } }, outcome: 'ignoree', slug: 'tube' }),
  content({ name: 'wiki links and liens to traversal targets', files: { 'outil/liens-traversee.md': valid('Liens traversée', { liens: { voir_aussi: ['../../etc/passwd', '..%2F..'] } }) }, outcome: 'refusee', slug: 'liens-traversee' }),
  content({ name: 'vocabulary named __proto__', files: { 'ontologie/__proto__.yaml': 'id: __proto__\nlabel: Proto\nconcepts: [{id: x, label: X}]\n' }, outcome: 'refusee', probes: [{ url: '/api/ontologie/__proto__', status: 404 }, { url: '/ontologie/__proto__', status: 404 }, { url: '/api/fiches?__proto__=x', status: 400 }] }),
  content({ name: 'vocabulary whose id is a front-matter key (titre)', files: { 'ontologie/titre.yaml': 'id: titre\nlabel: Titre\nconcepts: [{id: x, label: X}]\n' }, outcome: 'refusee', probes: [{ url: '/api/ontologie/titre', status: 404 }] }),
];

const RANDOM_2000 = randomText(2000, 42);

const REQUEST_CASES: RequestCase[] = [
  // Path traversal and odd slugs.
  request('slug ..%2F..%2Fetc%2Fpasswd', ...slug('..%2F..%2Fetc%2Fpasswd')),
  request('slug ..%2F…%00.md', ...slug('..%2F..%2F..%2F..%2Fetc%2Fpasswd%00.md')),
  request('slug %00', ...slug('%00'), ...slug('bonne-methode%00')),
  // `/fiches/%2e%2e` reaches the server as `/` through inject (see `violations`): any 2xx/4xx.
  request('slug %2e%2e', { url: '/api/fiches/%2e%2e' }, { url: '/fiches/%2e%2e' }, ...slug('%2e%2e%2f%2e%2e%2fpackage.json')),
  request('slug double-encoded %252e%252e%252f', ...slug('%252e%252e%252fpackage.json')),
  request('slug with backslashes', ...slug('..%5C..%5Cwindows%5Cwin.ini')),
  request('slug NFD cafe%CC%81', ...slug('cafe%CC%81')),
  request('slug fullwidth ．．／', ...slug('%EF%BC%8E%EF%BC%8E%EF%BC%8F'), ...slug('%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc%EF%BC%8Fpasswd')),
  request('slug overlong UTF-8 %C0%AE%C0%AE%C0%AF', { url: '/api/fiches/%C0%AE%C0%AE%C0%AF' }, { url: '/fiches/%C0%AE%C0%AE%C0%AF' }),
  request('slugs con, aux, nul', ...slug('con'), ...slug('aux'), ...slug('nul')),
  request('slug of 81 characters', ...slug('a'.repeat(81))),
  request('slug of 80 characters (valid, absent)', ...slug('a'.repeat(80))),
  request('slug of 600 characters', { url: `/api/fiches/${'a'.repeat(600)}` }, { url: `/fiches/${'a'.repeat(600)}` }),
  request('slug in upper case', ...slug('Bonne-Methode'), ...slug('BONNE-METHODE')),
  request('slug with .md', ...slug('bonne-methode.md')),
  request('slugs __proto__ and constructor', ...slug('__proto__'), ...slug('constructor'), ...slug('hasOwnProperty')),
  request('slug with shell and SQL', ...slug(encodeURIComponent("x';DROP TABLE fiches;--")), ...slug('%24(id)')),
  request('raw .. segments', { url: '/api/fiches/../../etc/passwd' }, { url: '/fiches/..' }, { url: '/static/../package.json' }, { url: '/static/..%2f..%2fpackage.json' }, { url: '/static/%2e%2e/%2e%2e/package.json' }),
  request('trailing and doubled slashes', { url: '/api/fiches/bonne-methode/', status: 200 }, { url: '/fiches//bonne-methode' }, { url: '//api//fiches' }),
  // Ontology routes.
  request('vocabulary traversal', { url: '/api/ontologie/..%2F..%2Fetc%2Fpasswd', status: 404 }, { url: '/ontologie/..%2Fschemas', status: 404 }),
  request('vocabularies __proto__, constructor, toString', { url: '/api/ontologie/__proto__', status: 404 }, { url: '/api/ontologie/toString', status: 404 }, { url: '/ontologie/hasOwnProperty', status: 404 }),
  request('bad concept ids on concept pages', { url: '/ontologie/themes/%00' }, { url: '/ontologie/themes/..%2F..%2F' }, { url: '/ontologie/themes/__proto__', status: 404 }, { url: '/ontologie/themes/a/b/c/d/e/f', status: 404 }, { url: `/ontologie/themes/${'x/'.repeat(200)}` }),
  request('relations vocabulary as a page and a filter', { url: '/ontologie/relations', status: 200 }, { url: '/api/fiches?relations=voir_aussi', status: 400 }),
  // Bad concept ids in filters.
  request('unknown concept ids', ...both('themes=inconnu', 200), ...both('contextes=__proto__', 200), ...both('type=inconnu', 200)),
  request('concept ids with traversal and markup', ...both(`themes=${encodeURIComponent('../../etc/passwd')}`), ...both(`licence=${encodeURIComponent('<script>alert(1)</script>')}`), ...both(`type=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)),
  request('empty and huge concept ids', ...both('themes=&contextes='), ...both(`contextes=${'x'.repeat(5000)}`)),
  request('500 repeated filter values', ...both(Array.from({ length: 500 }, (_, i) => `tags=t${i}`).join('&'))),
  request('tags with markup', ...both(`tags=${encodeURIComponent(XSS)}`)),
  // Search syntax in q.
  request('q foo~100 (lunr fuzzy: exhausts the heap)', ...q('foo~100'), ...q('abcdefghijklmnop~5')),
  request('q *', ...q('*'), ...q('a* b* c* d* e* f*')),
  request('q a:b:c and title:', ...q('a:b:c'), ...q('title:'), ...q('titre:foo^10 +bar -baz')),
  request('q ^2', ...q('^2'), ...q('foo^')),
  request('q lone quotes', ...q('"'), ...q('"non fermé'), ...q('"'.repeat(1000))),
  request('q (', ...q('('), ...q('('.repeat(DEEP)), ...q(')('), ...q('{}[]')),
  request('q NEAR(a b)', ...q('NEAR(a b)'), ...q('NEAR(a b, 2)'), ...q('a NEAR b')),
  request('q a OR b, AND, NOT', ...q('a OR b'), ...q('AND OR NOT'), ...q('jardin NOT compost')),
  request('q -', ...q('-'), ...q('-'.repeat(2000)), ...q('-"-"-'), ...q('- - -')),
  request('q FTS5 column filters and specials', ...q('titre : x'), ...q('{titre resume}: x'), ...q('x*y'), ...q("'; DROP TABLE fiches; --"), ...q('"\u0000"')),
  request('q 2,000 random characters', ...q(RANDOM_2000)),
  request('q emoji', ...q('🌱🔥👩‍👩‍👧 jardin 🇫🇷')),
  request('q right-to-left text', ...q('مرحبا بالعالم שלום עולם \u202eevil')),
  request('q null bytes', ...both('q=%00foo%00'), ...both('q=%00')),
  request('q markup', ...q(XSS), ...q(XSS_ATTR)),
  request('q repeated and as an array', ...both('q=a&q=b', 200), { url: '/api/fiches?q[]=x', status: 400 }, { url: '/fiches?q[]=x', status: 200 }),
  // Absurd paging and sorting.
  request('page=0 and -1', ...both('page=0', 400), ...both('page=-1', 400)),
  request('page=1e9 and 99999999999', ...both('page=1e9', 400), ...both('page=99999999999', 400)),
  request('page=1000000 (allowed, empty)', ...both('page=1000000', 200)),
  request('page=1.5, abc, empty', ...both('page=1.5', 400), ...both('page=abc', 400), ...both('page=', 200)),
  request('par_page=0, 101, 1e3, abc', ...both('par_page=0', 400), ...both('par_page=101', 400), ...both('par_page=1e3', 400), ...both('par_page=abc', 400)),
  request('repeated paging parameters', ...both('page=1&page=2', 400), ...both('par_page=5&par_page=6', 400)),
  request('tri unknown or repeated', ...both('tri=inconnu', 400), ...both('tri=titre&tri=modifie', 400), ...both(`tri=${encodeURIComponent(XSS)}`, 400)),
  // Unknown parameters.
  request('unknown parameters', { url: '/api/fiches?foo=bar', status: 400 }, { url: '/fiches?foo=bar', status: 200 }, { url: `/api/fiches?${encodeURIComponent(XSS)}=1`, status: 400 }),
  request('prototype parameters', ...both('__proto__=1'), ...both('constructor=x'), ...both('hasOwnProperty=1&toString=2')),
  // Overlong URLs and malformed %-encoding.
  request('overlong URLs (100,000 characters)', ...both(`q=${'a'.repeat(100_000)}`, 200), { url: `/fiches/${'a'.repeat(10_000)}` }, { url: `/${'x/'.repeat(50_000)}` }),
  request('a 2 MB query string', ...both(`q=${'mot '.repeat(512 * 1024).replace(/ /g, '+')}`, 200), { url: `/api/fiches?${'contextes=x&'.repeat(170_000)}` }),
  request('malformed %-encoding', { url: '/api/fiches/%' }, { url: '/fiches/%E9' }, { url: '/%' }, { url: '/api/fiches?q=%' }, { url: '/fiches?q=%E0%A4%A' }, { url: '/api/fiches?%=1' }, { url: '/ontologie/%ZZ' }),
  // Methods on read routes.
  request('HEAD on read routes', { url: '/api/fiches', method: 'HEAD', status: 200 }, { url: '/fiches', method: 'HEAD', status: 200 }, { url: '/api/fiches/bonne-methode', method: 'HEAD', status: 200 }),
  request('OPTIONS on read routes', { url: '/api/fiches', method: 'OPTIONS' }, { url: '/fiches/bonne-methode', method: 'OPTIONS' }, { url: '*', method: 'OPTIONS' }),
  request(
    'POST on read routes',
    { url: '/api/fiches', method: 'POST', payload: '{"titre": "x"}', headers: { 'content-type': 'application/json' } },
    { url: '/api/fiches', method: 'POST', payload: '{bad json', headers: { 'content-type': 'application/json' } },
    { url: '/fiches', method: 'POST', payload: 'q=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { url: '/api/ontologie', method: 'POST', payload: '<xml/>', headers: { 'content-type': 'application/xml' } },
  ),
  request('POST with a 2 MB body', { url: '/api/fiches', method: 'POST', payload: `{"corps": "${'x'.repeat(2 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } }),
  request('PUT, DELETE and PATCH on read routes', { url: '/api/fiches/bonne-methode', method: 'PUT', payload: '{}', headers: { 'content-type': 'application/json' } }, { url: '/api/fiches/bonne-methode', method: 'DELETE' }, { url: '/fiches/bonne-methode', method: 'DELETE' }, { url: '/ontologie/themes', method: 'PATCH' }),
  // Headers.
  request(
    'hostile Host header (echoed in the attribution text)',
    { url: '/fiches/bonne-methode', headers: { host: `evil.example"><script>alert(1)</script>` } },
    { url: '/fiches/bonne-methode', headers: { host: 'x</textarea><img src=x onerror=alert(1)>' } },
  ),
  request(
    'hostile request headers',
    { url: '/api/fiches/bonne-methode', headers: { 'if-none-match': '"'.repeat(8000) } },
    { url: '/fiches', headers: { accept: '*/*;q=' + '9'.repeat(1000), 'accept-language': XSS } },
    { url: '/api/fiches', headers: { 'content-type': 'application/json' }, payload: undefined },
  ),
];

const CATALOGUE: Case[] = [...CONTENT_CASES, ...REQUEST_CASES];

// ---------------------------------------------------------------------------------------------
// Checks applied to every answer
// ---------------------------------------------------------------------------------------------

const ANSWER_BUDGET_MS = 1000;

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset']);
const FORBIDDEN_TAGS = new Set(['iframe', 'object', 'embed', 'svg', 'math', 'base', 'frame', 'frameset', 'applet', 'img']);

/**
 * Markup that a hostile input managed to inject, read as a browser would: real tags only (an
 * escaped `&lt;img onerror=…&gt;` inside an attribute or a text is harmless and not reported).
 */
function injectedMarkup(html: string): string[] {
  const found: string[] = [];
  if (/<script\b[^>]*>\s*alert/i.test(html)) found.push('<script>alert');
  if (/<b>x<\/b>/.test(html)) found.push('<b>x</b> from a wiki link');
  for (const tag of html.matchAll(TAG)) {
    const name = tag[1]!.toLowerCase();
    if (FORBIDDEN_TAGS.has(name)) found.push(`<${name}> tag`);
    for (const attribute of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const attr = attribute[1]!.toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (attr.startsWith('on')) found.push(`${attr}= on <${name}>`);
      if (URL_ATTRIBUTES.has(attr)) {
        // Browsers drop ASCII whitespace and controls inside the scheme, and decode entities.
        const url = decodeEntities(value).replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|file):/.test(url) || /^data:(?!image\/(gif|png|jpeg|webp);)/.test(url)) found.push(`${attr}="${url.slice(0, 40)}"`);
      }
    }
  }
  return found;
}

const ENGLISH = /\b(not found|bad request|internal server error|error|unsupported|invalid|method not allowed|too large|forbidden|unexpected|cannot|failed|route)\b/i;
const FRENCH = /[àâçéèêëîïôûùüœ’«»]|\b(la|le|les|des|une?|est|du|n’|ce|cette)\b/i;

const otherDirs: string[] = [];

function serverPaths(): string[] {
  return [contentDir, dataDir, MARKER_DIR, REPO_ROOT, ...otherDirs, '/work/', 'node_modules'].filter(Boolean);
}

interface Answer {
  probe: Probe;
  status: number;
  ms: number;
  body: string;
  contentType: string;
}

/** Every property of the answer that must hold whatever the input: a list of violations. */
function violations(answer: Answer): string[] {
  const { probe, status, body, contentType, ms } = answer;
  const out: string[] = [];
  // light-my-request resolves dot segments as a WHATWG URL does (`/api/fiches/../../x` is `/x`,
  // and so is `%2e%2e`): what the server saw is the resolved path.
  const seen = new URL(probe.url, 'http://localhost').pathname;
  const api = seen === '/api' || seen.startsWith('/api/');
  if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) out.push(`status ${status}`);
  if (probe.status !== undefined && status !== probe.status) out.push(`status ${status}, expected ${probe.status}`);
  if (ms > ANSWER_BUDGET_MS) out.push(`answered in ${Math.round(ms)} ms`);
  for (const p of serverPaths()) if (body.includes(p)) out.push(`server path ${p} in the body`);
  if (/^\s+at .+:\d+:\d+\)?\s*$/m.test(body) || /\(\/[^)]+:\d+:\d+\)/.test(body)) out.push('stack trace in the body');
  if (/\b\w*Error:/.test(body)) out.push('"Error:" in the body');
  if (probe.method === 'HEAD' || status === 204 || status === 304) return out;

  if (api) {
    if (!contentType.startsWith('application/json')) out.push(`content-type ${contentType} under /api`);
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return [...out, 'an /api answer that is not JSON'];
    }
    if (status >= 400) {
      const { erreur, code } = json;
      if (typeof erreur !== 'string' || typeof code !== 'string' || !/^[a-z_]+$/.test(code)) out.push(`not {erreur, code}: ${body.slice(0, 120)}`);
      else if (!FRENCH.test(erreur) || ENGLISH.test(erreur)) out.push(`message not French: ${erreur}`);
    } else {
      // HTML carried by the API: the rendered body and the search excerpts.
      const html = [json.html, ...((json.resultats as Array<{ extrait?: unknown }> | undefined) ?? []).map((r) => r.extrait)].filter((h): h is string => typeof h === 'string');
      for (const fragment of html) out.push(...injectedMarkup(fragment));
    }
  } else {
    if (!contentType.startsWith('text/html')) out.push(`content-type ${contentType} for a page`);
    if (!/<html lang="fr">/.test(body)) out.push('not a French HTML page');
    if (status >= 400) {
      const heading = /<h1>([^<]*)<\/h1>\s*<p>([^<]*)<\/p>/.exec(body);
      if (!heading) out.push('an error page without its heading and message');
      else if (ENGLISH.test(heading[1]! + heading[2]!) || !FRENCH.test(heading[2]!)) out.push(`error page not French: ${heading[1]} / ${heading[2]}`);
    }
    out.push(...injectedMarkup(body));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

function writeEntry(root: string, rel: string, data: FileContent): void {
  const target = path.join(root, rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (typeof data === 'string' || Buffer.isBuffer(data)) fs.writeFileSync(target, data);
  else if ('symlink' in data) fs.symlinkSync(data.symlink, target);
  else if ('dossier' in data) fs.mkdirSync(target, { recursive: true });
  else execFileSync('mkfifo', [target]);
}

function prepareContent(): string {
  const root = contentWithSampleOntology(GOOD_FICHES);
  for (const c of CONTENT_CASES.filter((c) => c.phase === 'avant')) {
    for (const [rel, data] of Object.entries(c.files)) writeEntry(root, rel, data);
  }
  return root;
}

const app = useSharedApp(() => {
  contentDir = prepareContent();
  return { contentDir, dataDir, watch: true };
});

afterAll(() => {
  for (const dir of [contentDir, dataDir, MARKER_DIR]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function ask(probe: Probe): Promise<Answer> {
  const start = performance.now();
  const res = await app().inject({ method: probe.method ?? 'GET', url: probe.url, headers: probe.headers, payload: probe.payload });
  const ms = performance.now() - start;
  return { probe, status: res.statusCode, ms, body: res.body, contentType: String(res.headers['content-type'] ?? '') };
}

async function problemPaths(): Promise<Map<string, string[]>> {
  const byPath = new Map<string, string[]>();
  for (const p of await listProblems(app().catalogue)) {
    if (p.severity !== 'erreur') continue;
    byPath.set(p.path, [...(byPath.get(p.path) ?? []), p.message]);
  }
  return byPath;
}

/** Polls until `check` holds (the watcher and the sync queue are asynchronous). */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const timings: Array<{ name: string; ms: number }> = [];

beforeAll(async () => {
  // The second batch of hostile files arrives while the server runs: the watcher must sync them
  // (report them, serve the valid ones) without stopping.
  const live = CONTENT_CASES.filter((c) => c.phase === 'pendant');
  for (const c of live) for (const [rel, data] of Object.entries(c.files)) writeEntry(contentDir, rel, data);
  await eventually(async () => {
    const problems = await problemPaths();
    for (const c of live) {
      if (c.outcome === 'refusee' && !Object.keys(c.files).some((rel) => problems.has(rel))) return false;
      if (c.outcome === 'servie' && (await ask({ url: `/api/fiches/${c.slug}` })).status !== 200) return false;
    }
    return true;
  }, 15_000);
}, 30_000);

afterAll(() => {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const total = timings.length;
  console.info(`hostile inputs: ${CATALOGUE.length} catalogue entries, ${total} requests; slowest: ${slowest.map((t) => `${Math.round(t.ms)} ms ${t.name}`).join(' | ')}`);
});

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('the catalogue of hostile inputs', () => {
  it('has at least 60 entries, content-side and request-side', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(60);
    expect(CONTENT_CASES.length).toBeGreaterThanOrEqual(25);
    expect(REQUEST_CASES.length).toBeGreaterThanOrEqual(35);
    expect(new Set(CATALOGUE.map((c) => c.name)).size).toBe(CATALOGUE.length);
  });

  it.each(CATALOGUE.map((c) => [`${c.side}: ${c.name}`, c] as const))('%s', async (_label, entry) => {
    const probes: Probe[] = [...(entry.probes ?? [])];
    if (entry.side === 'contenu') {
      const problems = await problemPaths();
      const outcome = entry.bogue ? 'libre' : entry.outcome;
      for (const rel of Object.keys(entry.files)) {
        if (outcome === 'refusee') expect(problems.get(rel), `${rel} is reported`).toBeDefined();
        if (outcome === 'servie' || outcome === 'ignoree') expect(problems.get(rel), `${rel}: ${problems.get(rel)?.join('; ')}`).toBeUndefined();
      }
      if (entry.slug) {
        const served = outcome === 'servie' ? 200 : outcome === 'libre' ? undefined : 404;
        probes.unshift({ url: `/api/fiches/${entry.slug}`, status: served }, { url: `/fiches/${entry.slug}`, status: served });
      }
      for (const file of entry.markers ?? []) expect(fs.existsSync(file), `${file} was written: the payload ran`).toBe(false);
    }
    const failures: string[] = [];
    for (const probe of probes) {
      const answer = await ask(probe);
      timings.push({ name: `${probe.method ?? 'GET'} ${probe.url.slice(0, 60)}`, ms: answer.ms });
      for (const v of violations(answer)) failures.push(`${probe.method ?? 'GET'} ${probe.url.slice(0, 100)} → ${v}`);
    }
    expect(failures).toEqual([]);
    // Whatever came before, the server still lists its fiches.
    const after = await ask({ url: '/api/fiches' });
    expect(after.status).toBe(200);
  });
});

describe('after every hostile input', () => {
  it('no payload ran and the prototype of Object is untouched', () => {
    const markers = fs.readdirSync(MARKER_DIR);
    expect(markers).toEqual([]);
    expect(({} as Record<string, unknown>).pollue).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).pollue).toBeUndefined();
  });

  it('the good fiches are all served, and every served fiche is one the catalogue expects', async () => {
    const res = await ask({ url: '/api/fiches?par_page=100' });
    expect(res.status).toBe(200);
    const served = (JSON.parse(res.body).resultats as Array<{ slug: string }>).map((r) => r.slug);
    for (const good of GOOD_SLUGS) {
      expect(served).toContain(good);
      expect((await ask({ url: `/fiches/${good}` })).status).toBe(200);
    }
    const allowed = new Set([...GOOD_SLUGS, ...CONTENT_CASES.filter((c) => c.outcome === 'servie' || c.outcome === 'libre' || c.bogue).map((c) => c.slug)]);
    expect(served.filter((s) => !allowed.has(s))).toEqual([]);
    const free = CONTENT_CASES.filter((c) => (c.outcome === 'libre' || c.bogue) && c.slug);
    console.info(`entries free to be served or refused: ${free.map((c) => `${c.slug} ${served.includes(c.slug!) ? 'servie' : 'refusée'}`).join(', ')}`);
  });

  it('the pages that list everything carry no injected markup', async () => {
    for (const url of ['/', '/fiches', '/fiches?par_page=100', '/fiches?q=alert', '/ontologie', '/api/fiches?par_page=100&q=alert']) {
      const answer = await ask({ url, status: 200 });
      expect(violations(answer), url).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Known bugs outside the files this suite may fix (server/validation/): `it.fails` keeps them
// visible; remove `.fails` once fixed.
// ---------------------------------------------------------------------------------------------

describe('known bugs', () => {
  it('front-matter keys named like Object.prototype members are reported as unknown keys', async () => {
    const problems = await problemPaths();
    expect(problems.get('methode/prototype.md')).toBeDefined();
    expect((await ask({ url: '/api/fiches/prototype' })).status).toBe(404);
  });
});

describe('a vocabulary named constructor (an Object.prototype member)', () => {
  const files = {
    ...GOOD_FICHES,
    'ontologie/constructor.yaml': 'id: constructor\nlabel: Constructeur\nconcepts: [{id: x, label: X}]\n',
    'commun/constructeur.md': valid('Constructeur', { constructor: ['x'] }),
  };
  const probes: Probe[] = [
    { url: '/api/fiches', status: 200 },
    { url: '/fiches', status: 200 },
    { url: '/', status: 200 },
    { url: '/api/fiches?constructor=x', status: 200 },
    { url: '/fiches?constructor=x', status: 200 },
    { url: '/api/ontologie/constructor', status: 200 },
    { url: '/ontologie/constructor', status: 200 },
    { url: '/ontologie/constructor/x', status: 200 },
    { url: '/api/fiches/bon-commun' },
    { url: '/api/fiches/constructeur' },
  ];

  async function withConstructorVocabulary(run: (inject: (probe: Probe) => Promise<Answer>, problems: () => Promise<Map<string, string[]>>) => Promise<void>): Promise<void> {
    const root = contentWithSampleOntology(files);
    otherDirs.push(root);
    try {
      await withApp({ contentDir: root }, (built) =>
        run(
          async (probe) => {
            const start = performance.now();
            const res = await built.inject({ method: probe.method ?? 'GET', url: probe.url });
            return { probe, status: res.statusCode, ms: performance.now() - start, body: res.body, contentType: String(res.headers['content-type'] ?? '') };
          },
          async () => {
            const byPath = new Map<string, string[]>();
            for (const p of await listProblems(built.catalogue)) if (p.severity === 'erreur') byPath.set(p.path, [...(byPath.get(p.path) ?? []), p.message]);
            return byPath;
          },
        ),
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }

  it('never makes the server answer 5xx (the query object’s inherited `constructor` was read as a filter)', async () => {
    await withConstructorVocabulary(async (inject) => {
      const failures: string[] = [];
      for (const probe of probes) for (const v of violations(await inject(probe))) failures.push(`${probe.url} → ${v}`);
      expect(failures).toEqual([]);
    });
  });

  it('does not take the other fiches down (ajv’s `properties` read the inherited data.constructor)', async () => {
    await withConstructorVocabulary(async (inject, problems) => {
      expect([...(await problems()).keys()]).toEqual([]);
      for (const good of GOOD_SLUGS) expect((await inject({ url: `/api/fiches/${good}` })).status).toBe(200);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Over a real socket: what inject cannot send (headers beyond Node's 16 KiB limit, request lines
// Node's parser refuses, unresolved dot segments).
// ---------------------------------------------------------------------------------------------

/** Sends raw bytes, returns the status, the body and how long the answer took. */
function rawRequest(port: number, text: string): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const answer = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4), ms: performance.now() - start });
    });
    const timer = setTimeout(() => socket.destroy(), 2 * ANSWER_BUDGET_MS);
    socket.end(text);
  });
}

const RAW_REQUESTS: Array<[string, string]> = [
  ['a 2 MB query string', `GET /api/fiches?q=${'mot+'.repeat(512 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  ['a 20 KB header', `GET /fiches HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`],
  ['a garbage request line', 'GARBAGE\r\n\r\n'],
  ['a NUL byte in the path', 'GET /fiches/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['a bad Content-Length', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
  ['unresolved dot segments', 'GET /api/fiches/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
  ['%2e%2e as a slug', 'GET /fiches/%2e%2e HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
  ['an absolute-form target', 'GET http://evil.example/api/fiches/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
];

describe('raw requests over a real socket', () => {
  let port = 0;
  beforeAll(async () => {
    await app().listen({ port: 0, host: '127.0.0.1' });
    port = (app().server.address() as net.AddressInfo).port;
  });

  it.each(RAW_REQUESTS)('%s: a 4xx within a second, and the server keeps answering', async (_name, text) => {
    const answer = await rawRequest(port, text);
    expect(answer.status >= 400 && answer.status < 500, `status ${answer.status}`).toBe(true);
    expect(answer.ms).toBeLessThan(ANSWER_BUDGET_MS);
    for (const p of serverPaths()) expect(answer.body).not.toContain(p);
    expect(answer.body).not.toMatch(/\bat .+:\d+:\d+/);
    const after = await rawRequest(port, 'GET /api/fiches HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(after.status).toBe(200);
  });

  // Known bug outside the files this suite may fix (server/app.ts): errors raised by Node's HTTP
  // parser go through Fastify's default clientErrorHandler, which answers
  // {"error":"Bad Request","message":"Client Error","statusCode":400} (or 431 "Exceeded maximum
  // allowed HTTP header size"): English, and not {erreur, code}.
  it('errors raised by the HTTP parser are answered in French', async () => {
    for (const [name, text] of RAW_REQUESTS.slice(0, 5)) {
      const answer = await rawRequest(port, text);
      const body = JSON.parse(answer.body || '{}') as { erreur?: string; code?: string };
      expect(typeof body.erreur, name).toBe('string');
      expect(body.erreur, name).toMatch(FRENCH);
    }
  });
});

describe('the checks themselves', () => {
  const answer = (body: string, url = '/fiches', status = 200, contentType = 'text/html; charset=utf-8'): Answer => ({ probe: { url }, status, ms: 1, body, contentType });
  const page = (inner: string) => `<!DOCTYPE html>\n<html lang="fr"><body>${inner}</body></html>`;

  it('catch injected markup, and leave escaped text alone', () => {
    for (const bad of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="jav&#x61;script:alert(1)">x</a>', "<a href=' javascript:x'>x</a>", '<a href="data:text/html,x">x</a>', '<b>x</b>', '<svg><p>']) {
      expect(violations(answer(page(bad))), bad).not.toEqual([]);
    }
    for (const fine of ['&lt;script&gt;alert(1)&lt;/script&gt;', '<meta name="description" content="&lt;img src=x onerror=alert(1)&gt;">', '<span title="x onerror=alert(1)">t</span>', '<a href="/fiches?q=javascript:x">x</a>', '<p>javascript:alert(1)</p>']) {
      expect(violations(answer(page(fine))), fine).toEqual([]);
    }
  });

  it('catch stack traces, server paths, English errors, 5xx and slow answers', () => {
    expect(violations(answer(page('TypeError: x\n    at f (/srv/app.js:1:2)')))).not.toEqual([]);
    expect(violations(answer(page(`ENOENT ${REPO_ROOT}/content`)))).not.toEqual([]);
    expect(violations(answer('{"erreur":"Not Found","code":"x"}', '/api/fiches/x', 404, 'application/json'))).not.toEqual([]);
    expect(violations(answer('{"erreur":"Cette fiche n’existe pas.","code":"fiche_introuvable"}', '/api/fiches/x', 404, 'application/json'))).toEqual([]);
    expect(violations(answer(page('x'), '/fiches', 500))).not.toEqual([]);
    expect(violations({ ...answer(page('x')), ms: 1500 })).not.toEqual([]);
  });
});
