import { ZodError, type z } from 'zod';
import { resolveActor } from '../auth/actor';
import type { Actor } from '../domain/context';
import { DomainError } from '../domain/errors';
import type { Role } from '../domain/views';
import { getLogger } from '../logger';
import { getRuntime, type Runtime } from '../runtime';

export function jsonError(status: number, code: string, message: string, details?: Record<string, unknown>) {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) return jsonError(error.status, error.code, error.message, error.details);
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return jsonError(400, 'invalid_request', `${where}${first?.message ?? 'invalid request'}`, {
      issues: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  getLogger().error({ err: error }, 'unhandled error in API route');
  return jsonError(500, 'internal_error', 'Something went wrong on our side. It has been logged.');
}

/** Parses a JSON body with a schema; a body that is not JSON is a 400, not a crash. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new DomainError('invalid_json', 'The request body must be valid JSON.', 400);
  }
  return schema.parse(body);
}

/** Route ids are positive integers; anything else names nothing. */
export function parseId(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0 || String(id) !== value) {
    throw new DomainError('not_found', `${what} not found`, 404);
  }
  return id;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Cookies are SameSite=Lax already; refusing a foreign Origin on writes closes the rest.
function crossSiteWrite(req: Request): boolean {
  if (!UNSAFE.has(req.method) || req.headers.get('authorization')) return false;
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export interface RouteArgs<P> {
  req: Request;
  actor: Actor;
  params: P;
  runtime: Runtime;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * Every authenticated API route goes through here: who is asking, may they, then the handler.
 * A handler returns a Response or a plain object (sent as 200 JSON).
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  options: { roles?: readonly Role[] },
  handler: (args: RouteArgs<P>) => Promise<Response | object>,
) {
  return async (req: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const runtime = getRuntime();
      const actor = await resolveActor(runtime, req.headers);
      if (!actor) return jsonError(401, 'unauthorized', 'Sign in, or send a valid API token (Authorization: Bearer …).');
      if (options.roles && !options.roles.includes(actor.role)) {
        return jsonError(403, 'forbidden', `This needs one of these roles: ${options.roles.join(', ')}.`);
      }
      if (crossSiteWrite(req)) return jsonError(403, 'forbidden', 'Cross-site requests are not allowed.');
      const params = ((await context?.params) ?? {}) as P;
      const result = await handler({ req, actor, params, runtime });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
