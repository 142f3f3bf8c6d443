import type { z } from 'zod';
import type { Actor } from '../domain/context';
import { DomainError, notFound } from '../domain/errors';
import type { Role } from '../domain/views';
import { getRuntime, type Runtime } from '../runtime';
import { type ApiAnswer, answerForError, authorize } from './api-guard';

const toResponse = (answer: ApiAnswer) => Response.json(answer.body, { status: answer.status });

/** A failure as JSON: the body api-guard.ts words for every route, fast or not. */
export function errorResponse(error: unknown): Response {
  return toResponse(answerForError(error));
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
    throw notFound(what);
  }
  return id;
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
      const { actor, refusal } = await authorize(runtime, req.method, req.headers, options.roles);
      if (refusal) return toResponse(refusal);
      const params = ((await context?.params) ?? {}) as P;
      const result = await handler({ req, actor, params, runtime });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
