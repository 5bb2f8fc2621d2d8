// CSRF check as a boolean, for the routes that must answer a failed check by showing the form
// again with what was typed (a session that expired while someone wrote a long text must not
// cost them the text). Same tokens as @fastify/csrf-protection (its secret is in the session).
import Tokens from '@fastify/csrf';
import type { FastifyRequest } from 'fastify';

const tokens = Tokens();

export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as { _csrf?: unknown } | undefined;
  const fromBody = typeof body?._csrf === 'string' ? body._csrf : undefined;
  const header = request.headers['x-csrf-token'];
  return fromBody ?? (typeof header === 'string' ? header : undefined);
}

export function isCsrfValid(request: FastifyRequest): boolean {
  const secret = request.session?.get('_csrf');
  const token = csrfTokenOf(request);
  return typeof secret === 'string' && typeof token === 'string' && tokens.verify(secret, token);
}
