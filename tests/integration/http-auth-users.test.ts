import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as authPost } from '../../app/api/auth/[...all]/route';
import { GET as me } from '../../app/api/me/route';
import { POST as claim } from '../../app/api/tickets/[id]/claim/route';
import { DELETE as revokeToken } from '../../app/api/tokens/[id]/route';
import { GET as listTokens, POST as createToken } from '../../app/api/tokens/route';
import { PATCH as patchUser } from '../../app/api/users/[id]/route';
import { GET as listUsers, POST as createUser } from '../../app/api/users/route';
import { createAuth } from '../../lib/auth/auth';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import type { UserView } from '../../lib/domain/views';
import { databaseTargets } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { BASE_URL, call, type ErrorBody, id } from '../helpers/http';
import { startTestRuntime, TEST_ADMIN, TEST_AUTH_SECRET, type TestRuntime } from '../helpers/runtime';

type Me = { user: { id: number; email: string; role: string; name: string } };

/** Signs in through better-auth's own handler, as the browser's sign-in form does. */
async function signIn(email: string, password: string) {
  const res = await authPost(
    new Request(`${BASE_URL}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE_URL, 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ email, password }),
    }),
  );
  const setCookie = res.headers.getSetCookie();
  const session = setCookie.find((c) => c.startsWith('loket.session_token='));
  return { status: res.status, cookie: session ? session.split(';')[0]! : null, body: (await res.json().catch(() => null)) as unknown };
}

describe.each(databaseTargets())('sign-in, users and tokens over HTTP on %s', (kind) => {
  let app: TestRuntime;
  let adminCookie: string;
  let adminId: number;
  /** Call options that authenticate as the signed-in admin (browser session cookie). */
  let asAdmin: { cookie: string };

  beforeAll(async () => {
    app = await startTestRuntime(kind);
    const session = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(session.status).toBe(200);
    adminCookie = session.cookie!;
    asAdmin = { cookie: adminCookie };
    adminId = (await call<Me>(me, '/api/me', { cookie: adminCookie })).body.user.id;
  });
  afterAll(() => app?.close());

  it('the first admin from ADMIN_EMAIL/ADMIN_PASSWORD signs in; the session cookie authenticates /api/me', async () => {
    expect(adminCookie).toMatch(/^loket\.session_token=.+/);
    const res = await call<Me & { simulator: boolean }>(me, '/api/me', { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin', name: 'Admin' });
  });

  it('a wrong password gets no session; a forged cookie is 401', async () => {
    const wrong = await signIn(TEST_ADMIN.email, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.cookie).toBeNull();
    expect((await signIn('nobody@test.loket', 'whatever-123')).status).toBe(401);
    const forged = await call<ErrorBody>(me, '/api/me', { cookie: 'loket.session_token=forged.value' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthorized');
  });

  it('sign-in attempts are rate limited per client address (LOKET_SIGNIN_PER_MINUTE)', async () => {
    // The same auth setup the runtime builds, with a limit of 2 per minute.
    const strict = createAuth({ db: app.runtime.ctx.db, secret: TEST_AUTH_SECRET, baseURL: BASE_URL, trustedOrigins: [BASE_URL], signInPerMinute: 2 });
    const attempt = (ip: string) =>
      strict.handler(
        new Request(`${BASE_URL}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: BASE_URL, 'x-forwarded-for': ip },
          body: JSON.stringify({ email: TEST_ADMIN.email, password: 'guessing-123' }),
        }),
      );
    // better-auth keeps its counters per process: each database target uses its own addresses.
    const [ip, other] = kind === 'pglite' ? ['198.51.100.7', '198.51.100.8'] : ['198.51.100.17', '198.51.100.18'];
    expect((await attempt(ip)).status).toBe(401);
    expect((await attempt(ip)).status).toBe(401);
    expect((await attempt(ip)).status).toBe(429);
    // Another address is not affected.
    expect((await attempt(other)).status).toBe(401);
  });

  it('users API is admin-only; the admin creates an agent who can then sign in', async () => {
    const created = await call<{ user: UserView }>(createUser, '/api/users', {
      ...asAdmin,
      headers: { origin: BASE_URL },
      body: { email: 'Sari@Toko.id', password: 'rahasia-123', name: 'Sari', role: 'agent' },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'sari@toko.id', role: 'agent', banned: false });

    const sari = await signIn('sari@toko.id', 'rahasia-123');
    expect(sari.status).toBe(200);
    expect((await call<Me>(me, '/api/me', { cookie: sari.cookie! })).body.user.role).toBe('agent');
    for (const res of [
      await call<ErrorBody>(listUsers, '/api/users', { cookie: sari.cookie! }),
      await call<ErrorBody>(createUser, '/api/users', { cookie: sari.cookie!, body: { email: 'x@toko.id', password: 'rahasia-123', name: 'X', role: 'admin' } }),
      await call<ErrorBody, { id: string }>(patchUser, '', { method: 'PATCH', cookie: sari.cookie!, params: id(created.body.user.id), body: { role: 'admin' } }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }

    const list = await call<{ users: UserView[] }>(listUsers, '/api/users', asAdmin);
    expect(list.body.users.map((u) => u.email).sort()).toEqual([TEST_ADMIN.email, 'sari@toko.id']);
    expect(JSON.stringify(list.body)).not.toMatch(/password|rahasia/);
  });

  it('user creation errors: duplicate email 409 email_taken, bad fields 400', async () => {
    const again = await call<ErrorBody>(createUser, '/api/users', {
      ...asAdmin,
      body: { email: 'SARI@toko.id', password: 'rahasia-123', name: 'Sari 2', role: 'agent' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');
    const bad = await call<ErrorBody>(createUser, '/api/users', { ...asAdmin, body: { email: 'x@toko.id', password: 'short', name: 'X', role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect((await call<ErrorBody, { id: string }>(patchUser, '', { ...asAdmin, method: 'PATCH', params: id(987654), body: { name: 'N' } })).status).toBe(404);
  });

  it('disabling a user ends their session at once and they cannot sign in again; the admin cannot disable themself', async () => {
    const created = await call<{ user: UserView }>(createUser, '/api/users', {
      ...asAdmin,
      body: { email: 'budi@toko.id', password: 'rahasia-123', name: 'Budi', role: 'agent' },
    });
    const budi = await signIn('budi@toko.id', 'rahasia-123');
    expect((await call(me, '/api/me', { cookie: budi.cookie! })).status).toBe(200);

    const disabled = await call<{ user: UserView }, { id: string }>(patchUser, '', {
      ...asAdmin,
      method: 'PATCH',
      params: id(created.body.user.id),
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.banned).toBe(true);
    expect((await call(me, '/api/me', { cookie: budi.cookie! })).status).toBe(401);
    const retry = await signIn('budi@toko.id', 'rahasia-123');
    expect(retry.status).toBe(403);
    expect(retry.cookie).toBeNull();

    const self = await call<ErrorBody, { id: string }>(patchUser, '', { ...asAdmin, method: 'PATCH', params: id(adminId), body: { disabled: true } });
    expect(self.status).toBe(403);
    const demote = await call<ErrorBody, { id: string }>(patchUser, '', { ...asAdmin, method: 'PATCH', params: id(adminId), body: { role: 'agent' } });
    expect(demote.status).toBe(403);
    expect((await call<Me>(me, '/api/me', asAdmin)).body.user.role).toBe('admin');
  });

  it('a cookie-authenticated write from another site is refused; the same write from our origin passes', async () => {
    const { ticket } = await ingestInboundMessage(app.runtime.ctx, inbound(app.runtime.channels.gateway, 500));
    const foreign = await call<ErrorBody, { id: string }>(claim, '', {
      ...asAdmin,
      method: 'POST',
      params: id(ticket.id),
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/Cross-site/);
    const own = await call(claim, '', { ...asAdmin, method: 'POST', params: id(ticket.id), headers: { origin: BASE_URL } });
    expect(own.status).toBe(200);
  });

  it('API tokens: created once with the secret, listed without it, and revoking ends them', async () => {
    const created = await call<{ token: { id: number; name: string; prefix: string }; secret: string }>(createToken, '/api/tokens', {
      ...asAdmin,
      body: { name: 'laporan' },
    });
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect((await call<Me>(me, '/api/me', { token: secret })).body.user.id).toBe(adminId);

    const listed = await call<{ tokens: Array<{ id: number }> }>(listTokens, '/api/tokens', asAdmin);
    expect(listed.body.tokens.map((x) => x.id)).toContain(token.id);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await call(createToken, '/api/tokens', { ...asAdmin, body: { name: '  ' } })).status).toBe(400);

    const revoked = await call(revokeToken, '', { ...asAdmin, method: 'DELETE', params: id(token.id) });
    expect(revoked.status).toBe(200);
    expect((await call(me, '/api/me', { token: secret })).status).toBe(401);
    expect((await call(revokeToken, '', { ...asAdmin, method: 'DELETE', params: id(token.id) })).status).toBe(404);
  });
});
