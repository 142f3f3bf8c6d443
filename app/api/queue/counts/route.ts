import { apiRoute } from '@/lib/http/api-route';
import { countOpenTickets } from '@/lib/domain/queue-counts';

export const dynamic = 'force-dynamic';

/** The supervisors' strip, for a first paint or a resync; after that it is pushed as `queue:counts`. */
export const GET = apiRoute({ roles: ['supervisor', 'admin'] }, async ({ runtime }) => {
  const { agents_online, staff_online } = runtime.stats();
  return { counts: { ...(await countOpenTickets(runtime.ctx.db)), agents_online, staff_online } };
});
