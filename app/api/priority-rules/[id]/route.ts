import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { deletePriorityRule, ruleChangeSchema, updatePriorityRule } from '@/lib/domain/priority-rules';

export const dynamic = 'force-dynamic';

export const PATCH = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ req, actor, params, runtime }) => {
  const input = await readJson(req, ruleChangeSchema);
  return { rule: await updatePriorityRule(runtime.ctx, actor, parseId(params.id, 'Rule'), input) };
});

export const DELETE = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ actor, params, runtime }) => {
  await deletePriorityRule(runtime.ctx, actor, parseId(params.id, 'Rule'));
  return { status: 'deleted' };
});
