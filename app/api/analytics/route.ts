import { apiRoute } from '@/lib/http/api-route';
import { getAnalyticsReport } from '@/lib/domain/analytics/report';
import { analyticsQuerySchema } from '@/lib/domain/analytics/range';

export const dynamic = 'force-dynamic';

/** The supervisors' report for a range of local dates (see AnalyticsReport for the definitions). */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ req, runtime }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ''));
  return getAnalyticsReport(runtime.ctx.db, analyticsQuerySchema.parse(params));
});
