// GET /api/fiches (list, search, facets) and GET /api/fiches/:slug (one fiche).
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug } from '../../content/paths.js';
import { AppError } from '../../errors.js';
import { readPublicFiche, readServedFiche } from '../../fiche/read-fiche-detail.js';
import { mayReadPrivateFiche } from '../../forge/private-read.js';
import { wasDeleted } from '../../forge/history.js';
import { presentFiche, presentFicheList } from '../../presenters/fiche-json.js';
import { listFiches } from '../../search/list-fiches.js';
import { parseListQuery, type RawQuery } from '../../search/list-query.js';

const ficheRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/fiches', { config: { pageCache: true } }, async (request) => {
    const query = parseListQuery(request.query as RawQuery, app.catalogue.ontology, true);
    return presentFicheList(await listFiches(app.catalogue, query));
  });

  app.get<{ Params: { slug: string } }>(
    '/api/fiches/:slug',
    { schema: { params: { type: 'object', properties: { slug: { type: 'string', maxLength: 200 } }, required: ['slug'] } } },
    async (request, reply) => {
      const { slug } = request.params;
      let detail = isValidSlug(slug) ? await readPublicFiche(app.catalogue, slug) : null;
      // A private fiche, for a reader it was shared with: never cached by anyone on the way.
      if (!detail && isValidSlug(slug) && request.account && (await mayReadPrivateFiche(app.forge, request.account, slug))) {
        detail = await readServedFiche(app.catalogue, slug, true);
        if (detail) reply.header('Cache-Control', 'private, no-store');
      }
      if (!detail && isValidSlug(slug) && (await wasDeleted(app.forge, slug))) {
        throw new AppError('fiche_supprimee', undefined, { slug, historique: `/api/fiches/${slug}/historique` });
      }
      if (!detail) throw new AppError('fiche_introuvable', undefined, { slug: isValidSlug(slug) ? slug : undefined });
      const etag = `"${detail.row.revision}"`;
      reply.header('ETag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return presentFiche(detail);
    },
  );
};

export default ficheRoutes;
