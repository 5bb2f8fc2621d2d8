// The crash-safety test of issue 4 (not part of `npm test`: ~1 s per tour). Run:
//   npx tsx scripts/crash-test.ts [--tours 200] [--garder]
// Each tour starts the real server (dist/server.mjs) on a temp copy of the content, checks the
// state the previous crash left once the server is up, fires a burst of concurrent saves, and
// SIGKILLs the server a few ms to 300 ms into it — every other tour together with the git
// commands it runs. Then, before anything restarts, it checks the files, git and SQLite (see
// crash-test/offline-checks.ts and crash-test/index-check.ts). Exit 1 on any problem.
import fs from 'node:fs';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from './backup/cli.js';
import { USAGE, parseCrashTestArguments } from './crash-test/arguments.js';
import { newBurstState, startBurst, warmUp } from './crash-test/burst.js';
import { compareWithRebuild, rebuiltIndex, type IndexedFiche } from './crash-test/index-check.js';
import { checkAfterKill, gitLocks, readFicheFiles, tempFiles, uncommittedFiches, unreadableFiches } from './crash-test/offline-checks.js';
import { startServer, type KillScope, type ServerProcess } from './crash-test/server-process.js';
import { TARGET_SLUGS, prepareCrashSetup, type CrashSetup } from './crash-test/setup.js';

interface Totals {
  kills: Record<KillScope, number>;
  attempted: number;
  acknowledged: number;
  unanswered: number;
  toursWithGitLock: number;
  toursWithTempFiles: number;
  /** Unanswered saves that landed on disk and were never committed (no later save of that fiche). */
  uncommittedAtEnd: number;
  problems: string[];
}

async function main(): Promise<void> {
  const options = parseCrashTestArguments(process.argv.slice(2));
  if (options.help) return void process.stdout.write(`${USAGE}\n`);
  const started = Date.now();
  const setup = await prepareCrashSetup();
  const totals: Totals = { kills: { serveur: 0, groupe: 0 }, attempted: 0, acknowledged: 0, unanswered: 0, toursWithGitLock: 0, toursWithTempFiles: 0, uncommittedAtEnd: 0, problems: [] };
  const report = (tour: number, problems: string[]) => {
    for (const problem of problems) process.stderr.write(`tour ${tour} : ${problem}\n`);
    totals.problems.push(...problems.map((problem) => `tour ${tour} : ${problem}`));
  };
  const knownUnreadable = new Set(unreadableFiches(readFicheFiles(setup.contentDir)));
  const expected = new Map<string, string>();
  const uncertain = new Set<string>();
  // The rebuild from disk runs once the server is up: its start may undo an interrupted write.
  const start = async () => {
    const server = await startServer(setup.serverScript, { CONTENT_DIR: setup.contentDir, DATA_DIR: setup.dataDir, LIMITE_ECRITURES: '1000000' });
    return { server, rebuilt: await rebuiltIndex(setup.contentDir) };
  };
  let { server, rebuilt } = await start();
  try {
    for (let tour = 1; tour <= options.tours; tour += 1) {
      report(tour, await checkAfterStart(setup, server, rebuilt, [...expected.keys()].slice(-20)));
      await refreshTargets(server.baseUrl, expected);
      const state = newBurstState(expected, uncertain);
      const burstOptions = { baseUrl: server.baseUrl, tour, editorToken: setup.editorToken, contributorToken: setup.contributorToken, state };
      await warmUp(burstOptions, TARGET_SLUGS[0]!);
      const burst = startBurst(burstOptions, TARGET_SLUGS);
      await sleep(randomInt(5, 300));
      burst.stop();
      const scope: KillScope = tour % 2 === 0 ? 'groupe' : 'serveur';
      await server.kill(scope);
      await burst.done;

      totals.kills[scope] += 1;
      totals.attempted += state.attempted;
      totals.acknowledged += state.acknowledged;
      totals.unanswered += state.inFlight.size;
      // After a kill of the server alone, its git commands may still be finishing: only a kill of
      // the whole group tells whether a lock is left behind.
      if (scope === 'groupe' && gitLocks(setup.contentDir).length > 0) totals.toursWithGitLock += 1;
      if (tempFiles(setup.contentDir).length > 0) totals.toursWithTempFiles += 1;
      report(tour, [...state.problems, ...(await checkAfterKill(setup.contentDir, setup.dataDir, state, knownUnreadable))]);
      // A save in flight may or may not have landed: what it left is learnt after the restart.
      for (const slug of state.inFlight) {
        expected.delete(slug);
        uncertain.add(slug);
      }
      ({ server, rebuilt } = await start());
      if (tour % 10 === 0) process.stdout.write(`tour ${tour}/${options.tours} : ${totals.acknowledged} écritures acquittées, ${totals.problems.length} problème(s)\n`);
    }
    report(options.tours + 1, await checkAfterStart(setup, server, rebuilt, [...expected.keys()].slice(-20)));
  } finally {
    await server.kill('groupe');
  }
  totals.uncommittedAtEnd = (await uncommittedFiches(setup.contentDir)).length;
  printSummary(options.tours, totals, Date.now() - started);
  if (totals.problems.length > 0 || options.keep) process.stdout.write(`Dossiers conservés : ${setup.root}\n`);
  else fs.rmSync(setup.root, { recursive: true, force: true });
  if (totals.problems.length > 0) process.exitCode = 1;
}

