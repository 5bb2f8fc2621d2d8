// Baseline: the engine we chose not to use server-side. Builds a Lunr index (French stemmer,
// title and résumé boosted like our BM25 weights) of CONTENT_DIR and runs the benchmark's
// searches through the safe query API; prints {buildMs, heapMB, p50, p95} as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { lunr } from '../../server/analysis/french.js';
import { FICHE_TYPES } from '../../server/content/paths.js';
import { readFiche } from '../../server/content/read-fiche.js';
import { searchQueries } from './queries.js';

const contentDir = process.env.CONTENT_DIR!;
const docs: Array<{ id: string; titre: string; resume: string; corps: string }> = [];
for (const type of FICHE_TYPES) {
  for (const name of fs.readdirSync(path.join(contentDir, type))) {
    const reading = readFiche(fs.readFileSync(path.join(contentDir, type, name), 'utf8'));
    const fm = reading.frontMatter ?? {};
    docs.push({ id: name, titre: String(fm.titre ?? ''), resume: String(fm.resume ?? ''), corps: reading.text });
  }
}
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const index = lunr(function build() {
  this.use((lunr as unknown as { fr: lunr.Builder.Plugin }).fr);
  this.ref('id');
  this.field('titre', { boost: 10 });
  this.field('resume', { boost: 4 });
  this.field('corps');
  for (const doc of docs) this.add(doc);
});
const buildMs = performance.now() - started;
global.gc?.();
const heapMB = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6);
const times: number[] = [];
for (const text of searchQueries(Number(process.env.SEED ?? 1))) {
  const words = lunr.tokenizer(text).map((t) => t.toString().replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  const t0 = performance.now();
  index.query((q) => {
    for (const word of words) q.term(word, { presence: lunr.Query.presence.REQUIRED });
  });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (q: number) => Math.round(times[Math.floor(q * times.length)]! * 100) / 100;
process.stdout.write(`${JSON.stringify({ buildMs: Math.round(buildMs), heapMB, p50: at(0.5), p95: at(0.95) })}\n`);
