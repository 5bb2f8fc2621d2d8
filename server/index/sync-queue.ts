// Serialises syncs and coalesces bursts of file events: changes that arrive while a sync runs
// are merged into the next one. A failed sync is logged and never stops the server.
import type { Catalogue } from './catalogue.js';
import { syncContent, type SyncReport } from './sync.js';

export interface SyncLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SyncQueue {
  /** Schedules a sync of these paths (or of everything) after `delayMs`. */
  request(scope: 'tout' | string[], delayMs?: number): Promise<void>;
  /** Resolves once nothing is scheduled or running. */
  idle(): Promise<void>;
}

export function createSyncQueue(catalogue: Catalogue, logger: SyncLogger): SyncQueue {
  let pendingAll = false;
  const pendingPaths = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let waiters: Array<() => void> = [];

  const run = async () => {
    const scope: 'tout' | string[] = pendingAll ? 'tout' : [...pendingPaths];
    pendingAll = false;
    pendingPaths.clear();
    try {
      const report: SyncReport = await syncContent(catalogue, scope);
      if (report.lus > 0 || report.supprimes > 0) logger.info({ synchro: report }, 'contenu synchronisé');
    } catch (error) {
      logger.error({ err: error }, 'échec de la synchronisation du contenu');
    }
  };

  const flush = () => {
    timer = null;
    const current = waiters;
    waiters = [];
    running = running.then(run).then(() => current.forEach((resolve) => resolve()));
  };

  return {
    request(scope, delayMs = 0) {
      if (scope === 'tout') pendingAll = true;
      else scope.forEach((p) => pendingPaths.add(p));
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, delayMs);
      });
    },
    async idle() {
      while (timer) await new Promise((resolve) => setTimeout(resolve, 10));
      await running;
    },
  };
}
