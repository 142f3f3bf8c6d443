import type { Database } from '../db/client';
import type { Actor } from '../domain/context';

/** How long a verified token is believed without asking the database again (as the settings cache). */
export const TOKEN_CACHE_MS = 5_000;
/** Past this many entries, a new one first sweeps out the expired. */
const SWEEP_ABOVE = 1_000;

export interface VerifiedToken {
  tokenId: number;
  actor: Actor;
}

interface Entry extends VerifiedToken {
  storedAt: number;
}

interface Cache {
  /** By the token's sha256 hash, as stored: the token itself is never kept. */
  entries: Map<string, Entry>;
  /** Moves on every forget: a look-up that began before it must not store what it read. */
  epoch: number;
}

/*
 * Revoking a token, or banning, demoting or renaming its user, drops the cached entries on this
 * process at once. Another process (several servers on one PostgreSQL) keeps believing them until
 * they expire: up to TOKEN_CACHE_MS. The custom server and the Next bundles are separate module
 * graphs (lib/runtime.ts), so the cache lives on globalThis: a revoke answered by a Next route
 * must reach the cache the routes answered before Next read. Keyed by the database handle, so
 * tests' databases never share entries.
 */
const KEY = Symbol.for('loket.apiTokenCache');
type Holder = { [KEY]?: WeakMap<Database, Cache> };

function cacheOf(db: Database): Cache {
  const holder = globalThis as Holder;
  const caches = (holder[KEY] ??= new WeakMap());
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { entries: new Map(), epoch: 0 }));
  return cache;
}

const fresh = (entry: Entry, now: number) => entry.storedAt <= now && now - entry.storedAt < TOKEN_CACHE_MS;

export function cachedToken(db: Database, hash: string, now: Date): VerifiedToken | null {
  const entry = cacheOf(db).entries.get(hash);
  return entry && fresh(entry, now.getTime()) ? entry : null;
}

/** Taken before the database look-up, handed back to rememberToken. */
export const tokenCacheEpoch = (db: Database) => cacheOf(db).epoch;

/** Stores a token the database just vouched for, unless something was forgotten while it was being read. */
export function rememberToken(db: Database, hash: string, token: VerifiedToken, epoch: number, now: Date) {
  const cache = cacheOf(db);
  if (cache.epoch !== epoch) return;
  const at = now.getTime();
  if (cache.entries.size >= SWEEP_ABOVE) {
    for (const [key, entry] of cache.entries) if (!fresh(entry, at)) cache.entries.delete(key);
  }
  cache.entries.set(hash, { ...token, storedAt: at });
}

export function forgetToken(db: Database, hash: string) {
  const cache = cacheOf(db);
  cache.epoch += 1;
  cache.entries.delete(hash);
}

/** A user's every token: after their ban, role or name changes. */
export function forgetUserTokens(db: Database, userId: number) {
  const cache = cacheOf(db);
  cache.epoch += 1;
  for (const [key, entry] of cache.entries) if (entry.actor.id === userId) cache.entries.delete(key);
}
