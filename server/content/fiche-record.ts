// From a fiche as read to the fiche as served: validation against schema and ontology, merged
// concepts read as their new id, and the facet values and links the index stores.
import { RELATIONS_VOCABULARY, type Ontology } from '../ontology/ontology.js';
import type { FicheValidator } from '../validation/fiche-validator.js';
import { isValidSlug, type FicheType } from './paths.js';
import type { Problem } from './problem.js';
import { lineOfPointer, type FicheReading } from './read-fiche.js';

export interface FicheLink {
  genre: 'relation' | 'wiki' | 'ressource';
  relation: string;
  cible: string;
  /** Line in the file for a wiki link; 0 for front-matter links, found from `pointeur` when needed. */
  ligne: number;
  /** JSON pointer of a front-matter link (`/liens/voir_aussi/0`); '' for a wiki link. */
  pointeur: string;
}

export interface FicheRecord {
  slug: string;
  type: FicheType;
  titre: string;
  resume: string;
  licence: string;
  visibilite: 'public' | 'prive';
  modifie: string | null;
  /** Every front-matter key, concepts resolved (what the API serves). */
  frontMatter: Record<string, unknown>;
  /** [facet, value] pairs: type, licence, tags and every vocabulary field. */
  facets: Array<[string, string]>;
  links: FicheLink[];
}

export function buildFicheRecord(
  type: FicheType,
  slug: string,
  reading: FicheReading,
  validator: FicheValidator,
  ontology: Ontology,
): { record: FicheRecord | null; problems: Problem[] } {
  const problems: Problem[] = reading.problems.map((p) => ({ ...p, severity: 'erreur' }));
  const data = reading.frontMatter;
  if (!data || problems.length > 0) return { record: null, problems };
  for (const message of validator.validate(type, data)) {
    problems.push({ line: lineOfPointer(reading, message.pointer), message: message.message, severity: 'erreur' });
  }
  if (problems.length > 0) return { record: null, problems };

  const frontMatter: Record<string, unknown> = { ...data };
  const facets: Array<[string, string]> = [['type', type], ['licence', String(data.licence)]];
  for (const vocabulary of validator.vocabularyKeys(type)) {
    const value = data[vocabulary];
    if (value === undefined) continue;
    const resolve = (id: string) => ontology.resolve(vocabulary, id) ?? id;
    if (Array.isArray(value)) {
      const ids = [...new Set(value.map((id) => resolve(String(id))))];
      frontMatter[vocabulary] = ids;
      ids.forEach((id) => facets.push([vocabulary, id]));
    } else {
      frontMatter[vocabulary] = resolve(String(value));
      facets.push([vocabulary, frontMatter[vocabulary] as string]);
    }
  }
  for (const relation of Object.keys((data.liens ?? {}) as object)) facets.push([RELATIONS_VOCABULARY, relation]);
  for (const tag of new Set(((data.tags as string[] | undefined) ?? []).map(normaliseTag))) {
    if (tag) facets.push(['tags', tag]);
  }

  return {
    record: {
      slug,
      type,
      titre: String(data.titre),
      resume: String(data.resume),
      licence: String(data.licence),
      visibilite: data.visibilite === 'prive' ? 'prive' : 'public',
      modifie: typeof data.modifie === 'string' ? data.modifie : null,
      frontMatter,
      facets,
      links: collectLinks(reading, data),
    },
    problems,
  };
}

/** Tags are free words: one spelling per tag, whatever the case or Unicode form. */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().toLocaleLowerCase('fr');
}

function collectLinks(reading: FicheReading, data: Record<string, unknown>): FicheLink[] {
  const links: FicheLink[] = [];
  const liens = (data.liens ?? {}) as Record<string, string[]>;
  for (const [relation, targets] of Object.entries(liens)) {
    targets.forEach((cible, i) => links.push({ genre: 'relation', relation, cible, ligne: 0, pointeur: `/liens/${relation}/${i}` }));
  }
  ((data.ressources_utilisees ?? []) as string[]).forEach((cible, i) =>
    links.push({ genre: 'ressource', relation: '', cible, ligne: 0, pointeur: `/ressources_utilisees/${i}` }),
  );
  for (const link of reading.wikiLinks) {
    links.push({ genre: 'wiki', relation: '', cible: link.slug, ligne: link.line, pointeur: '' });
  }
  return links;
}

/** A wiki link whose target is not a valid slug can never resolve: say so precisely. */
export function describeDanglingLink(link: FicheLink): string {
  if (link.genre === 'wiki' && !isValidSlug(link.cible)) {
    return `lien wiki [[${link.cible}]] : « ${link.cible} » n’est pas un slug valide (minuscules sans accents, chiffres et tirets)`;
  }
  if (link.genre === 'wiki') return `lien wiki [[${link.cible}]] : la fiche « ${link.cible} » n’existe pas`;
  if (link.genre === 'ressource') return `ressources_utilisees : la fiche « ${link.cible} » n’existe pas`;
  return `liens.${link.relation} : la fiche « ${link.cible} » n’existe pas`;
}
