// Abuse and bad input (issue 3, part 4): load. 30 s of mixed browse and search traffic at 50
// connections against a real listening server on the sample content. No error, no timeout, no
// answer outside 2xx/3xx, and memory that levels off instead of growing with the requests.
//
// autocannon runs in a child process: in this process it would share the event loop with the
// server (halving what the server gets and inflating its latencies) and its own allocations would
// show in the RSS we sample. The two still share the machine's 2 cores, so requests/s and p99 are
// printed for comparison within a run, not asserted against absolute numbers.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { useSharedApp } from '../helpers/app.js';
import { REPO_ROOT, SAMPLE_CONTENT } from '../helpers/content.js';

const DURATION_S = 30;
const CONNECTIONS = 50;
/** A full collection before every fifth sample (see the memory criterion below). */
const GC_EVERY_S = 5;

/** One pass over these paths per connection, again and again. */
const PATHS = [
  '/',
  '/fiches',
  '/fiches?contextes=tiers-lieux&type=methode',
  '/fiches?contextes=collectivites&themes=facteurs-de-resilience&type=retour-experience&type=commun',
  '/fiches?q=jardin',
  '/fiches?q=%22cercle+de+dialogue%22&tri=modifie',
  '/api/fiches?q=dialogue+confiance',
  '/api/fiches?q=coop%C3%A9ration&contextes=tiers-lieux&par_page=50',
  '/fiches/cercle-de-dialogue',
  '/fiches/forum-ouvert',
  '/fiches/gogocarto',
  '/fiches/semencotheque-partagee',
  '/api/fiches/world-cafe',
  '/api/fiches/decision-par-consentement',
  '/ontologie/themes',
];

interface LoadResult {
  errors: number;
  timeouts: number;
  resets: number;
  mismatches: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  statusCodeStats?: Record<string, { count: number }>;
}

/** The autocannon client, in its own process; prints its result as JSON. */
const CLIENT = `
const [modulePath, optionsJson] = process.argv.slice(1);
const { default: autocannon } = await import(modulePath);
const result = await autocannon(JSON.parse(optionsJson));
process.stdout.write(JSON.stringify(result));
`;

function runAutocannon(port: number): Promise<LoadResult> {
  const modulePath = createRequire(`${REPO_ROOT}/`).resolve('autocannon');
  const options = {
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 10,
    requests: PATHS.map((path) => ({ method: 'GET', path })),
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', CLIENT, new URL(`file://${modulePath}`).href, JSON.stringify(options)],
      { maxBuffer: 64 * 1024 * 1024, timeout: (DURATION_S + 20) * 1000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as LoadResult)),
    );
  });
}

/** A full garbage collection on demand (the flag can be set at run time; `gc` then exists in a new context). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

describe('load', () => {
  const app = useSharedApp(() => ({ contentDir: SAMPLE_CONTENT }));

  it(`${DURATION_S} s of mixed browse and search traffic at ${CONNECTIONS} connections: no error, no timeout, stable memory`, async () => {
    await app().listen({ port: 0, host: '127.0.0.1' });
    const { port } = app().server.address() as AddressInfo;

    // Every path answers 200 before the load: a 404 under load would be a typo here, not a bug.
    for (const path of PATHS) expect((await app().inject(path)).statusCode, path).toBe(200);

    const gc = collector();
    const samples: Array<{ t: number; rss: number; live: number; afterGc: boolean }> = [];
    const start = performance.now();
    const sampler = setInterval(() => {
      const afterGc = samples.length % GC_EVERY_S === 0;
      if (afterGc) gc();
      const { rss, heapUsed, external } = process.memoryUsage();
      samples.push({ t: (performance.now() - start) / 1000, rss, live: heapUsed + external, afterGc });
    }, 1000);
    let result: LoadResult;
    try {
      result = await runAutocannon(port);
    } finally {
      clearInterval(sampler);
    }

    // Memory criterion. RSS is sampled every second; a full collection runs before every fifth
    // sample, so that each 10 s window holds the same share of garbage not yet collected (without
    // it V8 let the heap grow from ~30 to ~100 MB of garbage during the run, +11 to +21% of RSS
    // with no leak at all; collecting every second cost a quarter of the throughput). The first
    // 5 s are warm-up (JIT, SQLite page cache, rendered-body and stem caches, 50 sockets), not a
    // baseline. A server without a leak then plateaus, so:
    // - the average RSS of the last 10 s stays within +25% of the average over 5–15 s (measured
    //   here: −2% to +2%);
    // - the memory that survives a full collection (V8 heap + Buffers, live objects only: the
    //   sharper measure) grows by at most 10% + 4 MB between the first collection after warm-up
    //   and the last one (measured: ~30 MB, ±2 MB). Over those ~20 s at 500–2,000 req/s, that
    //   catches a leak of ~1 KB per request (a cache without a bound, a Buffer, closure or
    //   listener kept per request: a 1 KB Buffer kept per request was caught, while RSS moved by
    //   only +22 to +25%); RSS alone needs a few KB per request.
    const window = (from: number, to: number) => samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rss);
    const earlyWindow = window(5, 15);
    const lateWindow = window(DURATION_S - 10, DURATION_S + 5);
    const early = average(earlyWindow);
    const late = average(lateWindow);
    const liveMemory = samples.filter((s) => s.afterGc && s.t >= 5).map((s) => s.live);
    const steady = samples.filter((s) => s.t >= 5);
    const tMean = average(steady.map((s) => s.t));
    const rMean = average(steady.map((s) => s.rss));
    const slope =
      steady.reduce((acc, s) => acc + (s.t - tMean) * (s.rss - rMean), 0) / Math.max(1e-9, steady.reduce((acc, s) => acc + (s.t - tMean) ** 2, 0));

    console.info(
      [
        `load: ${Math.round(result.requests.average)} req/s, ${result.requests.total} requests in ${DURATION_S} s, ${CONNECTIONS} connections`,
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
        `status 2xx ${result['2xx']}, 3xx ${result['3xx']}, 4xx ${result['4xx']}, 5xx ${result['5xx']}; errors ${result.errors}, timeouts ${result.timeouts}`,
        `RSS 5–15 s ${mb(early)} MB, last 10 s ${mb(late)} MB (${late >= early ? '+' : ''}${(((late - early) / early) * 100).toFixed(1)}%), slope ${(slope / 1024 / 1024).toFixed(2)} MB/s`,
        `live memory (heap + Buffers) after each full collection: ${liveMemory.map(mb).join(', ')} MB`,
      ].join('\n'),
    );

    expect(earlyWindow.length).toBeGreaterThanOrEqual(5);
    expect(lateWindow.length).toBeGreaterThanOrEqual(5);
    expect(liveMemory.length).toBeGreaterThanOrEqual(3);
    expect(result.requests.total).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.resets).toBe(0);
    expect(result['1xx'] + result['4xx'] + result['5xx']).toBe(0);
    expect(result['2xx'] + result['3xx']).toBe(result.requests.total);
    expect(late).toBeLessThanOrEqual(early * 1.25);
    expect(liveMemory.at(-1)!).toBeLessThanOrEqual(liveMemory[0]! * 1.1 + 4 * 1024 * 1024);

    // And after the storm, the server still answers at once.
    const after = performance.now();
    expect((await app().inject('/api/fiches')).statusCode).toBe(200);
    expect(performance.now() - after).toBeLessThan(1000);
  }, 60_000);
});
