// The edit form: GET/POST /fiches/nouvelle (?type=…) and /fiches/:slug/modifier. Generated from
// the schemas (forms/), checked by the same domain as the API (forge/save-fiche). Whatever
// happens — a field to fix, a stale base (409), an expired form or session — the page comes back
// with everything the person typed.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { FICHE_TYPES, isValidSlug, type FicheType } from '../../content/paths.js';
import { splitFrontMatter } from '../../content/front-matter.js';
import { AppError } from '../../errors.js';
import { visibleTarget } from '../../fiche/read-fiche-detail.js';
import { renderDraftBody } from '../../fiche/render-draft.js';
import { findCurrentFiche } from '../../forge/current-fiche.js';
import { draftFromRequest, ficheFileText } from '../../forge/fiche-file.js';
import { mayReadSlug } from '../../forge/private-read.js';
import { createFiche, updateFiche, type SaveOutcome } from '../../forge/save-fiche.js';
import { buildFicheForm, keysOutsideForm } from '../../forms/fiche-form.js';
import { keepStoredOrder, readFicheForm, type PostedForm } from '../../forms/read-fiche-form.js';
import { diffFiche } from '../../git/diff-fiche.js';
import { messages } from '../../i18n/messages.js';
import { isCsrfValid } from '../../plugins/csrf-check.js';
import { slugOfTyped } from '../../search/suggest-titles.js';
import { writeRateLimit } from '../api/write-rate-limit.js';

interface FormState {
  type: FicheType;
  slug: string | null;
  values: Record<string, unknown>;
  corps: string;
  message: string;
  revision: string;
  champs?: Record<string, string>;
  alerte?: string | null;
  apercu?: boolean;
  conflit?: { actuel: string; champs: unknown; corps: unknown } | null;
}

const withoutSlug = ({ _slug: _ignored, ...values }: Record<string, unknown>) => values;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

