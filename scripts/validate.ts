// npm run validate: checks CONTENT_DIR like the server would, prints `path:line: message` per
// problem and exits 1 if there is any. Uses an in-memory index: it never touches DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config.js';
import { formatProblem } from '../server/content/problem.js';
import { openIndexDb } from '../server/db/connect.js';
import { openCatalogue } from '../server/index/catalogue.js';
import { listProblems } from '../server/index/problems.js';
import { syncContent } from '../server/index/sync.js';
import { loadSchemaSet } from '../server/validation/schema-set.js';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  // A missing folder would scan as empty content and pass: a typo in CONTENT_DIR must not.
  if (!fs.statSync(config.contentDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(`CONTENT_DIR « ${config.contentDir} » n’est pas un dossier`);
  }
  const indexDb = await openIndexDb(':memory:');
  try {
    const catalogue = await openCatalogue(config.contentDir, indexDb, loadSchemaSet(path.join(config.rootDir, 'schemas')));
    const report = await syncContent(catalogue, 'tout');
    const problems = await listProblems(catalogue);
    const relative = path.relative(process.cwd(), config.contentDir);
    const shownRoot = relative === '' ? '.' : relative.startsWith('..') ? config.contentDir : relative;
    for (const problem of problems) {
      process.stdout.write(`${formatProblem({ ...problem, path: path.join(shownRoot, problem.path) })}\n`);
    }
    const errors = problems.filter((p) => p.severity === 'erreur').length;
    const summary = `${report.lus} fichiers lus, ${catalogue.facets.size} fiches publiées, ${errors} erreur(s), ${problems.length - errors} avertissement(s)`;
    process.stderr.write(`${summary}\n`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    await indexDb.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? 'configuration : ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
