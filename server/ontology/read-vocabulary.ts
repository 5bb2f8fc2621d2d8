// Reads one vocabulary file (content/ontologie/<id>.yaml) into a Vocabulary, with its problems
// as `line: message`. Checks that need every concept of the file (broader, remplace_par,
// cycles) are done here too.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { Problem } from '../content/problem.js';
import { nearestLine, parseYamlSafe } from '../content/yaml-safe.js';
import { describeErrors } from '../validation/messages-fr.js';
import type { Concept as GeneratedConcept, Vocabulaire } from '../generated/index.js';
import type { Concept, Vocabulary } from './ontology.js';

export interface VocabularyReading {
  vocabulary: Vocabulary | null;
  problems: Problem[];
}

const TOP_LEVEL_KEYS = ['id', 'label', 'description', 'hierarchique', 'concepts'];

/**
 * Lenient where it can be: an unknown key is a warning (the vocabulary still loads), a bad
 * concept is dropped alone; only a file without a usable id, label and concept list is refused,
 * since every fiche using the vocabulary depends on it.
 */
export function readVocabulary(fileId: string, text: string, validate: ValidateFunction, reservedKeys: ReadonlySet<string>): VocabularyReading {
  const parsed = parseYamlSafe(text);
  if (parsed.problems.length > 0) return { vocabulary: null, problems: parsed.problems.map((p) => ({ ...p, severity: 'erreur' })) };
  const lineOf = (pointer: string) => nearestLine(parsed.lines, pointer);
  const data = parsed.data as Vocabulaire;
  const problems: Problem[] = [];
  const badConcepts = new Set<number>();
  let fatal = false;
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const [message] = describeErrors([error], { ontology: undefined, knownKeys: TOP_LEVEL_KEYS });
      if (!message) continue;
      const concept = /^\/concepts\/(\d+)/.exec(error.instancePath);
      const unknownKey = error.keyword === 'additionalProperties';
      if (unknownKey) {
        problems.push({ line: lineOf(message.pointer), message: `${message.message} : ignorée`, severity: 'avertissement' });
      } else if (concept) {
        badConcepts.add(Number(concept[1]));
        problems.push({ line: lineOf(message.pointer), message: `${message.message} : concept ignoré`, severity: 'erreur' });
      } else {
        fatal ||= ['', '/id', '/label', '/concepts'].includes(error.instancePath);
        problems.push({ line: lineOf(message.pointer), message: message.message, severity: 'erreur' });
      }
    }
  }
  if (fatal) return { vocabulary: null, problems };
  if (data.id !== fileId) {
    problems.push({ line: lineOf('/id'), message: `id : « ${String(data.id)} » doit être égal au nom du fichier (« ${fileId} »)`, severity: 'erreur' });
    return { vocabulary: null, problems };
  }
  if (reservedKeys.has(fileId)) {
    problems.push({ line: lineOf('/id'), message: `id : « ${fileId} » est déjà une clé de fiche ; choisissez un autre identifiant de vocabulaire`, severity: 'erreur' });
    return { vocabulary: null, problems };
  }
  const rawConcepts = data.concepts as GeneratedConcept[];
  // A vocabulary that says nothing but files concepts under broader ones is a hierarchy.
  const hierarchique = data.hierarchique === true || (data.hierarchique === undefined && rawConcepts.some((c, i) => !badConcepts.has(i) && typeof c.broader === 'string'));
  const seen = new Map<string, number>();
  const concepts: Concept[] = [];
  rawConcepts.forEach((raw, index) => {
    if (badConcepts.has(index)) return;
    const line = lineOf(`/concepts/${index}`);
    if (seen.has(raw.id)) {
      problems.push({ line, message: `concept « ${raw.id} » en double (déjà défini ligne ${seen.get(raw.id)})`, severity: 'erreur' });
      return;
    }
    seen.set(raw.id, line);
    concepts.push({
      id: raw.id,
      label: raw.label,
      alt: raw.alt ?? [],
      description: raw.description ?? null,
      broader: raw.broader ?? null,
      remplace_par: raw.remplace_par ?? null,
      inverse: raw.inverse ?? null,
      symetrique: raw.symetrique === true,
    });
  });
  const kept = checkReferences(concepts, hierarchique, (id) => lineOf(`/concepts/${rawConcepts.findIndex((c) => c.id === id)}`), problems);
  return {
    vocabulary: {
      id: fileId,
      label: String(data.label),
      description: typeof data.description === 'string' ? data.description : null,
      hierarchique,
      concepts: kept,
    },
    problems,
  };
}

/** Drops concepts whose broader/remplace_par point nowhere or loop, reporting each. */
function checkReferences(concepts: Concept[], hierarchique: boolean, lineOf: (id: string) => number, problems: Problem[]): Concept[] {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const bad = new Set<string>();
  for (const concept of concepts) {
    if (concept.broader !== null) {
      if (!hierarchique) {
        problems.push({ line: lineOf(concept.id), message: `concept « ${concept.id} » : broader n’est permis que dans un vocabulaire hiérarchique (hierarchique: true)`, severity: 'erreur' });
        concept.broader = null;
      } else if (!byId.has(concept.broader)) {
        problems.push({ line: lineOf(concept.id), message: `concept « ${concept.id} » : le concept parent « ${concept.broader} » n’existe pas`, severity: 'erreur' });
        bad.add(concept.id);
      } else if (loops(concept.id, (c) => byId.get(c)?.broader ?? null)) {
        problems.push({ line: lineOf(concept.id), message: `concept « ${concept.id} » : la hiérarchie (broader) forme une boucle`, severity: 'erreur' });
        bad.add(concept.id);
      }
    }
    if (concept.remplace_par !== null) {
      if (!byId.has(concept.remplace_par) || concept.remplace_par === concept.id) {
        problems.push({ line: lineOf(concept.id), message: `concept « ${concept.id} » : remplace_par désigne « ${concept.remplace_par} », qui n’existe pas dans ce vocabulaire`, severity: 'erreur' });
        bad.add(concept.id);
      } else if (loops(concept.id, (c) => byId.get(c)?.remplace_par ?? null)) {
        problems.push({ line: lineOf(concept.id), message: `concept « ${concept.id} » : les remplace_par forment une boucle`, severity: 'erreur' });
        bad.add(concept.id);
      }
    }
  }
  return concepts.filter((c) => !bad.has(c.id));
}

function loops(start: string, next: (id: string) => string | null): boolean {
  const visited = new Set<string>([start]);
  for (let current = next(start); current !== null; current = next(current)) {
    if (visited.has(current)) return true;
    visited.add(current);
  }
  return false;
}
