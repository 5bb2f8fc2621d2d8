// The vocabularies a generated corpus draws its concepts from (content/ontologie by default),
// read with the `yaml` package on their own, independently of the server's loader.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface CorpusConcept {
  id: string;
  label: string;
  broader: string | null;
  remplace_par: string | null;
}

export interface CorpusVocabulary {
  id: string;
  hierarchique: boolean;
  concepts: CorpusConcept[];
}

/** Facet vocabularies (all but `relations`) and the relation ids, from an ontology folder. */
export function loadVocabularies(ontologyDir: string): { facets: Map<string, CorpusVocabulary>; relations: string[] } {
  const facets = new Map<string, CorpusVocabulary>();
  let relations: string[] = [];
  for (const name of fs.readdirSync(ontologyDir).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const data = parse(fs.readFileSync(path.join(ontologyDir, name), 'utf8')) as {
      id: string;
      hierarchique?: boolean;
      concepts: Array<{ id: string; label: string; broader?: string; remplace_par?: string }>;
    };
    if (data.id === 'relations') {
      relations = data.concepts.map((c) => c.id);
      continue;
    }
    facets.set(data.id, {
      id: data.id,
      hierarchique: data.hierarchique === true,
      concepts: data.concepts.map((c) => ({ id: c.id, label: c.label, broader: c.broader ?? null, remplace_par: c.remplace_par ?? null })),
    });
  }
  return { facets, relations };
}
