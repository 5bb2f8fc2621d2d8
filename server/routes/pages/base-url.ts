// The absolute base URL of the site, for attribution texts: configured (PUBLIC_URL), or the
// one the request came through.
import type { FastifyRequest } from 'fastify';

export interface PageOptions {
  publicUrl: string | null;
}

export function baseUrlOf(request: FastifyRequest, publicUrl: string | null): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
