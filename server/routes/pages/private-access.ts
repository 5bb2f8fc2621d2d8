// POST /fiches/:slug/acces (email, action=accorder|retirer): the sharing form of a private fiche,
// for its creator and editors; back to the fiche page, or the page with the error.
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug } from '../../content/paths.js';
import { AppError } from '../../errors.js';
import { setPrivateAccess } from '../../forge/private-read.js';
import { requireAccount } from '../../plugins/auth.js';
import { writeRateLimit } from '../api/write-rate-limit.js';

const privateAccessPages: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  app.post<{ Params: { slug: string }; Body: { email?: string; action?: string } }>(
    '/fiches/:slug/acces',
    { config: { rateLimit: writeRateLimit(writesPerMinute) } },
    async (request, reply) => {
      const account = requireAccount(request);
      const { slug } = request.params;
      if (!isValidSlug(slug)) throw new AppError('fiche_introuvable');
      await setPrivateAccess(app.forge, account, slug, request.body?.email?.trim(), request.body?.action !== 'retirer');
      return reply.redirect(`/fiches/${slug}#partage`, 303);
    },
  );
};

export default privateAccessPages;
