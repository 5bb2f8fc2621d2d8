// /connexion, /inscription, /deconnexion. Login failures say nothing about which of the e-mail
// or the password was wrong; the session is renewed at login (no session fixation); the
// registration form has a honeypot field that people do not see and bots fill in. Both are
// rate limited per address (429 with Retry-After).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AccountError } from '../../accounts/account-error.js';
import { authenticate, createAccount } from '../../accounts/accounts.js';
import { messages } from '../../i18n/messages.js';
import { isCsrfValid } from '../../plugins/csrf-check.js';


type Form = Record<string, string | undefined>;

/** Only a path of this site: never an absolute URL or `//host` (no open redirect). */
function safeReturn(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/';
}

function field(body: Form, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value : '';
}

function signIn(request: FastifyRequest, compteId: number): void {
  request.session.regenerate();
  request.session.set('compteId', compteId);
}

const accountPages: FastifyPluginAsync<{ loginsPerMinute: number; registrationsPerHour: number }> = async (app, limits) => {
  const loginPage = (reply: FastifyReply, model: { email?: string; retour?: string; erreur?: string | null }, status = 200) =>
    reply.view('connexion', { email: model.email ?? '', retour: safeReturn(model.retour), erreur: model.erreur ?? null, jeton: reply.generateCsrf() }, status);

  app.get<{ Querystring: { retour?: string } }>('/connexion', async (request, reply) => loginPage(reply, { retour: request.query.retour }));

  app.post<{ Body: Form }>('/connexion', { config: { formulaire: true, rateLimit: { max: limits.loginsPerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
    const body = request.body ?? {};
    const email = field(body, 'email');
    if (!isCsrfValid(request)) return loginPage(reply, { email, retour: body.retour, erreur: messages.compte.formulaireExpire }, 403);
    const account = await authenticate(app.forge.forgeDb, email, field(body, 'mot_de_passe'));
    if (!account) return loginPage(reply, { email, retour: body.retour, erreur: messages.compte.echecConnexion }, 401);
    signIn(request, account.id);
    return reply.redirect(safeReturn(body.retour), 303);
  });

  const registerPage = (reply: FastifyReply, valeurs: Form, champs: Record<string, string>, erreur: string | null, status = 200) =>
    reply.view('inscription', { valeurs: { nom: valeurs.nom ?? '', email: valeurs.email ?? '' }, champs, erreur, jeton: reply.generateCsrf() }, status);

  app.get('/inscription', async (_request, reply) => registerPage(reply, {}, {}, null));

  app.post<{ Body: Form }>('/inscription', { config: { formulaire: true, rateLimit: { max: limits.registrationsPerHour, timeWindow: 3_600_000 } } }, async (request, reply) => {
    const body = request.body ?? {};
    if (!isCsrfValid(request)) return registerPage(reply, body, {}, messages.compte.formulaireExpire, 403);
    // A filled honeypot: a bot. Same answer as a refused form, nothing created.
    if (field(body, 'site_web') !== '') return registerPage(reply, body, {}, 'Le formulaire n’a pas pu être accepté.', 400);
    try {
      const account = await createAccount(app.forge.forgeDb, {
        nom: field(body, 'nom'),
        email: field(body, 'email'),
        password: field(body, 'mot_de_passe'),
        role: 'contributeur',
      });
      signIn(request, account.id);
      return reply.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      const key = error.code.startsWith('mot_de_passe') ? 'mot_de_passe' : error.code.startsWith('email') ? 'email' : 'nom';
      return registerPage(reply, body, { [key]: error.message }, null, 400);
    }
  });

  app.post('/deconnexion', async (request, reply) => {
    request.session.delete();
    return reply.redirect('/', 303);
  });
};

export default accountPages;
