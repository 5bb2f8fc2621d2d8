// What `npm run backup` and `npm run restore` share: strict arguments (node:util parseArgs)
// with French errors, and one way to end — exit 0 done, 1 failed, 2 usage or configuration —
// with a French message and never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BackupError } from '../../server/backup/backup-error.js';
import { ConfigError } from '../../server/config.js';
import { ForgeDbError } from '../../server/forge-db/forge-db-error.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseStrict<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(translate(error));
  }
}

/** parseArgs speaks English: its errors are told again in French. */
function translate(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const option = /'(-[^' ]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `option inconnue : « ${option} »`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `valeur invalide pour l’option ${option}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'argument en trop';
  return 'arguments invalides';
}

/** Runs the command and exits (with process.exitCode, 0 by default); failures become a French message on stderr. */
export function runCommand(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(),
    (error: unknown) => {
      const { message, code } = describeFailure(error, usage);
      process.stderr.write(`${message}\n`);
      process.exit(code);
    },
  );
}

function describeFailure(error: unknown, usage: string): { message: string; code: number } {
  if (error instanceof UsageError) return { message: `${error.message}\n\n${usage}`, code: 2 };
  if (error instanceof ConfigError) return { message: `configuration : ${error.message}`, code: 2 };
  if (error instanceof BackupError || error instanceof ForgeDbError) return { message: error.message, code: 1 };
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Erreur inattendue : ${detail}`, code: 1 };
}

/** "45 Ko", "3,2 Mo": sizes as a French reader writes them. */
export function formatSize(bytes: number): string {
  const format = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} Ko`;
  return `${format(bytes / 1024 / 1024)} Mo`;
}
