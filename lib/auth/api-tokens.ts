import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiTokens, users } from '../db/schema';
import type { Actor } from '../domain/context';

const PREFIX = 'lkt_';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ApiTokenView {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

/** Issues a token for scripts. Only its hash is kept; the token is returned once. */
export async function createApiToken(db: Database, { userId, name, now }: { userId: number; name: string; now: Date }) {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token), tokenPrefix: token.slice(0, 10), createdAt: now })
    .returning();
  if (!row) throw new Error('token insert returned nothing');
  return { token, view: presentToken(row) };
}

const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;
const lastUsedWritten = new Map<number, number>();

/** The actor behind a bearer token, or null when it is unknown, revoked or its user is disabled. */
export async function verifyApiToken(db: Database, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      banned: users.banned,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || row.banned) return null;
  // "Last used" is kept to the nearest few minutes so a busy script does not write on every call.
  const written = lastUsedWritten.get(row.tokenId) ?? 0;
  if (now.getTime() - written > LAST_USED_RESOLUTION_MS) {
    lastUsedWritten.set(row.tokenId, now.getTime());
    db.update(apiTokens)
      .set({ lastUsedAt: now })
      .where(eq(apiTokens.id, row.tokenId))
      .catch(() => lastUsedWritten.delete(row.tokenId));
  }
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

export async function listApiTokens(db: Database, userId: number): Promise<ApiTokenView[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id));
  return rows.map(presentToken);
}

export async function revokeApiToken(db: Database, { userId, tokenId, now }: { userId: number; tokenId: number; now: Date }) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return Boolean(row);
}

function presentToken(row: typeof apiTokens.$inferSelect): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}
