// The query string of GET /api/fiches and /fiches, checked and normalised: facet filters
// (vocabularies, type, tags, licence), full-text query, sort and paging.
import { AppError } from '../errors.js';
import type { Ontology } from '../ontology/ontology.js';
import { RELATIONS_VOCABULARY } from '../ontology/ontology.js';
import { normaliseTag } from '../content/fiche-record.js';
import { MAX_QUERY_CHARS } from './parse-query.js';

export type Sort = 'pertinence' | 'titre' | 'modifie';
export const SORTS: readonly Sort[] = ['pertinence', 'titre', 'modifie'];
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;
export const FIXED_FILTERS = ['type', 'tags', 'licence'] as const;
const CONTROL_PARAMS = ['q', 'tri', 'page', 'par_page'];

export interface ListQuery {
  q: string | null;
  /** facet → selected values (concept ids resolved through remplace_par). */
  filters: Map<string, string[]>;
  tri: Sort;
  /** The sort the reader asked for; null: the default (pertinence with a query, titre without). */
  triDemande: Sort | null;
  page: number;
  parPage: number;
}

export type RawQuery = Record<string, string | string[] | undefined>;

/** Facet names a query may filter on. */
export function filterNames(ontology: Ontology): string[] {
  return [...FIXED_FILTERS, ...ontology.facetVocabularies().map((v) => v.id)];
}

/**
 * `strict`: unknown parameters are an error (API); pages ignore them (a form may add fields).
 */
export function parseListQuery(raw: RawQuery, ontology: Ontology, strict: boolean): ListQuery {
  const filterable = new Set(filterNames(ontology));
  if (strict) {
    const unknown = Object.keys(raw).filter((k) => !filterable.has(k) && !CONTROL_PARAMS.includes(k));
    if (unknown.length > 0) {
      const hint = unknown.includes(RELATIONS_VOCABULARY) ? ' (relations n’est pas une facette)' : '';
      throw new AppError('parametre_inconnu', `Paramètre inconnu : ${unknown.map((k) => `« ${k} »`).join(', ')}${hint}. Paramètres acceptés : q, tri, page, par_page, ${[...filterable].join(', ')}.`, {
        parametres: unknown,
      });
    }
  }
  // `q` is never an error (contract): repeated, its values are read as one text. Cut to what the
  // parser reads anyway: a 2 MB q was echoed in every facet and paging link of /fiches (8 MB of
  // HTML, 4 s).
  const q = list(own(raw, 'q')).join(' ').slice(0, MAX_QUERY_CHARS).trim() || null;
  const filters = new Map<string, string[]>();
  for (const name of filterable) {
    const values = list(own(raw, name));
    if (values.length === 0) continue;
    filters.set(name, [...new Set(values.map((v) => normaliseFilterValue(name, v, ontology)))]);
  }
  const triRaw = single(own(raw, 'tri'), 'tri') || null;
  if (triRaw !== null && !SORTS.includes(triRaw as Sort)) {
    throw new AppError('parametre_invalide', `Le paramètre « tri » doit valoir ${SORTS.join(', ')} (reçu : « ${triRaw.slice(0, 40)} »).`, { parametre: 'tri' });
  }
  const tri = (triRaw as Sort | null) ?? (q ? 'pertinence' : 'titre');
  return {
    q,
    filters,
    tri,
    triDemande: triRaw as Sort | null,
    page: integer(own(raw, 'page'), 'page', 1, 1_000_000, 1),
    parPage: integer(own(raw, 'par_page'), 'par_page', 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
  };
}

function normaliseFilterValue(facet: string, value: string, ontology: Ontology): string {
  if (facet === 'tags') return normaliseTag(value);
  if (ontology.vocabulary(facet)) return ontology.resolve(facet, value) ?? value;
  return value;
}

/**
 * A parameter of the query string, only if it was given: the parsed query object inherits from
 * Object.prototype, so `raw[name]` for a vocabulary named `constructor` read the Object function
 * and every listing failed with a 500. Anything but strings is dropped for the same reason.
 */
function own(raw: RawQuery, name: string): string | string[] | undefined {
  if (!Object.hasOwn(raw, name)) return undefined;
  const value: unknown = raw[name];
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '').slice(0, 200);
}

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new AppError('parametre_invalide', `Le paramètre « ${name} » ne peut être donné qu’une fois.`, { parametre: name });
    return value[0];
  }
  return value;
}

function integer(value: string | string[] | undefined, name: string, min: number, max: number, fallback: number): number {
  const text = single(value, name)?.trim();
  if (text === undefined || text === '') return fallback;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('parametre_invalide', `Le paramètre « ${name} » doit être un entier entre ${min} et ${max.toLocaleString('fr-FR')} (reçu : « ${text.slice(0, 40)} »).`, {
      parametre: name,
    });
  }
  return n;
}
