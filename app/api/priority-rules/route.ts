import { apiRoute, readJson } from '@/lib/http/api-route';
import { createPriorityRule, listPriorityRules, newRuleSchema } from '@/lib/domain/priority-rules';

export const dynamic = 'force-dynamic';

/** Keyword → priority rules (matched as whole words, ignoring case and accents). */
export const GET = apiRoute({}, async ({ runtime }) => ({ rules: await listPriorityRules(runtime.ctx.db) }));

export const POST = apiRoute({ roles: ['admin'] }, async ({ req, actor, runtime }) => {
  const input = await readJson(req, newRuleSchema);
  return Response.json({ rule: await createPriorityRule(runtime.ctx, actor, input) }, { status: 201 });
});