const editPages: FastifyPluginAsync<{ writesPerMinute: number }> = async (app, { writesPerMinute }) => {
  const { schemaSet } = app.catalogue;

  const show = (reply: FastifyReply, state: FormState, status = 200) => {
    const creation = state.slug === null;
    const champs = state.champs ?? {};
    const fields = buildFicheForm(schemaSet, app.catalogue.ontology, state.type, state.values, {
      champs,
      titleOf: (slug) => visibleTarget(app.catalogue, slug)?.titre ?? null,
    });
    const erreurs = Object.entries(champs).map(([key, message]) => ({
      id: key === 'slug' || key === 'corps' ? key : key === 'licence_acceptee' ? 'licence_acceptee' : `f_${key}`,
      label: fields.find((f) => f.name === key)?.label ?? (key === 'licence_acceptee' ? 'Licence' : key),
      message,
    }));
    const apercu = state.apercu
      ? renderDraftBody(app.catalogue, state.corps)
      : null;
    return reply.view(
      'formulaire-fiche',
      {
        titrePage: creation ? `Nouvelle fiche (${state.type})` : `Modifier « ${String(state.values.titre ?? state.slug)} »`,
        action: creation ? '/fiches/nouvelle' : `/fiches/${state.slug}/modifier`,
        creation,
        type: state.type,
        guide: { description: String(schemaSet.types[state.type].description ?? ''), conseils: messages.guideFiche.conseils, titre: messages.guideFiche.titre },
        slug: creation ? String(state.values._slug ?? '') : state.slug,
        revision: state.revision,
        autres: JSON.stringify(keysOutsideForm(schemaSet, state.type, withoutSlug(state.values))),
        champs: fields,
        corps: state.corps,
        resumeModification: state.message,
        erreurs,
        erreurSlug: champs.slug ?? null,
        erreurCorps: champs.corps ?? null,
        erreurLicence: champs.licence_acceptee ?? null,
        message: state.alerte ?? null,
        apercu,
        conflit: state.conflit ?? null,
        jeton: reply.generateCsrf(),
      },
      status,
    );
  };

  const signInFirst = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/connexion?retour=${encodeURIComponent(request.url)}`, 303);

  app.get<{ Querystring: { type?: string } }>('/fiches/nouvelle', async (request, reply) => {
    if (!request.account) return signInFirst(request, reply);
    const type = FICHE_TYPES.includes(request.query.type as FicheType) ? (request.query.type as FicheType) : null;
    if (!type) return reply.view('choix-type', { types: FICHE_TYPES });
    return show(reply, { type, slug: null, values: { licence: 'CC-BY-SA-4.0' }, corps: '', message: '', revision: '' });
  });

  app.get<{ Params: { slug: string } }>('/fiches/:slug/modifier', async (request, reply) => {
    if (!request.account) return signInFirst(request, reply);
    const current = isValidSlug(request.params.slug) ? findCurrentFiche(app.catalogue.contentDir, request.params.slug) : null;
    if (!current || !(await mayReadSlug(app.forge, request.account, request.params.slug))) throw new AppError('fiche_introuvable');
    const split = splitFrontMatter(current.text);
    return show(reply, { type: current.type, slug: request.params.slug, values: split.data ?? {}, corps: split.body, message: '', revision: current.revision });
  });

  const post = async (request: FastifyRequest<{ Body: PostedForm }>, reply: FastifyReply, slug: string | null) => {
    const body = request.body ?? {};
    const type = FICHE_TYPES.includes(one(body.type) as FicheType) ? (one(body.type) as FicheType) : 'commun';
    const values = readFicheForm(schemaSet, app.catalogue.ontology, type, body, (typed) => slugOfTyped(app.catalogue.facets, typed));
    if (slug === null) values._slug = one(body.slug).trim();
    const state: FormState = { type, slug, values, corps: one(body.corps), message: one(body.message), revision: one(body.revision) };
    if (!request.account) return show(reply, { ...state, alerte: 'Votre session a expiré : vos saisies sont conservées. Connectez-vous dans un autre onglet, puis renvoyez ce formulaire.' }, 401);
    if (!isCsrfValid(request)) return show(reply, { ...state, alerte: messages.compte.formulaireExpire }, 403);
    // Preview, or one more empty row for a list (without JavaScript): shown again, nothing saved.
    if (one(body.action) === 'apercu') return show(reply, { ...state, apercu: true });
    if (one(body.action) === 'ajouter-ligne') return show(reply, state);
    if (one(body.licence_acceptee) !== 'oui') return show(reply, { ...state, champs: { licence_acceptee: 'cochez cette case pour publier votre contribution' } }, 400);
    const { _slug, ...posted } = values;
    // Only now, for a save by a signed-in account: the stored file is read for its key and list order.
    const stored = slug === null ? null : findCurrentFiche(app.catalogue.contentDir, slug)?.frontMatter;
    const frontMatter = stored ? keepStoredOrder(posted, stored) : posted;
    const request_ = { ...frontMatter, type, corps: state.corps, message: state.message, ...(slug === null && _slug ? { slug: _slug } : {}) };
    let outcome: SaveOutcome;
    try {
      outcome = slug === null ? await createFiche(app.forge, request.account, request_) : await updateFiche(app.forge, request.account, slug, request_, state.revision);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'fiche_invalide') return show(reply, { ...state, champs: error.details.champs as Record<string, string> }, 400);
      if (error.code === 'fiche_existante') return show(reply, { ...state, champs: { slug: 'une fiche porte déjà ce slug : choisissez-en un autre' } }, 409);
      if (error.code === 'conflit' && slug !== null) {
        const current = findCurrentFiche(app.catalogue.contentDir, slug);
        const mine = ficheFileText(draftFromRequest({ ...frontMatter, corps: state.corps }));
        const diff = diffFiche(current?.text ?? null, mine);
        return show(reply, { ...state, revision: current?.revision ?? '', conflit: { actuel: current?.text ?? '', champs: diff.champs, corps: diff.corps } }, 409);
      }
      throw error;
    }
    if (outcome.kind === 'proposition') return reply.view('message', { titre: 'Proposition enregistrée', texte: `Votre modification attend la relecture d’un éditeur (proposition n° ${outcome.id}).` }, 202);
    return reply.redirect(outcome.url, 303);
  };

  const config = { formulaire: true, rateLimit: writeRateLimit(writesPerMinute) };
  app.post<{ Body: PostedForm }>('/fiches/nouvelle', { config }, (request, reply) => post(request, reply, null));
  app.post<{ Body: PostedForm; Params: { slug: string } }>('/fiches/:slug/modifier', { config }, (request, reply) => {
    if (!isValidSlug(request.params.slug)) throw new AppError('fiche_introuvable');
    return post(request, reply, request.params.slug);
  });
};

export default editPages;
