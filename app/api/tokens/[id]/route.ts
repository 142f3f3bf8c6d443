import { apiRoute, parseId } from '@/lib/http/api-route';
import { revokeApiToken } from '@/lib/auth/api-tokens';
import { notFound } from '@/lib/domain/errors';

export const dynamic = 'force-dynamic';

export const DELETE = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => {
  const tokenId = parseId(params.id, 'Token');
  const revoked = await revokeApiToken(runtime.ctx.db, { userId: actor.id, tokenId, now: runtime.ctx.clock.now() });
  if (!revoked) throw notFound('Token');
  return { status: 'revoked' };
});
