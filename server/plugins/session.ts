// Browser sessions: an encrypted cookie (@fastify/secure-session: libsodium secretbox), HttpOnly,
// SameSite=Lax, Secure when the request came over HTTPS, 8 hours. The key lives in
// DATA_DIR/cle-session (created at first start, mode 600): losing it only logs everyone out.
// CSRF tokens (@fastify/csrf-protection, secret kept in the session) protect every form and
// every write made with a session cookie; forms are parsed by @fastify/formbody.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import formBody from '@fastify/formbody';
import secureSession from '@fastify/secure-session';
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'forge_session';
const SESSION_HOURS = 8;
const KEY_BYTES = 32;

declare module '@fastify/secure-session' {
  interface SessionData {
    compteId: number;
    _csrf: string;
  }
}

function sessionKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'cle-session');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const key = fs.readFileSync(file);
    if (key.length === KEY_BYTES) return key;
  } catch {
    // no key yet
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** Whether the request carries a session cookie (pages for it are never shared from a cache). */
export function hasSessionCookie(request: FastifyRequest): boolean {
  return (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(formBody, { bodyLimit: 1024 * 1024 });
    await app.register(secureSession, {
      key: sessionKey(config.dataDir),
      cookieName: SESSION_COOKIE,
      expiry: SESSION_HOURS * 3600,
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' },
    });
    await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  },
  { name: 'session' },
);
