// The write side: opens the forge database (accounts, tokens, propositions: durable state,
// never dropped by a re-index) and the content folder as a git repository, and builds the
// Forge object the write routes hand to the domain. Saves are indexed before they are answered.
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { forgeDbPath, openForgeDb } from '../forge-db/connect.js';
import { createForge, type Forge } from '../forge/forge.js';
import { openContentRepository } from '../git/content-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    forge: Forge;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const forgeDb = await openForgeDb(forgeDbPath(config.dataDir));
    const repository = await openContentRepository(config.contentDir);
    if (repository.sweptTempFiles.length > 0) app.log.warn({ fichiers: repository.sweptTempFiles }, 'fichiers temporaires d’une écriture interrompue supprimés');
    if (repository.undoneWrite) app.log.warn({ fichier: repository.undoneWrite }, 'écriture interrompue avant son commit annulée (jamais acquittée)');
    if (repository.removedGitLocks.length > 0) app.log.warn({ verrous: repository.removedGitLocks }, 'verrous git d’une commande interrompue supprimés');
    const forge = createForge({
      catalogue: app.catalogue,
      syncPaths: (paths) => app.syncQueue.request(paths),
      repository,
      forgeDb,
      policy: config.reviewPolicy,
    });
    app.decorate('forge', forge);
    app.addHook('onClose', async () => {
      await forgeDb.close();
    });
  },
  { name: 'forge', dependencies: ['catalogue'] },
);
