import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { DomainError } from '@/lib/domain/errors';
import { updateUser, userChangeSchema } from '@/lib/domain/users';

export const dynamic = 'force-dynamic';

export const PATCH = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ req, actor, params, runtime }) => {
  const userId = parseId(params.id, 'User');
  const change = await readJson(req, userChangeSchema);
  // An admin cannot lock themself out (the last way back in would be the command line).
  if (userId === actor.id && (change.disabled || (change.role && change.role !== 'admin'))) {
    throw new DomainError('forbidden', 'You cannot disable yourself or remove your own admin role.', 403);
  }
  const user = await updateUser(runtime.ctx, userId, change);
  runtime.ctx.logger.info({ userId, by: actor.id, fields: Object.keys(change) }, 'user updated');
  return { user };
});
