import { z } from 'zod';
import { apiRoute, readJson } from '@/lib/http/api-route';
import { createApiToken, listApiTokens } from '@/lib/auth/api-tokens';

export const dynamic = 'force-dynamic';

const body = z.object({ name: z.string().trim().min(1, 'give the token a name').max(100) });

/** The caller's own API tokens (for scripts: Authorization: Bearer …). */
export const GET = apiRoute({}, async ({ actor, runtime }) => ({ tokens: await listApiTokens(runtime.ctx.db, actor.id) }));

export const POST = apiRoute({}, async ({ req, actor, runtime }) => {
  const { name } = await readJson(req, body);
  const { token, view } = await createApiToken(runtime.ctx.db, { userId: actor.id, name, now: runtime.ctx.clock.now() });
  return Response.json({ token: view, secret: token }, { status: 201 });
});
