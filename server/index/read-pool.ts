// Reads a large set of fiche files on both cores: a worker thread parses batches while this
// thread writes the index, and this thread also parses a batch itself whenever it would
// otherwise wait (measured at 10,000 fiches: parsing is ~6 s of work, writing ~3 s). Small syncs
// read in this thread only; if the worker cannot start or fails, everything is read here.
import { Worker } from 'node:worker_threads';
import type { Catalogue } from './catalogue.js';
import { readFicheFile, type FileOutcome } from './read-fiche-file.js';
import type { ReadJob, ReadWorkerData } from './read-worker.js';
import type { ScannedFile } from './scan.js';

const BATCH = 256;
/** Below this many files to read, a worker costs more to start than it saves. */
const PARALLEL_MIN_FILES = 1000;
/** Batches queued in the worker, so that it never waits for this thread to hand it one. */
const WORKER_QUEUE = 2;

type Digests = Map<string, { digest: string }>;

export async function readFicheFiles(catalogue: Catalogue, files: ScannedFile[], digests: Digests, apply: (outcomes: FileOutcome[]) => Promise<void>): Promise<void> {
  const batches: ScannedFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const readHere = (batch: ScannedFile[]) => batch.map((file) => readFicheFile(file, digests.get(file.relPath)?.digest, catalogue));
  const worker = files.length >= PARALLEL_MIN_FILES ? startWorker(catalogue) : null;
  try {
    const inFlight: Array<{ batch: ScannedFile[]; result: Promise<FileOutcome[] | null>; outcomes?: FileOutcome[] | null }> = [];
    for (;;) {
      while (worker?.alive() && inFlight.length < WORKER_QUEUE && batches.length > 0) {
        const batch = batches.shift()!;
        const job = { batch, result: worker.read(batch, digests) } as (typeof inFlight)[number];
        void job.result.then((outcomes) => (job.outcomes = outcomes));
        inFlight.push(job);
      }
      // Let the worker's messages in before choosing what to do next.
      await new Promise((resolve) => setImmediate(resolve));
      const first = inFlight[0];
      if (first && first.outcomes !== undefined) {
        inFlight.shift();
        // null: the worker failed; this thread reads the batch after all.
        await apply(first.outcomes ?? readHere(first.batch));
      } else if (batches.length > 0) {
        await apply(readHere(batches.shift()!));
      } else if (first) {
        first.outcomes = await first.result;
      } else {
        break;
      }
    }
  } finally {
    await worker?.close();
  }
}

interface WorkerHandle {
  alive(): boolean;
  /** The outcomes of a batch, or null if the worker failed (the caller reads it itself). */
  read(files: ScannedFile[], digests: Digests): Promise<FileOutcome[] | null>;
  close(): Promise<void>;
}

/**
 * The worker's script: next to the bundle in dist/ (built by scripts/build-server.mjs), or, when
 * running from the TypeScript sources, a bootstrap that loads it through tsx.
 */
function workerLocation(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './read-worker-source.mjs' : './read-worker.mjs', here);
}

function startWorker(catalogue: Catalogue): WorkerHandle | null {
  const data: ReadWorkerData = { contentDir: catalogue.contentDir, schemaSet: catalogue.schemaSet, vocabularies: [...catalogue.ontology.vocabularies.values()] };
  let worker: Worker | null;
  try {
    worker = new Worker(workerLocation(), { workerData: data });
  } catch {
    return null;
  }
  let nextId = 0;
  const pending = new Map<number, (outcomes: FileOutcome[] | null) => void>();
  const fail = () => {
    worker = null;
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  };
  worker.on('message', ({ id, outcomes }: { id: number; outcomes: FileOutcome[] }) => {
    pending.get(id)?.(outcomes);
    pending.delete(id);
  });
  worker.on('error', fail);
  worker.on('exit', fail);
  return {
    alive: () => worker !== null,
    read(files, digests) {
      if (!worker) return Promise.resolve(null);
      const job: ReadJob = { id: nextId++, files, digests: Object.fromEntries(files.map((f) => [f.relPath, digests.get(f.relPath)?.digest ?? ''])) };
      return new Promise((resolve) => {
        pending.set(job.id, resolve);
        worker!.postMessage(job);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
