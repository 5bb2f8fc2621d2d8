// What the edit form's scripts ask while someone types: titles for the relation picker
// (GET /api/suggestions, public fiches only) and the live preview of the body
// (POST /api/apercu, signed-in accounts; a session must send its CSRF token like any write).
import type { FastifyPluginAsync } from 'fastify';
import { renderDraftBody } from '../../fiche/render-draft.js';
import { requireAccount } from '../../plugins/auth.js';
import { suggestTitles } from '../../search/suggest-titles.js';
import { writeRateLimit } from './write-rate-limit.js';

// A live preview is for a fiche being written (the form's own preview button has no such bound);
// rendering grows with the text, so both the size and the rate are bounded.
const MAX_BODY = 200_000;
const PREVIEWS_PER_MINUTE = 60;
// Typing with a 150 ms pause between requests stays far below this.
const SUGGESTIONS_PER_MINUTE = 300;

const editorAidRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { q?: string; limite?: number } }>(
    '/api/suggestions',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { q: { type: 'string', maxLength: 200 }, limite: { type: 'integer', minimum: 1, maximum: 20, default: 8 } },
        },
      },
      config: { rateLimit: writeRateLimit(SUGGESTIONS_PER_MINUTE) },
    },
    async (request) => ({ resultats: suggestTitles(app.catalogue.facets, request.query.q ?? '', request.query.limite ?? 8).map((s) => ({ ...s, url: `/fiches/${s.slug}` })) }),
  );

  app.post<{ Body: { corps: string } }>(
    '/api/apercu',
    {
      schema: { body: { type: 'object', properties: { corps: { type: 'string', maxLength: MAX_BODY } }, required: ['corps'] } },
      config: { rateLimit: writeRateLimit(PREVIEWS_PER_MINUTE) },
    },
    async (request, reply) => {
      requireAccount(request);
      reply.header('Cache-Control', 'no-store');
      return { html: renderDraftBody(app.catalogue, request.body.corps) };
    },
  );
};

export default editorAidRoutes;
