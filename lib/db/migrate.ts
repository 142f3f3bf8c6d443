import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DatabaseHandle } from './client';

const MIGRATION_LOCK = 0x4c6f6b; // "Lok": one migrator at a time across processes

function migrationsFolder(): string {
  const candidates = [
    process.env.LOKET_MIGRATIONS_DIR,
    resolve(process.cwd(), 'drizzle'),
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle'),
  ];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'meta', '_journal.json'))) return dir;
  }
  throw new Error('Cannot find the drizzle/ migrations folder; set LOKET_MIGRATIONS_DIR.');
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const folder = migrationsFolder();
  await handle.withExclusiveLock(MIGRATION_LOCK, async () => {
    if (handle.kind === 'pglite') {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    } else {
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
    }
  });
}
