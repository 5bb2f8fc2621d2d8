// The edit form generated from the schemas, read back: whatever a fiche holds comes back from
// the form unchanged (lists, small objects, relations, sub-fields), rows left empty are
// dropped, rows stay aligned when some cells are empty, and a relation typed as a title goes
// through the resolver.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndexDb, type IndexDb } from '../../server/db/connect.js';
import { openCatalogue, type Catalogue } from '../../server/index/catalogue.js';
import { syncContent } from '../../server/index/sync.js';
import { buildFicheForm, keysOutsideForm, type FormField } from '../../server/forms/fiche-form.js';
import { readFicheForm, type PostedForm } from '../../server/forms/read-fiche-form.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { REPO_ROOT, contentWithSampleOntology } from '../helpers/content.js';

let index: IndexDb;
let catalogue: Catalogue;

beforeAll(async () => {
  index = await openIndexDb(':memory:');
  catalogue = await openCatalogue(contentWithSampleOntology(), index, loadSchemaSet(path.join(REPO_ROOT, 'schemas')));
  await syncContent(catalogue, 'tout');
});
afterAll(() => index.close());

/** What a browser sends for the form as rendered (the template's names, one value per row). */
function post(fields: FormField[], carried: Record<string, unknown>): PostedForm {
  const body: Record<string, string[]> = { _autres: [JSON.stringify(carried)] };
  const add = (name: string, value: string) => (body[name] ??= []).push(value);
  for (const f of fields) {
    if (f.columns.length > 0) for (const row of f.rows) f.columns.forEach((c, i) => add(c.posted, row.cells[i]!));
    else if (f.kind === 'cases' || f.kind === 'arbre') for (const o of f.options.filter((o) => o.checked)) add(`f_${f.name}`, o.id);
    else if (f.kind === 'choix') add(`f_${f.name}`, f.options.find((o) => o.checked)?.id ?? '');
    else if (f.parts.length > 0) for (const p of f.parts) add(`f_${f.name}.${p.name}`, p.text);
    else add(`f_${f.name}`, f.text);
  }
  return body;
}

const methode = {
  titre: 'Cercle',
  resume: 'Se parler.',
  licence: 'CC-BY-SA-4.0',
  auteurs: ['Ada Lovelace', 'Bob'],
  tags: ['écoute', 'parole'],
  contextes: ['tiers-lieux', 'quartiers'],
  roles: [{ nom: 'Facilitatrice', raison_d_etre: 'Garder le cadre' }, { nom: 'Gardien du temps' }],
  liens: { voir_aussi: ['a', 'b'], ancienne_relation: ['c'] },
  lieu: { nom: 'Lyon', lat: 45.76, lon: 4.84 },
  participants: { min: 5, max: 30 },
  x_source: 'import',
};

describe('the edit form generated from the schemas', () => {
  it('gives back exactly what the fiche holds, with one empty row to fill per list', () => {
    const fields = buildFicheForm(catalogue.schemaSet, catalogue.ontology, 'methode', methode, { titleOf: (slug) => (slug === 'a' ? 'Fiche A' : null) });
    const authors = fields.find((f) => f.name === 'auteurs')!;
    expect(authors.rows.map((r) => r.cells)).toEqual([['Ada Lovelace'], ['Bob'], ['']]);
    const roles = fields.find((f) => f.name === 'roles')!;
    expect(roles.columns.map((c) => c.label)).toEqual(['Nom du rôle', 'Raison d’être']);
    const liens = fields.find((f) => f.name === 'liens')!;
    expect(liens.rows).toEqual([
      { cells: ['voir_aussi', 'a'], titre: 'Fiche A' },
      { cells: ['voir_aussi', 'b'], titre: null },
      { cells: ['ancienne_relation', 'c'], titre: null },
      { cells: ['', ''] },
    ]);
    expect(liens.options.map((o) => o.id)).toContain('ancienne_relation'); // a relation no longer offered is kept
    const back = readFicheForm(catalogue.schemaSet, catalogue.ontology, 'methode', post(fields, keysOutsideForm(catalogue.schemaSet, 'methode', methode)));
    expect(back).toEqual(methode);
  });

  it('drops empty rows, keeps rows aligned, splits pasted lines and resolves typed titles', () => {
    const body: PostedForm = {
      'f_auteurs[]': ['  Ada  ', '', 'Bob\nCharlie', ''],
      'f_roles.nom[]': ['A', '', 'C', ''],
      'f_roles.raison_d_etre[]': ['x', 'y', '', ''],
      'f_liens.relation[]': ['utilise', 'voir_aussi', 'utilise'],
      'f_liens.fiche[]': ['Jardins partagés', '', 'voisin'],
    };
    const back = readFicheForm(catalogue.schemaSet, catalogue.ontology, 'methode', body, (typed) => (typed === 'Jardins partagés' ? 'jardin-partage' : typed));
    expect(back.auteurs).toEqual(['Ada', 'Bob', 'Charlie']);
    // The middle row has no name: kept, so that the validator points at it rather than losing it.
    expect(back.roles).toEqual([{ nom: 'A', raison_d_etre: 'x' }, { raison_d_etre: 'y' }, { nom: 'C' }]);
    expect(back.liens).toEqual({ utilise: ['jardin-partage', 'voisin'] });
  });

  it('keeps a hostile relation id as a plain key, for the validator to refuse', () => {
    const back = readFicheForm(catalogue.schemaSet, catalogue.ontology, 'outil', { 'f_liens.relation[]': ['__proto__', 'constructor'], 'f_liens.fiche[]': ['a', 'b'] });
    expect(Object.getPrototypeOf(back.liens)).toBe(Object.prototype);
    expect(Object.entries(back.liens as object)).toEqual([['__proto__', ['a']], ['constructor', ['b']]]);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('keeps a `false`, reads a merged concept as its replacement and keeps an id the vocabulary lost', () => {
    const outil = {
      titre: 'Boussole',
      resume: 'r',
      licence: 'CC0-1.0',
      logiciel_libre: false,
      themes: ['facteurs-de-resilience/democratie-locale', 'theme-disparu'],
    };
    const fields = buildFicheForm(catalogue.schemaSet, catalogue.ontology, 'outil', outil);
    const back = readFicheForm(catalogue.schemaSet, catalogue.ontology, 'outil', post(fields, {}));
    expect(back.logiciel_libre).toBe(false);
    expect(back.themes).toEqual(['facteurs-de-resilience/gouvernance', 'theme-disparu']);
    expect(readFicheForm(catalogue.schemaSet, catalogue.ontology, 'outil', { f_logiciel_libre: '' })).not.toHaveProperty('logiciel_libre');
  });

  it('never lets the carried keys replace the prototype of the front matter', () => {
    const back = readFicheForm(catalogue.schemaSet, catalogue.ontology, 'outil', { _autres: '{"__proto__":{"titre":"hérité"},"x_a":1}', f_resume: 'r' });
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back.titre).toBeUndefined();
    expect(back.x_a).toBe(1);
  });

  it('leaves a list out when every row is empty', () => {
    const back = readFicheForm(catalogue.schemaSet, catalogue.ontology, 'outil', { 'f_auteurs[]': ['', ' '], 'f_liens.relation[]': 'voir_aussi', 'f_liens.fiche[]': '' });
    expect(back).not.toHaveProperty('auteurs');
    expect(back).not.toHaveProperty('liens');
  });
});
