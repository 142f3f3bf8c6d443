import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../lib/bootstrap';
import { loadConfig } from '../../lib/config';
import { FIRST_ADMIN_FILE } from '../../lib/first-admin-notice';
import type { Runtime } from '../../lib/runtime';
import { databaseTargets } from '../helpers/database';
import { BASE_URL } from '../helpers/http';
import { createTestPlace, TEST_AUTH_SECRET, type TestPlace } from '../helpers/runtime';

describe.each(databaseTargets())('a fresh install without ADMIN_PASSWORD on %s', (kind) => {
  let place: TestPlace;
  let runtime: Runtime;
  let dataDir: string;
  const logged: string[] = [];

  beforeAll(async () => {
    place = await createTestPlace(kind);
    // On PostgreSQL the data folder still holds media (and this file).
    dataDir = place.env.LOKET_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'loket-first-admin-'));
    const vars: Record<string, string> = { ...place.env, LOKET_DATA_DIR: dataDir, AUTH_SECRET: TEST_AUTH_SECRET, ADMIN_EMAIL: 'admin@test.loket' };
    const config = loadConfig(vars as NodeJS.ProcessEnv);
    const sink = new Writable({ write: (chunk, _encoding, done) => (logged.push(String(chunk)), done()) });
    runtime = await createRuntime(config, { logger: pino({ level: 'info' }, sink), baseURL: BASE_URL });
  });
  afterAll(async () => {
    await runtime?.database.close();
    await place?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = () => {
    const text = readFileSync(join(dataDir, FIRST_ADMIN_FILE), 'utf8');
    return { email: /email: +(\S+)/.exec(text)?.[1], password: /password: +(\S+)/.exec(text)?.[1] };
  };

  it('writes the generated sign-in to a file only the server user can read, and it signs in', async () => {
    const file = join(dataDir, FIRST_ADMIN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { email, password } = signIn();
    expect(email).toBe('admin@test.loket');
    expect(password?.length).toBeGreaterThanOrEqual(12);
    const session = await runtime.auth.api.signInEmail({ body: { email: email!, password: password! } });
    expect(session.user.email).toBe(email);
  });

  it('never writes the password to the log, and the log says where to find it', () => {
    const { password } = signIn();
    const log = logged.join('');
    expect(log).not.toContain(password);
    expect(log).toContain(FIRST_ADMIN_FILE);
    expect(log).toContain('first admin created');
  });
});
