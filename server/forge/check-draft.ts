// Checks a fiche about to be written with the same rules as a fiche read from disk (the type's
// JSON Schema and the live ontology), and answers field by field, in French, for the form and
// the API (`champs: {<key>: <message>}`). Nothing is written when a field has a message.
import { FICHE_TYPES, isValidSlug, SLUG_MAX_LENGTH, type FicheType } from '../content/paths.js';
import { MAX_FICHE_BYTES, readFiche } from '../content/read-fiche.js';
import type { Catalogue } from '../index/catalogue.js';
import { splitFrontMatter } from '../content/front-matter.js';
import { ficheFileText, type FicheDraft } from './fiche-file.js';

/** Key of `champs` for a problem that belongs to no single field. */
export const WHOLE_FICHE = '_fiche';
const REQUIRED_KEYS = ['titre', 'resume', 'licence'];

export interface CheckedDraft {
  type: FicheType | null;
  text: string;
  champs: Record<string, string>;
}

export function checkDraft(catalogue: Catalogue, type: unknown, slug: string, draft: FicheDraft): CheckedDraft {
  const champs: Record<string, string> = {};
  const add = (key: string, message: string) => {
    champs[key] = champs[key] ? `${champs[key]} ; ${message}` : message;
  };
  const ficheType = FICHE_TYPES.includes(type as FicheType) ? (type as FicheType) : null;
  if (!ficheType) add('type', `type inconnu : valeurs permises : ${FICHE_TYPES.join(', ')}`);
  if (!isValidSlug(slug)) {
    add('slug', `slug invalide : des minuscules sans accent, des chiffres et des tirets (${SLUG_MAX_LENGTH} caractères au plus)`);
  }
  for (const key of REQUIRED_KEYS) {
    const value = draft.frontMatter[key];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) add(key, 'ce champ est obligatoire');
  }
  const text = ficheFileText(draft);
  if (Buffer.byteLength(text) > MAX_FICHE_BYTES) add('corps', 'la fiche dépasse 1 Mio');
  if (ficheType) {
    const reading = readFiche(text);
    for (const problem of reading.problems) add(WHOLE_FICHE, problem.message);
    if (reading.frontMatter) {
      for (const { pointer, message } of catalogue.validator.validate(ficheType, reading.frontMatter)) {
        const key = fieldOf(pointer);
        // Missing required keys are already said, next to their field.
        if (key === WHOLE_FICHE && REQUIRED_KEYS.some((k) => champs[k])) continue;
        add(key, message);
      }
    }
  }
  return { type: ficheType, text, champs };
}

/** `/liens/voir_aussi/0` → `liens`; the root → WHOLE_FICHE. */
function fieldOf(pointer: string): string {
  const first = pointer.split('/')[1];
  return first === undefined || first === '' ? WHOLE_FICHE : first.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The same checks on a whole file text (a proposition re-based on the current version). */
export function checkText(catalogue: Catalogue, type: FicheType, slug: string, text: string): Record<string, string> {
  const split = splitFrontMatter(text);
  if (split.problems.length > 0 || !split.data) return { [WHOLE_FICHE]: split.problems[0]?.message ?? 'front matter illisible' };
  return checkDraft(catalogue, type, slug, { frontMatter: split.data, corps: split.body }).champs;
}
