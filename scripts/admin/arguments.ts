// Command line of `npm run admin`: one command, its options, nothing else (node:util parseArgs,
// strict). Every mistake is a UsageError with a French message: exit code 2.
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage :
  npm run admin -- ajouter --email <e-mail> --nom "<nom affiché>" --role <contributeur|editeur|admin>
      crée un compte ; le mot de passe est lu sur l’entrée standard (première ligne)
  npm run admin -- jeton --email <e-mail> --libelle <libellé>
      crée un jeton d’accès personnel et l’affiche seul sur la dernière ligne
  npm run admin -- --aide
      affiche cette aide`;

const OPTIONS = {
  email: { type: 'string' },
  nom: { type: 'string' },
  role: { type: 'string' },
  libelle: { type: 'string' },
  aide: { type: 'boolean', short: 'h' },
} as const;

type OptionName = Exclude<keyof typeof OPTIONS, 'aide'>;

const COMMAND_OPTIONS = {
  ajouter: ['email', 'nom', 'role'],
  jeton: ['email', 'libelle'],
} as const satisfies Record<string, readonly OptionName[]>;

export type AdminCommand =
  | { command: 'aide' }
  | { command: 'ajouter'; email: string; nom: string; role: string }
  | { command: 'jeton'; email: string; libelle: string };

export function parseAdminArguments(args: readonly string[]): AdminCommand {
  const { values, positionals } = parse(args);
  if (values.aide) return { command: 'aide' };
  if (positionals.length === 0) throw new UsageError('commande manquante (ajouter ou jeton)');
  if (positionals.length > 1) throw new UsageError(`argument en trop : « ${positionals[1]} »`);
  const command = positionals[0] ?? '';
  if (command !== 'ajouter' && command !== 'jeton') throw new UsageError(`commande inconnue : « ${command} » (ajouter ou jeton)`);
  const expected: readonly OptionName[] = COMMAND_OPTIONS[command];
  for (const name of Object.keys(values)) {
    if (name !== 'aide' && !expected.includes(name as OptionName)) {
      throw new UsageError(`l’option --${name} ne s’emploie pas avec « ${command} »`);
    }
  }
  const missing = expected.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new UsageError(`option${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.map((name) => `--${name}`).join(', ')}`);
  }
  const email = values.email ?? '';
  return command === 'ajouter'
    ? { command, email, nom: values.nom ?? '', role: values.role ?? '' }
    : { command, email, libelle: values.libelle ?? '' };
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(translate(error));
  }
}

/** parseArgs speaks English: its errors are told again in French. */
function translate(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `option inconnue : « ${option} »`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return option === '--aide' || option === '-h' ? `l’option ${option} ne prend pas de valeur` : `l’option ${option} attend une valeur`;
  }
  return 'arguments invalides';
}
