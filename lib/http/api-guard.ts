import { ZodError } from 'zod';
import { resolveActor } from '../auth/actor';
import type { Actor } from '../domain/context';
import { DomainError } from '../domain/errors';
import type { Role } from '../domain/views';
import { getLogger } from '../logger';
import type { Runtime } from '../runtime';
import { headerOf, type RequestHeaders } from './request-headers';

// Framework-free halves of apiRoute (api-route.ts): the routes answered before Next
// (server/fast-routes.ts) use the same checks and the same error bodies, not copies.

/** An API answer before it is a Response: a status and the JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export function errorAnswer(status: number, code: string, message: string, details?: Record<string, unknown>): ApiAnswer {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** Every failure as `{"error":{"code","message"}}`: a DomainError says its own, anything unexpected is logged and hidden. */
export function answerForError(error: unknown): ApiAnswer {
  if (error instanceof DomainError) return errorAnswer(error.status, error.code, error.message, error.details);
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return errorAnswer(400, 'invalid_request', `${where}${first?.message ?? 'invalid request'}`, {
      issues: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  getLogger().error({ err: error }, 'unhandled error in API route');
  return errorAnswer(500, 'internal_error', 'Something went wrong on our side. It has been logged.');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Cookies are SameSite=Lax already; refusing a foreign Origin on writes closes the rest.
export function crossSiteWrite(method: string, headers: RequestHeaders): boolean {
  if (!UNSAFE.has(method) || headerOf(headers, 'authorization')) return false;
  const origin = headerOf(headers, 'origin');
  if (!origin) return false;
  const host = headerOf(headers, 'x-forwarded-host') ?? headerOf(headers, 'host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Who is asking and may they, in this order: 401 without an actor, 403 for a role or a cross-site write. */
export async function authorize(
  runtime: Runtime,
  method: string,
  headers: RequestHeaders,
  roles?: readonly Role[],
): Promise<{ actor: Actor; refusal?: never } | { actor?: never; refusal: ApiAnswer }> {
  const actor = await resolveActor(runtime, headers);
  if (!actor) return { refusal: errorAnswer(401, 'unauthorized', 'Sign in, or send a valid API token (Authorization: Bearer …).') };
  if (roles && !roles.includes(actor.role)) {
    return { refusal: errorAnswer(403, 'forbidden', `This needs one of these roles: ${roles.join(', ')}.`) };
  }
  if (crossSiteWrite(method, headers)) return { refusal: errorAnswer(403, 'forbidden', 'Cross-site requests are not allowed.') };
  return { actor };
}
