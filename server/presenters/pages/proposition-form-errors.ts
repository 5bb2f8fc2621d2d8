// What the proposition page says after one of its forms was refused: the text typed kept in its
// field, the reason next to that field or at the top of the page. Refusals that are not about
// the form (not allowed, unknown proposition, too many requests) get null: the error page.
import type { AppError } from '../../errors.js';
import { messages } from '../../i18n/messages.js';
import type { ReviewFormState } from './proposition-page.js';

export type ReviewAction = 'accepter' | 'demander-modifications' | 'rejeter' | 'commentaires';

function keptText(action: ReviewAction, typed: string): ReviewFormState {
  if (action === 'commentaires') return { commentaire: typed };
  if (action === 'demander-modifications') return { motifModifications: typed };
  if (action === 'rejeter') return { motifRejet: typed };
  return {};
}

function fieldError(action: ReviewAction, message: string): ReviewFormState {
  if (action === 'commentaires') return { erreurCommentaire: message };
  if (action === 'demander-modifications') return { erreurModifications: message };
  return { erreurRejet: message };
}

export function refusedForm(action: ReviewAction, typed: string, error: AppError): ReviewFormState | null {
  const t = messages.propositions;
  const kept = keptText(action, typed);
  switch (error.code) {
    case 'jeton_csrf_invalide':
    case 'proposition_traitee':
      return { ...kept, alerte: error.message };
    case 'conflit':
      return { ...kept, alerte: t.conflitAccepter };
    case 'fiche_invalide': {
      const champs = (error.details.champs ?? {}) as Record<string, string>;
      // Accepting has no field: the proposed text itself no longer passes the checks.
      if (action === 'accepter') return { alerte: t.invalideAccepter, alerteDetails: Object.entries(champs).map(([key, message]) => `${key} : ${message}`) };
      return { ...kept, alerte: t.nonEnregistre, ...fieldError(action, Object.values(champs)[0] ?? error.message) };
    }
    default:
      return null;
  }
}
