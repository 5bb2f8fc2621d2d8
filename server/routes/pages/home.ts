// GET / — the home page.
import type { FastifyPluginAsync } from 'fastify';
import { presentHomePage } from '../../presenters/pages/home-page.js';
import { listFiches } from '../../search/list-fiches.js';

const homePage: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { pageCache: true } }, async (_request, reply) => {
    const recent = await listFiches(app.catalogue, { q: null, filters: new Map(), tri: 'modifie', triDemande: 'modifie', page: 1, parPage: 6 });
    return reply.view('accueil', presentHomePage(recent));
  });
};

export default homePage;
