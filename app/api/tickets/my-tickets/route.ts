import { apiRoute } from '@/lib/http/api-route';
import { listMyTickets } from '@/lib/domain/tickets';

export const dynamic = 'force-dynamic';

/** The caller's open tickets, most recent activity first. */
export const GET = apiRoute({}, async ({ actor, runtime }) => ({
  tickets: await listMyTickets(runtime.ctx.db, { agentId: actor.id }),
}));