/**
 * Once the server answers: no temp file, no git lock, no fiche changed without its commit (an
 * interrupted write is undone at start), and the index is the one the disk gives.
 */
async function checkAfterStart(setup: CrashSetup, server: ServerProcess, rebuilt: Map<string, IndexedFiche>, recent: string[]): Promise<string[]> {
  const problems = [
    ...tempFiles(setup.contentDir).map((file) => `fichier temporaire resté après le redémarrage : ${file}`),
    ...gitLocks(setup.contentDir).map((lock) => `verrou git resté après le redémarrage : .git/${lock}`),
    ...(await uncommittedFiches(setup.contentDir)).map((file) => `écriture non commitée restée après le redémarrage : ${file}`),
  ];
  return [...problems, ...(await compareWithRebuild(rebuilt, setup.dataDir, server.baseUrl, [...TARGET_SLUGS, ...recent]))];
}

/** The revision of each target fiche as the server now serves it (checked against the disk just before). */
async function refreshTargets(baseUrl: string, expected: Map<string, string>): Promise<void> {
  for (const slug of TARGET_SLUGS) {
    const etag = (await fetch(`${baseUrl}/api/fiches/${slug}`)).headers.get('etag');
    if (etag) expected.set(slug, etag.replaceAll('"', ''));
  }
}

function printSummary(tours: number, totals: Totals, elapsedMs: number): void {
  const lines = [
    `Test de pannes : ${tours} tours en ${Math.round(elapsedMs / 1000)} s (SIGKILL du serveur seul : ${totals.kills.serveur}, du serveur avec ses commandes git : ${totals.kills.groupe})`,
    `  écritures tentées : ${totals.attempted} ; acquittées : ${totals.acknowledged} ; sans réponse à la coupure : ${totals.unanswered}`,
    `  coupures du groupe qui ont laissé un verrou git (retiré au redémarrage) : ${totals.toursWithGitLock} ; coupures qui ont laissé un fichier *.tmp-forge (balayé au redémarrage) : ${totals.toursWithTempFiles}`,
    `  écritures sans réponse restées sur le disque sans commit à la fin : ${totals.uncommittedAtEnd}`,
    '  après chaque coupure : fiches non vides et lisibles, écritures acquittées présentes et commitées, propositions acquittées en base, git fsck, PRAGMA integrity_check (forge.sqlite, index.sqlite)',
    '  après chaque redémarrage : aucun *.tmp-forge, aucun verrou git, aucune écriture non commitée (annulée au démarrage), index identique à une reconstruction depuis le disque (base et API)',
    `Problèmes : ${totals.problems.length}`,
    ...totals.problems.slice(0, 20).map((problem) => `  ${problem}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runCommand(main, USAGE);
