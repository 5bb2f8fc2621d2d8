// Opens the index database and the catalogue, syncs the content folder before the server
// answers, follows changes on disk (when configured) and closes everything on shutdown.
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FSWatcher } from 'chokidar';
import type { Config } from '../config.js';
import { openIndexDb } from '../db/connect.js';
import { openCatalogue, type Catalogue } from '../index/catalogue.js';
import { createSyncQueue, type SyncQueue } from '../index/sync-queue.js';
import { watchContent } from '../index/watch-content.js';
import { listProblems } from '../index/problems.js';
import { formatProblem } from '../content/problem.js';
import { loadSchemaSet } from '../validation/schema-set.js';

const PROBLEMS_REPORT_DELAY_MS = 1500;

declare module 'fastify' {
  interface FastifyInstance {
    catalogue: Catalogue;
    syncQueue: SyncQueue;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const indexDb = await openIndexDb(path.join(config.dataDir, 'index.sqlite'));
    const catalogue = await openCatalogue(config.contentDir, indexDb, loadSchemaSet(path.join(config.rootDir, 'schemas')));
    const syncQueue = createSyncQueue(catalogue, app.log);
    await syncQueue.request('tout');
    app.log.info({ fiches: catalogue.facets.size }, 'catalogue prêt');
    // The summary of content problems waits until the server has started answering: at
    // 50,000 fiches listing them takes longer than the rest of a start.
    let problemsReport: Promise<void> | null = null;
    const problemsTimer = setTimeout(() => {
      problemsReport = listProblems(catalogue).then((problems) => {
        if (problems.length > 0) app.log.warn({ problemes: problems.length, exemple: formatProblem(problems[0]!) }, 'le contenu a des problèmes : npm run validate les liste');
      }, () => {});
    }, PROBLEMS_REPORT_DELAY_MS);
    let watcher: FSWatcher | null = null;
    if (config.watch) {
      watcher = watchContent(config.contentDir, syncQueue);
      // Files changed between the first sync and the moment the watcher is in place raise no
      // event: one more (stat-only) pass once it is ready catches them.
      watcher.once('ready', () => void syncQueue.request('tout'));
    }

    app.decorate('catalogue', catalogue);
    app.decorate('syncQueue', syncQueue);
    app.addHook('onClose', async () => {
      clearTimeout(problemsTimer);
      await problemsReport;
      await watcher?.close();
      await syncQueue.idle();
      await indexDb.close();
    });
  },
  { name: 'catalogue' },
);
