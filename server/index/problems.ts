// Every problem of the content folder, as `path:line: message`: each file's own problems, slugs
// claimed twice, and links to fiches that do not exist.
import { describeDanglingLink } from '../content/fiche-record.js';
import type { LocatedProblem, Problem } from '../content/problem.js';
import { listDanglingLinks } from '../db/fiches-repository.js';
import { getSources, listDuplicateSlugs, listSourcesWithProblems } from '../db/sources-repository.js';
import { lineOfPointer, restoreReading, type FicheReading } from '../content/read-fiche.js';
import type { Catalogue } from './catalogue.js';

export async function listProblems(catalogue: Catalogue): Promise<LocatedProblem[]> {
  const problems: LocatedProblem[] = [];
  for (const row of await listSourcesWithProblems(catalogue.db)) {
    for (const problem of JSON.parse(row.problemes) as Problem[]) problems.push({ path: row.path, ...problem });
  }
  for (const { slug, paths } of await listDuplicateSlugs(catalogue.db)) {
    const all = paths.split(',').sort();
    for (const path of all) {
      const others = all.filter((p) => p !== path).join(', ');
      problems.push({ path, line: 1, severity: 'erreur', message: `le slug « ${slug} » est déjà pris par ${others} : un slug est unique entre tous les types ; aucune des deux fiches n’est publiée` });
    }
  }
  const dangling = await listDanglingLinks(catalogue.db);
  // Front-matter links carry a pointer; their line is looked up only now, in the few files concerned.
  const readings = new Map<string, FicheReading>();
  for (const row of await getSources(catalogue.db, [...new Set(dangling.filter((l) => l.pointeur).map((l) => l.path))])) {
    readings.set(row.path, restoreReading(row.lecture));
  }
  for (const link of dangling) {
    const reading = readings.get(link.path);
    const line = link.pointeur && reading ? lineOfPointer(reading, link.pointeur) : link.ligne;
    problems.push({ path: link.path, line, severity: 'avertissement', message: describeDanglingLink(link) });
  }
  return problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
