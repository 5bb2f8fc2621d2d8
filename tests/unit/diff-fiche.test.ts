// The readable difference between two revisions of a fiche (server/git/diff-fiche.ts): front
// matter key by key, compared as data; body line by line.
import { describe, expect, it } from 'vitest';
import { diffFiche, readableValue } from '../../server/git/diff-fiche.js';

const before = `---
titre: Cercle de dialogue
resume: Un format d'échange.
licence: CC-BY-SA-4.0
tags: [dialogue, écoute]
lieu: { nom: Paris 8, lat: 48.945 }
niveau: en-usage
---
Première ligne.
Deuxième ligne.
Troisième ligne.
`;

const after = `---
titre: Cercle de dialogue
resume: "Un format d'échange en cercle."
licence: CC-BY-SA-4.0
tags:
  - dialogue
  - écoute
  - confiance
lieu: { lat: 48.945, nom: Paris 8 }
contextes: [tiers-lieux]
---
Première ligne.
Deuxième ligne, reformulée.
Troisième ligne.
Quatrième ligne.
`;

describe('diffFiche', () => {
  it('lists the changed, added and removed keys only, values as readable text', () => {
    const { champs } = diffFiche(before, after);
    expect(champs).toEqual([
      { cle: 'resume', avant: "Un format d'échange.", apres: "Un format d'échange en cercle.", statut: 'modifie' },
      { cle: 'tags', avant: 'dialogue, écoute', apres: 'dialogue, écoute, confiance', statut: 'modifie' },
      { cle: 'contextes', avant: null, apres: 'tiers-lieux', statut: 'ajoute' },
      { cle: 'niveau', avant: 'en-usage', apres: null, statut: 'supprime' },
    ]);
  });

  it('compares the body line by line, in blocks', () => {
    const { corps } = diffFiche(before, after);
    expect(corps).toEqual([
      { type: 'egal', lignes: ['Première ligne.'] },
      { type: 'supprime', lignes: ['Deuxième ligne.'] },
      { type: 'ajoute', lignes: ['Deuxième ligne, reformulée.'] },
      { type: 'egal', lignes: ['Troisième ligne.'] },
      { type: 'ajoute', lignes: ['Quatrième ligne.'] },
    ]);
  });

  it('shows a creation as everything added and a deletion as everything removed', () => {
    const created = diffFiche(null, before);
    expect(created.champs.map((c) => [c.cle, c.statut])).toEqual([
      ['titre', 'ajoute'], ['resume', 'ajoute'], ['licence', 'ajoute'], ['tags', 'ajoute'], ['lieu', 'ajoute'], ['niveau', 'ajoute'],
    ]);
    expect(created.champs.find((c) => c.cle === 'lieu')?.apres).toBe('nom : Paris 8 ; lat : 48.945');
    expect(created.corps).toEqual([{ type: 'ajoute', lignes: ['Première ligne.', 'Deuxième ligne.', 'Troisième ligne.'] }]);
    const deleted = diffFiche(before, null);
    expect(deleted.champs.every((c) => c.statut === 'supprime' && c.apres === null)).toBe(true);
    expect(deleted.corps).toEqual([{ type: 'supprime', lignes: ['Première ligne.', 'Deuxième ligne.', 'Troisième ligne.'] }]);
  });

  it('finds nothing between two writings of the same data (quotes, flow or block lists, CRLF)', () => {
    const same = before.replace('resume: Un format', 'resume: "Un format').replace("d'échange.", "d'échange.\"").replace(/\n/g, '\r\n');
    expect(diffFiche(before, same)).toEqual({ champs: [], corps: [{ type: 'egal', lignes: ['Première ligne.', 'Deuxième ligne.', 'Troisième ligne.'] }] });
  });

  it('compares a text without a valid front matter as body only', () => {
    const broken = '---\ntitre: [pas fermé\n---\nCorps.\n';
    const result = diffFiche(broken, 'Corps.\n');
    expect(result.champs).toEqual([]);
    expect(result.corps).toEqual([
      { type: 'supprime', lignes: ['---', 'titre: [pas fermé', '---'] },
      { type: 'egal', lignes: ['Corps.'] },
    ]);
    // One side valid, the other not: the valid side's keys are all added.
    expect(diffFiche('Corps.\n', before).champs.every((c) => c.statut === 'ajoute')).toBe(true);
  });

  it('never evaluates a JavaScript front matter: it is body text', () => {
    const hostile = '---js\n{ titre: (function () { globalThis.evalue = true; return "x"; })() }\n---\nCorps.\n';
    const result = diffFiche(null, hostile);
    expect(result.champs).toEqual([]);
    expect(result.corps[0]?.lignes[0]).toBe('---js');
    expect((globalThis as Record<string, unknown>).evalue).toBeUndefined();
  });
});

describe('readableValue', () => {
  it('writes values as a reader would', () => {
    expect(readableValue('texte')).toBe('texte');
    expect(readableValue(12)).toBe('12');
    expect(readableValue(true)).toBe('true');
    expect(readableValue(['a', 'b'])).toBe('a, b');
    expect(readableValue({ voir_aussi: ['a', 'b'], source: ['c'] })).toBe('voir_aussi : a, b ; source : c');
    expect(readableValue([{ nom: 'Animateur', raison_d_etre: 'Tenir le cadre' }, { nom: 'Scribe' }])).toBe(
      '(nom : Animateur ; raison_d_etre : Tenir le cadre), (nom : Scribe)',
    );
    expect(readableValue({ min: 3, max: 12 })).toBe('min : 3 ; max : 12');
    expect(readableValue(null)).toBe('');
  });
});
