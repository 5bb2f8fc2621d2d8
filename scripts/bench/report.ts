// bench/report.json and bench/report.md: every figure, its ratio to the baselines measured in
// the same run, and whether the targets are met.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Latencies, Throughput } from './load.js';
import { round } from './load.js';
import { judge } from './targets.js';

export interface SizeResult {
  n: number;
  corpusMB: number;
  floor: { ms: number; fiches: number };
  build: { wallMs: number; indexMs: number };
  coldStartMs: number;
  changedStartMs: number;
  facets: Latencies;
  search: Latencies;
  load: { fiche: Throughput; list: Throughput; search: Throughput };
  rssMB: number;
  lunr: { buildMs: number; heapMB: number; p50: number; p95: number } | null;
}

export interface Report {
  date: string;
  quick: boolean;
  machine: { cpus: number; cpu: string; memoryGB: number; node: string; platform: string };
  loadSeconds: number;
  httpBaseline: Throughput;
  sizes: SizeResult[];
}

export function machine(): Report['machine'] {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'inconnu',
    memoryGB: Math.round(os.totalmem() / 1e9),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export function writeReport(report: Report, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = renderMarkdown(report);
  fs.writeFileSync(path.join(dir, 'report.md'), md);
  return md;
}

function renderMarkdown(report: Report): string {
  const { sizes, httpBaseline: base } = report;
  const cols = sizes.map((s) => s.n.toLocaleString('en-US'));
  const row = (label: string, cell: (s: SizeResult) => string) => `| ${label} | ${sizes.map(cell).join(' | ')} |`;
  const tp = (t: Throughput) => `${t.requestsPerSecond.toLocaleString('en-US')} req/s, p99 ${t.p99} ms (${round((100 * t.requestsPerSecond) / base.requestsPerSecond, 0)} % of node:http)`;
  const lines = [
    `# Benchmark${report.quick ? ' (quick)' : ''}`,
    '',
    `${report.date} · ${report.machine.cpus} × ${report.machine.cpu} · ${report.machine.memoryGB} GB · Node ${report.machine.node} · ${report.machine.platform}`,
    '',
    `Generated corpora (\`npm run corpus\`, seed 1, ~1.5 KB of body per fiche). Server started as \`npm start\` runs it, load from autocannon in the same machine (50 connections, ${report.loadSeconds} s per run): the two share 2 cores, so throughputs are also given as a share of the node:http baseline of this run.`,
    '',
    `| figure | ${cols.join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    row('corpus size', (s) => `${s.corpusMB} MB`),
    row('parse floor (read + parse + render + validate, no index)', (s) => `${s.floor.ms} ms`),
    row('full build (index, from an empty DATA_DIR)', (s) => `${s.build.indexMs} ms (${round(s.build.indexMs / s.floor.ms, 2)}× floor); first 200 after ${Math.round(s.build.wallMs)} ms`),
    row('cold start, unchanged content (process start → first 200)', (s) => `${Math.round(s.coldStartMs)} ms`),
    row('start after one changed file', (s) => `${Math.round(s.changedStartMs)} ms`),
    row('facet request, 3 filters, p50 / p95', (s) => `${s.facets.p50} / ${s.facets.p95} ms`),
    row('search, 200 queries of 1–3 words, p50 / p95', (s) => `${s.search.p50} / ${s.search.p95} ms`),
    row('fiche page under load', (s) => tp(s.load.fiche)),
    row('filtered list page under load', (s) => tp(s.load.list)),
    row('search endpoint under load', (s) => tp(s.load.search)),
    row('steady RSS', (s) => `${s.rssMB} MB`),
    row('Lunr baseline: build / heap', (s) => (s.lunr ? `${s.lunr.buildMs} ms / ${s.lunr.heapMB} MB (build ${round(s.lunr.buildMs / s.build.indexMs, 1)}× ours)` : '—')),
    row('Lunr baseline: query p50 / p95', (s) => (s.lunr ? `${s.lunr.p50} / ${s.lunr.p95} ms` : '—')),
    '',
    `Baseline node:http, fixed ${'20 KB'} page: ${base.requestsPerSecond.toLocaleString('en-US')} req/s, p99 ${base.p99} ms.`,
    '',
    '## Targets',
    '',
  ];
  for (const size of sizes.filter((s) => s.n === 10_000 || s.n === 50_000)) {
    lines.push(`### ${size.n.toLocaleString('en-US')} fiches`, '', '| figure | target | met |', '| --- | --- | --- |');
    for (const v of judge(size)) lines.push(`| ${v.figure} | ${v.target} | ${v.met ? 'met' : '**not met**'} |`);
    lines.push('');
  }
  if (!sizes.some((s) => s.n >= 10_000)) lines.push('(Targets are given for 10,000 and 50,000 fiches; run `npm run bench` without `--quick`.)', '');
  return `${lines.join('\n')}\n`;
}
