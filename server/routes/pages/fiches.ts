// GET /fiches (browse and search) and GET /fiches/:slug (one fiche).
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug, type FicheType } from '../../content/paths.js';
import { ficheContributors } from '../../forge/contributors.js';
import { AppError } from '../../errors.js';
import { readPublicFiche, readServedFiche, visibleTarget } from '../../fiche/read-fiche-detail.js';
import { mayManagePrivateAccess, mayReadPrivateFiche } from '../../forge/private-read.js';
import { listGrants } from '../../forge/private-access-repository.js';
import { presentFichePage } from '../../presenters/pages/fiche-page.js';
import { presentListPage } from '../../presenters/pages/list-page.js';
import { listFiches } from '../../search/list-fiches.js';
import { parseListQuery, type RawQuery } from '../../search/list-query.js';
import { baseUrlOf, type PageOptions } from './base-url.js';

const fichePages: FastifyPluginAsync<PageOptions> = async (app, options) => {
  app.get('/fiches', { config: { pageCache: true } }, async (request, reply) => {
    const query = parseListQuery(request.query as RawQuery, app.catalogue.ontology, false);
    const list = await listFiches(app.catalogue, query);
    return reply.view('fiches', presentListPage(list, query, app.catalogue.ontology));
  });

  app.get<{ Params: { slug: string } }>('/fiches/:slug', { config: { pageCache: true } }, async (request, reply) => {
    const { slug } = request.params;
    let detail = isValidSlug(slug) ? await readPublicFiche(app.catalogue, slug) : null;
    if (!detail && isValidSlug(slug) && request.account && (await mayReadPrivateFiche(app.forge, request.account, slug))) {
      detail = await readServedFiche(app.catalogue, slug, true);
      reply.header('Cache-Control', 'private, no-store');
    }
    if (!detail) throw new AppError('fiche_introuvable');
    const contributors = await ficheContributors(app.forge, detail.record.type as FicheType, slug, detail.row.revision);
    const model = presentFichePage(detail, app.catalogue.ontology, baseUrlOf(request, options.publicUrl), (s) => visibleTarget(app.catalogue, s)?.titre ?? null, contributors);
    // A private fiche, for whoever may share it: who can read it, and a form to let someone in.
    const partage =
      detail.record.visibilite === 'prive' && (await mayManagePrivateAccess(app.forge, request.account, slug))
        ? { slug, comptes: await listGrants(app.forge.forgeDb.db, slug), jeton: reply.generateCsrf() }
        : null;
    return reply.view('fiche', { ...model, partage });
  });
};

export default fichePages;
