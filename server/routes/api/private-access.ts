// POST /api/fiches/:slug/acces {email} lets an account read a private fiche; DELETE takes it
// back. For the fiche's creator and editors (forge/private-read.ts).
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug } from '../../content/paths.js';
import { AppError } from '../../errors.js';
import { setPrivateAccess } from '../../forge/private-read.js';
import { requireAccount } from '../../plugins/auth.js';
import { writeRateLimit } from './write-rate-limit.js';

const schema = {
  params: { type: 'object', properties: { slug: { type: 'string', maxLength: 200 } }, required: ['slug'] },
  body: { type: 'object', properties: { email: { type: 'string', maxLength: 254 } }, required: ['email'] },
} as const;

const privateAccessRoutes: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const config = { rateLimit: writeRateLimit(writesPerMinute) };
  for (const [method, granted] of [['POST', true], ['DELETE', false]] as const) {
    app.route<{ Params: { slug: string }; Body: { email: string } }>({
      method,
      url: '/api/fiches/:slug/acces',
      schema,
      config,
      handler: async (request) => {
        const account = requireAccount(request);
        if (!isValidSlug(request.params.slug)) throw new AppError('fiche_introuvable');
        await setPrivateAccess(app.forge, account, request.params.slug, request.body.email, granted);
        return { slug: request.params.slug, email: request.body.email, acces: granted };
      },
    });
  }
};

export default privateAccessRoutes;
