import { apiRoute, readJson } from '@/lib/http/api-route';
import { createUser, listUsers, newUserSchema } from '@/lib/domain/users';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ roles: ['admin'] }, async ({ runtime }) => ({ users: await listUsers(runtime.ctx.db) }));

export const POST = apiRoute({ roles: ['admin'] }, async ({ req, runtime }) => {
  const input = await readJson(req, newUserSchema);
  const user = await createUser(runtime.ctx.db, input, runtime.ctx.clock.now());
  runtime.ctx.logger.info({ userId: user.id, role: user.role }, 'user created');
  return Response.json({ user }, { status: 201 });
});
