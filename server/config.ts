// The only reader of process.env: turns the environment into a validated config object.
import path from 'node:path';
import { REVIEW_POLICIES, type ReviewPolicy } from './forge/authorization.js';

export interface Config {
  contentDir: string;
  dataDir: string;
  port: number;
  host: string;
  /** Follow changes on disk while running (off in most tests). */
  watch: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Public base URL used in attribution texts and feeds (default: taken from each request). */
  publicUrl: string | null;
  /** Root of the repository (schemas/, web/), resolved from this file. */
  rootDir: string;
  /** Which contributors' changes go through review (REVUE; see forge/authorization.ts). */
  reviewPolicy: ReviewPolicy;
  /** Writes allowed per account (or address) and per minute (LIMITE_ECRITURES). */
  writesPerMinute: number;
  /** Login attempts allowed per address and per minute (LIMITE_CONNEXIONS). */
  loginsPerMinute: number;
  /** Registrations allowed per address and per hour (LIMITE_INSCRIPTIONS). */
  registrationsPerHour: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

export class ConfigError extends Error {}

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name] ? Number(env[name]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} invalide : « ${env[name]} » (un entier positif est attendu).`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT invalide : « ${env.PORT} » (un entier entre 0 et 65535 est attendu).`);
  }
  if (env.PUBLIC_URL && !/^https?:\/\/[^\s/]+/.test(env.PUBLIC_URL)) {
    throw new ConfigError(`PUBLIC_URL invalide : « ${env.PUBLIC_URL} » (une adresse http:// ou https:// est attendue).`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL invalide : « ${env.LOG_LEVEL} » (valeurs : ${LOG_LEVELS.join(', ')}).`);
  }
  const reviewPolicy = (env.REVUE || 'nouveaux-et-autres') as ReviewPolicy;
  if (!REVIEW_POLICIES.includes(reviewPolicy)) {
    throw new ConfigError(`REVUE invalide : « ${env.REVUE} » (valeurs : ${REVIEW_POLICIES.join(', ')}).`);
  }
  return {
    reviewPolicy,
    writesPerMinute: positiveInteger(env, 'LIMITE_ECRITURES', 60),
    loginsPerMinute: positiveInteger(env, 'LIMITE_CONNEXIONS', 10),
    registrationsPerHour: positiveInteger(env, 'LIMITE_INSCRIPTIONS', 20),
    contentDir: path.resolve(cwd, env.CONTENT_DIR || 'content'),
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    port,
    host: env.HOST || '127.0.0.1',
    watch: env.WATCH !== '0',
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    logLevel,
    rootDir: ROOT_DIR,
  };
}
