import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquireDataDirLock } from './pglite-lock';
import { pgliteForDrizzle } from './pglite-parsers';
import { canCoalesce, openCoalescingSocket, type SocketTarget } from './coalescing-socket';
import { withPreparedStatements } from './prepared-statements';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both drivers, and for a transaction (PgTransaction extends PgDatabase). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Where the data lives, without credentials: for logs and health. */
  location: string;
  close(): Promise<void>;
  /** Runs fn while holding a cluster-wide lock (PostgreSQL advisory lock; PGlite is one process). */
  withExclusiveLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /**
   * Takes a cluster-wide lock if nobody holds it, and keeps it until released or until this
   * process dies (its connection closes): how one process owns a WhatsApp number.
   */
  tryHoldLock(key: number): Promise<HeldLock | null>;
  /** PostgreSQL: how many writes have carried statements to the server (each wakes it once). */
  writesToServer?: () => number;
}

export interface HeldLock {
  release(): Promise<void>;
  /** Resolves if the lock is lost without release() (the connection holding it broke). */
  lost: Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL. Absent: embedded PGlite. */
  url?: string;
  /** PGlite folder's parent (LOKET_DATA_DIR); `memory://` for an in-memory database. */
  dataDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 20);
  return openPglite(options.dataDir ?? './data');
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir === 'memory://';
  let release = () => {};
  let location = 'memory://';
  if (!inMemory) {
    const base = resolve(dataDir);
    mkdirSync(base, { recursive: true });
    release = acquireDataDirLock(base);
    location = join(base, 'pglite');
  }
  let client: PGlite;
  try {
    // pg_trgm: the ticket browser's substring search (migration 0004 creates the extension).
    client = new PGlite({ dataDir: inMemory ? undefined : location, extensions: { pg_trgm } });
    await client.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(await pgliteForDrizzle(client), { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    location,
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
    withExclusiveLock: (_key, fn) => fn(),
    // The data-folder lock already makes this the only process: every lock is ours.
    tryHoldLock: async () => ({ release: async () => {}, lost: new Promise<void>(() => {}) }),
  };
}

/**
 * Statements postgres.js sends on a connection before it waits for answers. Past it, a reserved
 * connection (a transaction) sends what is left one at a time, a round trip each, until it is
 * idle: a batch written together (lib/domain/ingest.ts: up to 32 messages, 5 statements each in
 * one round trip) must fit. postgres.js's default is 100.
 */
const PIPELINE_DEPTH = 1_000;

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  let writes = 0;
  const sql = postgres(url, {
    max,
    // Read by postgres.js (src/index.js) but missing from its types.
    ...({ max_pipeline: PIPELINE_DEPTH } as object),
    onnotice: () => {},
    connection: { application_name: 'loket' },
    ...(canCoalesce(url) ? { socket: (target: SocketTarget) => openCoalescingSocket(target, () => void (writes += 1)) } : {}),
  });
  await sql`select 1`;
  const db = drizzlePostgres(withPreparedStatements(sql), { schema }) as unknown as Database;
  const parsed = new URL(url);
  return {
    db,
    kind: 'postgres',
    location: `postgres://${parsed.host}${parsed.pathname}`,
    close: () => sql.end({ timeout: 5 }),
    writesToServer: () => writes,
    async tryHoldLock(key) {
      const reserved = await sql.reserve();
      try {
        const [row] = await reserved<{ ok: boolean }[]>`select pg_try_advisory_lock(${key}) as ok`;
        if (!row?.ok) {
          reserved.release();
          return null;
        }
      } catch (error) {
        reserved.release();
        throw error;
      }
      let released = false;
      let markLost: () => void = () => {};
      const lost = new Promise<void>((resolve) => (markLost = resolve));
      // A broken connection drops the advisory lock on the server: notice it and say so.
      const check = setInterval(() => {
        reserved`select 1`.catch(() => {
          clearInterval(check);
          if (!released) markLost();
        });
      }, 15_000);
      check.unref();
      return {
        lost,
        async release() {
          if (released) return;
          released = true;
          clearInterval(check);
          await reserved`select pg_advisory_unlock(${key})`.catch(() => {});
          reserved.release();
        },
      };
    },
    async withExclusiveLock(key, fn) {
      const reserved = await sql.reserve();
      try {
        await reserved`select pg_advisory_lock(${key})`;
        try {
          return await fn();
        } finally {
          await reserved`select pg_advisory_unlock(${key})`;
        }
      } finally {
        reserved.release();
      }
    },
  };
}
