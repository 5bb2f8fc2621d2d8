// Every problem of the content folder, as `path:line: message`: each file's own problems, slugs
// claimed twice, and links to fiches that do not exist.
import { describeDanglingLink } from '../content/fiche-record.js';
import type { LocatedProblem, Problem } from '../content/problem.js';
import { listDanglingLinks } from '../db/fiches-repository.js';
import { listDuplicateSlugs, listSourcesWithProblems } from '../db/sources-repository.js';
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
  for (const link of await listDanglingLinks(catalogue.db)) {
    problems.push({ path: link.path, line: link.ligne, severity: 'avertissement', message: describeDanglingLink(link) });
  }
  return problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
