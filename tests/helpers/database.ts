import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';

/** Integration tests run on PGlite always, and on PostgreSQL too when DATABASE_URL is set. */
export function databaseTargets(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface ThrowawayPostgres {
  /** URL of a new, empty database on the DATABASE_URL server. */
  url: string;
  /** Drops the database (after every connection to it is closed or forced off). */
  drop(): Promise<void>;
}

/** A new empty PostgreSQL database, for code that opens its own connections from a URL (createRuntime, the CLI). */
export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is required for PostgreSQL tests');
  const name = `loket_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes the handle and, on PostgreSQL, drops the throwaway database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database made for this test file. */
export async function createTestDatabase(kind: DatabaseKind, options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(handle);
    return { ...handle, destroy: () => handle.close() };
  }
  const throwaway = await createThrowawayPostgres();
  const handle = await openDatabase({ url: throwaway.url, maxConnections: options.maxConnections ?? 20 });
  await migrateDatabase(handle);
  return {
    ...handle,
    async destroy() {
      await handle.close();
      await throwaway.drop();
    },
  };
}
