// npm run restore -- <dossier> [--force]: brings back a backup of `npm run backup` into
// CONTENT_DIR and DATA_DIR (server/backup/restore-forge.ts). The server must be stopped.
// Exit codes: 0 restored, 1 refused or failed, 2 usage or configuration error.
import { loadConfig } from '../server/config.js';
import { UsageError, parseStrict, runCommand } from './backup/cli.js';

const USAGE = `Usage :
  npm run restore -- <dossier de sauvegarde> [--force]
      restaure la base de la forge dans DATA_DIR et le contenu dans CONTENT_DIR ; le serveur doit
      être arrêté. Sans --force, refuse de remplacer une base existante ou un dossier de contenu
      non vide. Avec --force, la base est remplacée et le dépôt du contenu revient au commit de la
      sauvegarde : les modifications non commitées des fichiers suivis sont perdues, les commits
      plus récents restent dans l’historique git, les fichiers non suivis restent en place.
  npm run restore -- --aide
      affiche cette aide`;

async function main(): Promise<void> {
  const { values, positionals } = parseStrict(process.argv.slice(2), {
    force: { type: 'boolean' },
    aide: { type: 'boolean', short: 'h' },
  });
  if (values.aide) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) throw new UsageError('dossier de sauvegarde manquant');
  if (positionals.length > 1) throw new UsageError(`argument en trop : « ${positionals[1]} »`);
  const config = loadConfig(process.env);
  // Loaded only now: help and usage errors answer without loading git and SQLite.
  const [{ restoreForge }, { forgeDbPath }] = await Promise.all([import('../server/backup/restore-forge.js'), import('../server/forge-db/connect.js')]);
  const { manifest, untracked } = await restoreForge({
    backupDir: positionals[0]!,
    contentDir: config.contentDir,
    dataDir: config.dataDir,
    force: values.force ?? false,
  });
  const lines = [
    `Sauvegarde du ${manifest.date} restaurée.`,
    `  contenu : ${config.contentDir}, ${manifest.contenu.fiches} fiches, commit ${manifest.contenu.commit.slice(0, 12)}`,
    `  base de la forge : ${forgeDbPath(config.dataDir)} (version ${manifest.base.version_schema} du schéma)`,
    'L’index sera reconstruit au prochain démarrage du serveur.',
  ];
  if (untracked.length > 0) {
    lines.push(`Attention : ${untracked.length} fichier(s) non suivi(s) par git sont restés dans le dossier de contenu :`, ...untracked.slice(0, 10).map((file) => `  ${file}`));
  }
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

runCommand(main, USAGE);
