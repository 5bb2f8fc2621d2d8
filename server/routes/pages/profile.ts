// /profil: the signed-in account, its contributions and propositions, and its personal access
// tokens. POST /profil/jetons creates a token and shows it on that answer only (201, never in a
// URL); POST /profil/jetons/:id/revoquer revokes one (303 back to /profil). Session only (see
// signed-in.ts); writes are rate limited like every write.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AccountError } from '../../accounts/account-error.js';
import { checkLibelle } from '../../accounts/account-fields.js';
import type { Account } from '../../accounts/accounts.js';
import { createToken, listTokens, revokeToken } from '../../accounts/tokens.js';
import { accountContributions } from '../../forge/account-contributions.js';
import { mayAdminister } from '../../forge/authorization.js';
import { ownPropositions } from '../../forge/own-propositions.js';
import { sharedPrivateFiches } from '../../forge/private-read.js';
import { messages } from '../../i18n/messages.js';
import { isCsrfValid } from '../../plugins/csrf-check.js';
import { EMPTY_TOKEN_FORM, presentProfilePage, type TokenFormState } from '../../presenters/pages/profile-page.js';
import { writeRateLimit } from '../api/write-rate-limit.js';
import { idParams, notStored, redirectToSignIn, sessionAccount } from './signed-in.js';

type Form = Record<string, string | string[] | undefined>;
const field = (body: Form, key: string) => (typeof body[key] === 'string' ? body[key] : '');

const profilePages: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const { forgeDb } = app.forge;

  const show = async (reply: FastifyReply, account: Account, form: TokenFormState, created: { libelle: string; token: string } | null, status: number) => {
    const [contributions, propositions, privateFiches, tokens] = await Promise.all([
      accountContributions(app.forge, account),
      ownPropositions(app.forge, account),
      sharedPrivateFiches(app.forge, account),
      listTokens(forgeDb, account.id),
    ]);
    const model = presentProfilePage({
      account,
      administrateur: mayAdminister(account),
      contributions,
      propositions,
      privateFiches,
      tokens,
      form,
      created,
      csrf: reply.generateCsrf(),
    });
    return notStored(reply).view('profil', model, status);
  };

  app.get('/profil', async (request, reply) => {
    const account = sessionAccount(request);
    if (!account) return redirectToSignIn(reply, '/profil');
    return show(reply, account, EMPTY_TOKEN_FORM, null, 200);
  });

  const config = { rateLimit: writeRateLimit(writesPerMinute) };

  app.post<{ Body: Form }>('/profil/jetons', { config: { ...config, formulaire: true } }, async (request, reply) => {
    const account = sessionAccount(request);
    if (!account) return redirectToSignIn(reply, '/profil');
    const body = request.body ?? {};
    const form: TokenFormState = { libelle: field(body, 'libelle'), licenceAcceptee: field(body, 'licence_acceptee') === 'oui', champs: {}, alerte: null };
    if (!isCsrfValid(request)) return show(reply, account, { ...form, alerte: messages.compte.formulaireExpire }, null, 403);
    let libelle = '';
    try {
      libelle = checkLibelle(form.libelle);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      form.champs.libelle = error.message;
    }
    if (!form.licenceAcceptee) form.champs.licence_acceptee = messages.profil.licenceRequise;
    if (Object.keys(form.champs).length > 0) return show(reply, account, form, null, 400);
    const { token } = await createToken(forgeDb, account.id, libelle);
    return show(reply, account, EMPTY_TOKEN_FORM, { libelle, token }, 201);
  });

  // CSRF: checked by plugins/auth for every session write (no form to show again here).
  app.post<{ Params: { id: number } }>('/profil/jetons/:id/revoquer', { schema: { params: idParams }, config }, async (request, reply) => {
    const account = sessionAccount(request);
    if (!account) return redirectToSignIn(reply, '/profil');
    // Someone else's token, or one already revoked: nothing to do, and nothing to tell.
    await revokeToken(forgeDb, account.id, request.params.id);
    return reply.redirect('/profil', 303);
  });
};

export default profilePages;
