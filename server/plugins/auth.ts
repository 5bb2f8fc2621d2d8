// Who is asking: `request.account` is the account of a valid personal access token
// (`Authorization: Bearer fac_…`), or of the browser session, or null. A token that is present
// but not valid (unknown, revoked, account disabled) is refused with 401 rather than treated as
// anonymous, so that a client learns at once that its token no longer works. A write made with
// a session cookie must carry a CSRF token (form field `_csrf` or header `X-CSRF-Token`);
// routes marked `config.formulaire` check it themselves, to show the form again on failure.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Account } from '../accounts/accounts.js';
import { findAccountById } from '../accounts/accounts.js';
import { findAccountByToken } from '../accounts/tokens.js';
import { AppError } from '../errors.js';
import { isCsrfValid } from './csrf-check.js';

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | null;
    authVia: 'jeton' | 'session' | null;
  }
  interface FastifyContextConfig {
    /** The route checks the CSRF token itself (isCsrfValid) and re-renders its form on failure. */
    formulaire?: boolean;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireAccount(request: FastifyRequest): Account {
  if (!request.account) throw new AppError('non_authentifie');
  return request.account;
}

export default fp(
  async (app) => {
    app.decorateRequest('account', null);
    app.decorateRequest('authVia', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const token = BEARER.exec(header)?.[1];
        const account = token ? await findAccountByToken(app.forge.forgeDb, token) : null;
        if (!account) throw new AppError('non_authentifie', 'Jeton d’accès invalide, révoqué ou expiré.');
        request.account = account;
        request.authVia = 'jeton';
        return;
      }
      const compteId = request.session?.get('compteId');
      if (typeof compteId !== 'number') return;
      const account = await findAccountById(app.forge.forgeDb, compteId);
      if (account?.actif) {
        request.account = account;
        request.authVia = 'session';
      } else {
        request.session.delete();
      }
    });
    app.addHook('preHandler', async (request) => {
      if (request.authVia !== 'session' || SAFE_METHODS.has(request.method) || request.routeOptions.config.formulaire) return;
      if (!isCsrfValid(request)) throw new AppError('jeton_csrf_invalide');
    });
  },
  { name: 'auth', dependencies: ['forge', 'session'] },
);
