// The rules of an account's fields, checked before anything is written. Each function returns
// the value as it is stored or throws an AccountError with the field's code.
import type { Role } from '../forge-db/database.js';
import { AccountError, type AccountErrorCode } from './account-error.js';

export const ROLES: readonly Role[] = ['contributeur', 'editeur', 'admin'];

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_LABEL_LENGTH = 80;
// Characters an address only carries when quoted; no account needs them.
const EMAIL_FORBIDDEN = /[\s\p{C}<>()[\]\\,;:"@]/u;
// Control characters, line and paragraph separators, and the bidi embeddings, overrides and
// isolates that make a name read as another. Other format characters stay: Persian names
// need the zero-width non-joiner, emoji sequences the joiner.
const LABEL_FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;

/** Trimmed, NFC, lower-cased, shape checked (simply: one @, a dotted domain, no odd character). */
export function normalizeEmail(raw: string): string {
  if (raw.length > 4 * MAX_EMAIL_LENGTH) throw new AccountError('email_invalide');
  const email = raw.trim().normalize('NFC').toLowerCase();
  const at = email.indexOf('@');
  if (at < 1 || email.length > MAX_EMAIL_LENGTH) throw new AccountError('email_invalide');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const labels = domain.split('.');
  const shapeOk =
    local.length <= MAX_LOCAL_PART_LENGTH &&
    !EMAIL_FORBIDDEN.test(local) &&
    !EMAIL_FORBIDDEN.test(domain) &&
    labels.length >= 2 &&
    labels.every((label) => label.length > 0 && !label.startsWith('-') && !label.endsWith('-')) &&
    (labels.at(-1)?.length ?? 0) >= 2;
  if (!shapeOk) throw new AccountError('email_invalide');
  return email;
}

/** The display name, also the author of git commits: git drops `<` and `>`, so they are refused. */
export function checkNom(raw: string): string {
  return checkLabel(raw, 'nom_invalide', /[<>]/);
}

/** The label of a personal access token. */
export function checkLibelle(raw: string): string {
  return checkLabel(raw, 'libelle_invalide');
}

export function checkRole(raw: string): Role {
  const role = ROLES.find((candidate) => candidate === raw);
  if (!role) throw new AccountError('role_invalide');
  return role;
}

function checkLabel(raw: string, code: AccountErrorCode, alsoForbidden?: RegExp): string {
  if (raw.length > 4 * MAX_LABEL_LENGTH) throw new AccountError(code);
  const value = raw.trim().normalize('NFC');
  const length = [...value].length;
  if (length < 1 || length > MAX_LABEL_LENGTH || LABEL_FORBIDDEN.test(value) || alsoForbidden?.test(value)) {
    throw new AccountError(code);
  }
  return value;
}
