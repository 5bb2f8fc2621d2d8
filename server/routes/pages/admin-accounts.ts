// /admin/comptes: the accounts table for admins (others: 403; anonymous: sign in first), with one
// POST form per change: /admin/comptes/:id/role (role), …/confiance and …/actif (`oui` or
// `non`). A refused change (an admin demoting or deactivating themselves) shows the table again
// with the reason. Session only (see signed-in.ts); CSRF checked by plugins/auth.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { AccountError } from '../../accounts/account-error.js';
import type { Account } from '../../accounts/accounts.js';
import { ACCOUNT_FIELDS, accountsFor, changeAccount, readAccountChange } from '../../forge/account-administration.js';
import { mayAdminister } from '../../forge/authorization.js';
import { AppError } from '../../errors.js';
import { messages } from '../../i18n/messages.js';
import { presentAdminAccountsPage } from '../../presenters/pages/admin-accounts-page.js';
import { writeRateLimit } from '../api/write-rate-limit.js';
import { idParams, notStored, redirectToSignIn, sessionAccount } from './signed-in.js';

const PAGE = '/admin/comptes';

const adminAccountPages: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const { forgeDb } = app.forge;

  const show = async (reply: FastifyReply, actor: Account, erreur: string | null = null, status = 200) => {
    const accounts = await accountsFor(forgeDb, actor);
    return notStored(reply).view('admin-comptes', presentAdminAccountsPage(accounts, actor.id, reply.generateCsrf(), erreur), status);
  };

  app.get(PAGE, async (request, reply) => {
    const actor = sessionAccount(request);
    if (!actor) return redirectToSignIn(reply, PAGE);
    return show(reply, actor);
  });

  const config = { rateLimit: writeRateLimit(writesPerMinute) };
  for (const name of ACCOUNT_FIELDS) {
    app.post<{ Params: { id: number }; Body: Record<string, unknown> }>(`${PAGE}/:id/${name}`, { schema: { params: idParams }, config }, async (request, reply) => {
      const actor = sessionAccount(request);
      if (!actor) return redirectToSignIn(reply, PAGE);
      if (!mayAdminister(actor)) throw new AppError('acces_refuse');
      const value = request.body?.[name];
      try {
        const outcome = await changeAccount(forgeDb, actor, request.params.id, readAccountChange(name, typeof value === 'string' ? value : ''));
        if (outcome.kind === 'refuse') return show(reply, actor, messages.adminComptes.refus[outcome.raison] ?? null, 403);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return show(reply, actor, error.message, error.code === 'compte_introuvable' ? 404 : 400);
      }
      return reply.redirect(`${PAGE}#compte-${request.params.id}`, 303);
    });
  }
};

export default adminAccountPages;
