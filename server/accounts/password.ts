// Password hashing with node:crypto scrypt. The cost travels with each hash
// (`scrypt$N$r$p$salt$hash`, base64url), so it can be raised later: old hashes still verify and
// `needsRehash` tells when to store a stronger one.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AccountError } from './account-error.js';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** ~64 MiB and a few hundred ms per hash on the target machines (2 cores). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 16, r: 8, p: 1 };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on what a stored hash may ask for: a tampered row must not make one login take
// gigabytes of memory or minutes of CPU.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 1024 ** 3;

/** Throws when the password is refused; lengths count characters (code points) after NFC. */
export function checkPasswordPolicy(password: string): void {
  const length = countCodePoints(password.normalize('NFC'));
  if (length > PASSWORD_MAX_LENGTH) throw new AccountError('mot_de_passe_trop_long');
  if (length < PASSWORD_MIN_LENGTH) throw new AccountError('mot_de_passe_trop_court');
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  checkPasswordPolicy(password);
  if (!isAcceptableCost(cost)) throw new RangeError(`scrypt cost out of bounds: ${JSON.stringify(cost)}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseEncoded(encoded);
  if (!parsed || password.length > PASSWORD_MAX_LENGTH * 2) return false;
  const key = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  return timingSafeEqual(key, parsed.hash);
}

/** True when a stored hash is weaker than `cost` (or unreadable): store a new one at the next login. */
export function needsRehash(encoded: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): boolean {
  const parsed = parseEncoded(encoded);
  return !parsed || parsed.cost.N < cost.N || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 2 * scryptMemory(cost) };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

function parseEncoded(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^[1-9][0-9]{0,7}$/.test(part) ? Number(part) : NaN));
  const cost = { N: N ?? NaN, r: r ?? NaN, p: p ?? NaN };
  if (!isAcceptableCost(cost)) return null;
  const salt = decodeBase64url(parts[4] ?? '');
  const hash = decodeBase64url(parts[5] ?? '');
  if (!salt || !hash || salt.length < SALT_BYTES || hash.length < 16 || hash.length > 128) return null;
  return { cost, salt, hash };
}

function isAcceptableCost({ N, r, p }: ScryptCost): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  const bounded = Number.isInteger(r) && r >= 1 && r <= MAX_R && Number.isInteger(p) && p >= 1 && p <= MAX_P;
  return powerOfTwo && bounded && scryptMemory({ N, r, p }) <= MAX_MEMORY;
}

/** What scrypt allocates: 128·N·r bytes (plus 128·r·p for the p lanes). */
function scryptMemory({ N, r, p }: ScryptCost): number {
  return 128 * r * (N + p);
}

function decodeBase64url(text: string): Buffer | null {
  return /^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, 'base64url') : null;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
