// What the write side needs, in one object: the catalogue (read side), a way to index paths
// right after they are committed, the content repository, the forge database, the review policy
// and the per-fiche save lock. Built once by plugins/forge.ts; domain functions take it first.
import type { ForgeDb } from '../forge-db/connect.js';
import type { ContentRepository } from '../git/content-repository.js';
import type { Catalogue } from '../index/catalogue.js';
import type { ReviewPolicy } from './authorization.js';
import { KeyedLock } from './keyed-lock.js';

export interface Forge {
  catalogue: Catalogue;
  /** Indexes these content paths now; resolves once the read side shows them. */
  syncPaths(paths: string[]): Promise<void>;
  repository: ContentRepository;
  forgeDb: ForgeDb;
  policy: ReviewPolicy;
  locks: KeyedLock;
}

export function createForge(parts: Omit<Forge, 'locks'>): Forge {
  return { ...parts, locks: new KeyedLock() };
}
