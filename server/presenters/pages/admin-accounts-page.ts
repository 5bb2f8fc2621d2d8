// Page model of /admin/comptes: one row per account with the forms that change it, and the
// message of a refused change (an admin demoting or deactivating themselves).
import type { Account } from '../../accounts/accounts.js';
import { ROLES } from '../../accounts/account-fields.js';
import { messages } from '../../i18n/messages.js';
import { formatDateTime } from './date-time.js';

export function presentAdminAccountsPage(accounts: Account[], actorId: number, csrf: string, erreur: string | null = null) {
  const t = messages.adminComptes;
  const roleLabel = (role: string) => messages.profil.roles[role] ?? role;
  return {
    titre: t.titre,
    erreur,
    jeton: csrf,
    comptes: accounts.map((account) => ({
      id: account.id,
      nom: account.nom,
      email: account.email,
      soiMeme: account.id === actorId,
      role: account.role,
      roleLabel: roleLabel(account.role),
      roles: ROLES.map((role) => ({ id: role, label: roleLabel(role), choisi: role === account.role })),
      confiance: account.confiance,
      actif: account.actif,
      creeLe: formatDateTime(account.creeLe)!,
    })),
  };
}
