import { apiRoute, parseId } from '@/lib/http/api-route';
import { deletePriorityRule } from '@/lib/domain/priority-rules';

export const dynamic = 'force-dynamic';

export const DELETE = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ actor, params, runtime }) => {
  await deletePriorityRule(runtime.ctx, actor, parseId(params.id, 'Rule'));
  return { status: 'deleted' };
});
