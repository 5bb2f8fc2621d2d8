// The account behind a page of one's own (profile, administration): the browser session's only.
// A personal access token is for the API: it must not open these pages, or a leaked token could
// mint new tokens that outlive its own revocation, or change accounts without a CSRF token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../accounts/accounts.js';

export function sessionAccount(request: FastifyRequest): Account | null {
  return request.authVia === 'session' ? request.account : null;
}

/** To the sign-in page, coming back to `retour` (a path of this site) afterwards. */
export function redirectToSignIn(reply: FastifyReply, retour: string): FastifyReply {
  // `/` needs no escaping in a query: /connexion?retour=/profil reads as it is.
  return reply.redirect(`/connexion?retour=${encodeURIComponent(retour).replaceAll('%2F', '/')}`, 303);
}

/** Pages that show an account's own data or a secret are kept by no cache. */
export function notStored(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** The integer id of a path such as /profil/jetons/:id/revoquer. */
export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
  required: ['id'],
} as const;
