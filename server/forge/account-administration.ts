// The account admin page's actions: list accounts, change a role, mark trusted, deactivate or
// reactivate. Who may do it is decided by authorization.ts (admins, never against themselves
// for a demotion or a deactivation); a deactivated account's session and tokens stop working at
// their next request (plugins/auth and the token lookup check `actif`).
import { AccountError } from '../accounts/account-error.js';
import { ROLES } from '../accounts/account-fields.js';
import { listAccounts, setAccountActive, setAccountRole, setAccountTrusted, type Account } from '../accounts/accounts.js';
import type { ForgeDb } from '../forge-db/connect.js';
import { AppError } from '../errors.js';
import { decideAccountChange, mayAdminister, type AccountChange, type AccountChangeDecision, type Actor } from './authorization.js';

export type AccountField = 'role' | 'confiance' | 'actif';
export const ACCOUNT_FIELDS: readonly AccountField[] = ['role', 'confiance', 'actif'];

export type AdministrationOutcome = { kind: 'fait'; account: Account } | { kind: 'refuse'; raison: Exclude<AccountChangeDecision, 'permis' | 'refuse'> };

export async function accountsFor(forgeDb: ForgeDb, actor: Actor): Promise<Account[]> {
  if (!mayAdminister(actor)) throw new AppError('acces_refuse');
  return listAccounts(forgeDb);
}

/** The change a form asks for: a role id, or `oui` / `non` for trust and activity. */
export function readAccountChange(field: AccountField, value: string): AccountChange {
  if (field === 'role') {
    const role = ROLES.find((candidate) => candidate === value);
    if (!role) throw new AccountError('role_invalide');
    return { kind: 'role', role };
  }
  if (value !== 'oui' && value !== 'non') throw new AppError('requete_invalide');
  return field === 'confiance' ? { kind: 'confiance', confiance: value === 'oui' } : { kind: 'actif', actif: value === 'oui' };
}

export async function changeAccount(forgeDb: ForgeDb, actor: Actor, targetId: number, change: AccountChange): Promise<AdministrationOutcome> {
  const decision = decideAccountChange(actor, targetId, change);
  if (decision === 'refuse') throw new AppError('acces_refuse');
  if (decision !== 'permis') return { kind: 'refuse', raison: decision };
  switch (change.kind) {
    case 'role':
      return { kind: 'fait', account: await setAccountRole(forgeDb, targetId, change.role) };
    case 'confiance':
      return { kind: 'fait', account: await setAccountTrusted(forgeDb, targetId, change.confiance) };
    case 'actif':
      return { kind: 'fait', account: await setAccountActive(forgeDb, targetId, change.actif) };
  }
}
