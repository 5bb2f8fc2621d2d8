// The one parsing wrapper (server/content/front-matter.ts + yaml-safe.ts): YAML only, never
// evaluated, YAML 1.2 scalars, bounded in size, aliases and depth, and every key located on
// the line of the file where it is written.
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { afterAll, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../server/content/front-matter.js';
import { readFiche } from '../../server/content/read-fiche.js';
import { parseYamlSafe } from '../../server/content/yaml-safe.js';
import { makeTempDir } from '../helpers/content.js';

/** Lines are kept by the slow parser only: what a problem's line is looked up in. */
const linesOf = (split: { frontMatterText: string }) => parseYamlSafe(split.frontMatterText).lines;

const tmp = makeTempDir('forge-fm-');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const g = globalThis as Record<string, unknown>;

/** A front-matter payload that, if evaluated, writes `marker` and sets a global. */
function hostilePayload(marker: string, globalName: string): string {
  return `(function () {
  require('fs').writeFileSync(${JSON.stringify(marker)}, 'evalue');
  globalThis[${JSON.stringify(globalName)}] = true;
  return { titre: 'Piégée', resume: 'r', licence: 'CC0-1.0' };
})()`;
}

/** Runs `fn` and returns its result with the time it took, in ms. */
function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

describe('front matter languages other than YAML', () => {
  it('the hostile payload is live: raw gray-matter does evaluate it (so the tests below mean something)', () => {
    const marker = path.join(tmp, 'raw-gray-matter.marker');
    const parsed = matter(`---js\n${hostilePayload(marker, '__forgeRawEval')}\n---\ncorps\n`, {});
    expect(fs.existsSync(marker)).toBe(true);
    expect(g.__forgeRawEval).toBe(true);
    expect(parsed.data.titre).toBe('Piégée');
    delete g.__forgeRawEval;
  });

  const refused: Array<[string, string]> = [
    ['---js', 'js'],
    ['---javascript', 'javascript'],
    ['--- js', 'js'],
    ['---JS', 'JS'],
    ['---JavaScript', 'JavaScript'],
    ['---coffee', 'coffee'],
    ['---json', 'json'],
    ['---toml', 'toml'],
    ['---cson', 'cson'],
  ];
  it.each(refused)('%s is refused in French and never evaluated', (opening, language) => {
    const name = `__forgeEval_${language}_${opening.length}`;
    const marker = path.join(tmp, `${name}.marker`);
    const source = `${opening}\n${hostilePayload(marker, name)}\n---\nLe corps.\n`;
    const split = splitFrontMatter(source);
    expect(split.data).toBeUndefined();
    expect(split.problems).toEqual([
      { line: 1, message: `front matter « ${language} » refusé : seul le YAML est accepté (la ligne d’ouverture doit être « --- »)` },
    ]);
    // The whole reading path refuses it too (what the index stores).
    const reading = readFiche(source);
    expect(reading.frontMatter).toBeNull();
    expect(reading.problems).toHaveLength(1);
    expect(fs.existsSync(marker)).toBe(false);
    expect(g[name]).toBeUndefined();
  });

  it('json and toml bodies are refused even when they are harmless', () => {
    for (const source of ['---json\n{"titre": "abc", "resume": "r", "licence": "CC0-1.0"}\n---\n', '---toml\ntitre = "abc"\n---\n']) {
      const split = splitFrontMatter(source);
      expect(split.data).toBeUndefined();
      expect(split.problems[0]!.message).toMatch(/refusé : seul le YAML est accepté/);
    }
  });

  it('accepts ---yaml, ---yml and --- yaml as YAML (through the safe parser)', () => {
    for (const opening of ['---', '---yaml', '---yml', '--- yaml', '---   ']) {
      const split = splitFrontMatter(`${opening}\ntitre: Abc\ncree: 2024-01-31\n---\nCorps\n`);
      expect(split.problems).toEqual([]);
      expect(split.data).toEqual({ titre: 'Abc', cree: '2024-01-31' });
      expect(split.body).toBe('Corps\n');
      expect(split.bodyLine).toBe(5);
    }
  });
});

describe('YAML 1.2 scalars', () => {
  it('keeps dates as ISO strings, reads 012 as 12, yes/on as words', () => {
    const split = splitFrontMatter(
      '---\ncree: 2024-01-31\nmodifie: 2024-02-01T10:00:00Z\nnombre: 012\noctal: 0o12\nmot: yes\nautre: on\nvide:\nvrai: true\n---\n',
    );
    expect(split.problems).toEqual([]);
    expect(split.data).toEqual({
      cree: '2024-01-31',
      modifie: '2024-02-01T10:00:00Z',
      nombre: 12,
      octal: 10,
      mot: 'yes',
      autre: 'on',
      vide: null,
      vrai: true,
    });
    expect(typeof split.data!.cree).toBe('string');
  });

  it('refuses duplicate keys, at the line of the second one', () => {
    const top = splitFrontMatter('---\ntitre: Un\nresume: r\ntitre: Deux\n---\n');
    expect(top.data).toBeUndefined();
    expect(top.problems).toEqual([{ line: 4, message: 'YAML invalide : clé en double' }]);

    const nested = splitFrontMatter('---\ntitre: Un\nlieu:\n  nom: A\n  nom: B\n---\n');
    expect(nested.data).toBeUndefined();
    expect(nested.problems).toEqual([{ line: 5, message: 'YAML invalide : clé en double' }]);

    const flow = splitFrontMatter('---\nlieu: { nom: A, nom: B }\n---\n');
    expect(flow.data).toBeUndefined();
    expect(flow.problems[0]).toMatchObject({ line: 2, message: 'YAML invalide : clé en double' });
  });

  it('reports broken YAML at its line, in French', () => {
    const split = splitFrontMatter('---\ntitre: Abc\nresume: "non fermé\nlicence: CC0-1.0\n---\n');
    expect(split.data).toBeUndefined();
    expect(split.problems.length).toBeGreaterThan(0);
    for (const problem of split.problems) {
      expect(problem.message).toMatch(/^YAML invalide : /);
      expect(problem.line).toBeGreaterThanOrEqual(2);
      expect(problem.line).toBeLessThanOrEqual(5);
    }
  });
});

describe('hostile YAML is refused fast', () => {
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

  it('refuses an alias bomb (billion laughs) at parse time', () => {
    const { result, ms } = timed(() => splitFrontMatter(`---\ntitre: Abc\n${billionLaughs}\n---\nCorps\n`));
    expect(result.data).toBeUndefined();
    expect(result.problems).toEqual([{ line: 1, message: 'trop d’alias YAML (protection contre les « bombes » d’alias) : refusé' }]);
    expect(ms).toBeLessThan(500);
    // Block-style bomb, straight into the YAML parser (vocabularies use it too).
    const block = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) block.push(`l${i}: &l${i}\n${Array.from({ length: 10 }, () => `  - *${i === 1 ? 'a' : `l${i - 1}`}`).join('\n')}`);
    const direct = timed(() => parseYamlSafe(block.join('\n')));
    expect(direct.result.data).toBeUndefined();
    expect(direct.result.problems[0]!.message).toMatch(/alias/);
    expect(direct.ms).toBeLessThan(500);
  });

  it('still accepts a few ordinary aliases', () => {
    const split = splitFrontMatter('---\nbase: &b [collectivites]\ncopie: *b\n---\n');
    expect(split.problems).toEqual([]);
    expect(split.data).toEqual({ base: ['collectivites'], copie: ['collectivites'] });
  });

  it('refuses a 5 MB front matter', () => {
    const quoted = `---\ntitre: "${'a'.repeat(5 * 1024 * 1024)}"\n---\nCorps\n`;
    const manyKeys = `---\n${Array.from({ length: 500_000 }, (_, i) => `k${i}: v`).join('\n')}\n---\n`;
    for (const source of [quoted, manyKeys]) {
      expect(Buffer.byteLength(source)).toBeGreaterThan(5 * 1024 * 1024);
      const { result, ms } = timed(() => splitFrontMatter(source));
      expect(result.data).toBeUndefined();
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.message).toMatch(/dépasse 64 Kio : refusé/);
      expect(ms).toBeLessThan(500);
    }
  });

  const N = 10_000;
  const deep: Array<[string, string]> = [
    ['flow sequences', `x: ${'['.repeat(N)}${']'.repeat(N)}`],
    ['flow maps', `x: ${'{a: '.repeat(N)}1${'}'.repeat(N)}`],
    ['compact block sequences', `x:\n  ${'- '.repeat(N)}v`],
    ['top-level compact sequences', `${'- '.repeat(N)}v`],
    ['explicit keys', `${'? '.repeat(N)}v`],
    ['indentation (200 levels)', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')],
  ];
  it.each(deep)('refuses 10,000-deep nesting: %s', (_name, yaml) => {
    const { result, ms } = timed(() => splitFrontMatter(`---\n${yaml}\n---\nCorps\n`));
    expect(result.data).toBeUndefined();
    expect(result.problems).toEqual([{ line: 1, message: 'le YAML est imbriqué trop profondément (plus de 64 niveaux) : refusé' }]);
    expect(ms).toBeLessThan(500);
  });

  it('survives deep nesting again and again in one process (it used to kill it)', () => {
    // A second `- - - …` file made V8 abort (fatal OOM compiling a RegExp near the stack limit).
    for (let round = 0; round < 3; round++) {
      for (const [, yaml] of deep) expect(splitFrontMatter(`---\n${yaml}\n---\n`).data).toBeUndefined();
    }
  });

  it('locates keys of a front matter with collection keys without blowing up', () => {
    // Nested `? ` keys made the pointer of each level twice as long as the one below.
    const { result, ms } = timed(() => splitFrontMatter(`---\ntitre: Abc\n${'? '.repeat(40)}v\n---\n`));
    expect(ms).toBeLessThan(1000);
    expect(linesOf(result)['/titre']).toBe(2);
  });
});

