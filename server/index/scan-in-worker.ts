// The full scan of a large content folder, run on the other core while the main thread loads
// the index at start (at 50,000 fiches: ~0.7 s of readdir + lstat that no longer delays the
// first answer). The worker only lists and stats; classifying names stays in scan.ts rules.
// The worker source is inline so that it runs the same under tsx and in the esbuild bundle.
import { Worker } from 'node:worker_threads';
import { FICHE_TYPES, ONTOLOGY_FOLDER, classifyContentPath } from '../content/paths.js';
import type { ScannedFile } from './scan.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const names = [];
const numbers = [];
for (const folder of workerData.folders) {
  let entries;
  try { entries = fs.readdirSync(path.join(workerData.root, folder)); } catch { continue; }
  for (const name of entries) {
    const relPath = folder + '/' + name;
    try {
      const stat = fs.lstatSync(workerData.root + path.sep + relPath);
      names.push(relPath);
      numbers.push(stat.isFile() ? 1 : stat.isSymbolicLink() ? 2 : 0, stat.mtimeMs, stat.size);
    } catch {}
  }
}
const packed = new Float64Array(numbers);
parentPort.postMessage({ names, packed }, [packed.buffer]);
`;

export interface WorkerScan {
  /** When the worker started listing: a sync using this scan counts as started then. */
  startedAt: number;
  files: ScannedFile[];
}

/** Scans contentDir in a worker thread; null if the worker failed (the caller scans itself). */
export function scanInWorker(contentDir: string): Promise<WorkerScan | null> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root: contentDir, folders: [ONTOLOGY_FOLDER, ...FICHE_TYPES] } });
    worker.once('message', ({ names, packed }: { names: string[]; packed: Float64Array }) => {
      const files: ScannedFile[] = [];
      names.forEach((relPath, i) => {
        const kind = packed[3 * i]!;
        const entry = classifyContentPath(relPath);
        if (!entry || kind === 0) return;
        files.push({ relPath, entry, mtimeMs: packed[3 * i + 1]!, size: packed[3 * i + 2]!, symlink: kind === 2 });
      });
      resolve({ startedAt, files });
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}
