// npm run bench [-- --quick]: measures the forge on generated corpora of 1,000, 10,000 and
// 50,000 fiches (1,000 only and short loads with --quick), with baselines measured in the same
// run, and writes bench/report.md and bench/report.json (bench/out/ for --quick). Fails only
// on errors (a server that does not start, an error or a non-2xx answer under load), never on
// time: the report says which targets are met.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBenchCorpus } from '../corpus/bench-corpus.js';
import { loadTest, round, sequentialLatencies, type Throughput } from './load.js';
import { facetQueries, fichePaths, filteredListPaths, searchQueries } from './queries.js';
import { machine, writeReport, type Report, type SizeResult } from './report.js';
import { ROOT, rssMegabytes, runScript, startServer } from './server-process.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000] : [1_000, 10_000, 50_000];
const loadSeconds = quick ? 2 : 10;
const SEED = 1;
const PORT = 3900 + Math.floor(Math.random() * 90);
const ontologyDir = path.join(ROOT, 'content', 'ontologie');
const problems: string[] = [];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function checkLoad(label: string, result: Throughput): Throughput {
  if (result.errors > 0 || result.non2xx > 0) problems.push(`${label} : ${result.errors} erreurs, ${result.non2xx} réponses non 2xx`);
  return result;
}

async function httpBaseline(): Promise<Throughput> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'http-baseline.ts')], { env: { ...process.env, PORT: String(PORT + 95) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  try {
    return checkLoad('node:http', await loadTest(`http://127.0.0.1:${PORT + 95}`, ['/'], loadSeconds));
  } finally {
    child.kill();
  }
}

function importIntoGit(contentDir: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Banc d’essai', GIT_AUTHOR_EMAIL: 'bench@localhost', GIT_COMMITTER_NAME: 'Banc d’essai', GIT_COMMITTER_EMAIL: 'bench@localhost' };
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'Corpus du banc d’essai']]) {
    execFileSync('git', ['-c', 'commit.gpgSign=false', ...args], { cwd: contentDir, env, stdio: 'ignore' });
  }
}

async function measureSize(n: number): Promise<SizeResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `forge-bench-${n}-`));
  const contentDir = path.join(work, 'content');
  const dataDir = path.join(work, 'data');
  try {
    log(`${n} fiches : corpus`);
    const corpusMB = round(writeBenchCorpus(contentDir, { count: n, seed: SEED, ontologyDir }) / 1e6);
    // Files dated an hour ago: a restart then sees them as settled, as on a real server.
    const past = new Date(Date.now() - 3_600_000);
    for (const entry of fs.readdirSync(contentDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) fs.utimesSync(path.join(entry.parentPath, entry.name), past, past);
    }
    // A content folder under git, as the forge keeps it: the one-time import commit a server
    // makes of a plain folder is not part of what the index build measures.
    importIntoGit(contentDir);
    log(`${n} fiches : plancher d’analyse`);
    const floor = await runScript<{ ms: number; fiches: number }>('parse-floor.ts', { CONTENT_DIR: contentDir });

    log(`${n} fiches : construction complète`);
    let server = await startServer(contentDir, dataDir, PORT);
    const build = { wallMs: round(server.readyMs), indexMs: server.syncMs ?? Math.round(server.readyMs) };
    await server.stop();

    log(`${n} fiches : démarrage à froid`);
    server = await startServer(contentDir, dataDir, PORT);
    const coldStartMs = round(server.readyMs);
    await server.stop();

    const changed = path.join(contentDir, 'methode', fs.readdirSync(path.join(contentDir, 'methode'))[0]!);
    fs.appendFileSync(changed, '\nUne phrase ajoutée pour le banc d’essai.\n');
    server = await startServer(contentDir, dataDir, PORT);
    const changedStartMs = round(server.readyMs);

    try {
      log(`${n} fiches : latences`);
      const facets = await sequentialLatencies(server.url, facetQueries(ontologyDir, SEED));
      const search = await sequentialLatencies(server.url, searchQueries(SEED).map((q) => `/api/fiches?q=${encodeURIComponent(q)}`));
      if (facets.errors + search.errors > 0) problems.push(`${n} : ${facets.errors + search.errors} requêtes en erreur`);
      log(`${n} fiches : charge`);
      const load = {
        fiche: checkLoad(`${n} fiche`, await loadTest(server.url, fichePaths(contentDir), loadSeconds)),
        list: checkLoad(`${n} liste`, await loadTest(server.url, filteredListPaths(ontologyDir, SEED), loadSeconds)),
        search: checkLoad(`${n} recherche`, await loadTest(server.url, searchQueries(SEED + 1).map((q) => `/api/fiches?q=${encodeURIComponent(q)}`), loadSeconds)),
      };
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rssMB = rssMegabytes(server.process.pid!);
      await server.stop();

      let lunr: SizeResult['lunr'] = null;
      if (!quick || n <= 1_000) {
        log(`${n} fiches : référence Lunr`);
        lunr = await runScript('lunr-baseline.ts', { CONTENT_DIR: contentDir, SEED: String(SEED) }, ['--expose-gc', '--max-old-space-size=6144']);
      }
      return { n, corpusMB, floor, build, coldStartMs, changedStartMs, facets, search, load, rssMB, lunr };
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: 'inherit' });
  log('référence node:http');
  const report: Report = { date: new Date().toISOString(), quick, machine: machine(), loadSeconds, httpBaseline: await httpBaseline(), sizes: [] };
  for (const n of sizes) report.sizes.push(await measureSize(n));
  const md = writeReport(report, path.join(ROOT, 'bench', quick ? 'out' : ''));
  process.stdout.write(md);
  if (problems.length > 0) {
    process.stderr.write(`Le banc d’essai a rencontré des erreurs :\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`échec du banc d’essai : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
