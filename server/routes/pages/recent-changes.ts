// GET /modifications — "Modifications récentes": the latest changes of public fiches.
import type { FastifyPluginAsync } from 'fastify';
import { recentChanges } from '../../forge/recent-changes.js';
import { presentRecentChangesPage } from '../../presenters/pages/recent-changes-page.js';
import type { PageOptions } from './base-url.js';

const recentChangesPage: FastifyPluginAsync<PageOptions> = async (app) => {
  app.get('/modifications', async (_request, reply) => reply.view('modifications', presentRecentChangesPage(await recentChanges(app.forge))));
};

export default recentChangesPage;
