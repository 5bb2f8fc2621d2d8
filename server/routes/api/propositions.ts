// Propositions (contract §4b): GET /api/propositions (editors: every open one; contributors:
// their own), GET /api/propositions/:id (with the diff against the current version, re-based),
// POST …/accepter, …/rejeter {motif}, …/demander-modifications {motif}, …/commentaires {texte}.
import type { FastifyPluginAsync } from 'fastify';
import { findCurrentFiche } from '../../forge/current-fiche.js';
import {
  acceptProposition,
  commentProposition,
  getProposition,
  listPropositions,
  rebasedText,
  rejectProposition,
} from '../../forge/propositions.js';
import { listComments } from '../../forge/propositions-repository.js';
import { diffFiche } from '../../git/diff-fiche.js';
import { requireAccount } from '../../plugins/auth.js';
import { writeRateLimit } from './write-rate-limit.js';

const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } }, required: ['id'] } as const;
const textBody = (key: string) => ({ type: 'object', properties: { [key]: { type: 'string', maxLength: 5000 } } }) as const;

const propositionRoutes: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const config = { rateLimit: writeRateLimit(writesPerMinute) };

  app.get('/api/propositions', async (request) => {
    const rows = await listPropositions(app.forge, requireAccount(request));
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      type: row.type,
      statut: row.statut,
      auteur: row.auteur_nom,
      message: row.message,
      creation: row.base_revision === null,
      cree_le: row.cree_le,
      motif: row.motif,
      url: `/api/propositions/${row.id}`,
    }));
  });

  app.get<{ Params: { id: number } }>('/api/propositions/:id', { schema: { params: idParams } }, async (request) => {
    const proposition = await getProposition(app.forge, requireAccount(request), request.params.id);
    const current = findCurrentFiche(app.catalogue.contentDir, proposition.slug);
    const open = proposition.statut === 'en_attente' || proposition.statut === 'a_modifier';
    const rebased = open ? await rebasedText(app.forge, proposition) : null;
    return {
      id: proposition.id,
      slug: proposition.slug,
      type: proposition.type,
      statut: proposition.statut,
      message: proposition.message,
      motif: proposition.motif,
      cree_le: proposition.cree_le,
      base_revision: proposition.base_revision,
      revision_actuelle: current?.revision ?? null,
      revision_resultat: proposition.revision_resultat,
      conflit: rebased !== null && rebased.text === null,
      contenu: proposition.contenu,
      diff: diffFiche(current?.text ?? null, rebased?.text ?? proposition.contenu),
      commentaires: (await listComments(app.forge.forgeDb.db, proposition.id)).map((c) => ({ auteur: c.auteur_nom, texte: c.texte, date: c.cree_le })),
    };
  });

  app.post<{ Params: { id: number } }>('/api/propositions/:id/accepter', { schema: { params: idParams }, config }, async (request) => {
    const published = await acceptProposition(app.forge, requireAccount(request), request.params.id);
    return { statut: 'acceptee', slug: published.slug, revision: published.revision, url: published.url };
  });

  app.post<{ Params: { id: number }; Body: { motif?: string } | undefined }>(
    '/api/propositions/:id/rejeter',
    { schema: { params: idParams, body: textBody('motif') }, config },
    async (request) => {
      await rejectProposition(app.forge, requireAccount(request), request.params.id, request.body?.motif, 'rejetee');
      return { statut: 'rejetee' };
    },
  );

  app.post<{ Params: { id: number }; Body: { motif?: string } | undefined }>(
    '/api/propositions/:id/demander-modifications',
    { schema: { params: idParams, body: textBody('motif') }, config },
    async (request) => {
      await rejectProposition(app.forge, requireAccount(request), request.params.id, request.body?.motif, 'a_modifier');
      return { statut: 'a_modifier' };
    },
  );

  app.post<{ Params: { id: number }; Body: { texte?: string } | undefined }>(
    '/api/propositions/:id/commentaires',
    { schema: { params: idParams, body: textBody('texte') }, config },
    async (request, reply) => {
      const id = await commentProposition(app.forge, requireAccount(request), request.params.id, request.body?.texte);
      return reply.status(201).send({ id });
    },
  );
};

export default propositionRoutes;
