// HTML pages (contract §5). Each route calls the domain, builds a page model and hands it to a
// view; the same query string as the API drives /fiches, and everything works without JavaScript.
import type { FastifyPluginAsync } from 'fastify';
import type { PageOptions } from './base-url.js';
import homePage from './home.js';
import fichePages from './fiches.js';
import ontologyPages from './ontologie.js';

const pageRoutes: FastifyPluginAsync<PageOptions> = async (app, options) => {
  await app.register(homePage);
  await app.register(fichePages, options);
  await app.register(ontologyPages);
};

export default pageRoutes;
