// Security headers on every reply (pages, API, errors, static files): a strict CSP with no
// third-party origin, nosniff, a referrer policy, no framing.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

export default fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
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
      hsts: false,
    });
  },
  { name: 'security-headers' },
);
