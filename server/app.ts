// buildApp(config): the whole server as a function of its configuration. Registers plugins,
// then routes, explicitly. No I/O happens at import; main.ts alone listens.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import rateLimit from '@fastify/rate-limit';
import auth from './plugins/auth.js';
import catalogue from './plugins/catalogue.js';
import forge from './plugins/forge.js';
import session from './plugins/session.js';
import pageCache from './plugins/page-cache.js';
import errorHandler, { answerClientError, sendFrameworkError } from './plugins/error-handler.js';
import { createPageRenderer } from './plugins/page-renderer.js';
import securityHeaders from './plugins/security-headers.js';
import staticFiles from './plugins/static-files.js';
import views from './plugins/views.js';
import ficheApiRoutes from './routes/api/fiches.js';
import ficheWriteRoutes from './routes/api/fiches-write.js';
import historyRoutes from './routes/api/history.js';
import privateAccessRoutes from './routes/api/private-access.js';
import propositionRoutes from './routes/api/propositions.js';
import ontologyApiRoutes from './routes/api/ontologie.js';
import editorAidRoutes from './routes/api/editor-aids.js';
import pageRoutes from './routes/pages/index.js';
import recentChangesPage from './routes/pages/recent-changes.js';
import accountPages from './routes/pages/account.js';
import editPages from './routes/pages/edit-fiche.js';
import historyPages from './routes/pages/history.js';
import privateAccessPages from './routes/pages/private-access.js';
import profilePages from './routes/pages/profile.js';
import adminAccountPages from './routes/pages/admin-accounts.js';
import propositionPages from './routes/pages/propositions.js';
import feedRoutes from './routes/feeds.js';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const renderer = createPageRenderer(config.rootDir);
  const app = Fastify({
    frameworkErrors: (error, request, reply) => sendFrameworkError(error, request, reply, renderer),
    clientErrorHandler: answerClientError,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // No line per request: access logs belong to the reverse proxy, and two JSON lines per
    // request cost a fifth of the throughput. Refused requests and errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Long or hostile URLs are answered, not crashed on.
    bodyLimit: 1024 * 1024,
    // The first build of a large content folder (tens of seconds at 50,000 fiches) happens while
    // the catalogue plugin loads: no plugin timeout.
    pluginTimeout: 0,
    // Route schemas are ours and covered by tests; checking them against the JSON Schema
    // meta-schema at every start cost ~60 ms of a ~650 ms cold start.
    ajv: { customOptions: { validateSchema: false } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  await app.register(securityHeaders);
  await app.register(views, { renderer });
  await app.register(errorHandler);
  await app.register(staticFiles, { rootDir: config.rootDir });
  await app.register(catalogue, { config });
  await app.register(forge, { config });
  await app.register(session, { config });
  await app.register(auth);
  // Limits are declared per route (writes); nothing global.
  await app.register(rateLimit, { global: false });
  await app.register(pageCache);
  await app.register(ficheApiRoutes);
  await app.register(ficheWriteRoutes, { writesPerMinute: config.writesPerMinute });
  await app.register(historyRoutes);
  await app.register(privateAccessRoutes, { writesPerMinute: config.writesPerMinute });
  await app.register(propositionRoutes, { writesPerMinute: config.writesPerMinute });
  await app.register(ontologyApiRoutes);
  await app.register(editorAidRoutes);
  await app.register(pageRoutes, { publicUrl: config.publicUrl });
  await app.register(accountPages, { loginsPerMinute: config.loginsPerMinute, registrationsPerHour: config.registrationsPerHour });
  await app.register(editPages, { writesPerMinute: config.writesPerMinute });
  await app.register(historyPages, { writesPerMinute: config.writesPerMinute });
  await app.register(privateAccessPages, { writesPerMinute: config.writesPerMinute });
  await app.register(profilePages, { writesPerMinute: config.writesPerMinute });
  await app.register(adminAccountPages, { writesPerMinute: config.writesPerMinute });
  await app.register(propositionPages, { writesPerMinute: config.writesPerMinute });
  await app.register(recentChangesPage, { publicUrl: config.publicUrl });
  await app.register(feedRoutes, { publicUrl: config.publicUrl });
  return app;
}
