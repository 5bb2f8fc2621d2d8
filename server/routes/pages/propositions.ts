// Review in the browser: GET /propositions (editors: the open propositions; contributors: their
// own), GET /propositions/:id (diff, preview, comments, decision forms), and the forms' POSTs
// …/accepter, …/demander-modifications, …/rejeter (editors) and …/commentaires (the author and
// editors). The domain decides (forge/propositions.ts); a refused form comes back with what was
// typed and the reason next to its field.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../accounts/accounts.js';
import { AppError } from '../../errors.js';
import { visibleTarget } from '../../fiche/read-fiche-detail.js';
import { reviewProposition } from '../../forge/proposition-review.js';
import { acceptProposition, commentProposition, listPropositions, rejectProposition } from '../../forge/propositions.js';
import { messages } from '../../i18n/messages.js';
import { renderBody } from '../../markdown/renderer.js';
import { isCsrfValid } from '../../plugins/csrf-check.js';
import { presentPropositionList } from '../../presenters/pages/proposition-list-page.js';
import { refusedForm, type ReviewAction } from '../../presenters/pages/proposition-form-errors.js';
import { presentPropositionPage, type ReviewFormState } from '../../presenters/pages/proposition-page.js';
import { writeRateLimit } from '../api/write-rate-limit.js';

type Form = Record<string, string | string[] | undefined>;
type IdRequest = FastifyRequest<{ Params: { id: string }; Body: Form | undefined }>;

const MAX_ID = 2_147_483_647;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Pages of one reader's review work (private fiches included): kept by no cache. */
const notStored = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** The id of the address, or a 404 for anything that cannot be one (like an unknown id). */
function propositionId(raw: string): number {
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : 0;
  if (id < 1 || id > MAX_ID) throw new AppError('proposition_introuvable');
  return id;
}

const propositionPages: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const signInFirst = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/connexion?retour=${encodeURIComponent(request.url)}`, 303);

  const renderMarkdown = (body: string) =>
    renderBody(body, { resolveFiche: (slug) => visibleTarget(app.catalogue, slug), missingTitle: (slug) => messages.fiche.lienManquant(slug) });

  const show = async (reply: FastifyReply, account: Account, id: number, form: ReviewFormState = {}, status = 200) => {
    const review = await reviewProposition(app.forge, account, id);
    return notStored(reply).view('proposition', { ...presentPropositionPage(review, account, renderMarkdown, form), jeton: reply.generateCsrf() }, status);
  };

  app.get('/propositions', async (request, reply) => {
    if (!request.account) return signInFirst(request, reply);
    return notStored(reply).view('propositions', presentPropositionList(await listPropositions(app.forge, request.account), request.account));
  });

  app.get<{ Params: { id: string } }>('/propositions/:id', async (request, reply) => {
    if (!request.account) return signInFirst(request, reply);
    return show(reply, request.account, propositionId(request.params.id));
  });

  /** One POST form: checked, done, then 303 to `next`; refused, the page again with the text typed. */
  const formRoute = (action: ReviewAction, run: (account: Account, id: number, body: Form) => Promise<string>) =>
    app.post<{ Params: { id: string }; Body: Form | undefined }>(
      `/propositions/:id/${action}`,
      { config: { formulaire: true, rateLimit: writeRateLimit(writesPerMinute) } },
      async (request: IdRequest, reply) => {
        const id = propositionId(request.params.id);
        const account = request.account;
        if (!account) throw new AppError('non_authentifie');
        const body = request.body ?? {};
        const typed = one(action === 'commentaires' ? body.texte : body.motif);
        const refuse = (error: AppError) => show(reply, account, id, refusedForm(action, typed, error) ?? {}, error.status);
        if (!isCsrfValid(request)) return refuse(new AppError('jeton_csrf_invalide', messages.compte.formulaireExpire));
        let next: string;
        try {
          next = await run(account, id, body);
        } catch (error) {
          if (error instanceof AppError && refusedForm(action, typed, error)) return refuse(error);
          throw error;
        }
        return reply.redirect(next, 303);
      },
    );

  formRoute('accepter', async (account, id) => (await acceptProposition(app.forge, account, id)).url);
  formRoute('demander-modifications', async (account, id, body) => {
    await rejectProposition(app.forge, account, id, one(body.motif), 'a_modifier');
    return `/propositions/${id}`;
  });
  formRoute('rejeter', async (account, id, body) => {
    await rejectProposition(app.forge, account, id, one(body.motif), 'rejetee');
    return `/propositions/${id}`;
  });
  formRoute('commentaires', async (account, id, body) => `/propositions/${id}#commentaire-${await commentProposition(app.forge, account, id, one(body.texte))}`);
};

export default propositionPages;
