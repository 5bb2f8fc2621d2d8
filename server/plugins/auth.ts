// Who is asking: `request.account` is the account of a valid personal access token
// (`Authorization: Bearer fac_…`), or null. A token that is present but not valid (unknown,
// revoked, account disabled) is refused with 401 rather than treated as anonymous, so that a
// client learns at once that its token no longer works. Routes call requireAccount().
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Account } from '../accounts/accounts.js';
import { findAccountByToken } from '../accounts/tokens.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | null;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function requireAccount(request: FastifyRequest): Account {
  if (!request.account) throw new AppError('non_authentifie');
  return request.account;
}

export default fp(
  async (app) => {
    app.decorateRequest('account', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (header === undefined) return;
      const token = BEARER.exec(header)?.[1];
      const account = token ? await findAccountByToken(app.forge.forgeDb, token) : null;
      if (!account) throw new AppError('non_authentifie', 'Jeton d’accès invalide, révoqué ou expiré.');
      request.account = account;
    });
  },
  { name: 'auth', dependencies: ['forge'] },
);
