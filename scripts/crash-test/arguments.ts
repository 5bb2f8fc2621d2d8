// Command line of scripts/crash-test.ts: --tours <n> (default 200), --garder (keep the temp
// folders for inspection), --aide. Strict; mistakes are UsageErrors (exit 2).
import { UsageError, parseStrict } from '../backup/cli.js';

export const USAGE = `Usage :
  npx tsx scripts/crash-test.ts [--tours <n>] [--garder]
      démarre le serveur sur une copie du contenu, lance des rafales d’écritures par l’API et le
      tue (SIGKILL) au milieu, <n> fois de suite (200 par défaut) ; vérifie après chaque coupure
      et chaque redémarrage qu’aucune fiche n’est tronquée, que git et SQLite sont intègres et
      que l’index est celui qu’on reconstruit depuis le disque. Code de sortie 1 au moindre problème.
      --garder : conserve les dossiers temporaires pour les examiner.`;

export interface CrashTestOptions {
  tours: number;
  keep: boolean;
  help: boolean;
}

export function parseCrashTestArguments(args: readonly string[]): CrashTestOptions {
  const { values, positionals } = parseStrict(args, {
    tours: { type: 'string' },
    garder: { type: 'boolean' },
    aide: { type: 'boolean', short: 'h' },
  });
  if (positionals.length > 0) throw new UsageError(`argument en trop : « ${positionals[0]} »`);
  const tours = values.tours === undefined ? 200 : Number(values.tours);
  if (!Number.isInteger(tours) || tours < 1 || tours > 100_000) throw new UsageError('--tours attend un entier positif');
  return { tours, keep: values.garder ?? false, help: values.aide ?? false };
}
