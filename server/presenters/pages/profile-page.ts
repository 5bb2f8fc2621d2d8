// Page model of /profil: the account, its contributions, its propositions and its personal
// access tokens, with the token form's state (typed label, errors) and a token just created.
import type { Account } from '../../accounts/accounts.js';
import type { TokenInfo } from '../../accounts/tokens.js';
import type { Contribution } from '../../forge/account-contributions.js';
import type { OwnProposition } from '../../forge/own-propositions.js';
import type { PrivateFicheLink } from '../../forge/private-read.js';
import { messages } from '../../i18n/messages.js';
import { TYPE_LABELS } from '../../search/facet-counts.js';
import { formatDateTime } from './date-time.js';

export interface TokenFormState {
  libelle: string;
  licenceAcceptee: boolean;
  /** Field errors: `libelle`, `licence_acceptee`. */
  champs: Record<string, string>;
  /** An error about the whole form (an expired form). */
  alerte: string | null;
}

export const EMPTY_TOKEN_FORM: TokenFormState = { libelle: '', licenceAcceptee: false, champs: {}, alerte: null };

export interface ProfileParts {
  account: Account;
  administrateur: boolean;
  contributions: Contribution[];
  propositions: OwnProposition[];
  privateFiches: PrivateFicheLink[];
  tokens: TokenInfo[];
  form: TokenFormState;
  /** The token just created: shown on this answer only. */
  created: { libelle: string; token: string } | null;
  csrf: string;
}

export function presentProfilePage(parts: ProfileParts) {
  const t = messages.profil;
  const { account } = parts;
  return {
    titre: t.titre,
    compteInfo: {
      nom: account.nom,
      email: account.email,
      role: t.roles[account.role] ?? account.role,
      confiance: account.confiance ? t.oui : t.non,
    },
    adminUrl: parts.administrateur ? '/admin/comptes' : null,
    fichesPrivees: {
      titre: parts.account.role === 'contributeur' ? t.fichesPartageesTitre : t.fichesPriveesTitre,
      liste: parts.privateFiches.map((f) => ({ titre: f.titre, url: `/fiches/${f.slug}`, typeLabel: TYPE_LABELS[f.type] ?? f.type })),
    },
    contributions: parts.contributions.map((c) => ({
      titre: c.titre,
      url: c.url,
      note: c.prive ? t.fichePrivee : c.url ? null : t.sansPage,
      typeLabel: TYPE_LABELS[c.type] ?? c.type,
      nature: messages.modifications.natures[c.kind] ?? c.kind,
      date: formatDateTime(c.date)!,
      sujet: c.sujet || t.sansMessage,
    })),
    propositions: parts.propositions.map((p) => ({
      numero: t.propositionNumero(p.id),
      url: `/propositions/${p.id}`,
      titre: p.titre,
      nature: p.creation ? t.nouvelleFiche : t.modificationDe,
      statut: p.statut,
      statutLabel: t.statuts[p.statut] ?? p.statut,
      motif: p.motif,
      sujet: p.sujet || t.sansMessage,
      creeLe: formatDateTime(p.creeLe)!,
    })),
    jetons: parts.tokens.map((token) => ({
      id: token.id,
      libelle: token.libelle,
      creeLe: formatDateTime(token.creeLe)!,
      dernierUsage: formatDateTime(token.dernierUsage),
      revoqueLe: formatDateTime(token.revoqueLe),
    })),
    formulaire: {
      libelle: parts.form.libelle,
      licenceAcceptee: parts.form.licenceAcceptee,
      erreurLibelle: parts.form.champs.libelle ?? null,
      erreurLicence: parts.form.champs.licence_acceptee ?? null,
      alerte: parts.form.alerte ?? (Object.keys(parts.form.champs).length > 0 ? t.nonCree : null),
    },
    nouveauJeton: parts.created,
    jeton: parts.csrf,
  };
}
