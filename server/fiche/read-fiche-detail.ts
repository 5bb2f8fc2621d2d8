// One fiche as a reader sees it: its record, its body rendered (wiki links resolved against
// what this reader may see), its typed relations out and the fiches that link to it.
import type { FicheRecord } from '../content/fiche-record.js';
import { getServedFiche, listLinksTo, type FicheRow } from '../db/fiches-repository.js';
import type { Catalogue } from '../index/catalogue.js';
import { renderBody } from '../markdown/renderer.js';
import type { WikiLinkTarget } from '../markdown/wiki-links.js';
import { messages } from '../i18n/messages.js';

export interface Backlink {
  slug: string;
  titre: string;
  /** Relation id from the other fiche's `liens`; null for a wiki link in its body. */
  relation: string | null;
}

export interface OutgoingLink {
  relation: string;
  slug: string;
  /** null when the target does not exist or is not visible. */
  titre: string | null;
}

export interface FicheDetail {
  row: FicheRow;
  record: FicheRecord;
  html: string;
  retroliens: Backlink[];
  liensSortants: OutgoingLink[];
}

export function ficheUrl(slug: string): string {
  return `/fiches/${slug}`;
}

/** A fiche a reader without an account may see, or null (unknown, invalid or private). */
export async function readPublicFiche(catalogue: Catalogue, slug: string): Promise<FicheDetail | null> {
  return readServedFiche(catalogue, slug, false);
}

/** A served fiche, private ones included when the caller checked the reader may see them. */
export async function readServedFiche(catalogue: Catalogue, slug: string, includePrivate: boolean): Promise<FicheDetail | null> {
  const id = catalogue.facets.idOfSlug(slug);
  if (id === undefined || (!includePrivate && !catalogue.facets.visible.has(id))) return null;
  const row = await getServedFiche(catalogue.db, slug);
  if (!row) return null;
  const record = JSON.parse(row.donnees) as FicheRecord;
  return {
    row,
    record,
    html: renderCached(catalogue, row),
    retroliens: await readBacklinks(catalogue, slug),
    liensSortants: outgoingLinks(catalogue, record),
  };
}

export function visibleTarget(catalogue: Catalogue, slug: string): WikiLinkTarget | null {
  const id = catalogue.facets.idOfSlug(slug);
  if (id === undefined || !catalogue.facets.visible.has(id)) return null;
  return { url: ficheUrl(slug), titre: catalogue.facets.summary(id)!.titre };
}

const RENDER_CACHE_LIMIT = 2000;
const renderCache = new WeakMap<Catalogue, Map<string, { key: string; html: string }>>();

/** Rendered bodies, valid until the catalogue changes (a link target may appear or vanish). */
function renderCached(catalogue: Catalogue, row: FicheRow & { body: string }): string {
  let cache = renderCache.get(catalogue);
  if (!cache) renderCache.set(catalogue, (cache = new Map()));
  const key = `${catalogue.generation}:${row.revision}`;
  const hit = cache.get(row.slug);
  if (hit?.key === key) return hit.html;
  const html = renderBody(row.body, {
    resolveFiche: (slug) => visibleTarget(catalogue, slug),
    missingTitle: (slug) => messages.fiche.lienManquant(slug),
  });
  if (cache.size >= RENDER_CACHE_LIMIT) cache.clear();
  cache.set(row.slug, { key, html });
  return html;
}

async function readBacklinks(catalogue: Catalogue, slug: string): Promise<Backlink[]> {
  const rows = await listLinksTo(catalogue.db, slug);
  const typed = new Set(rows.filter((r) => r.genre === 'relation').map((r) => r.source_id));
  const out: Backlink[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (!catalogue.facets.visible.has(row.source_id) || row.slug === slug) continue;
    if (row.genre === 'wiki' && typed.has(row.source_id)) continue;
    const relation = row.genre === 'relation' ? row.relation : null;
    const key = `${row.slug}\u0000${relation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ slug: row.slug, titre: row.titre, relation });
  }
  return out;
}

function outgoingLinks(catalogue: Catalogue, record: FicheRecord): OutgoingLink[] {
  const liens = (record.frontMatter.liens ?? {}) as Record<string, string[]>;
  return Object.entries(liens).flatMap(([relation, slugs]) =>
    slugs.map((slug) => ({ relation, slug, titre: visibleTarget(catalogue, slug)?.titre ?? null })),
  );
}
