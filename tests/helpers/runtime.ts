import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createRuntime } from '../../lib/bootstrap';
import type { Clock } from '../../lib/clock';
import { type Config, loadConfig } from '../../lib/config';
import type { DatabaseKind } from '../../lib/db/client';
import { setRuntime, type Runtime } from '../../lib/runtime';
import { createThrowawayPostgres } from './database';
import { BASE_URL } from './http';

export const silentLogger = pino({ level: 'silent' });

export const TEST_ADMIN = { email: 'admin@test.loket', password: 'admin-password-1' };
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdef0123456789';

export interface TestPlace {
  /** LOKET_DATA_DIR (a fresh temp folder) for PGlite, DATABASE_URL (a fresh database) for PostgreSQL. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Where a runtime (or the admin CLI) keeps its data: a new temp folder or a new PostgreSQL database. */
export async function createTestPlace(kind: DatabaseKind): Promise<TestPlace> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
    return { env: { LOKET_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = await createThrowawayPostgres();
  return { env: { DATABASE_URL: pg.url }, cleanup: () => pg.drop() };
}

/** The environment of a test install: the first admin is TEST_ADMIN; extra variables win. */
export function testConfig(place: TestPlace, env: Record<string, string> = {}): Config {
  const vars: Record<string, string> = {
    ...place.env,
    AUTH_SECRET: TEST_AUTH_SECRET,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'silent',
    ...env,
  };
  return loadConfig(vars as NodeJS.ProcessEnv);
}

export interface TestRuntime {
  runtime: Runtime;
  baseURL: string;
  close(): Promise<void>;
}

/**
 * The runtime the Next route handlers use, built by the real `createRuntime` from a config that
 * points at a throwaway database, and installed with `setRuntime` so the handlers find it.
 */
export async function startTestRuntime(
  kind: DatabaseKind,
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestRuntime> {
  const place = await createTestPlace(kind);
  const baseURL = BASE_URL;
  let runtime: Runtime;
  try {
    runtime = await createRuntime(testConfig(place, options.env), { logger: silentLogger, clock: options.clock, baseURL });
  } catch (error) {
    await place.cleanup();
    throw error;
  }
  setRuntime(runtime);
  return {
    runtime,
    baseURL,
    async close() {
      setRuntime(undefined);
      await runtime.database.close();
      await place.cleanup();
    },
  };
}
