import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { forgetUserTokens } from '../auth/token-cache';
import type { Database } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { accounts, sessions, users, type UserRow } from '../db/schema';
import type { DomainContext } from './context';
import { conflict, notFound } from './errors';
import { ROLES, type UserView } from './views';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('a valid email address is required'));
export const passwordSchema = z.string().min(8, 'the password needs at least 8 characters').max(128);

export const newUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, 'a name is required').max(100),
  role: z.enum(ROLES),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    password: passwordSchema,
    disabled: z.boolean(),
    /** Most open tickets at once; null for no limit. */
    capacity: z.number().int().min(1).max(1000).nullable(),
  })
  .partial();
export type UserChange = z.infer<typeof userChangeSchema>;

export function presentUser(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    banned: Boolean(row.banned),
    capacity: row.capacity,
    created_at: row.createdAt.toISOString(),
  };
}

/** A user and their password credential, written together (the credential format is better-auth's). */
export async function createUser(db: Database, input: NewUser, now = new Date()): Promise<UserView> {
  const data = newUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, role: data.role, emailVerified: true, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('user insert returned nothing');
      await tx.insert(accounts).values({
        userId: row.id,
        accountId: String(row.id),
        providerId: 'credential',
        password: passwordHash,
        createdAt: now,
        updatedAt: now,
      });
      return presentUser(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('email_taken', `A user with email ${data.email} already exists.`);
    throw error;
  }
}

export async function listUsers(db: Database): Promise<UserView[]> {
  const rows = await db.select().from(users).orderBy(asc(users.name), asc(users.id));
  return rows.map(presentUser);
}

export async function findUserByEmail(db: Database, email: string): Promise<UserView | null> {
  const [row] = await db.select().from(users).where(eq(users.email, emailSchema.parse(email))).limit(1);
  return row ? presentUser(row) : null;
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/**
 * Admin edits. Disabling ends the user's sessions at once, and a new password ends them too;
 * open tabs are told (`user.updated`) so the hub can drop their sockets.
 */
export async function updateUser(ctx: DomainContext, userId: number, change: UserChange): Promise<UserView> {
  const data = userChangeSchema.parse(change);
  const now = ctx.clock.now();
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  const before = await ctx.db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
  const user = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        name: data.name,
        role: data.role,
        banned: data.disabled,
        capacity: data.capacity,
        updatedAt: now,
      })
      .where(eq(users.id, userId))
      .returning();
    if (!row) throw notFound('User');
    if (passwordHash) {
      await tx
        .update(accounts)
        .set({ password: passwordHash, updatedAt: now })
        .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
    }
    if (data.disabled || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return presentUser(row);
  });
  // Their API tokens carry the old name, role or ban in this process's cache: asked afresh from now on.
  forgetUserTokens(ctx.db, userId);
  const revoked = Boolean(data.disabled || passwordHash);
  const roleChanged = before[0]?.role !== user.role;
  // Always told: a new capacity or name changes the supervisors' board too.
  ctx.bus.publish({ type: 'user.updated', userId, revoked, roleChanged });
  return user;
}

export interface FirstAdmin {
  user: UserView;
  /** Set only when we made the password up: it must be shown to the operator once. */
  generatedPassword: string | null;
}

/** On a fresh install, the first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD or gets a generated password. */
export async function ensureFirstAdmin(
  db: Database,
  { email, password }: { email?: string; password?: string },
): Promise<FirstAdmin | null> {
  if ((await countUsers(db)) > 0) return null;
  const generatedPassword = password ? null : randomBytes(12).toString('base64url');
  const user = await createUser(db, {
    email: email ?? 'admin@loket.local',
    password: password ?? generatedPassword!,
    name: 'Admin',
    role: 'admin',
  });
  return { user, generatedPassword };
}
