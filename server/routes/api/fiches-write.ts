// POST /api/fiches, PUT and DELETE /api/fiches/:slug (contract §4b). Thin: who is asking
// (plugins/auth), the base revision from If-Match, then the domain (forge/save-fiche).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isValidSlug } from '../../content/paths.js';
import { AppError } from '../../errors.js';
import { createFiche, deleteFiche, updateFiche, type SaveOutcome } from '../../forge/save-fiche.js';
import { requireAccount } from '../../plugins/auth.js';
import { writeRateLimit } from './write-rate-limit.js';

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 200 } }, required: ['slug'] } as const;
const ficheBody = { type: 'object', maxProperties: 100 } as const;

/** `"abc"`, `W/"abc"` or `abc` → `abc`; null without the header. */
function baseRevision(request: FastifyRequest): string | null {
  const header = request.headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '') return null;
  return header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function checkedSlug(slug: string): string {
  if (!isValidSlug(slug)) throw new AppError('fiche_introuvable');
  return slug;
}

function propositionReply(outcome: SaveOutcome & { kind: 'proposition' }) {
  return { proposition: outcome.id, url: `/api/propositions/${outcome.id}` };
}

const ficheWriteRoutes: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const config = { rateLimit: writeRateLimit(writesPerMinute) };

  app.post<{ Body: Record<string, unknown> }>('/api/fiches', { schema: { body: ficheBody }, config }, async (request, reply) => {
    const outcome = await createFiche(app.forge, requireAccount(request), request.body);
    if (outcome.kind === 'proposition') return reply.status(202).send(propositionReply(outcome));
    reply.header('ETag', `"${outcome.revision}"`).header('Location', outcome.url);
    return reply.status(201).send({ slug: outcome.slug, revision: outcome.revision, url: outcome.url });
  });

  app.put<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/api/fiches/:slug',
    { schema: { params: slugParams, body: ficheBody }, config },
    async (request, reply) => {
      const account = requireAccount(request);
      const slug = checkedSlug(request.params.slug);
      const base = baseRevision(request);
      if (base === null) throw new AppError('precondition_requise');
      const outcome = await updateFiche(app.forge, account, slug, request.body, base);
      if (outcome.kind === 'proposition') return reply.status(202).send(propositionReply(outcome));
      reply.header('ETag', `"${outcome.revision}"`);
      return { slug: outcome.slug, revision: outcome.revision, url: outcome.url };
    },
  );

  app.delete<{ Params: { slug: string }; Body: Record<string, unknown> | undefined }>(
    '/api/fiches/:slug',
    { schema: { params: slugParams }, config },
    async (request, reply) => {
      const account = requireAccount(request);
      const slug = checkedSlug(request.params.slug);
      await deleteFiche(app.forge, account, slug, request.body?.message);
      return reply.status(204).send();
    },
  );
};

export default ficheWriteRoutes;
