import { apiRoute, parseId } from '@/lib/http/api-route';
import { listTicketEvents } from '@/lib/domain/timeline';

export const dynamic = 'force-dynamic';

/** The ticket's timeline: created, claimed, transferred, escalated, resolved…, with who and when. */
export const GET = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  events: await listTicketEvents(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor }),
}));
