// npm run corpus -- --n 10000 --seed 1 --out /tmp/corpus : writes a benchmark corpus (content
// folder with the sample ontology) to --out. Deterministic from --seed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBenchCorpus } from './corpus/bench-corpus.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
if (!values.out) {
  process.stderr.write('usage : npm run corpus -- --n <nombre> --seed <graine> --out <dossier>\n');
  process.exit(2);
}
const started = Date.now();
const bytes = writeBenchCorpus(path.resolve(values.out), {
  count: Number(values.n),
  seed: Number(values.seed),
  ontologyDir: path.resolve(import.meta.dirname, '..', 'content', 'ontologie'),
});
process.stdout.write(`${values.n} fiches, ${(bytes / 1e6).toFixed(1)} Mo, en ${Date.now() - started} ms : ${values.out}\n`);
