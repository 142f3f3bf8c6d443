import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TargetKind } from './options';


export interface DatabaseTarget {
  kind: TargetKind;
  /** Where the data lives, without credentials. */
  location: string;
  /** What the server and the admin CLI need to find the database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** A fresh PGlite folder under tmp/bench-<run>/pglite. */
export function pgliteTarget(workDir: string): DatabaseTarget {
  const dataDir = join(workDir, 'pglite-data');
  mkdirSync(dataDir, { recursive: true });
  return {
    kind: 'pglite',
    location: dataDir,
    env: { LOKET_DATA_DIR: dataDir },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A throwaway database `loket_bench_<random>` on the server DATABASE_URL points at, dropped afterwards. */
export async function postgresTarget(databaseUrl: string): Promise<DatabaseTarget> {
  const name = `loket_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    location: `postgres://${url.host}/${name}`,
    env: { DATABASE_URL: url.toString() },
    async dispose() {
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
