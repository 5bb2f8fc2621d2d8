// The one place where errors become replies: JSON `{erreur, code}` under /api, an HTML error
// page elsewhere. Messages come from the error catalogue; no stack trace or server path is
// ever sent, and unexpected errors are logged with their details.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, type ErrorCode } from '../errors.js';
import { GitContentError, type GitContentErrorCode } from '../git/git-content-error.js';

/** The content repository's refusals in the catalogue: a git failure is a 503 (nothing saved). */
const GIT_ERRORS: Record<GitContentErrorCode, ErrorCode> = {
  chemin_invalide: 'requete_invalide',
  revision_invalide: 'revision_introuvable',
  auteur_invalide: 'requete_invalide',
  fichier_non_suivi: 'fiche_introuvable',
  historique_indisponible: 'service_indisponible',
};
import type { PageRenderer } from './page-renderer.js';
import { applySecurityHeaders } from './security-headers.js';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

/** Maps what Fastify or its plugins throw onto our catalogue. */
export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof GitContentError) return new AppError(GIT_ERRORS[error.code], error.message);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const name = first?.instancePath?.replace(/^\//, '') || (first?.params as { missingProperty?: string } | undefined)?.missingProperty || '';
    const where = fastifyError.validationContext === 'querystring' ? 'Le paramètre' : 'Le champ';
    return new AppError('parametre_invalide', name ? `${where} « ${name} » est invalide.` : undefined, name ? { parametre: name } : {});
  }
  const byFastifyCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'type_de_contenu_non_supporte',
    FST_ERR_CTP_BODY_TOO_LARGE: 'requete_trop_grande',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'json_invalide',
    FST_ERR_CTP_INVALID_JSON_BODY: 'json_invalide',
    FST_ERR_BAD_URL: 'adresse_invalide',
    FST_ERR_MAX_PARAM_LENGTH: 'adresse_trop_longue',
    FST_ERR_ASYNC_CONSTRAINT: 'requete_invalide',
  };
  const mapped = fastifyError.code ? byFastifyCode[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AppError('json_invalide');
  if (fastifyError.statusCode === 429) return new AppError('trop_de_requetes');
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) return new AppError('requete_invalide');
  return new AppError('erreur_interne');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (isApiRequest(request)) {
    return reply.status(error.status).type('application/json; charset=utf-8').send(errorBody(error));
  }
  return reply.view('erreur', { status: error.status, message: error.message, code: error.code }, error.status);
}

/**
 * Errors Fastify raises before routing (a malformed %-encoding, a parameter too long): no hook
 * or decoration exists yet on that reply, so headers and page come from the shared pieces.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, renderer: PageRenderer): void {
  const appError = toAppError(error);
  applySecurityHeaders(request.raw, reply.raw);
  request.log.info({ code: appError.code }, 'requête refusée');
  if (isApiRequest(request)) {
    reply.status(appError.status).type('application/json; charset=utf-8').send(errorBody(appError));
  } else {
    const html = renderer.render('erreur', { status: appError.status, message: appError.message, code: appError.code });
    reply.status(appError.status).type('text/html; charset=utf-8').send(html);
  }
}

/**
 * Requests Node's HTTP parser refuses (a header over 16 KiB, a garbage request line…) never
 * reach Fastify: the answer is written on the socket, in French like every other error.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const appError =
    error.code === 'HPE_HEADER_OVERFLOW' ? new AppError('entetes_trop_grands') : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? new AppError('delai_depasse') : new AppError('requete_invalide');
  const body = JSON.stringify(errorBody(appError));
  const reason = STATUS_CODES[appError.status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${appError.status} ${reason}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Content-Security-Policy: default-src 'none'\r\n" +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, 'erreur interne');
      else request.log.info({ code: appError.code }, 'requête refusée');
      return sendError(request, reply, appError);
    });
    app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError(isApiRequest(request) ? 'route_introuvable' : 'page_introuvable')));
  },
  { name: 'error-handler', dependencies: ['views'] },
);
