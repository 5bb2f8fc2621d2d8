// Security headers on every reply (pages, API, errors, static files): a strict CSP with no
// third-party origin, nosniff, a referrer policy, no framing. The same helmet settings serve
// the replies Fastify makes before any hook runs (malformed URLs), through applySecurityHeaders.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
  // The read API is meant to be embedded by other commons tools.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  strictTransportSecurity: false,
};

const setHeaders = helmet(HELMET_OPTIONS);

export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  setHeaders(request, response, () => {});
}

export default fp(
  async (app) => {
    // Same options object; @fastify/helmet declares its own copy of helmet's option types.
    await app.register(fastifyHelmet, { global: true, ...(HELMET_OPTIONS as FastifyHelmetOptions) });
  },
  { name: 'security-headers' },
);
