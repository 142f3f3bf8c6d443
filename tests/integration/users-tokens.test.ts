import { createHash } from 'node:crypto';
import { verifyPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from '../../lib/auth/api-tokens';
import { accounts, apiTokens, sessions, users } from '../../lib/db/schema';
import { DomainError } from '../../lib/domain/errors';
import { createUser, ensureFirstAdmin, type FirstAdmin, listUsers, updateUser } from '../../lib/domain/users';
import { createTestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

const password = async (db: TestDatabase, userId: number) =>
  (await db.db.select().from(accounts).where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential'))))[0]!.password!;

describe.each(databaseTargets())('users and API tokens on %s', (kind) => {
  let database: TestDatabase;
  let firstAdmin: FirstAdmin | null;
  const now = new Date('2026-01-05T08:00:00Z');
  const ctx = () => createTestContext(database.db).ctx;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // A fresh install: no users yet, no ADMIN_PASSWORD given.
    firstAdmin = await ensureFirstAdmin(database.db, {});
  });
  afterAll(() => database?.destroy());

  it('a fresh install gets one admin with a generated password that really signs in; only once', async () => {
    expect(firstAdmin).not.toBeNull();
    expect(firstAdmin!.user).toMatchObject({ email: 'admin@loket.local', role: 'admin', banned: false });
    const generated = firstAdmin!.generatedPassword!;
    expect(generated.length).toBeGreaterThanOrEqual(12);
    const hash = await password(database, firstAdmin!.user.id);
    expect(hash).not.toContain(generated);
    expect(await verifyPassword({ hash, password: generated })).toBe(true);
    expect(await ensureFirstAdmin(database.db, { email: 'second@toko.id', password: 'another-pass' })).toBeNull();
    expect((await listUsers(database.db)).filter((u) => u.role === 'admin')).toHaveLength(1);
  });

  it('creates a user with a working password; the same email again (any case) is 409 email_taken', async () => {
    const user = await createUser(database.db, { email: 'Sari@Toko.id', password: 'rahasia-123', name: ' Sari ', role: 'agent' }, now);
    expect(user).toMatchObject({ email: 'sari@toko.id', name: 'Sari', role: 'agent', banned: false, created_at: now.toISOString() });
    expect(await verifyPassword({ hash: await password(database, user.id), password: 'rahasia-123' })).toBe(true);

    const error = await createUser(database.db, { email: 'SARI@toko.id', password: 'other-pass-1', name: 'Sari 2', role: 'agent' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 409, code: 'email_taken' });
    expect((await listUsers(database.db)).filter((u) => u.email === 'sari@toko.id')).toHaveLength(1);
  });

  it('refuses bad input: short password, bad email, unknown role', async () => {
    const base = { email: 'x@toko.id', password: 'long-enough', name: 'X', role: 'agent' as const };
    await expect(createUser(database.db, { ...base, password: 'short' })).rejects.toThrow(/at least 8 characters/);
    await expect(createUser(database.db, { ...base, email: 'not-an-email' })).rejects.toThrow(/valid email/);
    await expect(createUser(database.db, { ...base, role: 'owner' as 'agent' })).rejects.toThrow();
    expect((await listUsers(database.db)).map((u) => u.email)).not.toContain('x@toko.id');
  });

  it('changes role and name; disabling ends every session of the user; a new password ends them too', async () => {
    const user = await createUser(database.db, { email: 'budi@toko.id', password: 'rahasia-123', name: 'Budi', role: 'agent' });
    const session = (token: string) => ({ token, userId: user.id, expiresAt: new Date(now.getTime() + 86_400_000) });
    await database.db.insert(sessions).values([session('budi-laptop'), session('budi-phone')]);

    const promoted = await updateUser(ctx(), user.id, { role: 'supervisor', name: 'Budi S.' });
    expect(promoted).toMatchObject({ role: 'supervisor', name: 'Budi S.', banned: false });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2);

    const disabled = await updateUser(ctx(), user.id, { disabled: true });
    expect(disabled.banned).toBe(true);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);

    await updateUser(ctx(), user.id, { disabled: false });
    await database.db.insert(sessions).values(session('budi-new'));
    await updateUser(ctx(), user.id, { password: 'baru-sekali-456' });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await verifyPassword({ hash: await password(database, user.id), password: 'baru-sekali-456' })).toBe(true);

    await expect(updateUser(ctx(), 987_654, { name: 'Nobody' })).rejects.toMatchObject({ status: 404 });
  });

  it('an API token is shown once, stored only as its hash, and verifies to its user', async () => {
    const user = await createUser(database.db, { email: 'bot@toko.id', password: 'rahasia-123', name: 'Script', role: 'supervisor' });
    const { token, view } = await createApiToken(database.db, { userId: user.id, name: 'laporan harian', now });
    expect(token).toMatch(/^lkt_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({ name: 'laporan harian', prefix: token.slice(0, 10), created_at: now.toISOString(), last_used_at: null });

    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, view.id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await verifyApiToken(database.db, token, now)).toEqual({ id: user.id, name: 'Script', email: 'bot@toko.id', role: 'supervisor' });
    expect(await listApiTokens(database.db, user.id)).toEqual([expect.objectContaining({ id: view.id, name: 'laporan harian' })]);
  });

  it('unknown, malformed and revoked tokens verify to nobody; only the owner can revoke', async () => {
    const owner = await createUser(database.db, { email: 'ops@toko.id', password: 'rahasia-123', name: 'Ops', role: 'agent' });
    const { token, view } = await createApiToken(database.db, { userId: owner.id, name: 'cli', now });
    expect(await verifyApiToken(database.db, `${token}x`, now)).toBeNull();
    expect(await verifyApiToken(database.db, token.replace('lkt_', 'abc_'), now)).toBeNull();
    expect(await verifyApiToken(database.db, '', now)).toBeNull();

    const [someoneElse] = (await listUsers(database.db)).filter((u) => u.id !== owner.id);
    expect(await revokeApiToken(database.db, { userId: someoneElse!.id, tokenId: view.id, now })).toBe(false);
    expect(await verifyApiToken(database.db, token, now)).not.toBeNull();
    expect(await revokeApiToken(database.db, { userId: owner.id, tokenId: view.id, now })).toBe(true);
    expect(await verifyApiToken(database.db, token, now)).toBeNull();
    expect(await revokeApiToken(database.db, { userId: owner.id, tokenId: view.id, now })).toBe(false);
    expect(await listApiTokens(database.db, owner.id)).toEqual([]);
  });

  it('a disabled user’s token stops working, and works again when the user is enabled', async () => {
    const [ops] = await database.db.select().from(users).where(eq(users.email, 'ops@toko.id'));
    const { token } = await createApiToken(database.db, { userId: ops!.id, name: 'second', now });
    expect(await verifyApiToken(database.db, token, now)).not.toBeNull();
    await updateUser(ctx(), ops!.id, { disabled: true });
    expect(await verifyApiToken(database.db, token, now)).toBeNull();
    await updateUser(ctx(), ops!.id, { disabled: false });
    expect(await verifyApiToken(database.db, token, now)).not.toBeNull();
  });
});
