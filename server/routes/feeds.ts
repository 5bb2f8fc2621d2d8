// Atom feeds: GET /modifications.atom (recent changes of public fiches) and
// GET /fiches/:slug/historique.atom (one public fiche's history; 404 for any other slug).
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug } from '../content/paths.js';
import { AppError } from '../errors.js';
import { publicFicheHistory } from '../forge/public-history.js';
import { recentChanges } from '../forge/recent-changes.js';
import { ATOM_CONTENT_TYPE, atomDocument } from '../presenters/atom-feed.js';
import { ficheHistoryFeed, recentChangesFeed } from '../presenters/feeds.js';
import { baseUrlOf, type PageOptions } from './pages/base-url.js';

const feedRoutes: FastifyPluginAsync<PageOptions> = async (app, options) => {
  app.get('/modifications.atom', async (request, reply) => {
    const feed = recentChangesFeed(await recentChanges(app.forge), baseUrlOf(request, options.publicUrl), new Date());
    return reply.type(ATOM_CONTENT_TYPE).send(atomDocument(feed));
  });

  app.get<{ Params: { slug: string } }>('/fiches/:slug/historique.atom', async (request, reply) => {
    const { slug } = request.params;
    if (!isValidSlug(slug)) throw new AppError('fiche_introuvable');
    const feed = ficheHistoryFeed(await publicFicheHistory(app.forge, slug), baseUrlOf(request, options.publicUrl), new Date());
    return reply.type(ATOM_CONTENT_TYPE).send(atomDocument(feed));
  });
};

export default feedRoutes;
