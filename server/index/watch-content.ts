// Follows the content folder while the server runs: a file added, changed or deleted is synced
// within a fraction of a second, without restart.
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import type { SyncQueue } from './sync-queue.js';

const DEBOUNCE_MS = 80;

export function watchContent(contentDir: string, queue: SyncQueue): FSWatcher {
  const watcher = chokidar.watch(contentDir, {
    ignoreInitial: true,
    depth: 1,
    ignored: (file) => path.basename(file).startsWith('.') && file !== contentDir,
  });
  const onFile = (file: string) => {
    const rel = path.relative(contentDir, file).split(path.sep).join('/');
    void queue.request([rel], DEBOUNCE_MS);
  };
  watcher.on('add', onFile).on('change', onFile).on('unlink', onFile);
  // A folder appearing or vanishing (a type folder moved in or out): look at everything.
  watcher.on('addDir', () => void queue.request('tout', DEBOUNCE_MS)).on('unlinkDir', () => void queue.request('tout', DEBOUNCE_MS));
  watcher.on('error', () => void queue.request('tout', 1000));
  return watcher;
}
