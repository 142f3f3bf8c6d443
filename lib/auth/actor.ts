import type { Actor } from '../domain/context';
import { headerOf, type RequestHeaders, toWebHeaders } from '../http/request-headers';
import type { Runtime } from '../runtime';
import { verifyApiToken } from './api-tokens';
import { ROLES, type Role } from '../domain/views';

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * Who is asking: a bearer token (scripts) or the browser's session cookie.
 * A request that presents a token is judged on the token alone.
 */
export async function resolveActor(runtime: Runtime, headers: RequestHeaders): Promise<Actor | null> {
  const authorization = headerOf(headers, 'authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ? verifyApiToken(runtime.ctx.db, match[1], runtime.ctx.clock.now()) : null;
  }
  if (!headerOf(headers, 'cookie')) return null;
  const session = await runtime.auth.api.getSession({ headers: toWebHeaders(headers) });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: unknown; banned?: unknown };
  if (user.banned || !isRole(user.role)) return null;
  return { id: Number(user.id), name: user.name, email: user.email, role: user.role };
}