describe('the frame of the front matter', () => {
  it('requires a front matter', () => {
    for (const source of ['titre: Abc\n', '', 'Juste un corps.\n\n---\ntitre: x\n---\n', '\n---\ntitre: x\n---\n']) {
      const split = splitFrontMatter(source);
      expect(split.data).toBeUndefined();
      expect(split.problems).toEqual([{ line: 1, message: 'le fichier doit commencer par un front matter YAML entre deux lignes « --- »' }]);
    }
  });

  it('requires the front matter to be closed', () => {
    for (const source of ['---\ntitre: Abc\nresume: r\n', '---\ntitre: Abc\n', '---']) {
      const split = splitFrontMatter(source);
      expect(split.data).toBeUndefined();
      expect(split.problems).toEqual([{ line: 1, message: 'front matter non fermé : ajoutez une ligne « --- » après les métadonnées' }]);
    }
  });

  it('refuses a line that starts with --- before the closing one instead of cutting the metadata there', () => {
    const split = splitFrontMatter('---\ntitre: Abc\n----\nresume: r\n---\nCorps\n');
    expect(split.data).toBeUndefined();
    expect(split.problems).toHaveLength(1);
    expect(split.problems[0]!.line).toBe(3);
    expect(split.problems[0]!.message).toMatch(/« ---- »/);
  });

  it('accepts a closing line with trailing spaces and a file ending right after it', () => {
    expect(splitFrontMatter('---\ntitre: Abc\n---  \nCorps\n').data).toEqual({ titre: 'Abc' });
    const bare = splitFrontMatter('---\ntitre: Abc\n---');
    expect(bare.data).toEqual({ titre: 'Abc' });
    expect(bare.body).toBe('');
  });

  it('reads an empty front matter as no keys, and refuses one that is not a table', () => {
    expect(splitFrontMatter('---\n---\nCorps\n')).toMatchObject({ data: {}, problems: [], body: 'Corps\n', bodyLine: 3 });
    for (const yaml of ['- a\n- b', 'juste du texte', '42']) {
      const split = splitFrontMatter(`---\n${yaml}\n---\n`);
      expect(split.data).toBeUndefined();
      expect(split.problems).toEqual([{ line: 2, message: 'le front matter doit être une table de clés : valeurs' }]);
    }
  });

  it('reads CRLF files and files with a BOM like LF files', () => {
    const lf = '---\ntitre: Abc\nresume: |\n  ligne un\n  ligne deux\nlicence: CC0-1.0\n---\nCorps\n\n[[cible]]\n';
    const expected = splitFrontMatter(lf);
    expect(expected.problems).toEqual([]);
    for (const source of [lf.replace(/\n/g, '\r\n'), `\ufeff${lf}`, `\ufeff${lf.replace(/\n/g, '\r\n')}`, lf.replace(/\n/g, '\r')]) {
      const split = splitFrontMatter(source);
      expect(split.problems).toEqual([]);
      expect(split.data).toEqual({ titre: 'Abc', resume: 'ligne un\nligne deux\n', licence: 'CC0-1.0' });
      expect(linesOf(split)).toEqual(linesOf(expected));
      expect(split.body).toBe('Corps\n\n[[cible]]\n');
      expect(split.bodyLine).toBe(8);
      expect(readFiche(source).wikiLinks).toEqual([{ slug: 'cible', line: 10 }]);
    }
    // A BOM before a language tag does not smuggle it through.
    expect(splitFrontMatter('\ufeff---js\n({})\n---\n').problems[0]!.message).toMatch(/« js » refusé/);
  });
});

