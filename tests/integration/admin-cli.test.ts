import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as me } from '../../app/api/me/route';
import { loadConfig } from '../../lib/config';
import { createRuntime } from '../../lib/bootstrap';
import { openDatabase } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { acquireDataDirLock } from '../../lib/db/pglite-lock';
import { setRuntime, type Runtime } from '../../lib/runtime';
import { databaseTargets } from '../helpers/database';
import { call } from '../helpers/http';
import { createTestPlace, silentLogger, TEST_AUTH_SECRET, type TestPlace } from '../helpers/runtime';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** `npm run admin -- …`, as an operator types it: a separate Node process. */
async function admin(place: TestPlace, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', ...place.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(databaseTargets())('admin command line on %s', (kind) => {
  let place: TestPlace;

  beforeAll(async () => {
    place = await createTestPlace(kind);
    if (kind === 'pglite') {
      // The folder as a server leaves it (created and migrated), as when an operator runs the CLI
      // on an install; it also spares a cold PGlite initdb in the child process.
      const database = await openDatabase({ dataDir: place.env.LOKET_DATA_DIR });
      await migrateDatabase(database);
      await database.close();
    }
  });
  afterAll(() => place?.cleanup());

  it('create-user then create-token: the token is the last line printed and authenticates as that user', async () => {
    const created = await admin(place, ['create-user', '--email', 'Lead@Toko.id', '--password', 'rahasia-123', '--name', 'Lead', '--role', 'supervisor']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created supervisor lead@toko\.id \(id \d+\)$/m);

    const issued = await admin(place, ['create-token', '--email', 'lead@toko.id']);
    expect(issued.code).toBe(0);
    const lines = issued.stdout.trim().split('\n');
    const token = lines.at(-1)!;
    expect(token).toMatch(/^lkt_[A-Za-z0-9_-]+$/);

    // Start the app on the same database (the CLI has exited, so the folder is free) and use the token.
    let runtime: Runtime | undefined;
    try {
      runtime = await createRuntime(loadConfig({ ...place.env, AUTH_SECRET: TEST_AUTH_SECRET, NODE_ENV: 'test' }), {
        logger: silentLogger,
        baseURL: 'http://localhost:3999',
      });
      setRuntime(runtime);
      const res = await call<{ user: { email: string; role: string } }>(me, '/api/me', { token });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email: 'lead@toko.id', role: 'supervisor' });
    } finally {
      setRuntime(undefined);
      await runtime?.database.close();
    }
  });

  it('fails with a clear message and a non-zero exit: duplicate user, unknown email, unknown command', async () => {
    const duplicate = await admin(place, ['create-user', '--email', 'lead@toko.id', '--password', 'rahasia-123', '--name', 'L', '--role', 'agent']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('A user with email lead@toko.id already exists.');

    const unknown = await admin(place, ['create-token', '--email', 'ghost@toko.id']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user with email ghost@toko.id');

    const command = await admin(place, ['delete-everything']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "delete-everything"');
  });
});

describe('admin command line on the embedded database', () => {
  it('refuses to open it while a running server holds it, naming that process', async () => {
    const place = await createTestPlace('pglite');
    // What a running server holds: the lock beside its PGlite folder.
    const release = acquireDataDirLock(place.env.LOKET_DATA_DIR!);
    try {
      const blocked = await admin(place, ['create-token', '--email', 'lead@toko.id']);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`already in use by another Loket process (pid ${process.pid})`);
      expect(blocked.stdout).not.toMatch(/lkt_/);
    } finally {
      release();
      await place.cleanup();
    }
  });
});
