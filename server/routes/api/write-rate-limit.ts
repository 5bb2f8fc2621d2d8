// The rate limit of write routes (@fastify/rate-limit, per route): counted per account when the
// request is authenticated, per address otherwise; checked after authentication (preHandler) so
// that the account is known. Over the limit: 429 with Retry-After (plugins/error-handler).
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/rate-limit';

export function writeRateLimit(max: number) {
  return {
    max,
    timeWindow: 60_000,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => (request.account ? `compte:${request.account.id}` : `ip:${request.ip}`),
  };
}
