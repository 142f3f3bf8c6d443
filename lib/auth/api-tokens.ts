import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiTokens, users } from '../db/schema';
import type { Actor } from '../domain/context';
import { cachedToken, forgetToken, rememberToken, tokenCacheEpoch, type VerifiedToken } from './token-cache';

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
  const hash = hashToken(token);
  // A script calling in a loop (or 100 agents racing for a ticket) would look its token up every
  // time: believed for a few seconds instead (token-cache.ts says what drops it sooner).
  const verified = cachedToken(db, hash, now) ?? (await lookUpToken(db, hash, now));
  if (!verified) return null;
  noteUse(db, verified.tokenId, now);
  return { ...verified.actor };
}

async function lookUpToken(db: Database, hash: string, now: Date): Promise<VerifiedToken | null> {
  const epoch = tokenCacheEpoch(db);
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
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
    .limit(1);
  // Refusals are not cached: a token issued a moment ago works at once.
  if (!row || row.banned) return null;
  const verified = { tokenId: row.tokenId, actor: { id: row.id, name: row.name, email: row.email, role: row.role } };
  rememberToken(db, hash, verified, epoch, now);
  return verified;
}

// "Last used" is kept to the nearest few minutes so a busy script does not write on every call.
function noteUse(db: Database, tokenId: number, now: Date) {
  const written = lastUsedWritten.get(tokenId) ?? 0;
  if (now.getTime() - written <= LAST_USED_RESOLUTION_MS) return;
  lastUsedWritten.set(tokenId, now.getTime());
  db.update(apiTokens)
    .set({ lastUsedAt: now })
    .where(eq(apiTokens.id, tokenId))
    .catch(() => lastUsedWritten.delete(tokenId));
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
    .returning({ id: apiTokens.id, hash: apiTokens.tokenHash });
  if (row) forgetToken(db, row.hash);
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
