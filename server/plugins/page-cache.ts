// Rendered answers kept until the catalogue changes: a fiche page, a filtered list or a search
// answer (HTML or JSON) is rebuilt only after a sync has published or withdrawn something
// (catalogue.generation), not on every request. Routes opt in with `config: { pageCache: true }`;
// the key is the full URL and the host (attribution texts carry the site's address). Answers
// are the same for every reader today (private fiches are never shown); per-reader answers
// will need the reader in the key. Bounded, least recently used dropped first.
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    pageCache?: boolean;
  }
}

// Bounded by total size: any URL and Host can be asked for, so the cache must not grow with them.
// 8 M characters: 16 MB at most (JavaScript strings of accented text take two bytes a character).
const MAX_TOTAL_CHARS = 8 * 1024 * 1024;
const MAX_PAGE_CHARS = 512 * 1024;

export default fp(
  async (app) => {
    const pages = new Map<string, { generation: number; html: string; type: string }>();
    let totalChars = 0;
    const forget = (key: string) => {
      totalChars -= pages.get(key)?.html.length ?? 0;
      pages.delete(key);
    };
    // The generation a page is rendered from, taken before rendering: a sync that lands while the
    // page is built must not make the old page look current.
    const renderedFrom = new WeakMap<object, number>();
    const keyOf = (host: string, url: string) => `${host}\u0000${url}`;

    app.addHook('onRequest', async (request, reply) => {
      // Signed-in readers get their own pages (their name, their forms): never cached or shared.
      if (request.method !== 'GET' || !request.routeOptions.config.pageCache || request.account) return;
      const hit = pages.get(keyOf(request.host, request.url));
      if (!hit || hit.generation !== app.catalogue.generation) {
        renderedFrom.set(request, app.catalogue.generation);
        return;
      }
      // Refresh its place in the insertion order, so that the oldest is the least recently used.
      pages.delete(keyOf(request.host, request.url));
      pages.set(keyOf(request.host, request.url), hit);
      return reply.type(hit.type).send(hit.html);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const generation = renderedFrom.get(request);
      if (generation === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || payload.length > MAX_PAGE_CHARS) return payload;
      const key = keyOf(request.host, request.url);
      forget(key);
      while (totalChars + payload.length > MAX_TOTAL_CHARS && pages.size > 0) forget(pages.keys().next().value!);
      pages.set(key, { generation, html: payload, type: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8') });
      totalChars += payload.length;
      return payload;
    });
  },
  { name: 'page-cache', dependencies: ['catalogue', 'auth'] },
);
