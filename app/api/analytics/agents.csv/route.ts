import { apiRoute } from '@/lib/http/api-route';
import { agentsCsv } from '@/lib/domain/analytics/csv';
import { reportAgents } from '@/lib/domain/analytics/per-agent';
import { analyticsQuerySchema } from '@/lib/domain/analytics/range';
import { analyticsRange } from '@/lib/domain/analytics/report';

export const dynamic = 'force-dynamic';

/** The per-agent table of the report, as a spreadsheet download. */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ req, runtime }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ''));
  const range = await analyticsRange(runtime.ctx.db, analyticsQuerySchema.parse(params));
  const csv = agentsCsv(await reportAgents(runtime.ctx.db, range));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="loket-agents-${range.from}-to-${range.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