describe('line numbers', () => {
  const source = [
    '---', //                                  1
    '# un commentaire', //                     2
    'titre: Cercle de dialogue', //            3
    'resume: >', //                            4
    '  Un résumé', //                          5
    '  sur deux lignes.', //                   6
    'licence: CC-BY-SA-4.0', //                7
    '', //                                     8
    'contextes:', //                           9
    '  - collectivites', //                   10
    '  - tiers-lieux', //                     11
    'liens:', //                              12
    '  voir_aussi: [forum-ouvert, world-cafe]', // 13
    '  utilise:', //                          14
    '    - decision-par-consentement', //     15
    'lieu: { nom: Paris 8, lat: 48.9 }', //   16
    'roles:', //                              17
    '  - nom: Gardien', //                    18
    '    raison_d_etre: Tenir le cadre', //   19
    'x_a~b/c: libre', //                      20
    '---', //                                 21
    'Premier paragraphe.', //                 22
    '', //                                    23
    'Voir [[forum-ouvert]] et', //            24
    '[[world-cafe|le world café]].', //       25
  ].join('\n');

  it('maps every key and item to the line where it is written', () => {
    const split = splitFrontMatter(source);
    expect(split.problems).toEqual([]);
    expect(linesOf(split)).toMatchObject({
      '/titre': 3,
      '/resume': 4,
      '/licence': 7,
      '/contextes': 9,
      '/contextes/0': 10,
      '/contextes/1': 11,
      '/liens': 12,
      '/liens/voir_aussi': 13,
      '/liens/voir_aussi/0': 13,
      '/liens/voir_aussi/1': 13,
      '/liens/utilise': 14,
      '/liens/utilise/0': 15,
      '/lieu': 16,
      '/lieu/nom': 16,
      '/lieu/lat': 16,
      '/roles': 17,
      '/roles/0': 18,
      '/roles/0/nom': 18,
      '/roles/0/raison_d_etre': 19,
      '/x_a~0b~1c': 20,
    });
    expect(split.bodyLine).toBe(22);
    expect(split.body.startsWith('Premier paragraphe.')).toBe(true);
  });

  it('maps wiki links of the body to their file lines', () => {
    expect(readFiche(source).wikiLinks).toEqual([
      { slug: 'forum-ouvert', line: 24 },
      { slug: 'world-cafe', line: 25 },
    ]);
  });

  it('gives YAML errors the line of the file, after a --- yaml opening too', () => {
    for (const opening of ['---', '---yaml']) {
      const split = splitFrontMatter(`${opening}\ntitre: Abc\nresume: r\nlicence: CC0-1.0\nresume: encore\n---\n`);
      expect(split.problems).toEqual([{ line: 5, message: 'YAML invalide : clé en double' }]);
    }
  });
});
