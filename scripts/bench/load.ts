// Latency of sequential requests (p50/p95) and throughput under load (autocannon: 50
// connections on loopback, bounded duration).
import http from 'node:http';
import autocannon from 'autocannon';

export interface Latencies {
  p50: number;
  p95: number;
  n: number;
  errors: number;
}

// A lean keep-alive client: fetch adds ~1 ms of its own to every request on loopback, which is
// more than the server takes to answer a facet request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.on('data', () => {});
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

export async function sequentialLatencies(base: string, paths: string[]): Promise<Latencies> {
  const times: number[] = [];
  let errors = 0;
  for (const p of paths) {
    const started = performance.now();
    const status = await get(base + p);
    times.push(performance.now() - started);
    if (status !== 200) errors++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!, 2);
  return { p50: at(0.5), p95: at(0.95), n: times.length, errors };
}

export interface Throughput {
  requestsPerSecond: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

export async function loadTest(base: string, paths: string[], seconds: number, connections = 50): Promise<Throughput> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
