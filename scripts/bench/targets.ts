// The targets of issue 3 (2 cores), and whether a measured size meets them.
import type { SizeResult } from './report.js';

export interface Verdict {
  figure: string;
  target: string;
  met: boolean;
}

const ok = (value: number | null | undefined, limit: number, atMost = true) => value !== null && value !== undefined && (atMost ? value <= limit : value >= limit);

export function judge(size: SizeResult): Verdict[] {
  const big = size.n >= 50_000;
  const t = (figure: string, target: string, met: boolean) => ({ figure, target, met });
  const verdicts: Verdict[] = [
    big
      ? t('full build', '≤ 30 s', ok(size.build.indexMs, 30_000))
      : t('full build', '≤ 5 s and ≤ 2.5× the parse floor', ok(size.build.indexMs, 5_000) && ok(size.build.indexMs / size.floor.ms, 2.5)),
    t('cold start, unchanged content', big ? '≤ 2 s' : '≤ 1 s', ok(size.coldStartMs, big ? 2_000 : 1_000)),
    t('facet request p50 / p95', big ? '≤ 5 / 15 ms' : '≤ 2 / 5 ms', ok(size.facets.p50, big ? 5 : 2) && ok(size.facets.p95, big ? 15 : 5)),
    t('search p50 / p95', big ? '≤ 20 / 100 ms' : '≤ 10 / 50 ms', ok(size.search.p50, big ? 20 : 10) && ok(size.search.p95, big ? 100 : 50)),
    t('fiche page', '≥ 4,000 req/s, p99 ≤ 30 ms', ok(size.load.fiche.requestsPerSecond, 4_000, false) && ok(size.load.fiche.p99, 30)),
    big
      ? t('filtered list', '≥ 500 req/s', ok(size.load.list.requestsPerSecond, 500, false))
      : t('filtered list', '≥ 1,000 req/s, p99 ≤ 100 ms', ok(size.load.list.requestsPerSecond, 1_000, false) && ok(size.load.list.p99, 100)),
    big
      ? t('search endpoint', '≥ 100 req/s', ok(size.load.search.requestsPerSecond, 100, false))
      : t('search endpoint', '≥ 200 req/s, p99 ≤ 250 ms', ok(size.load.search.requestsPerSecond, 200, false) && ok(size.load.search.p99, 250)),
    t('steady RSS', big ? '≤ 600 MB' : '≤ 300 MB', ok(size.rssMB, big ? 600 : 300)),
  ];
  return verdicts;
}
