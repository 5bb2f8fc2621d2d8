// GET /api/fiches/:slug/historique and /api/fiches/:slug/revisions/:revision (contract §4b),
// and GET /api/fiches/:slug/diff?de=&a= (two revisions compared, field by field and line by line).
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug } from '../../content/paths.js';
import { AppError } from '../../errors.js';
import { ficheAtRevision, ficheHistory } from '../../forge/history.js';
import { diffFiche } from '../../git/diff-fiche.js';

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 200 } }, required: ['slug'] } as const;
const revisionPattern = '^[0-9a-f]{7,64}$';

function checkedSlug(slug: string): string {
  if (!isValidSlug(slug)) throw new AppError('fiche_introuvable');
  return slug;
}

const historyRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { slug: string } }>('/api/fiches/:slug/historique', { schema: { params: slugParams } }, async (request) => {
    const { entries } = await ficheHistory(app.forge, request.account, checkedSlug(request.params.slug));
    return entries.map((e) => ({ revision: e.revision, auteur: e.auteur, date: e.date, message: e.message, taille: e.taille, delta: e.delta, commit: e.commit }));
  });

  app.get<{ Params: { slug: string; revision: string } }>(
    '/api/fiches/:slug/revisions/:revision',
    {
      schema: {
        params: { type: 'object', properties: { slug: { type: 'string', maxLength: 200 }, revision: { type: 'string', pattern: revisionPattern } }, required: ['slug', 'revision'] },
      },
    },
    async (request) => ficheAtRevision(app.forge, request.account, checkedSlug(request.params.slug), request.params.revision),
  );

  app.get<{ Params: { slug: string }; Querystring: { de: string; a?: string } }>(
    '/api/fiches/:slug/diff',
    {
      schema: {
        params: slugParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { de: { type: 'string', pattern: revisionPattern }, a: { type: 'string', pattern: revisionPattern } },
          required: ['de'],
        },
      },
    },
    async (request) => {
      const slug = checkedSlug(request.params.slug);
      const { entries } = await ficheHistory(app.forge, request.account, slug);
      const find = (revision: string) => {
        const entry = entries.find((e) => e.revision === revision || e.commit === revision);
        if (!entry) throw new AppError('revision_introuvable', undefined, { slug, revision });
        return entry;
      };
      const from = find(request.query.de);
      const to = request.query.a ? find(request.query.a) : entries[0]!;
      const textAt = (entry: { chemin: string | null; commit: string }) => (entry.chemin ? app.forge.repository.fileAt(entry.chemin, entry.commit) : null);
      return { de: from.revision, a: to.revision, ...diffFiche(await textAt(from), await textAt(to)) };
    },
  );
};

export default historyRoutes;
