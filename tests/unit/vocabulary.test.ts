// Reading a vocabulary file: lenient where a mistake only concerns one key or one concept,
// strict where the whole vocabulary would be meaningless.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVocabulary } from '../../server/ontology/read-vocabulary.js';
import { createAjv } from '../../server/validation/ajv.js';
import { reservedKeys } from '../../server/validation/fiche-validator.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { REPO_ROOT } from '../helpers/content.js';

const schemas = loadSchemaSet(path.join(REPO_ROOT, 'schemas'));
const validate = createAjv(() => undefined).compile(schemas.vocabulaire);
const reserved = reservedKeys(schemas);
const read = (id: string, text: string) => readVocabulary(id, text, validate, reserved);

describe('readVocabulary', () => {
  it('loads a vocabulary with an unknown key, with a warning on its line', () => {
    const { vocabulary, problems } = read('publics', 'id: publics\nlabel: Publics\nnotes: à revoir\nconcepts:\n  - id: jeunes\n    label: Jeunes\n    exemple: x\n');
    expect(vocabulary?.concepts.map((c) => c.id)).toEqual(['jeunes']);
    expect(problems).toEqual([
      { line: 3, severity: 'avertissement', message: expect.stringContaining('« notes »') },
      { line: 7, severity: 'avertissement', message: expect.stringContaining('« exemple »') },
    ]);
  });

  it('drops only the concept that is wrong', () => {
    const { vocabulary, problems } = read('publics', 'id: publics\nlabel: Publics\nconcepts:\n  - id: jeunes\n    label: Jeunes\n  - id: Aînés\n    label: Aînés\n  - id: sans-label\n');
    expect(vocabulary?.concepts.map((c) => c.id)).toEqual(['jeunes']);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [6, 'erreur'],
      [8, 'erreur'],
    ]);
  });

  it('refuses a file without id, label or concept list, or whose id is not its name', () => {
    expect(read('publics', 'label: Publics\nconcepts: []\n').vocabulary).toBeNull();
    expect(read('publics', 'id: publics\nconcepts: []\n').vocabulary).toBeNull();
    expect(read('publics', 'id: publics\nlabel: Publics\nconcepts: jeunes\n').vocabulary).toBeNull();
    const renamed = read('publics', 'id: public\nlabel: Publics\nconcepts: []\n');
    expect(renamed.vocabulary).toBeNull();
    expect(renamed.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining('nom du fichier') });
  });

  it('refuses a vocabulary named like a fiche key', () => {
    const { vocabulary, problems } = read('titre', 'id: titre\nlabel: Titre\nconcepts: []\n');
    expect(vocabulary).toBeNull();
    expect(problems[0]!.message).toContain('déjà une clé de fiche');
  });

  it('reads a vocabulary that files concepts under broader ones as hierarchical', () => {
    const { vocabulary } = read('lieux', 'id: lieux\nlabel: Lieux\nconcepts:\n  - id: france\n    label: France\n  - id: france/lyon\n    label: Lyon\n    broader: france\n');
    expect(vocabulary?.hierarchique).toBe(true);
    expect(vocabulary?.concepts.find((c) => c.id === 'france/lyon')?.broader).toBe('france');
  });

  it('reports broken references, loops and duplicates on the concept’s line', () => {
    const text = [
      'id: themes2',
      'label: Thèmes',
      'hierarchique: true',
      'concepts:',
      '  - id: a',
      '    label: A',
      '  - id: b',
      '    label: B',
      '    broader: inconnu',
      '  - id: c',
      '    label: C',
      '    remplace_par: d',
      '  - id: d',
      '    label: D',
      '    remplace_par: c',
      '  - id: a',
      '    label: A bis',
      '',
    ].join('\n');
    const { vocabulary, problems } = read('themes2', text);
    expect(vocabulary?.concepts.map((c) => c.id)).toEqual(['a']);
    expect(problems.map((p) => p.line).sort((x, y) => x - y)).toEqual([7, 10, 13, 16]);
    expect(problems.every((p) => p.severity === 'erreur')).toBe(true);
  });
});
