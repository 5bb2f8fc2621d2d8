import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE, errorBody } from '../../server/errors.js';
import { REPO_ROOT } from '../helpers/content.js';

describe('the error catalogue', () => {
  it('gives every code an HTTP error status and a French sentence', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
      expect(entry.message).toMatch(/^[A-ZÀ-Ý].*[.!]$/);
      expect(entry.message).not.toMatch(/\b(the|error|not found|invalid)\b/i);
    }
  });

  it('builds {erreur, code} bodies that extra details cannot override', () => {
    const error = new AppError('fiche_introuvable', undefined, { code: 'pirate', erreur: 'x', slug: 'a' });
    expect(errorBody(error)).toEqual({ slug: 'a', erreur: ERROR_CATALOGUE.fiche_introuvable.message, code: 'fiche_introuvable' });
  });

  it('only uses codes that exist in the catalogue', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (full.endsWith('.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/AppError\('([a-z_]+)'/g)) used.add(m[1]!);
      }
    };
    walk(path.join(REPO_ROOT, 'server'));
    expect(used.size).toBeGreaterThan(3);
    for (const code of used) expect(Object.keys(ERROR_CATALOGUE)).toContain(code);
  });
});
