import { apiRoute, parseId } from '@/lib/http/api-route';
import { releaseTicket } from '@/lib/domain/assignment';

export const dynamic = 'force-dynamic';

/** Back to the queue for someone else (the assignee or a supervisor). */
export const POST = apiRoute<{ id: string }>({}, async ({ actor, params, runtime }) => ({
  status: 'success',
  ticket: await releaseTicket(runtime.ctx, { ticketId: parseId(params.id, 'Ticket'), actor }),
}));
