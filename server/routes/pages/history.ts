// The history of a fiche in the browser: GET /fiches/:slug/historique (revisions, with a form to
// compare two of them), /fiches/:slug/revisions/:revision (an old version, rendered),
// /fiches/:slug/diff?de=&a= (field by field and line by line), and POST
// /fiches/:slug/revisions/:revision/retablir (editors: the old text as a new commit).
import type { FastifyPluginAsync } from 'fastify';
import { isValidSlug } from '../../content/paths.js';
import { AppError } from '../../errors.js';
import { isEditor } from '../../forge/authorization.js';
import { readCommitMessage } from '../../forge/commit-message.js';
import { ficheAtRevision, ficheHistory, type HistoryEntry } from '../../forge/history.js';
import { revertFiche } from '../../forge/revert.js';
import { diffFiche } from '../../git/diff-fiche.js';
import { writeRateLimit } from '../api/write-rate-limit.js';

const REVISION = /^[0-9a-f]{7,64}$/;

function checked(slug: string, revision?: string): void {
  if (!isValidSlug(slug) || (revision !== undefined && !REVISION.test(revision))) throw new AppError('fiche_introuvable');
}

function titleOf(entries: HistoryEntry[], fallback: string, current: string | undefined): string {
  return current ?? entries.find((e) => e.revision)?.message.split('\n')[0] ?? fallback;
}

const historyPages: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const currentTitle = (slug: string) => {
    const id = app.catalogue.facets.idOfSlug(slug);
    return id === undefined ? undefined : app.catalogue.facets.summary(id)?.titre;
  };

  app.get<{ Params: { slug: string } }>('/fiches/:slug/historique', async (request, reply) => {
    const { slug } = request.params;
    checked(slug);
    const { entries } = await ficheHistory(app.forge, request.account, slug);
    const revisions = entries.map((e, i) => ({
      revision: e.revision,
      courte: e.revision?.slice(0, 10) ?? '',
      date: e.date,
      jour: e.date.slice(0, 10),
      auteur: e.auteur,
      sujet: readCommitMessage(e.message).sujet,
      delta: e.delta > 0 ? `+${e.delta}` : String(e.delta),
      taille: e.taille,
      precedente: entries.slice(i + 1).find((p) => p.revision)?.revision ?? null,
    }));
    return reply.view('historique', {
      titre: `Historique de « ${titleOf(entries, slug, currentTitle(slug))} »`,
      slug,
      revisions,
      editeur: request.account ? isEditor(request.account) : false,
      jeton: request.account ? reply.generateCsrf() : null,
    });
  });

  app.get<{ Params: { slug: string; revision: string } }>('/fiches/:slug/revisions/:revision', async (request, reply) => {
    const { slug, revision } = request.params;
    checked(slug, revision);
    const old = await ficheAtRevision(app.forge, request.account, slug, revision);
    const fields = old as Record<string, unknown>;
    return reply.view('revision', { titre: String(fields.titre ?? slug), slug, ancienne: old, jour: old.date.slice(0, 10) });
  });

  app.get<{ Params: { slug: string }; Querystring: { de?: string; a?: string } }>('/fiches/:slug/diff', async (request, reply) => {
    const { slug } = request.params;
    const { de, a } = request.query;
    checked(slug, de ?? '');
    if (a !== undefined) checked(slug, a);
    const { entries } = await ficheHistory(app.forge, request.account, slug);
    const find = (revision: string) => entries.find((e) => e.revision === revision) ?? null;
    const from = find(de!);
    const to = a ? find(a) : (entries.find((e) => e.revision) ?? null);
    if (!from || !to) throw new AppError('revision_introuvable');
    const textAt = (e: HistoryEntry) => (e.chemin ? app.forge.repository.fileAt(e.chemin, e.commit) : Promise.resolve(null));
    const diff = diffFiche(await textAt(from), await textAt(to));
    return reply.view('diff', { titre: `Différences : ${slug}`, slug, de: from, a: to, diff });
  });

  app.post<{ Params: { slug: string; revision: string } }>(
    '/fiches/:slug/revisions/:revision/retablir',
    { config: { rateLimit: writeRateLimit(writesPerMinute) } },
    async (request, reply) => {
      const { slug, revision } = request.params;
      checked(slug, revision);
      if (!request.account) throw new AppError('non_authentifie');
      const done = await revertFiche(app.forge, request.account, slug, revision);
      return reply.redirect(done.url, 303);
    },
  );

  app.post<{ Params: { slug: string; revision: string } }>(
    '/api/fiches/:slug/revisions/:revision/retablir',
    { config: { rateLimit: writeRateLimit(writesPerMinute) } },
    async (request) => {
      const { slug, revision } = request.params;
      checked(slug, revision);
      if (!request.account) throw new AppError('non_authentifie');
      const done = await revertFiche(app.forge, request.account, slug, revision);
      return { slug: done.slug, revision: done.revision, url: done.url };
    },
  );
};

export default historyPages;
